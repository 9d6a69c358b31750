/** calculateMonthlyCharges reports every bad input as an InputError, nothing is computed. */
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges } from '../../src/index.js';
import { inputIssues } from '../support/errors.js';
import { minimalStatement } from '../support/statements.js';

const meters = [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 10 }] as const;

describe('calculateMonthlyCharges bad input', () => {
  it('a month outside every statement', () => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({ statements: [minimalStatement()], month: '2026-04', meters }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'noStatementInForce', field: 'month' })]);
  });

  it('two statements in force for one month', () => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [minimalStatement({ id: 'a' }), minimalStatement({ id: 'b', effectiveFrom: '2025-12' })],
        month: '2025-04',
        meters,
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'overlappingStatements' })]);
  });

  it('a malformed month, VAT rate and rounding mode', () => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [minimalStatement()],
        month: '2025-4',
        meters,
        vatRate: '1.5',
        rounding: 'bankers' as 'halfEven',
      }),
    );
    expect(issues.map((issue) => issue.path?.[0])).toEqual(['month', 'vatRate', 'rounding']);
  });

  it.each(['20%', '0.2e0', '-0.2', ''])('a VAT rate %j that is not a plain decimal from 0 to 1', (vatRate) => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({ statements: [minimalStatement()], month: '2025-04', meters, vatRate }),
    );
    expect(issues).toEqual([expect.objectContaining({ path: ['vatRate'] })]);
  });

  it('collects problems from every input together, each with its source', () => {
    const badStatement = minimalStatement({
      fixedChCharges: [{ chargingGroup: 'g5', region: 'national', ratePerMeterMonth: '1' }],
    });
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [badStatement],
        month: '2025-04',
        meters: [{ ...meters[0], count: -1 }] as never,
        usage: [{ code: 'A', quantity: 'x' }],
        elective: [{ reference: 'R', description: 'd', amount: '1.234' }],
      }),
    );
    expect(issues.map((issue) => issue.source)).toEqual(['statements[0]', 'meters', 'usage', 'elective']);
  });

  it('meter counts that carry months but none for the month asked', () => {
    const { messages } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [minimalStatement()],
        month: '2025-06',
        meters: [{ ...meters[0], month: '2025-05' }] as never,
      }),
    );
    expect(messages).toEqual([
      'meters, field "month": expected meter counts for 2025-06, received counts for 2025-05 only',
    ]);
  });

  it('a count given both with and without the month', () => {
    const { issues } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [minimalStatement()],
        month: '2025-06',
        meters: [meters[0], { ...meters[0], month: '2025-06' }] as never,
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicateRow' })]);
  });
});
