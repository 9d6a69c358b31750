/** Small budget scenarios and statements built in the budget tests, each figure written where it is used. */
import type { BudgetScenarioInput, ChargingStatementInput } from '../../src/index.js';
import { minimalStatement } from '../support/statements.js';

/** The twelve months of a year starting in April `start`, as a statement's effective range. */
export function yearRange(
  start: number,
): Pick<ChargingStatementInput, 'regulatoryYear' | 'effectiveFrom' | 'effectiveTo'> {
  return {
    regulatoryYear: `${start}/${String((start + 1) % 100).padStart(2, '0')}`,
    effectiveFrom: `${start}-04`,
    effectiveTo: `${start + 1}-03`,
  };
}

/**
 * A statement for the year starting in April `start`: one national fixed rate per group (g1 and
 * g3 at `supplierRate`, the others at 0.1), a gateway price, optionally more fields.
 */
export function statementFor(
  start: number,
  supplierRate: string,
  overrides: Partial<ChargingStatementInput> = {},
): ChargingStatementInput {
  return minimalStatement({
    id: `test-${start}`,
    title: `Test statement ${start}`,
    ...yearRange(start),
    fixedCharges: [
      { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: supplierRate },
      { chargingGroup: 'g2', region: 'national', ratePerMeterMonth: '0.1' },
      { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: supplierRate },
      { chargingGroup: 'g4', region: 'national', ratePerMeterMonth: '0.1' },
      { chargingGroup: 'g5', region: 'national', ratePerMeterMonth: '0.1' },
    ],
    explicitCharges: [{ code: 'GATEWAY', description: 'Gateway connection', unit: 'per month', unitPrice: '126.50' }],
    ...overrides,
  });
}

/** A scenario over the given statements, with a portfolio and forecasts to override. */
export function scenarioOf(
  statements: readonly ChargingStatementInput[],
  overrides: Partial<BudgetScenarioInput> = {},
): BudgetScenarioInput {
  return {
    format: 'dcc-charges/budget-scenario@1',
    id: 'test-scenario',
    title: 'Test scenario',
    illustrative: true,
    years: statements.map((statement) => ({
      regulatoryYear: statement.regulatoryYear,
      statement: statement as unknown as Record<string, unknown>,
    })),
    portfolio: {
      start: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
    },
    ...overrides,
  };
}
