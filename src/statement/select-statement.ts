/**
 * Choosing the Charging Statement in force for a month (brief section 4): statements may be
 * revised within a year, each effective for a range of months; overlaps are an error.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import type { Month } from '../vocabulary/months.js';
import type { ChargingStatement } from './statement-schema.js';

/** Reports every pair of statements whose effective months overlap. */
export function findOverlappingStatements(statements: readonly ChargingStatement[]): InputIssue[] {
  const issues: InputIssue[] = [];
  statements.forEach((a, i) => {
    statements.slice(i + 1).forEach((b) => {
      if (a.effectiveFrom <= b.effectiveTo && b.effectiveFrom <= a.effectiveTo) {
        issues.push({
          code: 'overlappingStatements',
          expected: 'statements whose effective months do not overlap',
          received: `"${a.id}" (${a.effectiveFrom} to ${a.effectiveTo}) and "${b.id}" (${b.effectiveFrom} to ${b.effectiveTo})`,
        });
      }
    });
  });
  return issues;
}

/**
 * The statement in force for `month`.
 * @throws InputError when statements overlap or none covers the month.
 * @example selectStatementInForce([statement2025], '2025-06') // statement2025
 */
export function selectStatementInForce(
  statements: readonly ChargingStatement[],
  month: Month,
): ChargingStatement {
  const overlaps = findOverlappingStatements(statements);
  if (overlaps.length > 0) throw new InputError(overlaps);
  const inForce = statements.find((s) => s.effectiveFrom <= month && month <= s.effectiveTo);
  if (inForce === undefined) {
    const coverage = statements.map((s) => `"${s.id}" ${s.effectiveFrom} to ${s.effectiveTo}`).join('; ');
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
