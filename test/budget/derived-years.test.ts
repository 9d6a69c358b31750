/**
 * Years derived from methodology inputs: the statement is the methodology's own derivation, and
 * an allowed-revenue sensitivity case derives it again from the changed revenue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/money/decimal.js';
import { withAllowedRevenueChanged } from '../../src/budget/derive-year.js';
import {
  deriveChargingStatement,
  parseMethodologyInputs,
  projectBudget,
  readBudgetScenario,
  readMethodologyInputs,
  type MethodologyInputsInput,
} from '../../src/index.js';
import { scenarioFileReader } from '../../src/cli/commands/budget.js';
import { D, pence, sumPence } from '../support/arithmetic.js';
import { inputIssues } from '../support/errors.js';
import { fixture } from '../support/fixtures.js';
import { scenarioOf, statementFor } from './scenarios.js';

/**
 * Inputs for 2026/27 whose rates are easy to write: only g1 has forecast meters (100000 a month),
 * every factor is 1 and every pot but the fixed one is zero, so
 * rate_g1 = 1 x EFR / (1 x 100000 x 12) = 1200000.00 / 1200000 = 1 per meter per month (K2, K4.1).
 */
function simpleInputs(overrides: Partial<MethodologyInputsInput> = {}): MethodologyInputsInput {
  return {
    format: 'dcc-charges/methodology-inputs@1',
    id: 'simple-2026-27',
    regulatoryYear: '2026/27',
    regime: 'uitmr',
    illustrative: true,
    revenue: {
      estimatedAllowedRevenue: '1200000.00',
      estimatedElectiveServiceRevenue: '0',
      fixedChRevenue: '0',
      fixedAltHanRevenue: '0',
    },
    weighting: { basis: 'perMeter', factors: { g1: '1', g2: '1', g3: '1', g4: '1', g5: '1' } },
    estimatedMeters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 100000 }],
    explicitCharges: [
      {
        code: 'GATEWAY',
        description: 'Gateway connection',
        unit: 'per month',
        unitPrice: '126.50',
        estimatedVolume: '0',
      },
    ],
    ...overrides,
  };
}

function derivedScenario(
  sensitivities = [{ id: 'revenue+10', adjust: [{ input: 'allowedRevenue' as const, by: '0.10' }] }],
  inputs: MethodologyInputsInput = simpleInputs(),
) {
  const scenario = scenarioOf([statementFor(2025, '0.4')], { sensitivities });
  scenario.years.push({ regulatoryYear: '2026/27', methodologyInputs: inputs as unknown as Record<string, unknown> });
  return scenario;
}

describe('a year derived from methodology inputs', () => {
  const projection = projectBudget(derivedScenario());
  const [base, revenue] = projection.cases;

  it('uses the statement the methodology derives, and names the inputs', () => {
    const year = base!.years[1]!;
    expect(year.statement).toEqual({
      basis: 'derived',
      id: 'simple-2026-27',
      title: deriveChargingStatement(simpleInputs()).statement.title,
      illustrative: true,
      inputsId: 'simple-2026-27',
    });
    expect(year.perMeterCharges.find((c) => c.chargingGroup === 'importSupplier' && c.region === 'north')?.fixed).toBe(
      D('1200000.00').dividedBy(D(100000).times(12)).toFixed(), // 1
    );
    expect(year.derivation?.recovery).toEqual(deriveChargingStatement(simpleInputs()).recovery);
  });

  it('charges 1000 meters at the derived rate: 12 x round2(1000 x 1)', () => {
    expect(base!.years[1]!.annual.fixed).toBe(sumPence(Array.from({ length: 12 }, () => pence(D(1000).times(1)))));
  });

  it('rounds a changed allowed revenue to pence (half-up), so any case stays within the methodology bounds', () => {
    const inputs = parseMethodologyInputs(
      JSON.parse(readFileSync(fixture('budget', 'illustrative-inputs-2026-27.json'), 'utf8')),
    );
    const changed = withAllowedRevenueChanged(inputs, new Dec('0.0333333'));
    expect(changed.revenue.estimatedAllowedRevenue).toBe(
      pence(D(inputs.revenue.estimatedAllowedRevenue).times('1.0333333')),
    );
    expect(() => deriveChargingStatement(changed)).not.toThrow();
  });

  it('derives the statement again with the allowed revenue +10%: rate = 1320000 / 1200000 = 1.1', () => {
    const year = revenue!.years[1]!;
    expect(year.derivation?.estimatedAllowedRevenue).toBe(pence(D('1200000.00').times('1.10')));
    expect(year.perMeterCharges.find((c) => c.chargingGroup === 'importSupplier' && c.region === 'north')?.fixed).toBe(
      D('1200000.00').times('1.10').dividedBy(D(100000).times(12)).toFixed(), // 1.1
    );
    expect(year.annual.fixed).toBe(sumPence(Array.from({ length: 12 }, () => pence(D(1000).times('1.1')))));
    // The year given by a statement does not move.
    expect(revenue!.years[0]!.annual).toEqual(base!.years[0]!.annual);
    expect(revenue!.years[0]!.netFromBase?.change).toBe('0.00');
  });
});

describe('the illustrative three-year budget (fixtures/budget)', () => {
  const path = fixture('budget', 'illustrative-budget.json');
  const projection = projectBudget(readBudgetScenario(readFileSync(path, 'utf8'), path), {
    source: path,
    readFile: scenarioFileReader(path),
  });
  const base = projection.cases[0]!;

  it('is marked illustrative, with one statement and two sets of methodology inputs', () => {
    expect(projection.scenario.illustrative).toBe(true);
    expect(base.years.map((year) => [year.regulatoryYear, year.statement.basis, year.statement.illustrative])).toEqual([
      ['2025/26', 'statement', true],
      ['2026/27', 'derived', true],
      ['2027/28', 'derived', true],
    ]);
  });

  it('derives each later year exactly as deriveChargingStatement does from its inputs file', () => {
    for (const [index, file] of [
      [1, 'illustrative-inputs-2026-27.json'],
      [2, 'illustrative-inputs-2027-28.json'],
    ] as const) {
      const inputs = readMethodologyInputs(readFileSync(join(fixture('budget'), file), 'utf8'));
      const statement = deriveChargingStatement(inputs).statement;
      const g1North = statement.fixedCharges.filter(
        (row) => row.chargingGroup === 'importSupplier' && (row.region === 'national' || row.region === 'north'),
      );
      expect(base.years[index]!.perMeterCharges[0]!.fixed).toBe(
        D(g1North[0]!.ratePerMeterMonth).plus(g1North[1]!.ratePerMeterMonth).toFixed(),
      );
    }
  });
});

describe('methodology inputs: bad input', () => {
  it('rejects inputs for another year', () => {
    const scenario = derivedScenario([]);
    scenario.years[1] = {
      regulatoryYear: '2026/27',
      methodologyInputs: simpleInputs({ regulatoryYear: '2027/28' }) as unknown as Record<string, unknown>,
    };
    expect(inputIssues(() => projectBudget(scenario)).issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['yearMismatch', ['years', 1, 'methodologyInputs']],
    ]);
  });

  it('rejects inputs whose charging period is not the whole year', () => {
    const scenario = derivedScenario([]);
    scenario.years[1] = {
      regulatoryYear: '2026/27',
      methodologyInputs: simpleInputs({ months: { from: '2026-10', to: '2027-03' } }) as unknown as Record<
        string,
        unknown
      >,
    };
    expect(inputIssues(() => projectBudget(scenario)).issues.map((issue) => issue.code)).toEqual(['yearNotCovered']);
  });

  it('places the problems of inline inputs under their path in the scenario', () => {
    const scenario = derivedScenario([]);
    const inputs = simpleInputs();
    scenario.years[1] = {
      regulatoryYear: '2026/27',
      methodologyInputs: {
        ...inputs,
        revenue: { ...inputs.revenue, estimatedAllowedRevenue: '-5' },
      } as unknown as Record<string, unknown>,
    };
    const { issues } = inputIssues(() => projectBudget(scenario, { source: 'scenario.json' }));
    expect(issues.map((issue) => [issue.source, issue.path])).toEqual([
      ['scenario.json', ['years', 1, 'methodologyInputs', 'revenue', 'estimatedAllowedRevenue']],
    ]);
  });

  it('names the sensitivity case whose allowed revenue leaves a negative fixed revenue', () => {
    // EAR 1300000.00 x (1 - 0.95) = 65000.00 is less than the Fixed CH revenue of 100000.00: EFR < 0.
    const inputs = simpleInputs();
    const costly = {
      ...inputs,
      revenue: { ...inputs.revenue, estimatedAllowedRevenue: '1300000.00', fixedChRevenue: '100000.00' },
    };
    expect(projectBudget(derivedScenario([], costly)).cases).toHaveLength(1);
    const { issues } = inputIssues(() =>
      projectBudget(derivedScenario([{ id: 'crash', adjust: [{ input: 'allowedRevenue', by: '-0.95' }] }], costly)),
    );
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.detail?.includes('in the sensitivity case "crash"'))).toBe(true);
  });
});

describe('derived years: properties', () => {
  it('identical inputs for consecutive years and zero growth give identical years', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')]);
    scenario.years = [2026, 2027, 2028].map((start) => {
      const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
      return {
        regulatoryYear: year,
        methodologyInputs: simpleInputs({ id: `simple-${start}`, regulatoryYear: year }) as unknown as Record<
          string,
          unknown
        >,
      };
    });
    const years = projectBudget(scenario).cases[0]!.years;
    for (const year of years.slice(1)) {
      expect(year.annual).toEqual(years[0]!.annual);
      expect(year.perMeterCharges).toEqual(years[0]!.perMeterCharges);
    }
  });
});
