/**
 * Choosing the Charging Statement in force for a month (docs/methodology.md, billing): statements may be
 * revised within a year, each effective for a range of months; overlaps are an error.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import type { Month } from '../vocabulary/months.js';
import type { ChargingStatement } from './statement-schema.js';

/** Names a statement for a message: its id, its file when known, and its months. */
function describeStatement(statement: ChargingStatement, label: string | undefined): string {
  return `"${statement.id}" (${label === undefined ? '' : `${label}, `}${statement.effectiveFrom} to ${statement.effectiveTo})`;
}

/**
 * Reports every pair of statements whose effective months overlap.
 * @param labels - one label (file name) per statement, for the messages.
 */
export function findOverlappingStatements(
  statements: readonly ChargingStatement[],
  labels: readonly string[] = [],
): InputIssue[] {
  const issues: InputIssue[] = [];
  statements.forEach((a, i) => {
    statements.slice(i + 1).forEach((b, offset) => {
      if (a.effectiveFrom <= b.effectiveTo && b.effectiveFrom <= a.effectiveTo) {
        const labelA = labels[i];
        issues.push({
          ...(labelA === undefined ? {} : { source: labelA }),
          field: 'effectiveFrom',
          code: 'overlappingStatements',
          expected: 'statements whose effective months do not overlap',
          received: `${describeStatement(a, labelA)} and ${describeStatement(b, labels[i + 1 + offset])}`,
        });
      }
    });
  });
  return issues;
}

/**
 * The statement in force for `month`.
 * @param labels - one label (file name) per statement, for the messages.
 * @throws InputError when statements overlap or none covers the month.
 * @example selectStatementInForce([statement2025], '2025-06') // statement2025
 */
export function selectStatementInForce(
  statements: readonly ChargingStatement[],
  month: Month,
  labels: readonly string[] = [],
): ChargingStatement {
  const overlaps = findOverlappingStatements(statements, labels);
  if (overlaps.length > 0) throw new InputError(overlaps);
  const inForce = statements.find((s) => s.effectiveFrom <= month && month <= s.effectiveTo);
  if (inForce === undefined) {
    const coverage = statements.map((s, index) => describeStatement(s, labels[index])).join('; ');
    throw new InputError([
      {
        code: 'noStatementInForce',
        field: 'month',
        expected: `a month covered by a Charging Statement (${coverage === '' ? 'no statement given' : coverage})`,
        received: `"${month}"`,
      },
    ]);
  }
  return inForce;
}
