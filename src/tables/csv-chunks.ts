/**
 * CSV read as bytes, a chunk at a time, for a file too large to hold as text (an invoice of a
 * million lines): the records are found by the streaming record splitter (which checks the
 * bytes are UTF-8 as it goes) and each goes through the steps {@link visitCsv} gives a record
 * ({@link CsvRecords}), so the header, rows, lines and problems are those of the text read whole.
 */
import { InputError, type IssueLocation } from '../errors/input-error.js';
import { CsvRecordSplitter } from './csv-records.js';
import { checkDecodedText } from '../text/encoding.js';
import { CsvRecords, type CsvVisit, type CsvVisitor } from './csv.js';

/** The bytes of a CSV file, handed out a chunk at a time, in order, by {@link CsvChunks.read}. */
export interface CsvChunks {
  readonly kind: 'csvChunks';
  /** A label for messages, such as the file name. */
  readonly source?: string;
  /** Gives each chunk of the file to `take`, in order, then returns. */
  read(take: (chunk: Uint8Array) => void): void;
}

/** True for {@link CsvChunks} (not text, not a table of cells). */
export function isCsvChunks(input: unknown): input is CsvChunks {
  return typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'csvChunks';
}

/**
 * {@link visitCsv} of CSV bytes read a chunk at a time, without holding them.
 * @throws InputError when the bytes are not UTF-8 (or are UTF-16 or UTF-32), at the line of the
 * first wrong byte, as soon as it is read; or when a record runs on past the splitter's limit.
 */
export function visitCsvChunks(chunks: CsvChunks, visitor: CsvVisitor): CsvVisit {
  const source = chunks.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  const records = new CsvRecords(source, visitor);
  const splitter = new CsvRecordSplitter(
    {
      // A one-line record of plain ASCII (no quote, no NUL) is its bytes' characters, cut at the commas.
      fast: (bytes, start, newline, line) => {
        const end = newline > start && bytes[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
        if (end === start) return true;
        for (let index = start; index < end; index += 1) {
          const byte = bytes[index] as number;
          if (byte >= 0x80 || byte === QUOTE || byte === 0) return false;
        }
        records.cells(asciiText(bytes, start, end).split(','), line);
        return true;
      },
      // Any other record as text, decoded strictly.
      slow: (text, line) => {
        if (text === '') return;
        checkRecordText(text, line, source);
        // Without a quote only a comma ends a cell, as visitCsv cuts such a record.
        if (text.includes('"')) records.record(text, line);
        else records.cells(text.split(','), line);
      },
    },
    at,
  );
  chunks.read((chunk) => splitter.push(chunk));
  splitter.end();
  return records.finish();
}

const QUOTE = 34;
const CARRIAGE_RETURN = 13;
/** Characters made at once from bytes (below the engine's limit on arguments). */
const ASCII_RUN = 8192;

/** The text of bytes `[start, end)`, each one an ASCII character. */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= ASCII_RUN)
    return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  let text = '';
  for (let from = start; from < end; from += ASCII_RUN) {
    text += String.fromCharCode.apply(
      null,
      bytes.subarray(from, Math.min(end, from + ASCII_RUN)) as unknown as number[],
    );
  }
  return text;
}

/** {@link checkDecodedText} of one record starting on `line`: the problem is placed at the file's line. */
function checkRecordText(text: string, line: number, source: string | undefined): void {
  try {
    checkDecodedText(text, source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      error.issues.map((issue) => (issue.line === undefined ? issue : { ...issue, line: issue.line + line - 1 })),
    );
  }
}
