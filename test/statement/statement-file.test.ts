/** Charging Statement files: the shipped fixture is valid, and every bad-input class is caught. */
import { describe, expect, it } from 'vitest';
import { parseChargingStatement, readChargingStatement } from '../../src/index.js';
import { selectStatementInForce } from '../../src/statement/select-statement.js';
import { illustrativeStatement } from '../support/fixtures.js';
import { inputIssues } from '../support/errors.js';
import { minimalStatement } from '../support/statements.js';

describe('the illustrative 2025/26 fixture', () => {
  const statement = parseChargingStatement(illustrativeStatement(), 'illustrative-2025-26.json');

  it('is valid, says it is illustrative, and covers all five groups nationally and regionally', () => {
    expect(statement.illustrative).toBe(true);
    for (const group of [
      'importSupplier',
      'exportSupplier',
      'gasSupplier',
      'electricityDistributor',
      'gasTransporter',
    ]) {
      expect(
        statement.fixedCharges
          .filter((row) => row.chargingGroup === group)
          .map((row) => row.region)
          .sort(),
      ).toEqual(['central', 'national', 'north', 'south']);
    }
    expect(statement.fixedChCharges.length).toBeGreaterThan(0);
    expect(statement.fixedAltHanCharges.length).toBeGreaterThan(0);
  });

  it('carries the three published Communications Hub return prices with their source (DP238)', () => {
    const published = statement.explicitCharges.filter((row) => row.code.startsWith('CH_RETURN_'));
    expect(published.map((row) => [row.code, row.unitPrice])).toEqual([
      ['CH_RETURN_REDEPLOYED', '8.27'],
      ['CH_RETURN_SINGLE_BAND', '30.87'],
      ['CH_RETURN_DUAL_BAND', '58.75'],
    ]);
    for (const row of published) expect(row.source).toMatch(/DP238/);
  });
});

describe('statement validation', () => {
  it('reads g1..g5 as Charging Group identifiers', () => {
    expect(parseChargingStatement(minimalStatement()).fixedCharges.map((row) => row.chargingGroup)).toEqual([
      'importSupplier',
      'exportSupplier',
      'gasSupplier',
      'electricityDistributor',
      'gasTransporter',
    ]);
  });

  it('rejects an unknown Charging Group, naming the path and the allowed values', () => {
    const statement = minimalStatement();
    const unknownGroup = { chargingGroup: 'g6', region: 'north', ratePerMeterMonth: '1' } as const;
    // @ts-expect-error there is no Charging Group g6: a typed caller cannot write one
    statement.fixedCharges = [...statement.fixedCharges, unknownGroup];
    const { messages } = inputIssues(() => parseChargingStatement(statement, 'st.json'));
    expect(messages).toEqual([
      expect.stringMatching(
        /^st\.json, at fixedCharges\[5\]\.chargingGroup: expected a Charging Group: one of "importSupplier".*g1\.\.g5, received "g6"$/,
      ),
    ]);
  });

  it('rejects an unknown region', () => {
    const statement = minimalStatement();
    statement.fixedCharges = [
      ...statement.fixedCharges,
      { chargingGroup: 'g1', region: 'east', ratePerMeterMonth: '1' } as never,
    ];
    const { messages } = inputIssues(() => parseChargingStatement(statement, 'st.json'));
    expect(messages).toEqual([
      expect.stringMatching(
        /at fixedCharges\[5\]\.region: expected a rate region: one of "national", "north", "central", "south", received "east"/,
      ),
    ]);
  });

  it.each(['g4', 'g5', 'electricityDistributor', 'gasTransporter'] as const)(
    'rejects a Fixed CH or Alt HAN rate for %s (K3.10)',
    (group) => {
      const statement = minimalStatement({
        fixedChCharges: [{ chargingGroup: group, region: 'national', ratePerMeterMonth: '0.85' }],
        fixedAltHanCharges: [{ chargingGroup: group, region: 'national', ratePerMeterMonth: '0.05' }],
      });
      const { issues } = inputIssues(() => parseChargingStatement(statement));
      expect(issues.map((issue) => issue.path)).toEqual([
        ['fixedChCharges', 0, 'chargingGroup'],
        ['fixedAltHanCharges', 0, 'chargingGroup'],
      ]);
      expect(issues[0]?.expected).toMatch(/Communications Hub Charging Group.*K3\.10/);
    },
  );

  it.each([
    ['1e-3', '"1e-3"'],
    ['NaN', '"NaN"'],
    ['Infinity', '"Infinity"'],
    ['12,5', '"12,5"'],
    ['', '""'],
    [' 0.5', '" 0.5"'],
    ['-0.5', '"-0.5"'],
    ['.5', '".5"'],
    [0.4468, '0.4468'],
  ])('rejects the rate %j: money must be a non-negative plain decimal string', (rate, received) => {
    const statement = minimalStatement();
    (statement.fixedCharges[0] as { ratePerMeterMonth: unknown }).ratePerMeterMonth = rate;
    const { issues } = inputIssues(() => parseChargingStatement(statement, 'st.json'));
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'st.json',
        path: ['fixedCharges', 0, 'ratePerMeterMonth'],
        expected: expect.stringMatching(/plain decimal string/),
        received,
      }),
    ]);
  });

  it('rejects a rate with more digits than keep every product exact (10 before the point, 20 after)', () => {
    const statement = minimalStatement();
    statement.fixedCharges = statement.fixedCharges.map((row, index) =>
      index === 0 ? { ...row, ratePerMeterMonth: `0.004${'9'.repeat(70)}` } : row,
    );
    const { issues } = inputIssues(() => parseChargingStatement(statement));
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['fixedCharges', 0, 'ratePerMeterMonth'],
        expected: expect.stringContaining('20 after'),
      }),
    ]);
    statement.fixedCharges = statement.fixedCharges.map((row, index) =>
      index === 0 ? { ...row, ratePerMeterMonth: `9999999999.${'9'.repeat(20)}` } : row,
    );
    expect(parseChargingStatement(statement).fixedCharges[0]?.ratePerMeterMonth).toBe(`9999999999.${'9'.repeat(20)}`);
  });

  it('requires a published statement to give a fixed rate for every Charging Group: national, all three regions, or both', () => {
    const statement = minimalStatement({ illustrative: false });
    statement.fixedCharges = [
      ...statement.fixedCharges.filter((row) => row.chargingGroup !== 'g4' && row.chargingGroup !== 'g5'),
      { chargingGroup: 'g5', region: 'north', ratePerMeterMonth: '0.1' },
      { chargingGroup: 'g5', region: 'south', ratePerMeterMonth: '0.1' },
    ];
    const { issues } = inputIssues(() => parseChargingStatement(statement));
    expect(issues.map((issue) => issue.expected)).toEqual([
      'a fixed rate for the Charging Group "electricityDistributor" (national, or all three regions, or both)',
      'a fixed rate for "gasTransporter" in central too, or a national rate (regional rates must cover all three regions)',
    ]);
  });

  it('accepts regional rates covering all three regions without a national rate', () => {
    const statement = minimalStatement();
    statement.fixedCharges = [
      ...statement.fixedCharges.filter((row) => row.chargingGroup !== 'g5'),
      ...(['north', 'central', 'south'] as const).map((region) => ({
        chargingGroup: 'g5' as const,
        region,
        ratePerMeterMonth: '0.1',
      })),
    ];
    expect(parseChargingStatement(statement).fixedCharges).toHaveLength(7);
  });

  it('rejects two rates for one group and region', () => {
    const statement = minimalStatement();
    statement.fixedCharges = [
      ...statement.fixedCharges,
      { chargingGroup: 'importSupplier', region: 'national', ratePerMeterMonth: '1' },
    ];
    const { issues } = inputIssues(() => parseChargingStatement(statement));
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['fixedCharges', 5],
        expected: expect.stringMatching(/also at fixedCharges\[0\]/),
      }),
    ]);
  });

  it('rejects repeated explicit codes', () => {
    const row = { code: 'A', description: 'a', unit: 'each', unitPrice: '1.00' };
    const { issues } = inputIssues(() =>
      parseChargingStatement(minimalStatement({ explicitCharges: [row, { ...row }] })),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['explicitCharges', 1, 'code'],
        expected: expect.stringMatching(/also at explicitCharges\[0\]/),
      }),
    ]);
  });

  it('rejects months outside the Regulatory Year, and a range that runs backwards', () => {
    const outside = inputIssues(() =>
      parseChargingStatement(minimalStatement({ effectiveFrom: '2025-03', effectiveTo: '2026-04' })),
    );
    expect(outside.issues.map((issue) => [issue.path, issue.expected])).toEqual([
      [['effectiveFrom'], 'a month inside the Regulatory Year 2025/26 (2025-04 to 2026-03)'],
      [['effectiveTo'], 'a month inside the Regulatory Year 2025/26 (2025-04 to 2026-03)'],
    ]);
    const backwards = inputIssues(() =>
      parseChargingStatement(minimalStatement({ effectiveFrom: '2025-09', effectiveTo: '2025-08' })),
    );
    expect(backwards.issues.map((issue) => issue.path)).toEqual([['effectiveTo']]);
  });

  it('rejects a malformed Regulatory Year, month and regime', () => {
    const { issues } = inputIssues(() =>
      parseChargingStatement(
        minimalStatement({ regulatoryYear: '2025/27', effectiveFrom: '2025-13', regime: 'rollout' as 'uitmr' }),
      ),
    );
    expect(issues.map((issue) => issue.path?.[0])).toEqual(['regulatoryYear', 'effectiveFrom', 'regime']);
  });

  it('rejects unknown fields and a wrong format tag, and names missing fields', () => {
    const statement: Record<string, unknown> = {
      ...minimalStatement(),
      format: 'charging-statement@2',
      colour: 'blue',
    };
    delete statement['source'];
    const { issues } = inputIssues(() => parseChargingStatement(statement));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknownField', received: 'unknown field "colour"' }),
        expect.objectContaining({ path: ['format'], expected: '"dcc-charges/charging-statement@1"' }),
        expect.objectContaining({ path: ['source'], code: 'missingField' }),
      ]),
    );
  });

  it('reports malformed JSON as bad input', () => {
    const { issues } = inputIssues(() => readChargingStatement('{"format": ', 'broken.json'));
    expect(issues).toEqual([
      expect.objectContaining({ source: 'broken.json', code: 'malformedJson', expected: 'well-formed JSON' }),
    ]);
  });
});

describe('the statement in force', () => {
  const first = parseChargingStatement(minimalStatement({ id: 'a', effectiveTo: '2025-09' }));
  const second = parseChargingStatement(minimalStatement({ id: 'b', effectiveFrom: '2025-10' }));

  it('is the one whose months include the month', () => {
    expect(selectStatementInForce([first, second], '2025-09').id).toBe('a');
    expect(selectStatementInForce([first, second], '2025-10').id).toBe('b');
  });

  it('is an error when no statement covers the month, listing what is covered', () => {
    const { issues } = inputIssues(() => selectStatementInForce([first, second], '2026-04'));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'noStatementInForce',
        received: '"2026-04"',
        expected: expect.stringContaining('"a" (2025-04 to 2025-09); "b" (2025-10 to 2026-03)'),
      }),
    ]);
  });

  it('is an error when two statements are in force for one month', () => {
    const overlapping = parseChargingStatement(
      minimalStatement({ id: 'c', effectiveFrom: '2025-09', effectiveTo: '2025-12' }),
    );
    const { issues } = inputIssues(() => selectStatementInForce([first, second, overlapping], '2025-06'));
    expect(issues.map((issue) => issue.received)).toEqual([
      '"a" (2025-04 to 2025-09) and "c" (2025-09 to 2025-12)',
      '"b" (2025-10 to 2026-03) and "c" (2025-09 to 2025-12)',
    ]);
  });
});
