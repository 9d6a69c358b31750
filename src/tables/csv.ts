/**
 * A small RFC 4180 CSV reader for text already in memory: quoted fields, doubled quotes,
 * commas and line breaks inside quotes, CRLF or LF line ends, a leading byte-order mark.
 * It reports a ragged row or an unterminated quote with its line number.
 */
import type { InputIssue } from '../errors/input-error.js';

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

/** Splits CSV text into records of cells, each with the line on which it starts. */
function splitRecords(text: string, source: string | undefined): { records: CsvRow[]; issues: InputIssue[] } {
  const records: CsvRow[] = [];
  const issues: InputIssue[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let cellWasQuoted = false;
  const at = source === undefined ? {} : { source };

  const endRecord = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0] === '' && !cellWasQuoted;
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellWasQuoted = false;
  };

  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] as string;
    if (quoted) {
      if (char === '"') {
        if (body[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '' && !cellWasQuoted) {
      quoted = true;
      cellWasQuoted = true;
      quoteLine = line;
    } else if (char === '"') {
      issues.push({
        ...at,
        line,
        code: 'malformedCsv',
        expected: 'a quote only at the start of a field (RFC 4180)',
        received: `a stray quote in ${JSON.stringify(cell + char)}`,
      });
      cell += char;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      cellWasQuoted = false;
    } else if (char === '\r' && body[index + 1] === '\n') {
      continue;
    } else if (char === '\n') {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) {
    issues.push({
      ...at,
      line: quoteLine,
      code: 'malformedCsv',
      expected: 'a closing quote for the quoted field opened here',
      received: 'the end of the file',
    });
  } else if (cell !== '' || cells.length > 0 || cellWasQuoted) {
    endRecord();
  }
  return { records, issues };
}

/**
 * Reads CSV text with a header row. Every data row must have as many cells as the header.
 * @param source - a label for messages, such as the file name.
 */
export function readCsv(text: string, source?: string): CsvTable {
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
  for (const row of rest) {
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
  return { header, headerLine: first.line, rows: rest, issues };
}
