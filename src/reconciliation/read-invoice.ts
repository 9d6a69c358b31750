/**
 * Reading an invoice: CSV with a header row, or JSON (an array of row objects, or a document
 * `{ "illustrative": true, "description": "...", "rows": [...] }`), through an optional column
 * mapping. Every row is validated; repeated keys and an empty invoice are errors.
 */
import { describeReceived, formatLocation, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { csvCellTable, isCellTable, placeIssuesAtCells, type CellTable } from '../tables/cell-table.js';
import { restoreCsvCell } from '../tables/csv-write.js';
import { checkRows, detectTableFormat, inInputOrder, parseJsonText, type TableFormat } from '../tables/read-table.js';
import { IDENTITY_COLUMN_MAPPING, planHeaders, type ColumnMapping } from './column-mapping.js';
import { INVOICE_COLUMNS, invoiceLineSchema, lineKeyText, type InvoiceLine, type InvoiceLineInput } from './invoice-line.js';

/** An invoice as read: its rows and what the file says about itself. */
export interface Invoice {
  /** The file name or other label, when known. */
  readonly source?: string;
  /** True when the file says its figures are invented (`"illustrative": true`). */
  readonly illustrative: boolean;
  /** Every row, in file order. */
  readonly lines: readonly InvoiceLine[];
}

/** Options for {@link readInvoice}. */
export interface ReadInvoiceOptions {
  /** A label for messages, such as the file name. */
  readonly source?: string;
  /** The format; by default JSON when the text starts with `[` or `{`, else CSV. */
  readonly format?: TableFormat;
  /** How the file's headers map to our fields; by default they are our field names. */
  readonly columns?: ColumnMapping;
}

interface RawRow {
  readonly values: Record<string, unknown>;
  readonly location: IssueLocation;
}

/** Keys a JSON invoice document may carry beside its rows. */
const DOCUMENT_KEYS = ['rows', 'illustrative', 'description', 'source'];

function requireColumns(fields: readonly (string | null)[], at: IssueLocation): InputIssue[] {
  return INVOICE_COLUMNS.required
    .filter((name) => !fields.includes(name))
    .map((name) => ({
      ...at,
      code: 'missingColumn',
      expected: `a column for "${name}" (required: ${INVOICE_COLUMNS.required.join(', ')}; map a differently named header with --columns)`,
      received: 'no such column',
    }));
}

/** Rows of a table of cells (CSV or a workbook sheet); a ragged row is reported and the others are still read. */
function cellRows(table: CellTable, mapping: ColumnMapping): { rows: RawRow[]; issues: InputIssue[]; fieldOfColumn: readonly (string | null)[] } {
  if (table.header.length === 0) throw new InputError(table.issues);
  const headerAt = table.headerAt;
  const plan = planHeaders(table.header, mapping, headerAt);
  const issues = [...plan.issues, ...(plan.issues.length === 0 ? requireColumns(plan.fieldOfHeader, headerAt) : [])];
  if (issues.length > 0) throw new InputError(issues);
  const rows = table.rows.filter((row) => row.cells.length === table.header.length).map((row) => {
    const values: Record<string, unknown> = {};
    plan.fieldOfHeader.forEach((field, index) => {
      const cell = row.cells[index] ?? '';
      // An empty cell is an absent field; anything else is validated as written (never trimmed),
      // after undoing the spreadsheet-safety apostrophe this tool's own CSV output adds.
      if (field !== null && cell !== '') values[field] = restoreCsvCell(cell);
    });
    return { values, location: row.at };
  });
  return { rows, issues: [...table.issues], fieldOfColumn: plan.fieldOfHeader };
}

function jsonDocument(data: unknown, at: IssueLocation): { rows: unknown[]; path: (string | number)[]; illustrative: boolean } {
  if (Array.isArray(data)) return { rows: data, path: [], illustrative: false };
  if (data !== null && typeof data === 'object' && Array.isArray((data as { rows?: unknown }).rows)) {
    const document = data as Record<string, unknown>;
    const unknownKeys = Object.keys(document).filter((key) => !DOCUMENT_KEYS.includes(key));
    const issues: InputIssue[] = [];
    if (unknownKeys.length > 0) {
      issues.push({
        ...at,
        code: 'unknownField',
        expected: `an invoice document with only ${DOCUMENT_KEYS.join(', ')}`,
        received: `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => `"${key}"`).join(', ')}`,
      });
    }
    const illustrative = document['illustrative'];
    if (illustrative !== undefined && typeof illustrative !== 'boolean') {
      issues.push({ ...at, path: ['illustrative'], code: 'invalidValue', expected: 'true or false', received: describeReceived(illustrative) });
    }
    if (issues.length > 0) throw new InputError(issues);
    return { rows: document['rows'] as unknown[], path: ['rows'], illustrative: illustrative === true };
  }
  throw new InputError([
    { ...at, code: 'notAnArray', expected: 'a JSON array of invoice rows, or an object with a "rows" array', received: describeReceived(data) },
  ]);
}

function jsonRows(text: string, mapping: ColumnMapping, source: string | undefined): { rows: RawRow[]; illustrative: boolean } {
  const at: IssueLocation = source === undefined ? {} : { source };
  const document = jsonDocument(parseJsonText(text, source), at);
  const issues: InputIssue[] = [];
  const objects: { item: Record<string, unknown>; location: IssueLocation }[] = [];
  document.rows.forEach((item: unknown, index) => {
    const location = { ...at, path: [...document.path, index] };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ ...location, code: 'notAnObject', expected: 'an invoice row object', received: describeReceived(item) });
    } else {
      objects.push({ item: item as Record<string, unknown>, location });
    }
  });
  if (issues.length > 0) throw new InputError(issues);
  // The keys of every row together play the part of a CSV header.
  const headers = [...new Set(objects.flatMap(({ item }) => Object.keys(item)))];
  const plan = planHeaders(headers, mapping, at);
  if (plan.issues.length > 0) throw new InputError(plan.issues);
  const fieldOf = new Map(headers.map((header, index) => [header, plan.fieldOfHeader[index] ?? null]));
  const rows = objects.map(({ item, location }) => {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const field = fieldOf.get(key);
      // As in a CSV cell, null and empty text mean the field is empty.
      const empty = value === null || value === '';
      if (field !== undefined && field !== null && !empty) values[field] = value;
    }
    return { values, location };
  });
  return { rows, illustrative: document.illustrative };
}

/** Validates raw rows, keeping where each was read and collecting every issue. */
function validateInvoiceRows(rows: readonly RawRow[]): { lines: InvoiceLine[]; issues: InputIssue[] } {
  const checked = checkRows(rows, invoiceLineSchema);
  const lines = checked.rows.map((row): InvoiceLine => ({ ...(row.value as Omit<InvoiceLine, 'location'>), location: row.location }));
  return { lines, issues: [...checked.issues] };
}

/**
 * Checks an invoice as a whole: at least one row, and each key on one row only
 * (rows are never summed: a repeated key is reported with both places).
 */
export function findInvoiceProblems(lines: readonly InvoiceLine[], at: IssueLocation): InputIssue[] {
  if (lines.length === 0) {
    return [{ ...at, code: 'emptyInvoice', expected: 'an invoice with at least one row', received: 'no rows' }];
  }
  const issues: InputIssue[] = [];
  const seen = new Map<string, InvoiceLine>();
  for (const line of lines) {
    const key = lineKeyText(line);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, line);
      continue;
    }
    const named = [line.kind, line.chargingGroup, line.region, line.code].filter((part) => part !== undefined).join(' ');
    issues.push({
      ...line.location,
      code: 'duplicateKey',
      expected: 'each (month, kind, chargingGroup, region, code) on one invoice row (rows are not summed)',
      received: `${line.month} ${named} again`,
      detail: `first at ${formatLocation(first.location)}`,
    });
  }
  return issues;
}

/**
 * Validates invoice rows given as objects (as JSON would give them). A row may carry a
 * `location` saying where it was read; otherwise its place in the list is used.
 * @param source - a label for messages, such as `invoice`.
 * @throws InputError listing every invalid row, a repeated key, or an empty list.
 */
export function parseInvoiceLines(rows: readonly InvoiceLineInput[] | unknown, source?: string): InvoiceLine[] {
  const at: IssueLocation = source === undefined ? {} : { source };
  if (!Array.isArray(rows)) {
    throw new InputError([{ ...at, code: 'notAnArray', expected: 'a list of invoice rows', received: describeReceived(rows) }]);
  }
  const raw: RawRow[] = [];
  const issues: InputIssue[] = [];
  rows.forEach((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ ...at, path: [index], code: 'notAnObject', expected: 'an invoice row object', received: describeReceived(item) });
      return;
    }
    const { location, ...values } = item as Record<string, unknown>;
    const placed = isLocation(location) ? location : { ...at, path: [index] };
    raw.push({ values, location: placed });
  });
  const { lines, issues: rowIssues } = validateInvoiceRows(raw);
  issues.push(...rowIssues);
  if (issues.length === 0) issues.push(...findInvoiceProblems(lines, at));
  if (issues.length > 0) throw new InputError(issues);
  return lines;
}

function isLocation(value: unknown): value is IssueLocation {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads an invoice from CSV or JSON text, or from a table of cells (a workbook sheet).
 * @example
 * readInvoice('month,kind,code,quantity,unitPrice,amount\n2025-06,explicit,TEST_LAB_DAY,2,512.40,1024.80\n',
 *   { source: 'invoice.csv' }).lines[0].amount // '1024.80'
 * @throws InputError for malformed text, a mapping naming a missing header, an unknown
 * column, an invalid row, a repeated key, or an invoice with no rows.
 */
export function readInvoice(text: string | CellTable, options: ReadInvoiceOptions = {}): Invoice {
  const source = options.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  const mapping = options.columns ?? IDENTITY_COLUMN_MAPPING;
  let rows: RawRow[];
  let illustrative = false;
  const fileIssues: InputIssue[] = [];
  let table: CellTable | undefined;
  let fieldOfColumn: readonly (string | null)[] = [];
  if (!isCellTable(text) && (options.format ?? detectTableFormat(text)) === 'json') {
    const read = jsonRows(text, mapping, source);
    rows = read.rows;
    illustrative = read.illustrative;
  } else {
    table = isCellTable(text) ? text : csvCellTable(text, source);
    const read = cellRows(table, mapping);
    rows = read.rows;
    fieldOfColumn = read.fieldOfColumn;
    fileIssues.push(...read.issues);
  }
  const { lines, issues: rowIssues } = validateInvoiceRows(rows);
  const ordered = inInputOrder([...fileIssues, ...rowIssues]);
  const issues = table === undefined ? ordered : placeIssuesAtCells(ordered, table, fieldOfColumn);
  if (issues.length === 0) issues.push(...findInvoiceProblems(lines, at));
  if (issues.length > 0) throw new InputError(issues);
  return { ...(source === undefined ? {} : { source }), illustrative, lines };
}
