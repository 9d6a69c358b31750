/**
 * Reads tabular input, CSV with a header row or a JSON array of objects, into records
 * that keep where they came from, then validates each record with a row schema.
 */
import { headerIssues, type TableColumns } from './header-check.js';
import type { z } from 'zod';
import { describeReceived, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { issuesFromZod } from '../schema/issues.js';
import { copyWrittenNumber, parseJsonText } from '../text/json-text.js';
import { headerColumnAt, headerRowAt, isCellTable, placeIssuesAtCells, type CellTable } from './cell-table.js';
import { visitCsv, type CsvVisit, type CsvVisitor } from './csv.js';
import { isCsvChunks, visitCsvChunks, type CsvChunks } from './csv-chunks.js';

/** Text formats of tabular input. */
export type TableFormat = 'csv' | 'json';

/** Options for reading a table. */
export interface ReadTableOptions {
  /** A label for messages, such as the file name. */
  readonly source?: string;
  /** The format; by default JSON when the text starts with `[` or `{`, else CSV. */
  readonly format?: TableFormat;
}

/** A validated row and where it came from. */
export interface Located<T> {
  readonly value: T;
  readonly location: IssueLocation;
}

/** Columns of a table: those that must be present and those that may be. */
export type { TableColumns };

/** Chooses JSON or CSV from the text itself. */
export function detectTableFormat(text: string): TableFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('[') || start.startsWith('{') ? 'json' : 'csv';
}

/**
 * {@link detectTableFormat} of a file's first bytes (UTF-8): JSON when, after a byte-order mark
 * and blanks, they start with `[` or `{`; undefined when they are all blanks (too few to tell).
 */
export function detectTableFormatOfBytes(head: Uint8Array): TableFormat | undefined {
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (start < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[start] as number)) start += 1;
  if (start === head.length) return undefined;
  return head[start] === 0x5b || head[start] === 0x7b ? 'json' : 'csv';
}

/** The one JSON reader (`src/text/json-text.ts`), here too for the readers that import it from here. */
export { parseJsonText };

interface RawRecord {
  readonly values: Record<string, unknown>;
  readonly location: IssueLocation;
}

/** Records read from a table's text, and the problems of rows that could not be read. */
interface RawRecords {
  readonly records: RawRecord[];
  readonly issues: InputIssue[];
}

/**
 * The records of a table of cells (CSV, or a workbook sheet). Problems with the file as a whole
 * (no header, missing or unknown columns) throw; a ragged or malformed row is reported and the
 * other rows are still read, so that every problem of the file is reported together.
 */
function rawCellRecords(table: CellTable, columns: TableColumns): RawRecords {
  if (table.header.length === 0 && table.issues.length > 0) {
    throw new InputError([
      ...table.issues.filter((issue) => issue.code !== 'emptyFile'),
      ...table.issues.filter((issue) => issue.code === 'emptyFile'),
    ]);
  }
  const issues: InputIssue[] = table.issues.filter((issue) => issue.code === 'emptyFile');
  if (table.header.length > 0)
    issues.push(...headerIssues(table.header, columns, headerRowAt(table), headerColumnAt(table)));
  if (issues.length > 0)
    throw new InputError([...table.issues.filter((issue) => issue.code !== 'emptyFile'), ...issues]);
  const records = table.rows
    .filter((row) => row.cells.length === table.header.length)
    .map((row) => {
      const values: Record<string, unknown> = {};
      table.header.forEach((name, index) => {
        const cell = row.cells[index] ?? '';
        const isOptional = !columns.required.includes(name);
        if (!(isOptional && cell === '')) values[name] = cell;
      });
      return { values, location: row.at };
    });
  return { records, issues: [...table.issues] };
}

/** Keys a JSON table document may carry beside its rows. */
const TABLE_DOCUMENT_KEYS = ['rows', 'illustrative', 'description', 'source'];

/**
 * The rows of a JSON table: either an array of row objects, or a document
 * `{ "illustrative": true, "description": "...", "source": "...", "rows": [...] }`
 * so that a file of invented figures can say so.
 */
function jsonRows(
  data: unknown,
  at: IssueLocation,
): { rows: unknown[]; path: (string | number)[]; illustrative: boolean } {
  if (Array.isArray(data)) return { rows: data, path: [], illustrative: false };
  if (data !== null && typeof data === 'object' && Array.isArray((data as { rows?: unknown }).rows)) {
    const issues: InputIssue[] = [];
    const unknownKeys = Object.keys(data).filter((key) => !TABLE_DOCUMENT_KEYS.includes(key));
    if (unknownKeys.length > 0) {
      issues.push({
        ...at,
        code: 'unknownField',
        expected: `a table document with only ${TABLE_DOCUMENT_KEYS.join(', ')}`,
        received: `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => `"${key}"`).join(', ')}`,
      });
    }
    const illustrative: unknown = (data as { illustrative?: unknown }).illustrative;
    if (illustrative !== undefined && typeof illustrative !== 'boolean') {
      issues.push({
        ...at,
        path: ['illustrative'],
        code: 'invalidValue',
        expected: 'true or false',
        received: describeReceived(illustrative),
      });
    }
    if (issues.length > 0) throw new InputError(issues);
    return { rows: (data as { rows: unknown[] }).rows, path: ['rows'], illustrative: illustrative === true };
  }
  throw new InputError([
    {
      ...at,
      code: 'notAnArray',
      expected: 'a JSON array of row objects, or an object with a "rows" array',
      received: describeReceived(data),
    },
  ]);
}

function rawJsonRecords(text: string, source: string | undefined): RawRecords {
  const at = source === undefined ? {} : { source };
  const { rows, path } = jsonRows(parseJsonText(text, source), at);
  const issues: InputIssue[] = [];
  const records: RawRecord[] = [];
  rows.forEach((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({
        ...at,
        path: [...path, index],
        code: 'notAnObject',
        expected: 'a row object',
        received: describeReceived(item),
      });
    } else {
      records.push({ values: item as Record<string, unknown>, location: { ...at, path: [...path, index] } });
    }
  });
  return { records, issues };
}

/** How a reader that maps its headers turns them into fields (see {@link readTableRecords}). */
export interface HeaderPlan {
  /** The field each header is read into, in the headers' order; null for a header not read. */
  readonly fieldOfHeader: readonly (string | null)[];
  /** Problems with the headers (a mapping naming a missing header, a missing column...). */
  readonly issues: readonly InputIssue[];
}

/** Options of {@link readTableRecords}. */
export interface ReadTableRecordsOptions extends ReadTableOptions {
  /**
   * Maps the headers to fields: a CSV file's header row or a sheet's (`at` is where the header
   * is: its line, or on a sheet the range of its cells; `columnAt` where one header is: on a
   * sheet its cell), or the keys of all a JSON table's rows together.
   */
  readonly planHeaders: (
    headers: readonly string[],
    at: IssueLocation,
    format: TableFormat,
    columnAt?: (index: number) => IssueLocation,
  ) => HeaderPlan;
  /** What a CSV cell's text becomes before validation; default the text as it is. */
  readonly cell?: (text: string) => string;
}

/** A table's records through a header plan, what the file says about itself, and the rows that could not be read. */
export interface TableRecords {
  readonly records: readonly RawRecord[];
  /** Ragged or malformed CSV rows (the other rows are still read). */
  readonly issues: readonly InputIssue[];
  /** True when a JSON table document says its figures are invented (`"illustrative": true`). */
  readonly illustrative: boolean;
  /**
   * Places the issues of these records at their cells (a workbook sheet: `sheet "June", cell F14`);
   * for CSV and JSON it gives the issues back as they are.
   */
  readonly placeIssues: (issues: readonly InputIssue[]) => InputIssue[];
}

/** Receives the records of a table from {@link visitTableRecords}, in file order. */
export interface TableRecordVisitor {
  /**
   * A row of cells (CSV, or a sheet's) as wide as the header: `fieldOfHeader` is the field each
   * cell is read as (null: not read); {@link recordValues} makes of it the record the other rows give.
   */
  cells(cells: readonly string[], location: IssueLocation, fieldOfHeader: readonly (string | null)[]): void;
  /** A JSON row's record: its values by field (a `null` or `""` left out). */
  record(values: Record<string, unknown>, location: IssueLocation): void;
}

/** What a table says beside its records: the rows that could not be read, and where issues go. */
export type TableVisit = Omit<TableRecords, 'records'>;

/**
 * The record of a row of cells: each cell read into its header's field through `cell`, an
 * empty cell left out (an absent field).
 */
export function recordValues(
  cells: readonly string[],
  fieldOfHeader: readonly (string | null)[],
  cell: (text: string) => string = (text) => text,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  fieldOfHeader.forEach((field, index) => {
    const text = cells[index] ?? '';
    if (field !== null && text !== '') values[field] = cell(text);
  });
  return values;
}

/**
 * Walks a table's records through a header plan, one at a time, without holding them: CSV
 * text record by record as it is split ({@link visitCsv}), a sheet's rows, or a JSON table's
 * rows. Problems with the file itself, its rows' shape (JSON) or its headers throw; ragged or
 * malformed CSV rows are not visited and are returned as issues.
 */
export function visitTableRecords(
  text: string | CellTable | CsvChunks,
  options: ReadTableRecordsOptions,
  visitor: TableRecordVisitor,
): TableVisit {
  const source = options.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  if (isCsvChunks(text)) return visitCsvRecords((csv) => visitCsvChunks(text, csv), options, visitor);
  if (!isCellTable(text) && (options.format ?? detectTableFormat(text)) === 'json') {
    const { rows, path, illustrative } = jsonRows(parseJsonText(text, source), at);
    const issues: InputIssue[] = [];
    const objects: RawRecord[] = [];
    rows.forEach((item: unknown, index) => {
      const location = { ...at, path: [...path, index] };
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        issues.push({ ...location, code: 'notAnObject', expected: 'a row object', received: describeReceived(item) });
      } else objects.push({ values: item as Record<string, unknown>, location });
    });
    if (issues.length > 0) throw new InputError(issues);
    const headers = [...new Set(objects.flatMap(({ values }) => Object.keys(values)))];
    const plan = options.planHeaders(headers, at, 'json');
    if (plan.issues.length > 0) throw new InputError([...plan.issues]);
    const fieldOf = new Map(headers.map((header, index) => [header, plan.fieldOfHeader[index] ?? null]));
    for (const { values: item, location } of objects) {
      const values: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(item)) {
        const field = fieldOf.get(key);
        if (field !== undefined && field !== null && value !== null && value !== '') {
          values[field] = value;
          copyWrittenNumber(item, key, values, field);
        }
      }
      visitor.record(values, location);
    }
    return { issues: [], illustrative, placeIssues: (issues) => [...issues] };
  }
  if (isCellTable(text)) {
    if (text.header.length === 0) throw new InputError(text.issues);
    const plan = options.planHeaders(text.header, headerRowAt(text), 'csv', headerColumnAt(text));
    if (plan.issues.length > 0) throw new InputError([...plan.issues]);
    for (const row of text.rows)
      if (row.cells.length === text.header.length) visitor.cells(row.cells, row.at, plan.fieldOfHeader);
    return {
      issues: [...text.issues],
      illustrative: false,
      placeIssues: (issues) => placeIssuesAtCells(issues, text, plan.fieldOfHeader),
    };
  }
  return visitCsvRecords((csv) => visitCsv(text, source, csv), options, visitor);
}

/** {@link visitTableRecords} of CSV, text or bytes: `split` walks its records. */
function visitCsvRecords(
  split: (visitor: CsvVisitor) => CsvVisit,
  options: ReadTableRecordsOptions,
  visitor: TableRecordVisitor,
): TableVisit {
  const source = options.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  let fieldOfHeader: readonly (string | null)[] = [];
  let width = 0;
  const visit = split({
    header: (names, line) => {
      const headerAt: IssueLocation = { ...at, line };
      const plan = options.planHeaders(names, headerAt, 'csv', () => headerAt);
      if (plan.issues.length > 0) throw new InputError([...plan.issues]);
      fieldOfHeader = plan.fieldOfHeader;
      width = names.length;
    },
    row: (cells, line) => {
      if (cells.length === width)
        visitor.cells(cells, source === undefined ? { line } : { source, line }, fieldOfHeader);
    },
  });
  if (visit.header.length === 0) throw new InputError(visit.problems);
  // A CSV file has no cells to place issues at: they are given back as they are.
  return { issues: [...visit.problems, ...visit.ragged], illustrative: false, placeIssues: (issues) => [...issues] };
}

/**
 * Reads a table's records through a header plan, for readers whose headers are not the field
 * names (a column mapping): CSV or JSON as {@link readTableRows} reads them; an empty cell, and a
 * JSON `null` or `""`, is an absent field. Problems with the file itself, its rows' shape (JSON)
 * or its headers throw; ragged CSV rows are returned as issues.
 */
export function readTableRecords(text: string | CellTable, options: ReadTableRecordsOptions): TableRecords {
  const records: RawRecord[] = [];
  const cell = options.cell ?? ((value: string) => value);
  const visit = visitTableRecords(text, options, {
    cells: (cells, location, fieldOfHeader) =>
      records.push({ values: recordValues(cells, fieldOfHeader, cell), location }),
    record: (values, location) => records.push({ values, location }),
  });
  return { records, ...visit };
}

/** Rows that passed their schema, and the issues of those that did not. */
export interface ValidatedRows<T> {
  readonly rows: Located<T>[];
  readonly issues: InputIssue[];
}

/**
 * Reads a table (CSV or JSON text, or a table of cells such as a workbook sheet) and validates
 * every row with `rowSchema`, returning the valid rows and the
 * issues of the others, so that a caller can add checks across rows before reporting all.
 * Problems with the file itself (malformed text, header) still throw.
 */
export function readTableRows<S extends z.ZodType>(
  input: string | CellTable,
  rowSchema: S,
  columns: TableColumns,
  options: ReadTableOptions = {},
): ValidatedRows<z.output<S>> {
  if (isCellTable(input)) {
    const raw = rawCellRecords(input, columns);
    const checked = checkRows(raw.records, rowSchema);
    const issues = placeIssuesAtCells(inInputOrder([...raw.issues, ...checked.issues]), input, input.header);
    return { rows: checked.rows, issues };
  }
  const format = options.format ?? detectTableFormat(input);
  if (format === 'csv') {
    return csvTableRows((visitor) => visitCsv(input, options.source, visitor), rowSchema, columns, options.source);
  }
  const raw = rawJsonRecords(input, options.source);
  const checked = checkRows(raw.records, rowSchema);
  return { rows: checked.rows, issues: inInputOrder([...raw.issues, ...checked.issues]) };
}

/**
 * {@link readTableRows} of CSV text, each record validated as it is split, so that only the
 * valid rows are held (not the cells, records and rows of every step at once); the records,
 * issues and their order are those of a sheet's rows read by {@link rawCellRecords}.
 */
function csvTableRows<S extends z.ZodType>(
  split: (visitor: CsvVisitor) => CsvVisit,
  rowSchema: S,
  columns: TableColumns,
  source: string | undefined,
): ValidatedRows<z.output<S>> {
  const at: IssueLocation = source === undefined ? {} : { source };
  let header: readonly string[] = [];
  let optional: readonly boolean[] = [];
  let headerProblems: readonly InputIssue[] = [];
  const checked: ValidatedRows<z.output<S>> = { rows: [], issues: [] };
  const visit = split({
    header: (names, line) => {
      const headerAt: IssueLocation = { ...at, line };
      header = names;
      optional = names.map((name) => !columns.required.includes(name));
      headerProblems = headerIssues(names, columns, headerAt, () => headerAt);
    },
    row: (cells, line) => {
      if (headerProblems.length > 0 || cells.length !== header.length) return;
      const values: Record<string, unknown> = {};
      header.forEach((name, index) => {
        const cell = cells[index] ?? '';
        if (!(optional[index] && cell === '')) values[name] = cell;
      });
      checkRow(values, source === undefined ? { line } : { source, line }, rowSchema, checked);
    },
  });
  const fileIssues = [...visit.problems, ...visit.ragged];
  const emptyFile = fileIssues.filter((issue) => issue.code === 'emptyFile');
  const others = fileIssues.filter((issue) => issue.code !== 'emptyFile');
  if (visit.header.length === 0 && fileIssues.length > 0) throw new InputError([...others, ...emptyFile]);
  if (emptyFile.length > 0 || headerProblems.length > 0) {
    throw new InputError([...others, ...emptyFile, ...headerProblems]);
  }
  return { rows: checked.rows, issues: inInputOrder([...fileIssues, ...checked.issues]) };
}

/** Validates one record with a row schema: the row is added to `into.rows`, or its issues to `into.issues`. */
function checkRow<S extends z.ZodType>(
  values: unknown,
  location: IssueLocation,
  rowSchema: S,
  into: ValidatedRows<z.output<S>>,
): void {
  const result = rowSchema.safeParse(values);
  if (result.success) into.rows.push({ value: result.data, location });
  else
    for (const issue of issuesFromZod(result.error, values, location, { fieldFromPath: true })) into.issues.push(issue);
}

/**
 * Reads a table and validates every row with `rowSchema`, reporting every bad row.
 * An empty table (no rows) is accepted here; callers decide whether that is an error.
 */
export function readTable<S extends z.ZodType>(
  text: string | CellTable,
  rowSchema: S,
  columns: TableColumns,
  options: ReadTableOptions = {},
): Located<z.output<S>>[] {
  const { rows, issues } = readTableRows(text, rowSchema, columns, options);
  if (issues.length > 0) throw new InputError(issues);
  return rows;
}

/** Validates located raw records with a row schema, keeping valid rows and every issue. */
export function checkRows<S extends z.ZodType>(
  records: readonly { readonly values: unknown; readonly location: IssueLocation }[],
  rowSchema: S,
): ValidatedRows<z.output<S>> {
  const checked: ValidatedRows<z.output<S>> = { rows: [], issues: [] };
  for (const record of records) checkRow(record.values, record.location, rowSchema, checked);
  return checked;
}

/**
 * Validates rows given as objects (not read from text), each located by its index.
 * @param what - what the list holds, for the message when it is not a list.
 * @throws InputError when `rows` is not an array.
 */
export function checkObjectRows<S extends z.ZodType>(
  rows: unknown,
  rowSchema: S,
  what: string,
  source?: string,
): ValidatedRows<z.output<S>> {
  const at = source === undefined ? {} : { source };
  if (!Array.isArray(rows)) {
    throw new InputError([
      { ...at, code: 'notAnArray', expected: `a list of ${what}`, received: describeReceived(rows) },
    ]);
  }
  return checkRows(
    rows.map((values: unknown, index) => ({ values, location: { ...at, path: [index] } })),
    rowSchema,
  );
}

/** Validates located raw records with a row schema, throwing every issue at once. */
export function validateRows<S extends z.ZodType>(
  records: readonly { readonly values: unknown; readonly location: IssueLocation }[],
  rowSchema: S,
): Located<z.output<S>>[] {
  const { rows, issues } = checkRows(records, rowSchema);
  if (issues.length > 0) throw new InputError(issues);
  return rows;
}

/** Orders issues by line, then by path, keeping the order of issues on one line. */
export function inInputOrder(issues: readonly InputIssue[]): InputIssue[] {
  const position = (issue: InputIssue): number =>
    issue.line ?? issue.path?.find((part): part is number => typeof part === 'number') ?? 0;
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => position(a.issue) - position(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
}
