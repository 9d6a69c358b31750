/**
 * Reading an invoice: CSV with a header row, or JSON (an array of row objects, or a document
 * `{ "illustrative": true, "description": "...", "rows": [...] }`), through an optional column
 * mapping. Every row is validated; repeated keys and an empty invoice are errors.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import {
  describeReceived,
  formatLocation,
  InputError,
  type InputIssue,
  type IssueLocation,
} from '../errors/input-error.js';
import type { CellTable } from '../tables/cell-table.js';
import type { CsvChunks } from '../tables/csv-chunks.js';
import { restoreCsvCell } from '../tables/csv-write.js';
import {
  inInputOrder,
  recordValues,
  visitTableRecords,
  type ReadTableRecordsOptions,
  type TableFormat,
} from '../tables/read-table.js';
import { issuesFromZod } from '../schema/issues.js';
import { InvoiceLineIndex } from './line-index.js';
import { invoiceFieldColumns, PlainInvoiceReader } from './plain-invoice-line.js';
import { IDENTITY_COLUMN_MAPPING, planHeaders, type ColumnMapping } from './column-mapping.js';
import {
  describeLineKey,
  INVOICE_COLUMNS,
  invoiceLineSchema,
  type InvoiceLine,
  type InvoiceLineInput,
} from './invoice-line.js';

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

function requireColumns(fields: readonly (string | null)[], at: IssueLocation): InputIssue[] {
  return INVOICE_COLUMNS.required
    .filter((name) => !fields.includes(name))
    .map((name) => ({
      ...at,
      field: name,
      code: 'missingColumn',
      expected: `a column for "${name}" (required: ${INVOICE_COLUMNS.required.join(', ')}; map a differently named header with --columns)`,
      received: 'no such column',
    }));
}

/**
 * The header plan of an invoice: its headers through the column mapping; a CSV file must have
 * every required column (a JSON row missing a field is that row's problem).
 */
function invoiceHeaderPlan(mapping: ColumnMapping): ReadTableRecordsOptions['planHeaders'] {
  return (headers, at, format, columnAt) => {
    const plan = planHeaders(headers, mapping, at, columnAt);
    if (format === 'json') return plan;
    // Every problem of the header together: an unknown header and the required column it may have meant to be.
    const named = new Set(plan.issues.map((issue) => issue.field));
    const missing = requireColumns(plan.fieldOfHeader, at).filter((issue) => !named.has(issue.field));
    return { fieldOfHeader: plan.fieldOfHeader, issues: [...plan.issues, ...missing] };
  };
}

/** Validates raw rows, keeping where each was read and collecting every issue. */
function validateInvoiceRows(rows: readonly RawRow[]): { lines: InvoiceLine[]; issues: InputIssue[] } {
  const lines: InvoiceLine[] = [];
  const issues: InputIssue[] = [];
  for (const row of rows) {
    const line = checkInvoiceRow(row.values, row.location, issues);
    if (line !== undefined) lines.push(line);
  }
  return { lines, issues };
}

/** Validates one row with the schema: its line, or undefined with its issues added to `issues`. */
function checkInvoiceRow(
  values: Record<string, unknown>,
  location: IssueLocation,
  issues: InputIssue[],
): InvoiceLine | undefined {
  const result = invoiceLineSchema.safeParse(values);
  // The schema's per-kind rules make each row one member of the InvoiceLine union.
  if (result.success) return { ...result.data, location } as InvoiceLine;
  for (const issue of issuesFromZod(result.error, values, location, { fieldFromPath: true })) issues.push(issue);
  return undefined;
}

/**
 * Checks an invoice as a whole: at least one row, and each key on one row only
 * (rows are never summed: a repeated key is reported with both places).
 */
export function findInvoiceProblems(lines: readonly InvoiceLine[], at: IssueLocation): InputIssue[] {
  if (lines.length === 0) return [emptyInvoiceIssue(at)];
  const issues: InputIssue[] = [];
  const coded = codesAscend(lines);
  const seen = new InvoiceLineIndex<InvoiceLine>();
  for (const line of lines) {
    // Codes that only ascend within their month and kind repeat none: those lines need no index.
    if (coded && (line.kind === 'explicit' || line.kind === 'elective')) continue;
    const first = seen.add(line.month, line, line);
    if (first === undefined) continue;
    issues.push(repeatedKeyIssue(line, first.location));
  }
  return issues;
}

/** The problem of an invoice row whose key an earlier row (read at `first`) has. */
export function repeatedKeyIssue(line: InvoiceLine, first: IssueLocation): InputIssue {
  return {
    ...line.location,
    code: 'duplicateKey',
    expected: 'each (month, kind, chargingGroup, region, code) on one invoice row (rows are not summed)',
    received: `${line.month} ${describeLineKey(line, (group) => group)} again`,
    detail: `first at ${formatLocation(first)}`,
  };
}

/** The problem of an invoice without rows. */
export function emptyInvoiceIssue(at: IssueLocation): InputIssue {
  return { ...at, code: 'emptyInvoice', expected: 'an invoice with at least one row', received: 'no rows' };
}

/**
 * True when, in file order, the codes of the coded lines (`explicit`, `elective`) of each month
 * and kind ascend strictly (as texts compare): then no two of them have one key. An invoice
 * listed in the order of its references (as `dcc-charges charges` writes one) is so.
 */
function codesAscend(lines: readonly InvoiceLine[]): boolean {
  const last = new Map<string, string>();
  let lastMonth = '';
  let lastKind = '';
  let lastCode: string | undefined;
  for (const line of lines) {
    if (line.kind !== 'explicit' && line.kind !== 'elective') continue;
    if (line.month !== lastMonth || line.kind !== lastKind) {
      if (lastCode !== undefined) last.set(`${lastMonth} ${lastKind}`, lastCode);
      lastMonth = line.month;
      lastKind = line.kind;
      lastCode = last.get(`${lastMonth} ${lastKind}`);
    }
    if (lastCode !== undefined && !(line.code > lastCode)) return false;
    lastCode = line.code;
  }
  return true;
}

/**
 * Validates invoice rows given as objects (as JSON would give them). A row may carry a
 * `location` saying where it was read; otherwise its place in the list is used.
 * @param source - a label for messages, such as `invoice`.
 * @throws InputError listing every invalid row, a repeated key, or an empty list.
 */
export function parseInvoiceLines(rows: readonly InvoiceLineInput[] | unknown, source?: string): InvoiceLine[] {
  checkDocument('parseInvoiceLines', 'rows', rows, source, 'list');
  const at: IssueLocation = source === undefined ? {} : { source };
  if (!Array.isArray(rows)) {
    throw new InputError([
      { ...at, code: 'notAnArray', expected: 'a list of invoice rows', received: describeReceived(rows) },
    ]);
  }
  const raw: RawRow[] = [];
  const issues: InputIssue[] = [];
  rows.forEach((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({
        ...at,
        path: [index],
        code: 'notAnObject',
        expected: 'an invoice row object',
        received: describeReceived(item),
      });
      return;
    }
    const { location, ...values } = item as Record<string, unknown>;
    const placed = isLocation(location) ? location : { ...at, path: [index] };
    raw.push({ values, location: placed });
  });
  const { lines, issues: rowIssues } = validateInvoiceRows(raw);
  for (const issue of rowIssues) issues.push(issue);
  if (issues.length === 0) for (const issue of findInvoiceProblems(lines, at)) issues.push(issue);
  if (issues.length > 0) throw new InputError(issues);
  return lines;
}

function isLocation(value: unknown): value is IssueLocation {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Invoices made by {@link readInvoice}: validated, and frozen so that they stay so. */
const VALIDATED = new WeakSet<Invoice>();

/**
 * True for an invoice made by {@link readInvoice}: its rows need no second validation (it is
 * frozen, rows and locations too, so it cannot have changed since).
 */
export function isValidatedInvoice(invoice: Invoice): boolean {
  return VALIDATED.has(invoice);
}

/** Freezes an invoice read and validated, and remembers it as such. */
function validated(invoice: Invoice): Invoice {
  for (const line of invoice.lines) {
    Object.freeze(line.location);
    Object.freeze(line);
  }
  Object.freeze(invoice.lines);
  VALIDATED.add(Object.freeze(invoice));
  return invoice;
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
  checkArguments('readInvoice', [
    ['text', text, { shape: 'textOrTable' }],
    [
      'options',
      options,
      {
        shape: 'object',
        fields: {
          source: SOURCE,
          format: { shape: 'text', optional: true },
          columns: { shape: 'object', optional: true },
        },
      },
    ],
  ]);
  const source = options.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  const lines: InvoiceLine[] = [];
  const { illustrative, issues } = visitInvoice(text, options, (line) => {
    lines.push(line);
    return undefined;
  });
  if (issues.length === 0) for (const issue of findInvoiceProblems(lines, at)) issues.push(issue);
  if (issues.length > 0) throw new InputError(issues);
  return validated({ ...(source === undefined ? {} : { source }), illustrative, lines });
}

/**
 * The problems {@link readInvoice} finds in an invoice (a repeated key reported with the
 * others), found without keeping its rows: only where each key was first read.
 * @throws InputError for a problem of the file itself (its text, its header).
 */
export function invoiceProblems(text: string | CellTable | CsvChunks, options: ReadInvoiceOptions): InputIssue[] {
  const seen = new InvoiceLineIndex<IssueLocation>();
  let rows = 0;
  const { issues } = visitInvoice(text, options, (line) => {
    rows += 1;
    const first = seen.add(line.month, line, line.location);
    return first === undefined ? undefined : repeatedKeyIssue(line, first);
  });
  if (issues.length === 0 && rows === 0)
    issues.push(emptyInvoiceIssue(options.source === undefined ? {} : { source: options.source }));
  return issues;
}

/**
 * Reads an invoice's rows one at a time, as {@link readInvoice} reads them, without keeping
 * them (from text, a sheet, or CSV bytes read a chunk at a time): each valid row goes to `onLine`, which may find a problem of its own with it (a key
 * repeated, say). Whole-invoice checks (a repeated key, no rows) are the caller's.
 * @returns whether the invoice says it is illustrative, and every problem found, in the
 * order of the file.
 */
export function visitInvoice(
  text: string | CellTable | CsvChunks,
  options: ReadInvoiceOptions,
  onLine: (line: InvoiceLine) => InputIssue | undefined,
): { readonly illustrative: boolean; readonly issues: InputIssue[] } {
  const source = options.source;
  const mapping = options.columns ?? IDENTITY_COLUMN_MAPPING;
  // An empty cell is an absent field; anything else is validated as written (never trimmed),
  // after undoing the spreadsheet-safety apostrophe this tool's own CSV output adds.
  const rowIssues: InputIssue[] = [];
  const take = (line: InvoiceLine | undefined): void => {
    if (line === undefined) return;
    const issue = onLine(line);
    if (issue !== undefined) rowIssues.push(issue);
  };
  let plain:
    | { readonly fieldOfHeader: readonly (string | null)[]; readonly reader: PlainInvoiceReader | undefined }
    | undefined;
  const table = visitTableRecords(
    text,
    {
      ...(source === undefined ? {} : { source }),
      ...(options.format === undefined ? {} : { format: options.format }),
      planHeaders: invoiceHeaderPlan(mapping),
    },
    {
      cells: (cells, location, fieldOfHeader) => {
        if (plain?.fieldOfHeader !== fieldOfHeader) {
          const columns = invoiceFieldColumns(fieldOfHeader);
          plain = { fieldOfHeader, reader: columns === undefined ? undefined : new PlainInvoiceReader(columns) };
        }
        // A plainly valid row is read without the schema; any other by the schema, which says what is wrong.
        take(
          plain.reader?.read(cells, location) ??
            checkInvoiceRow(recordValues(cells, fieldOfHeader, restoreCsvCell), location, rowIssues),
        );
      },
      record: (values, location) => take(checkInvoiceRow(values, location, rowIssues)),
    },
  );
  return {
    illustrative: table.illustrative,
    issues: table.placeIssues(inInputOrder([...table.issues, ...rowIssues])),
  };
}
