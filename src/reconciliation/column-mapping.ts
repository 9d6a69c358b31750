/**
 * A column mapping lets an invoice export be read as it is, without editing it: a JSON
 * object from each of our field names to the header (or JSON key) the export uses, plus an
 * optional `ignore` list naming the export's columns that carry nothing to reconcile.
 * Nothing is dropped silently: a column that is neither ours, mapped nor ignored is an error.
 *
 * @example
 * { "month": "Billing Period", "kind": "Charge Type", "amount": "Net (GBP)", "ignore": ["Invoice No"] }
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import { describeReceived, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { parseJsonText } from '../tables/read-table.js';
import * as z from 'zod';
import { INVOICE_FIELDS, type InvoiceField } from './invoice-line.js';

const HEADER = z.string().regex(/\S/);

/**
 * The schema of a column mapping file, for its JSON Schema: each of our fields to a header, and
 * `ignore`. {@link parseColumnMapping} checks it with the rules across keys (a header mapped
 * twice, or both mapped and ignored); a test shows the two agree on samples.
 */
export const columnMappingSchema = z.strictObject({
  ...(Object.fromEntries(INVOICE_FIELDS.map((field) => [field, HEADER.optional()])) as Record<
    InvoiceField,
    z.ZodOptional<typeof HEADER>
  >),
  ignore: z.array(HEADER).optional(),
});

/** A validated column mapping. */
export interface ColumnMapping {
  /** For each of our fields the export renames: the export's header. */
  readonly fields: Readonly<Partial<Record<InvoiceField, string>>>;
  /** The export's columns to skip, named one by one. */
  readonly ignore: readonly string[];
}

/** The mapping that changes nothing: every column carries our own field name. */
export const IDENTITY_COLUMN_MAPPING: ColumnMapping = { fields: {}, ignore: [] };

/** The key of a mapping that lists columns to skip. */
export const IGNORE_KEY = 'ignore';

/**
 * Validates a column mapping object.
 * @param data - parsed JSON: `{ "<our field>": "<their header>", ..., "ignore": ["<their header>", ...] }`.
 * @param source - a label for messages, such as the file name.
 * @throws InputError for an unknown field, a header that is not a non-empty text, a header
 * mapped twice, or a header both mapped and ignored.
 */
export function parseColumnMapping(data: unknown, source?: string): ColumnMapping {
  checkDocument('parseColumnMapping', 'mapping', data, source);
  const at: IssueLocation = source === undefined ? {} : { source };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError([
      {
        ...at,
        code: 'notAnObject',
        expected: 'a column mapping: a JSON object from our field names to the headers of the file',
        received: describeReceived(data),
      },
    ]);
  }
  const issues: InputIssue[] = [];
  const fields: Partial<Record<InvoiceField, string>> = {};
  const mappedBy = new Map<string, string>();
  let ignore: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === IGNORE_KEY) {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
        issues.push({
          ...at,
          path: [key],
          code: 'invalidValue',
          expected: 'a list of header names to skip',
          received: describeReceived(value),
        });
      } else {
        ignore = value.map((item: string) => item.trim());
      }
      continue;
    }
    if (!(INVOICE_FIELDS as readonly string[]).includes(key)) {
      issues.push({
        ...at,
        path: [key],
        code: 'unknownField',
        expected: `one of our fields (${INVOICE_FIELDS.join(', ')}) or "${IGNORE_KEY}"`,
        received: JSON.stringify(key),
      });
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      issues.push({
        ...at,
        path: [key],
        code: 'invalidValue',
        expected: `the header of the file that holds "${key}" (a non-empty text)`,
        received: describeReceived(value),
      });
      continue;
    }
    const header = value.trim();
    const other = mappedBy.get(header);
    if (other !== undefined) {
      issues.push({
        ...at,
        path: [key],
        code: 'repeatedColumn',
        expected: 'each header mapped to one field',
        received: `"${header}" mapped to both "${other}" and "${key}"`,
      });
      continue;
    }
    mappedBy.set(header, key);
    fields[key as InvoiceField] = header;
  }
  for (const header of ignore) {
    const field = mappedBy.get(header);
    if (field !== undefined) {
      issues.push({
        ...at,
        path: [IGNORE_KEY],
        code: 'invalidValue',
        expected: 'a header either mapped or ignored, not both',
        received: `"${header}" (mapped to "${field}")`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return { fields, ignore };
}

/**
 * Reads a column mapping from JSON text.
 * @throws InputError for malformed JSON or an invalid mapping.
 */
export function readColumnMapping(text: string, source?: string): ColumnMapping {
  checkArguments('readColumnMapping', [
    ['text', text, { shape: 'text' }],
    ['source', source, SOURCE],
  ]);
  return parseColumnMapping(parseJsonText(text, source), source);
}

/** How the headers of a file map to our fields. */
export interface HeaderPlan {
  /** For each header of the file (by position): our field, `null` when ignored. */
  readonly fieldOfHeader: readonly (InvoiceField | null)[];
  readonly issues: readonly InputIssue[];
}

/**
 * Maps the headers of a file to our fields. Reports a mapped header that the file lacks,
 * a header that is neither a field, mapped nor ignored, and two headers giving one field.
 * @param headers - the headers (CSV) or the keys present in any row (JSON).
 * @param at - where the headers are, for messages (on a sheet, the range of the header's cells).
 * @param columnAt - where the header at an index is (on a sheet, its cell).
 */
export function planHeaders(
  headers: readonly string[],
  mapping: ColumnMapping,
  at: IssueLocation,
  columnAt: (index: number) => IssueLocation = () => at,
): HeaderPlan {
  const issues: InputIssue[] = [];
  const fieldByHeader = new Map<string, InvoiceField>();
  // Fields the mapping leaves alone keep their own name; a mapped header wins over that name.
  for (const field of INVOICE_FIELDS) if (mapping.fields[field] === undefined) fieldByHeader.set(field, field);
  for (const field of INVOICE_FIELDS) {
    const header = mapping.fields[field];
    if (header !== undefined) fieldByHeader.set(header, field);
  }
  for (const field of INVOICE_FIELDS) {
    const header = mapping.fields[field];
    if (header !== undefined && !headers.includes(header)) {
      issues.push({
        ...at,
        field,
        code: 'missingMappedHeader',
        expected: `the header "${header}", which the column mapping names for "${field}"`,
        received: headers.length === 0 ? 'no headers' : `the headers ${describeReceived(headers.join(','))}`,
      });
    }
  }
  const accepted = [...fieldByHeader.keys(), ...mapping.ignore];
  const seen = new Map<InvoiceField, string>();
  const fieldOfHeader = headers.map((header, index): InvoiceField | null => {
    if (mapping.ignore.includes(header)) return null;
    const field = fieldByHeader.get(header);
    if (field === undefined) {
      issues.push({
        ...columnAt(index),
        code: 'unknownColumn',
        expected: `only the columns ${accepted.join(', ')} (map or ignore others with --columns)`,
        received: `the column ${describeReceived(header)}`,
      });
      return null;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      issues.push({
        ...columnAt(index),
        code: 'repeatedColumn',
        expected: `one column for "${field}"`,
        received: `"${earlier}" and "${header}"`,
      });
      return null;
    }
    seen.set(field, header);
    return field;
  });
  return { fieldOfHeader, issues };
}
