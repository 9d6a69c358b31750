/**
 * Bad budget scenarios get clear errors, each naming where: years out of order or missing, a
 * portfolio group a statement does not cover, growth that would make a count negative, a
 * sensitivity case naming an unknown input, and the other rules of the format.
 */
import { describe, expect, it } from 'vitest';
import { parseBudgetScenario, projectBudget, readBudgetScenario, type BudgetScenarioInput } from '../../src/index.js';
import { budgetScenarioSchema } from '../../src/zod.js';
import { inputIssues } from '../support/errors.js';
import { scenarioOf, statementFor, yearRange } from './scenarios.js';

const codes = (call: () => unknown) => inputIssues(call).issues.map((issue) => [issue.code, issue.path]);

const threeYears = () => [statementFor(2025, '0.4'), statementFor(2026, '0.4'), statementFor(2027, '0.4')];

describe('years out of order or missing', () => {
  it('rejects a year before the one it follows', () => {
    const [a, b, c] = threeYears();
    const { issues, messages } = inputIssues(() => projectBudget(scenarioOf([a!, c!, b!])));
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['yearMissing', ['years', 1, 'regulatoryYear']],
      ['yearsOutOfOrder', ['years', 2, 'regulatoryYear']],
    ]);
    expect(messages[1]).toBe(
      'at years[2].regulatoryYear: expected Regulatory Years in order, each once: 2028/29 after 2027/28, received "2026/27"',
    );
  });

  it('rejects a year given twice', () => {
    const [a] = threeYears();
    expect(codes(() => projectBudget(scenarioOf([a!, a!])))).toEqual([
      ['yearsOutOfOrder', ['years', 1, 'regulatoryYear']],
    ]);
  });

  it('rejects a gap between years', () => {
    const [a, , c] = threeYears();
    const { messages } = inputIssues(() => projectBudget(scenarioOf([a!, c!]), { source: 'scenario.json' }));
    expect(messages).toEqual([
      'scenario.json, at years[1].regulatoryYear: expected the next Regulatory Year 2026/27 (years must follow one another with none missing), received "2027/28"',
    ]);
  });

  it('rejects a statement for another year, or one not in force for the whole year', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')]);
    scenario.years[0] = {
      regulatoryYear: '2025/26',
      statement: statementFor(2026, '0.4') as unknown as Record<string, unknown>,
    };
    expect(codes(() => projectBudget(scenario))).toEqual([['yearMismatch', ['years', 0, 'statement']]]);
    const partial = statementFor(2025, '0.4', { ...yearRange(2025), effectiveTo: '2025-09' });
    const { issues } = inputIssues(() => projectBudget(scenarioOf([partial])));
    expect(issues.map((issue) => issue.code)).toEqual(['yearNotCovered']);
    expect(issues[0]?.received).toBe('"test-2025" in force 2025-04 to 2025-09');
  });

  it('rejects a year with neither a statement nor methodology inputs, or both', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.4')]);
    scenario.years[0] = { regulatoryYear: '2025/26' };
    scenario.years[1] = { ...scenario.years[1]!, methodologyInputs: 'inputs.json' };
    expect(codes(() => parseBudgetScenario(scenario))).toEqual([
      ['yearWithoutSource', ['years', 0]],
      ['yearWithTwoSources', ['years', 1]],
    ]);
  });
});

describe('a portfolio group not covered by a statement', () => {
  it('rejects chargeable meters of a group for which a levied charge type has no rate', () => {
    const statement = statementFor(2025, '0.4', {
      fixedChCharges: [{ chargingGroup: 'g1' as const, region: 'national', ratePerMeterMonth: '0.85' }],
    });
    const scenario = scenarioOf([statement], {
      portfolio: {
        start: [
          { chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 10 },
          { chargingGroup: 'g3' as const, region: 'south', premises: 'domestic', enrolled: true, count: 20 },
        ],
      },
    });
    const { issues, messages } = inputIssues(() => projectBudget(scenario, { source: 'scenario.json' }));
    expect(issues.map((issue) => issue.code)).toEqual(['groupNotCovered']);
    expect(messages[0]).toBe(
      'scenario.json, at portfolio: expected a Fixed CH Charge rate in "test-2025" for gasSupplier (g3) in south or national, received 20 chargeable meters of gasSupplier in south in 2025-04 and no rate',
    );
  });

  it('rejects a regional rate that leaves a Region of the portfolio unpriced', () => {
    const statement = statementFor(2025, '0.4', {
      fixedAltHanCharges: [{ chargingGroup: 'g1' as const, region: 'north', ratePerMeterMonth: '0.05' }],
    });
    const scenario = scenarioOf([statement], {
      portfolio: {
        start: [{ chargingGroup: 'g1' as const, region: 'central', premises: 'domestic', enrolled: true, count: 10 }],
      },
    });
    expect(inputIssues(() => projectBudget(scenario)).issues[0]?.expected).toBe(
      'a Fixed Alt HAN Charge rate in "test-2025" for importSupplier (g1) in central or national',
    );
  });

  it('accepts meters the regime does not make chargeable, and charge types the statement does not levy', () => {
    const statement = statementFor(2025, '0.4', {
      regime: 'preUitmr',
      fixedChCharges: [{ chargingGroup: 'g1' as const, region: 'national', ratePerMeterMonth: '0.85' }],
    });
    const scenario = scenarioOf([statement], {
      portfolio: {
        start: [{ chargingGroup: 'g3' as const, region: 'south', premises: 'nonDomestic', enrolled: false, count: 20 }],
      },
    });
    // preUitmr (K4) charges no non-domestic meter, so the g3 meters need no Fixed CH rate
    expect(projectBudget(scenario).cases[0]!.years[0]!.annual.fixedCh).toBe('0.00');
  });

  it("rejects usage of a code a year's statement does not price", () => {
    const scenario = scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.4', { explicitCharges: [] })], {
      usage: [{ code: 'GATEWAY', quantity: '1' }],
    });
    const { issues } = inputIssues(() => projectBudget(scenario));
    expect(issues.map((issue) => [issue.code, issue.path, issue.expected])).toEqual([
      ['unknownExplicitCode', ['usage', 0], 'an Explicit Charging Metric priced by "test-2026" (2026/27)'],
    ]);
  });
});

describe('growth rates that make a count negative', () => {
  it('rejects a growth rate below -1 per year', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: {
        start: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 10 }],
        growth: [{ ratePerYear: '-1.5' }],
      },
    });
    const { issues } = inputIssues(() => projectBudget(scenario));
    expect(issues.map((issue) => [issue.code, issue.path, issue.field, issue.received])).toEqual([
      ['negativeCount', ['portfolio', 'growth', 0], 'ratePerYear', '"-1.5"'],
    ]);
  });

  it('rejects a sensitivity case that takes a growth rate below -1', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: {
        start: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 10 }],
        growth: [{ ratePerYear: '-0.98' }],
      },
      sensitivities: [{ id: 'collapse', adjust: [{ input: 'meterGrowth', by: '-0.05' }] }],
    });
    const { issues } = inputIssues(() => projectBudget(scenario));
    expect(issues.map((issue) => [issue.code, issue.path, issue.detail])).toEqual([
      ['negativeCount', ['sensitivities', 0, 'adjust', 0], 'growth -0.98 at portfolio.growth.0 becomes -1.03'],
    ]);
  });

  it('rejects a meterCounts or usage change below -100 per cent', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      usage: [{ code: 'GATEWAY', quantity: '1' }],
      sensitivities: [
        {
          id: 'neg',
          adjust: [
            { input: 'meterCounts', by: '-1.01' },
            { input: 'usage', by: '-2' },
          ],
        },
      ],
    });
    expect(codes(() => projectBudget(scenario))).toEqual([
      ['negativeCount', ['sensitivities', 0, 'adjust', 0]],
      ['negativeCount', ['sensitivities', 0, 'adjust', 1]],
    ]);
  });

  it('accepts a fall of exactly 100 per cent: the counts become zero', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4'), statementFor(2026, '0.4')], {
      portfolio: {
        start: [{ chargingGroup: 'g1' as const, region: 'north', premises: 'domestic', enrolled: true, count: 10 }],
        growth: [{ ratePerYear: '-1' }],
      },
    });
    expect(projectBudget(scenario).cases[0]!.years[1]!.months[0]!.meters).toBe(0);
  });
});

describe('a sensitivity case naming an unknown input', () => {
  it('rejects it, listing the inputs a case can change', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      sensitivities: [{ id: 'weird', adjust: [{ input: 'interestRate' as never, by: '0.1' }] }],
    });
    const { issues, messages } = inputIssues(() => projectBudget(scenario, { source: 'scenario.json' }));
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalidValue', ['sensitivities', 0, 'adjust', 0, 'input']],
    ]);
    expect(messages[0]).toBe(
      'scenario.json, at sensitivities[0].adjust[0].input: expected an input a sensitivity case can change: one of "allowedRevenue", "meterGrowth", "meterCounts", "usage", received "interestRate"',
    );
  });

  it('rejects a case that could change nothing, a repeated input and a repeated case id', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      sensitivities: [
        { id: 'revenue', adjust: [{ input: 'allowedRevenue', by: '0.1' }] },
        {
          id: 'revenue',
          adjust: [
            { input: 'meterCounts', by: '0.1' },
            { input: 'meterCounts', by: '0.2' },
          ],
        },
        { id: 'base', adjust: [{ input: 'usage', by: '0.1' }] },
      ],
    });
    expect(codes(() => projectBudget(scenario))).toEqual([
      ['sensitivityWithoutEffect', ['sensitivities', 0, 'adjust', 0]],
      ['duplicateCase', ['sensitivities', 1, 'id']],
      ['repeatedInput', ['sensitivities', 1, 'adjust', 1]],
      ['duplicateCase', ['sensitivities', 2, 'id']],
      ['sensitivityWithoutEffect', ['sensitivities', 2, 'adjust', 0]],
    ]);
  });
});

describe('the portfolio and the forecasts', () => {
  it('needs either per-month counts or a starting point, and growth only with a starting point', () => {
    const row = {
      chargingGroup: 'g1' as const,
      region: 'north' as const,
      premises: 'domestic' as const,
      enrolled: true,
      count: 1,
    };
    expect(codes(() => parseBudgetScenario(scenarioOf([statementFor(2025, '0.4')], { portfolio: {} })))).toEqual([
      ['portfolioForm', ['portfolio']],
    ]);
    expect(
      codes(() =>
        parseBudgetScenario(
          scenarioOf([statementFor(2025, '0.4')], { portfolio: { meters: [row], growth: [{ ratePerYear: '0' }] } }),
        ),
      ),
    ).toEqual([['growthWithoutStart', ['portfolio', 'growth']]]);
  });

  it('rejects per-month counts that miss months or fall outside the scenario', () => {
    const row = (month: string) => ({
      month,
      chargingGroup: 'g1' as const,
      region: 'north' as const,
      premises: 'domestic' as const,
      enrolled: true,
      count: 1,
    });
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: { meters: [row('2025-04'), row('2024-04')] },
    });
    const { issues } = inputIssues(() => parseBudgetScenario(scenario));
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['outsideScenario', ['portfolio', 'meters', 1]],
      ['missingMonth', ['portfolio', 'meters']],
    ]);
    expect(issues[1]?.received).toBe(
      'no counts for 2025-05, 2025-06, 2025-07, 2025-08, 2025-09, 2025-10, 2025-11, 2025-12, 2026-01, 2026-02, 2026-03',
    );
  });

  it('rejects a combination counted month by month that misses a month, even when other rows cover it', () => {
    const base = { region: 'north' as const, premises: 'domestic' as const, enrolled: true, count: 100 };
    const months = [
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ];
    const meters = [
      { ...base, chargingGroup: 'g1' as const },
      { ...base, chargingGroup: 'g3' as const, month: '2025-04' },
      ...months
        .filter((month) => month !== '2025-05')
        .map((month) => ({ ...base, chargingGroup: 'g2' as const, month })),
    ];
    const { issues } = inputIssues(() =>
      parseBudgetScenario(scenarioOf([statementFor(2025, '0.4')], { portfolio: { meters } })),
    );
    expect(issues.map((issue) => [issue.code, issue.received])).toEqual([
      ['missingMonth', `no counts for ${months.slice(1).join(', ')}`],
      ['missingMonth', 'no counts for 2025-05'],
    ]);
    expect(issues[0]?.expected).toContain('gasSupplier north domestic enrolled=true');
  });

  it('rejects a starting row no growth entry matches, or two equally specific entries that disagree', () => {
    const start = [
      {
        chargingGroup: 'g1' as const,
        region: 'north' as const,
        premises: 'domestic' as const,
        enrolled: true,
        count: 1,
      },
      {
        chargingGroup: 'g3' as const,
        region: 'north' as const,
        premises: 'domestic' as const,
        enrolled: true,
        count: 1,
      },
    ];
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      portfolio: {
        start,
        growth: [
          { chargingGroup: 'g1' as const, ratePerYear: '0.1' },
          { region: 'north', ratePerYear: '0.2' },
          { chargingGroup: 'g5' as const, ratePerYear: '0.2' },
        ],
      },
    });
    expect(codes(() => parseBudgetScenario(scenario))).toEqual([
      ['ambiguousGrowth', ['portfolio', 'start', 0]],
      ['unusedGrowth', ['portfolio', 'growth', 2]],
    ]);
  });

  it('rejects forecasts outside the scenario, and a forecast with both a month and a year', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      usage: [
        { code: 'GATEWAY', quantity: '1', month: '2027-01' },
        { code: 'GATEWAY', quantity: '1', month: '2025-05', regulatoryYear: '2025/26' },
      ],
      elective: [{ reference: 'E', description: 'e', amount: '1.00', regulatoryYear: '2030/31' }],
    });
    expect(codes(() => parseBudgetScenario(scenario))).toEqual([
      ['outsideScenario', ['usage', 0]],
      ['monthAndYear', ['usage', 1]],
      ['outsideScenario', ['elective', 0]],
    ]);
  });

  it('rejects an elective reference charged twice in one month', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')], {
      elective: [
        { reference: 'E', description: 'e', amount: '1.00' },
        { reference: 'E', description: 'e again', amount: '2.00', month: '2025-06' },
      ],
    });
    expect(codes(() => parseBudgetScenario(scenario))).toEqual([['duplicateRow', ['elective', 1]]]);
  });
});

describe('the rules across fields, written once', () => {
  it('reports a repeated portfolio row by the meter-count rule, naming the first row in the document', () => {
    const row = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 } as const;
    const scenario = scenarioOf([statementFor(2025, '0.4')], { portfolio: { start: [row, { ...row, count: 5 }] } });
    const { issues, messages } = inputIssues(() => parseBudgetScenario(scenario, 'scenario.json'));
    expect(issues.map((issue) => [issue.code, issue.path, issue.detail])).toEqual([
      ['duplicateRow', ['portfolio', 'start', 1], 'first at portfolio.start[0]'],
    ]);
    expect(messages).toEqual([
      'scenario.json, at portfolio.start[1]: expected one row per month, chargingGroup, region, premises and enrolled (rows are not summed), received importSupplier north domestic enrolled=true again (first at portfolio.start[0])',
    ]);
  });

  it('are part of the exported zod schema: budgetScenarioSchema refuses years out of order with the same finding', () => {
    const [a, b] = threeYears();
    const result = budgetScenarioSchema.safeParse(scenarioOf([b!, a!]));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['years', 1, 'regulatoryYear'], 'Regulatory Years in order, each once: 2027/28 after 2026/27'],
    ]);
    expect(budgetScenarioSchema.safeParse(scenarioOf([a!, b!])).success).toBe(true);
  });
});

describe('the file itself', () => {
  it('reports malformed JSON and a wrong format', () => {
    expect(inputIssues(() => readBudgetScenario('{', 'scenario.json')).issues[0]?.code).toBe('malformedJson');
    const wrong = {
      ...scenarioOf([statementFor(2025, '0.4')]),
      format: 'dcc-charges/budget-scenario@2',
    } as unknown as BudgetScenarioInput;
    expect(codes(() => parseBudgetScenario(wrong))).toEqual([['invalidValue', ['format']]]);
  });

  it('places the problems of an inline statement under its path in the scenario', () => {
    const statement = { ...statementFor(2025, '0.4'), regime: 'someday' };
    const scenario = scenarioOf([statement as never]);
    const { issues } = inputIssues(() => projectBudget(scenario, { source: 'scenario.json' }));
    expect(issues.map((issue) => [issue.source, issue.path])).toEqual([
      ['scenario.json', ['years', 0, 'statement', 'regime']],
    ]);
  });

  it('needs a file reader for a statement given by path', () => {
    const scenario = scenarioOf([statementFor(2025, '0.4')]);
    scenario.years[0] = { regulatoryYear: '2025/26', statement: 'statement.json' };
    expect(codes(() => projectBudget(scenario))).toEqual([['fileNotRead', ['years', 0, 'statement']]]);
    const read = projectBudget(scenario, {
      readFile: () => ({ text: JSON.stringify(statementFor(2025, '0.4')), source: 'statement.json' }),
    });
    expect(read.cases[0]!.years[0]!.statement.file).toBe('statement.json');
  });
});
