/**
 * A small RFC 4180 CSV reader for text already in memory: quoted fields, doubled quotes,
 * commas and line breaks inside quotes, CRLF or LF line ends, a leading byte-order mark.
 * It reports a ragged row, a stray quote or an unterminated quote at the line its record starts on,
 * and text that shows it was not UTF-8 (decision 0061) as the one problem of the file.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import { checkDecodedText } from '../text/encoding.js';

/** One data row of a CSV file with the line it starts on (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A CSV file split into its header and rows, or the problems that stopped it. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly CsvRow[];
  readonly issues: readonly InputIssue[];
}

/** The cells of one CSV record, and any problem with its quotes. */
export interface SplitRecord {
  readonly cells: string[];
  readonly problems: readonly Pick<InputIssue, 'code' | 'expected' | 'received'>[];
}

/**
 * Splits one record's text into cells by RFC 4180: a quote opens a quoted field only at the
 * start of a field, a doubled quote inside one stands for a quote, and commas and line breaks
 * inside quotes belong to the cell. The one cell splitter of the library.
 */
export function splitCsvRecord(text: string): SplitRecord {
  const cells: string[] = [];
  const problems: SplitRecord['problems'][number][] = [];
  let cell = '';
  let quoted = false;
  let cellWasQuoted = false;
  let trailingReported = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else quoted = false;
      } else cell += char;
    } else if (char === '"' && cell === '' && !cellWasQuoted) {
      quoted = true;
      cellWasQuoted = true;
    } else if (cellWasQuoted && char !== ',' && !(char === '\r' && text[index + 1] === '\n')) {
      if (!trailingReported) problems.push({ code: 'malformedCsv', expected: 'a comma or the end of the record after a closing quote (RFC 4180)', received: `${JSON.stringify(char)} after the quoted text ${JSON.stringify(cell)}` });
      trailingReported = true;
      cell += char;
    } else if (char === '"') {
      problems.push({ code: 'malformedCsv', expected: 'a quote only at the start of a field (RFC 4180)', received: `a stray quote in ${JSON.stringify(cell + char)}` });
      cell += char;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      cellWasQuoted = false;
      trailingReported = false;
    } else if (char === '\r' && text[index + 1] === '\n') {
      // biome-ignore lint/complexity/noUselessContinue: the \r of a \r\n is skipped, not added to the cell
      continue;
    } else cell += char;
  }
  if (quoted) problems.push({ code: 'malformedCsv', expected: 'a closing quote for the quoted field opened here', received: 'the end of the file' });
  cells.push(cell);
  return { cells, problems };
}

/** A record as split: its line, its cells, and whether its quotes broke a rule. */
interface FramedRecord extends CsvRow {
  readonly malformed: boolean;
}

/**
 * Splits CSV text into records of cells, each with the line on which it starts: record ends
 * are found with the same quote rule, and each record's cells by {@link splitCsvRecord}.
 */
function splitRecords(text: string, source: string | undefined): { records: FramedRecord[]; issues: InputIssue[] } {
  const records: FramedRecord[] = [];
  const issues: InputIssue[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = source === undefined ? {} : { source };
  const take = (from: number, to: number, line: number, complete: boolean) => {
    const record = body.slice(from, to);
    if (record === '') return;
    const { cells, problems } = splitCsvRecord(record);
    for (const problem of problems) issues.push({ ...at, line, ...problem });
    // A record still open at the end is reported and is not a row; it can still be the header.
    records.push({ line, cells, malformed: !complete || problems.length > 0 });
  };
  let quoted = false;
  let atFieldStart = true;
  let recordStart = 0;
  let recordLine = 1;
  let line = 1;
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    if (quoted) {
      if (char === '"') {
        if (body[index + 1] === '"') index += 1;
        else quoted = false;
      } else if (char === '\n') {
        line += 1;
      }
    } else if (char === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (char === ',') {
      atFieldStart = true;
    } else if (char === '\n') {
      take(recordStart, index > recordStart && body[index - 1] === '\r' ? index - 1 : index, recordLine, true);
      line += 1;
      recordLine = line;
      recordStart = index + 1;
      atFieldStart = true;
    } else if (!(char === '\r' && body[index + 1] === '\n')) {
      atFieldStart = false;
    }
  }
  take(recordStart, body.length, recordLine, !quoted);
  return { records, issues };
}

/**
 * Reads CSV text with a header row. Every data row must have as many cells as the header.
 * @param source - a label for messages, such as the file name.
 */
export function readCsv(text: string, source?: string): CsvTable {
  try {
    checkDecodedText(text, source);
  } catch (error) {
    if (error instanceof InputError) return { header: [], headerLine: 1, rows: [], issues: error.issues };
    throw error;
  }
  const { records, issues } = splitRecords(text, source);
  const at = source === undefined ? {} : { source };
  const [first, ...rest] = records;
  if (first === undefined) {
    return {
      header: [],
      headerLine: 1,
      rows: [],
      issues: [
        ...issues,
        { ...at, line: 1, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty file' },
      ],
    };
  }
  const header = first.cells.map((name) => name.trim());
  // A record whose quotes break a rule is reported (above) and is not a row, as in the streaming reader.
  const rows = rest.filter((row) => !row.malformed).map(({ line, cells }) => ({ line, cells }));
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      issues.push({
        ...at,
        line: row.line,
        code: 'raggedRow',
        expected: `${header.length} cells, as in the header`,
        received: `${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}`,
      });
    }
  }
  return { header, headerLine: first.line, rows, issues };
}
