/**
 * A table of text cells with a header row, whatever file it came from: the CSV reader and the
 * workbook reader (`dcc-charges/xlsx`) both give one, and the same row validation reads it.
 * A row knows where it is (a CSV line, or a sheet row); for a sheet, each column has a letter,
 * so that a problem with a field is reported at its cell (`sheet "June", cell F14`).
 */
import type { InputIssue, IssueLocation } from '../errors/input-error.js';
import { readCsv } from './csv.js';

/** One data row: its cells as text (an empty cell is `""`) and where it is. */
export interface CellRow {
  readonly at: IssueLocation;
  readonly cells: readonly string[];
  /** For a sheet: what kind of cell each non-text cell was (`"a date cell"`), to explain a refusal. */
  readonly kinds?: readonly (string | undefined)[];
}

/** A table read from a file: header, rows, and the problems of rows that could not be read. */
export interface CellTable {
  readonly header: readonly string[];
  /** Where the header row is. */
  readonly headerAt: IssueLocation;
  readonly rows: readonly CellRow[];
  readonly issues: readonly InputIssue[];
  /** For a sheet: the column letters of the header's cells (`["A", "B", ...]`). */
  readonly columnLetters?: readonly string[];
}

/** True for a table already read (a sheet), rather than text still to be parsed. */
export function isCellTable(input: string | CellTable): input is CellTable {
  return typeof input !== 'string';
}

/** The CSV reader's table as a cell table. */
export function csvCellTable(text: string, source: string | undefined): CellTable {
  const table = readCsv(text, source);
  const at: IssueLocation = source === undefined ? {} : { source };
  return {
    header: table.header,
    headerAt: { ...at, line: table.headerLine },
    rows: table.rows.map((row) => ({ at: { ...at, line: row.line }, cells: row.cells })),
    issues: table.issues,
  };
}

/**
 * Where one column of a table's header is: on a sheet, its header cell (`sheet "June", cell C1`);
 * otherwise the header's line.
 */
export function headerColumnAt(table: CellTable): (index: number) => IssueLocation {
  return (index) => {
    const letter = table.columnLetters?.[index];
    const line = table.headerAt.line;
    return letter === undefined || line === undefined || table.headerAt.sheet === undefined
      ? table.headerAt
      : { ...table.headerAt, cell: `${letter}${line}` };
  };
}

/**
 * Where a table's header is as a whole (a column it lacks): on a sheet, the range of its header
 * cells (`sheet "June", cell A1:E1`); otherwise the header's line.
 */
export function headerRowAt(table: CellTable): IssueLocation {
  const letters = table.columnLetters;
  const line = table.headerAt.line;
  const first = letters?.[0];
  const last = letters?.[letters.length - 1];
  if (first === undefined || last === undefined || line === undefined || table.headerAt.sheet === undefined)
    return table.headerAt;
  return { ...table.headerAt, cell: first === last ? `${first}${line}` : `${first}${line}:${last}${line}` };
}

/**
 * Places field issues of a sheet at their cells: an issue on a row with a `field` gets the
 * cell of that field's column (and says what kind of cell it was, when not text).
 * @param fieldOfColumn - the field each column was read as (`null` for an ignored column).
 */
export function placeIssuesAtCells(
  issues: readonly InputIssue[],
  table: CellTable,
  fieldOfColumn: readonly (string | null)[],
): InputIssue[] {
  const letters = table.columnLetters;
  if (letters === undefined) return [...issues];
  const rowsByLine = new Map<number, CellRow>();
  for (const row of table.rows) if (row.at.line !== undefined) rowsByLine.set(row.at.line, row);
  return issues.map((issue) => {
    if (issue.sheet === undefined || issue.line === undefined || issue.field === undefined || issue.cell !== undefined)
      return issue;
    const column = fieldOfColumn.indexOf(issue.field);
    const letter = letters[column];
    if (column < 0 || letter === undefined) return issue;
    const kind = rowsByLine.get(issue.line)?.kinds?.[column];
    const detail = kind === undefined ? issue.detail : issue.detail === undefined ? kind : `${kind}; ${issue.detail}`;
    return { ...issue, cell: `${letter}${issue.line}`, ...(detail === undefined ? {} : { detail }) };
  });
}
