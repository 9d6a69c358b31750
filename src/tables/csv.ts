/**
 * A small RFC 4180 CSV reader for text already in memory: quoted fields, doubled quotes,
 * commas and line breaks inside quotes, CRLF or LF line ends, a leading byte-order mark.
 * It reports a ragged row, a stray quote or an unterminated quote at the line its record starts on,
 * and text that shows it was not UTF-8 (decision 0061) as the one problem of the file.
 */
import { InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
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
      if (!trailingReported)
        problems.push({
          code: 'malformedCsv',
          expected: 'a comma or the end of the record after a closing quote (RFC 4180)',
          received: `${JSON.stringify(char)} after the quoted text ${JSON.stringify(cell)}`,
        });
      trailingReported = true;
      cell += char;
    } else if (char === '"') {
      problems.push({
        code: 'malformedCsv',
        expected: 'a quote only at the start of a field (RFC 4180)',
        received: `a stray quote in ${JSON.stringify(cell + char)}`,
      });
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
  if (quoted)
    problems.push({
      code: 'malformedCsv',
      expected: 'a closing quote for the quoted field opened here',
      received: 'the end of the file',
    });
  cells.push(cell);
  return { cells, problems };
}

/** Receives the records of CSV text, in order, from {@link visitCsv}. */
export interface CsvVisitor {
  /** The first record: the header, its names trimmed, and the line it starts on. */
  header(names: readonly string[], line: number): void;
  /**
   * Each later record whose quotes keep the rules (one that breaks them is reported and is not
   * a row), whatever its number of cells: a row of another width than the header is also
   * reported, as `ragged`, and is still passed on.
   */
  row(cells: string[], line: number): void;
}

/** What {@link visitCsv} found beside the records it passed on. */
export interface CsvVisit {
  /** The header's names (trimmed); none when the text has no record or is not UTF-8. */
  readonly header: readonly string[];
  readonly headerLine: number;
  /** Quotes that break the rules, text that is not UTF-8, an empty file: in line order. */
  readonly problems: readonly InputIssue[];
  /** Rows whose number of cells is not the header's: in line order. */
  readonly ragged: readonly InputIssue[];
}

const QUOTE = 34;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Walks CSV text record by record, without holding the records: each record's end is found
 * with the RFC 4180 quote rule, and its cells split by {@link splitCsvRecord}, except that a
 * record with no quote at all is split at its commas directly (the same cells: without a
 * quote, only a comma ends a cell). The one CSV reader of the library: {@link readCsv} and
 * the table readers are built on it.
 * @param source - a label for messages, such as the file name.
 */
export function visitCsv(text: string, source: string | undefined, visitor: CsvVisitor): CsvVisit {
  try {
    checkDecodedText(text, source);
  } catch (error) {
    if (error instanceof InputError) return { header: [], headerLine: 1, problems: error.issues, ragged: [] };
    throw error;
  }
  const records = new CsvRecords(source, visitor);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const length = body.length;
  let position = 0;
  let line = 1;
  // The next quote at or after `position` (-1: none left), found once and reused while behind it.
  let nextQuote = body.indexOf('"');
  while (position < length) {
    if (nextQuote !== -1 && nextQuote < position) nextQuote = body.indexOf('"', position);
    const lineEnd = body.indexOf('\n', position);
    const end = lineEnd === -1 ? length : lineEnd;
    if (nextQuote === -1 || nextQuote >= end) {
      // One line with no quote: cut at the commas.
      const stop = lineEnd !== -1 && end > position && body.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
      if (stop > position) records.cells(splitPlainRecord(body, position, stop), line);
      position = end + 1;
      line += 1;
      continue;
    }
    // A record with a quote: found as the character reader finds it, then split by splitCsvRecord.
    const recordLine = line;
    let quoted = false;
    let atFieldStart = true;
    let index = position;
    for (; index < length; index += 1) {
      const char = body.charCodeAt(index);
      if (quoted) {
        if (char === QUOTE) {
          if (body.charCodeAt(index + 1) === QUOTE) index += 1;
          else quoted = false;
        } else if (char === LINE_FEED) {
          line += 1;
        }
      } else if (char === QUOTE && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (char === 44) {
        atFieldStart = true;
      } else if (char === LINE_FEED) {
        break;
      } else if (!(char === CARRIAGE_RETURN && body.charCodeAt(index + 1) === LINE_FEED)) {
        atFieldStart = false;
      }
    }
    const stop =
      index < length && index > position && body.charCodeAt(index - 1) === CARRIAGE_RETURN ? index - 1 : index;
    if (stop > position) records.record(body.slice(position, stop), recordLine);
    position = index + 1;
    line += 1;
  }
  return records.finish();
}

/**
 * What {@link visitCsv} does with each record once it is found: the first is the header,
 * each later one a row (reported as ragged when its width is not the header's); a record whose
 * quotes break the rules is reported and is not a row (it can still be the header). Records
 * found elsewhere (in a stream of bytes, `visitCsvChunks`) go through the same steps.
 */
export class CsvRecords {
  readonly #at: IssueLocation;
  readonly #visitor: CsvVisitor;
  readonly #problems: InputIssue[] = [];
  readonly #ragged: InputIssue[] = [];
  #header: readonly string[] | undefined;
  #headerLine = 1;

  constructor(source: string | undefined, visitor: CsvVisitor) {
    this.#at = source === undefined ? {} : { source };
    this.#visitor = visitor;
  }

  /** A record's text (without its line end, not empty), starting on `line`: split by {@link splitCsvRecord}. */
  record(text: string, line: number): void {
    const split = splitCsvRecord(text);
    for (const problem of split.problems) this.#problems.push({ ...this.#at, line, ...problem });
    // A record still open at the end is reported and is not a row; it can still be the header.
    if (this.#header === undefined || split.problems.length === 0) this.cells(split.cells, line);
  }

  /** A record already split into its cells (one with no quote), starting on `line`. */
  cells(cells: string[], line: number): void {
    const header = this.#header;
    if (header === undefined) {
      const names = cells.map((name) => name.trim());
      this.#header = names;
      this.#headerLine = line;
      this.#visitor.header(names, line);
      return;
    }
    if (cells.length !== header.length) {
      this.#ragged.push({
        ...this.#at,
        line,
        code: 'raggedRow',
        expected: `${header.length} cells, as in the header`,
        received: `${cells.length} cell${cells.length === 1 ? '' : 's'}`,
      });
    }
    this.#visitor.row(cells, line);
  }

  /** What was found beside the records: an empty file is reported here. */
  finish(): CsvVisit {
    if (this.#header === undefined) {
      this.#problems.push({
        ...this.#at,
        line: 1,
        code: 'emptyFile',
        expected: 'a header row naming the columns',
        received: 'an empty file',
      });
    }
    return { header: this.#header ?? [], headerLine: this.#headerLine, problems: this.#problems, ragged: this.#ragged };
  }
}

/** The cells of `text[from, to)`, a record with no quote: cut at each comma. */
function splitPlainRecord(text: string, from: number, to: number): string[] {
  const cells: string[] = [];
  let start = from;
  for (let comma = text.indexOf(',', start); comma !== -1 && comma < to; comma = text.indexOf(',', start)) {
    cells.push(text.slice(start, comma));
    start = comma + 1;
  }
  cells.push(text.slice(start, to));
  return cells;
}

/**
 * Reads CSV text with a header row. Every data row must have as many cells as the header.
 * @param source - a label for messages, such as the file name.
 */
export function readCsv(text: string, source?: string): CsvTable {
  const rows: CsvRow[] = [];
  const visit = visitCsv(text, source, { header: () => undefined, row: (cells, line) => rows.push({ line, cells }) });
  return {
    header: visit.header,
    headerLine: visit.headerLine,
    rows: visit.header.length === 0 ? [] : rows,
    issues: [...visit.problems, ...visit.ragged],
  };
}
