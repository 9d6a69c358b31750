/**
 * Explicit usage: the quantity of each Explicit Charging Metric a User used in a month.
 * Repeated codes are summed into one line, keeping the rows they came from.
 */
import { checkArguments, checkDocument, TABLE_OPTIONS } from '../errors/arguments.js';
import * as z from 'zod';
import { InputError } from '../errors/input-error.js';
import { quantityField, textField } from '../schema/fields.js';
import { checkObjectRows, readTable, type ReadTableOptions } from '../tables/read-table.js';
import type { CellTable } from '../tables/cell-table.js';

/** Columns of a usage table. */
export const USAGE_COLUMNS = { required: ['code', 'quantity'], optional: [] } as const;

/** The schema of one usage row. */
export const usageRowSchema = z.strictObject({
  code: textField('an Explicit Charging Metric code'),
  quantity: quantityField,
});

/** One usage row: a code and a non-negative quantity (plain decimal string). */
export type UsageRow = z.output<typeof usageRowSchema>;

/** A usage row as a caller or file may write it. */
export type UsageRowInput = z.input<typeof usageRowSchema>;

/** Validates usage rows given as objects. */
export function parseUsage(rows: unknown, source?: string): UsageRow[] {
  checkDocument('parseUsage', 'rows', rows, source, 'list');
  const { rows: valid, issues } = checkObjectRows(rows, usageRowSchema, 'usage rows', source);
  if (issues.length > 0) throw new InputError(issues);
  return valid.map((row) => row.value);
}

/** Reads usage rows from CSV (with a header row), a JSON array, or a table of cells (a workbook sheet). */
export function readUsage(text: string | CellTable, options: ReadTableOptions = {}): UsageRow[] {
  checkArguments('readUsage', [
    ['text', text, { shape: 'textOrTable' }],
    ['options', options, TABLE_OPTIONS],
  ]);
  return readTable(text, usageRowSchema, USAGE_COLUMNS, options).map((row) => row.value);
}
