/**
 * Meter counts: how many meters a User has in each Charging Group, Region, premises type
 * and enrolment state, optionally per month. A repeated key is an error, never a sum.
 */
import { checkArguments, checkDocument, TABLE_OPTIONS } from '../errors/arguments.js';
import * as z from 'zod';
import { InputError, formatLocation, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import {
  booleanField,
  chargingGroupField,
  countField,
  monthField,
  premisesField,
  regionField,
} from '../schema/fields.js';
import {
  checkObjectRows,
  inInputOrder,
  readTableRows,
  type Located,
  type ReadTableOptions,
  type ValidatedRows,
} from '../tables/read-table.js';
import type { CellTable } from '../tables/cell-table.js';

/** Columns of a meter-count table. */
export const METER_COUNT_COLUMNS = {
  required: ['chargingGroup', 'region', 'premises', 'enrolled', 'count'],
  optional: ['month'],
} as const;

/** The schema of one meter-count row. */
export const meterCountRowSchema = z.strictObject({
  month: monthField.optional(),
  chargingGroup: chargingGroupField,
  region: regionField,
  premises: premisesField,
  enrolled: booleanField,
  count: countField,
});

/** One meter-count row. */
export type MeterCountRow = z.output<typeof meterCountRowSchema>;

/** A meter-count row as a caller or file may write it. */
export type MeterCountRowInput = z.input<typeof meterCountRowSchema>;

/** The key that must be unique among meter-count rows. */
export function meterCountKey(row: MeterCountRow): string {
  return [row.month ?? '*', row.chargingGroup, row.region, row.premises, String(row.enrolled)].join('|');
}

/** Where the first of repeated rows is: `first at meters.csv, line 3`, or `first at portfolio.meters[0]` in a document. */
function firstAt(location: IssueLocation): string {
  const where = formatLocation(location);
  return where.startsWith('at ') ? `first ${where}` : `first at ${where}`;
}

/** Reports every repeated key, naming where both rows are. */
export function findRepeatedMeterCounts(rows: readonly Located<MeterCountRow>[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<string, Located<MeterCountRow>>();
  for (const row of rows) {
    const key = meterCountKey(row.value);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row);
      continue;
    }
    const v = row.value;
    issues.push({
      ...row.location,
      code: 'duplicateRow',
      expected: 'one row per month, chargingGroup, region, premises and enrolled (rows are not summed)',
      received: `${v.month === undefined ? '' : `${v.month} `}${v.chargingGroup} ${v.region} ${v.premises} enrolled=${v.enrolled} again`,
      detail: firstAt(first.location),
    });
  }
  return issues;
}

/** A meter-count table validated once, frozen: passed again, it is not validated again. */
export type MeterTable = readonly Readonly<MeterCountRow>[] & { readonly validatedMeterTable: true };

const VALIDATED_TABLES = new WeakSet<object>();

/**
 * Validates a meter-count table once, for use over many months (a budget, a working model):
 * `calculateMonthlyCharges` takes the result as its `meters` and does not validate it again.
 * The table and its rows are frozen, so they cannot change after the check.
 * @throws InputError for an invalid row or a repeated key, as `calculateMonthlyCharges` would.
 * @example
 * const meters = validateMeterTable(rows);
 * const year = months.map((month) => calculateMonthlyCharges({ statements, month, meters }));
 */
export function validateMeterTable(rows: unknown, source?: string): MeterTable {
  checkDocument('validateMeterTable', 'rows', rows, source, 'list');
  const table = parseMeterCounts(rows, source);
  for (const row of table) Object.freeze(row);
  Object.freeze(table);
  VALIDATED_TABLES.add(table);
  return table as unknown as MeterTable;
}

/**
 * Validates meter-count rows given as objects (a table from {@link validateMeterTable} is
 * taken as it is).
 * @throws InputError for an invalid row or a repeated key.
 */
export function parseMeterCounts(rows: unknown, source?: string): MeterCountRow[] {
  checkDocument('parseMeterCounts', 'rows', rows, source, 'list');
  if (typeof rows === 'object' && rows !== null && VALIDATED_TABLES.has(rows)) return rows as MeterCountRow[];
  return checkedMeterCounts(checkObjectRows(rows, meterCountRowSchema, 'meter-count rows', source));
}

/**
 * Reads meter counts from CSV (with a header row), a JSON array, or a table of cells (a workbook sheet).
 * @throws InputError for malformed text, an invalid row or a repeated key.
 */
export function readMeterCounts(text: string | CellTable, options: ReadTableOptions = {}): MeterCountRow[] {
  checkArguments('readMeterCounts', [
    ['text', text, { shape: 'textOrTable' }],
    ['options', options, TABLE_OPTIONS],
  ]);
  return checkedMeterCounts(readTableRows(text, meterCountRowSchema, METER_COUNT_COLUMNS, options));
}

/** Adds the repeated-key check to the row checks and reports every problem in input order. */
function checkedMeterCounts({ rows, issues }: ValidatedRows<MeterCountRow>): MeterCountRow[] {
  const all = [...issues, ...findRepeatedMeterCounts(rows)];
  if (all.length > 0) throw new InputError(inInputOrder(all));
  return rows.map((row) => row.value);
}
