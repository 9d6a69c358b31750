/**
 * The one header check of every table the library reads (CSV, workbook sheet, registration
 * stream): each required column present, no unknown column, no column twice.
 */
import { describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';

/** The columns a table must have, and those it may have. */
export interface TableColumns {
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

/**
 * The problems of a header, in the order: missing columns (in the order of `required`), then
 * unknown and repeated columns (in the header's order). Empty when the header is good.
 * A missing column is reported at `at` (on a sheet, the header's cells) with the field it
 * should hold; an unknown or repeated one at `columnAt` of its index (on a sheet, its cell).
 */
export function headerIssues(
  header: readonly string[],
  columns: TableColumns,
  at: IssueLocation,
  columnAt: (index: number) => IssueLocation = () => at,
): InputIssue[] {
  const known = [...columns.required, ...(columns.optional ?? [])];
  const issues: InputIssue[] = [];
  for (const name of columns.required) {
    if (!header.includes(name)) {
      issues.push({
        ...at,
        field: name,
        code: 'missingColumn',
        expected: `a header with the column "${name}" (columns: ${known.join(', ')})`,
        received: describeReceived(header.join(',')),
      });
    }
  }
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (!known.includes(name)) {
      issues.push({
        ...columnAt(index),
        code: 'unknownColumn',
        expected: `only the columns ${known.join(', ')}`,
        received: `the column ${describeReceived(name)}`,
      });
    } else if (seen.has(name)) {
      issues.push({
        ...columnAt(index),
        code: 'repeatedColumn',
        expected: 'each column once',
        received: `the column "${name}" twice`,
      });
    }
    seen.add(name);
  });
  return issues;
}
