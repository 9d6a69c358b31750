/**
 * Elective Charges (K8) [P]: set by each bilateral agreement, so the caller supplies the
 * lines. Each has a unique reference and an amount in pounds (credits are negative).
 */
import { checkArguments, checkDocument, TABLE_OPTIONS } from '../errors/arguments.js';
import * as z from 'zod';
import { InputError, formatLocation, type InputIssue } from '../errors/input-error.js';
import { amountField, textField } from '../schema/fields.js';
import {
  checkObjectRows,
  inInputOrder,
  readTableRows,
  type Located,
  type ReadTableOptions,
  type ValidatedRows,
} from '../tables/read-table.js';
import type { CellTable } from '../tables/cell-table.js';

/** Columns of an elective table. */
export const ELECTIVE_COLUMNS = { required: ['reference', 'description', 'amount'], optional: [] } as const;

/** The schema of one elective line. */
export const electiveRowSchema = z.strictObject({
  reference: textField('a reference to the bilateral agreement'),
  description: textField('a description'),
  amount: amountField,
});

/** One elective line. */
export type ElectiveRow = z.output<typeof electiveRowSchema>;

/** Adds the repeated-reference check to the row checks and reports every problem in input order. */
function checkedElective({ rows, issues: rowIssues }: ValidatedRows<ElectiveRow>): ElectiveRow[] {
  const issues: InputIssue[] = [...rowIssues];
  // The row index of each reference seen (a number, not the row: a large table's rows are not held twice).
  const firstOf = new Map<string, number>();
  const values: ElectiveRow[] = [];
  rows.forEach((row, index) => {
    const reference = row.value.reference;
    values.push(row.value);
    const first = firstOf.get(reference);
    if (first === undefined) {
      firstOf.set(reference, index);
      return;
    }
    issues.push({
      ...row.location,
      field: 'reference',
      code: 'duplicateRow',
      expected: 'a reference used once',
      received: JSON.stringify(reference),
      detail: `first at ${formatLocation((rows[first] as Located<ElectiveRow>).location)}`,
    });
  });
  if (issues.length > 0) throw new InputError(inInputOrder(issues));
  return values;
}

/** Validates elective lines given as objects. */
export function parseElective(rows: unknown, source?: string): ElectiveRow[] {
  checkDocument('parseElective', 'rows', rows, source, 'list');
  return checkedElective(checkObjectRows(rows, electiveRowSchema, 'elective lines', source));
}

/** Reads elective lines from CSV (with a header row), a JSON array, or a table of cells (a workbook sheet). */
export function readElective(text: string | CellTable, options: ReadTableOptions = {}): ElectiveRow[] {
  checkArguments('readElective', [
    ['text', text, { shape: 'textOrTable' }],
    ['options', options, TABLE_OPTIONS],
  ]);
  return checkedElective(readTableRows(text, electiveRowSchema, ELECTIVE_COLUMNS, options));
}
