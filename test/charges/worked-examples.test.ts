/**
 * Worked examples of monthly charges. Each expected value is written as the arithmetic that
 * gives it (count x rate, rounded half-up to pence), computed here with an independent Decimal.
 */
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, type MonthlyChargesInput } from '../../src/index.js';
import { chargeKeyColumns } from '../../src/charges/charge-line.js';
import type { ChargingGroupSpelling } from '../../src/vocabulary/charging-groups.js';
import { D, pence, sumPence } from '../support/arithmetic.js';
import { illustrativeStatement, priceOf, rateOf } from '../support/fixtures.js';
import { minimalStatement } from '../support/statements.js';

const meter = (
  chargingGroup: ChargingGroupSpelling,
  region: 'north' | 'central' | 'south',
  premises: 'domestic' | 'nonDomestic',
  enrolled: boolean,
  count: number,
) => ({ chargingGroup, region, premises, enrolled, count });

function linesOf(input: MonthlyChargesInput) {
  return calculateMonthlyCharges(input).lines.map((line) => {
    const key = chargeKeyColumns(line);
    return [line.kind, key.chargingGroup, key.region, key.code, line.quantity, line.amount];
  });
}

describe('fixed charges by regime (chargeable meters)', () => {
  const meters = [
    meter('g1', 'north', 'domestic', true, 1000),
    meter('g1', 'north', 'domestic', false, 300),
    meter('g1', 'south', 'nonDomestic', true, 40),
    meter('g1', 'south', 'nonDomestic', false, 7),
  ];

  it('pre-UITMR (K4) counts every domestic meter and no non-domestic meter', () => {
    const charges = calculateMonthlyCharges({
      statements: [minimalStatement({ regime: 'preUitmr' })],
      month: '2025-05',
      meters,
    });
    expect(linesOf({ statements: [minimalStatement({ regime: 'preUitmr' })], month: '2025-05', meters })).toEqual([
      ['fixed', 'importSupplier', 'national', undefined, String(1000 + 300), pence(D(1000 + 300).times('0.4468'))],
    ]);
    expect(charges.lines[0]?.clause).toBe('K4');
  });

  it('UITMR (K5) counts every registered meter, domestic and non-domestic', () => {
    const input = { statements: [minimalStatement({ regime: 'uitmr' })], month: '2025-05', meters };
    expect(linesOf(input)).toEqual([
      ['fixed', 'importSupplier', 'national', undefined, String(1000 + 300 + 40 + 7), pence(D(1347).times('0.4468'))],
    ]);
    expect(calculateMonthlyCharges(input).lines[0]?.clause).toBe('K5');
  });

  it('post-UITMR (K6) counts every registered meter by default (decision 0090)', () => {
    const input = { statements: [minimalStatement({ regime: 'postUitmr' })], month: '2025-05', meters };
    expect(linesOf(input)).toEqual([
      ['fixed', 'importSupplier', 'national', undefined, String(1000 + 300 + 40 + 7), pence(D(1347).times('0.4468'))],
    ]);
    expect(calculateMonthlyCharges(input).lines[0]?.clause).toBe('K6');
  });

  it('post-UITMR (K6) with the enrolled-only reading (a named option) counts enrolled meters only', () => {
    const enrolled = { domestic: 'enrolled', nonDomestic: 'enrolled' } as const;
    const statement = minimalStatement({ regime: 'postUitmr', chargeableMeters: { fixed: enrolled } });
    expect(linesOf({ statements: [statement], month: '2025-05', meters })).toEqual([
      ['fixed', 'importSupplier', 'national', undefined, String(1000 + 40), pence(D(1040).times('0.4468'))],
    ]);
  });

  it('a statement override replaces the regime default for one charge type', () => {
    const statement = minimalStatement({
      regime: 'preUitmr',
      chargeableMeters: { fixed: { domestic: 'enrolled', nonDomestic: 'all' } },
    });
    expect(linesOf({ statements: [statement], month: '2025-05', meters })).toEqual([
      ['fixed', 'importSupplier', 'national', undefined, String(1000 + 40 + 7), pence(D(1047).times('0.4468'))],
    ]);
  });

  it('no line for a rate whose chargeable count is zero', () => {
    const input = {
      statements: [minimalStatement({ regime: 'preUitmr' })],
      month: '2025-05',
      meters: [meter('g3', 'north', 'nonDomestic', false, 500)],
    };
    const charges = calculateMonthlyCharges(input);
    expect(charges.lines).toEqual([]);
    expect(charges.totals.net).toBe('0.00');
    expect(charges.totals.gross).toBe('0.00');
  });
});

describe('the illustrative 2025/26 statement: a dual-fuel supplier', () => {
  const statement = illustrativeStatement();
  const fixed = statement.fixedCharges;
  const meters = [
    meter('importSupplier', 'north', 'domestic', true, 120),
    meter('importSupplier', 'north', 'nonDomestic', false, 5),
    meter('importSupplier', 'south', 'domestic', false, 80),
    meter('gasSupplier', 'central', 'domestic', true, 90),
  ];
  const charges = calculateMonthlyCharges({
    statements: [statement],
    month: '2025-06',
    meters,
    usage: [
      { code: 'CH_RETURN_REDEPLOYED', quantity: '3' },
      { code: 'TEST_LAB_DAY', quantity: '0.5' },
      { code: 'CH_RETURN_REDEPLOYED', quantity: '2' },
    ],
    elective: [{ reference: 'EA-1', description: 'Bespoke service', amount: '100.10' }],
  });

  const g1 = { national: 120 + 5 + 80, north: 120 + 5, south: 80 };
  const expectedLines = [
    ['fixed', 'importSupplier', 'national', g1.national, rateOf(fixed, 'importSupplier', 'national')],
    ['fixed', 'importSupplier', 'north', g1.north, rateOf(fixed, 'importSupplier', 'north')],
    ['fixed', 'importSupplier', 'south', g1.south, rateOf(fixed, 'importSupplier', 'south')],
    ['fixed', 'gasSupplier', 'national', 90, rateOf(fixed, 'gasSupplier', 'national')],
    ['fixed', 'gasSupplier', 'central', 90, rateOf(fixed, 'gasSupplier', 'central')],
    [
      'fixedCh',
      'importSupplier',
      'national',
      g1.national,
      rateOf(statement.fixedChCharges, 'importSupplier', 'national'),
    ],
    ['fixedCh', 'gasSupplier', 'national', 90, rateOf(statement.fixedChCharges, 'gasSupplier', 'national')],
    [
      'fixedAltHan',
      'importSupplier',
      'national',
      g1.national,
      rateOf(statement.fixedAltHanCharges, 'importSupplier', 'national'),
    ],
    ['fixedAltHan', 'gasSupplier', 'national', 90, rateOf(statement.fixedAltHanCharges, 'gasSupplier', 'national')],
  ] as const;

  it('has a line per applicable rate: national to the sum over regions, regional to the region', () => {
    expect(
      charges.lines
        .filter((line) => line.kind !== 'explicit' && line.kind !== 'elective')
        .map((line) => [line.kind, line.chargingGroup, line.region, line.quantity, line.unitPrice, line.amount]),
    ).toEqual(
      expectedLines.map(([kind, group, region, count, rate]) => [
        kind,
        group,
        region,
        String(count),
        rate,
        pence(D(count).times(rate)),
      ]),
    );
  });

  it('sums repeated usage codes into one line, priced from the catalogue', () => {
    const explicit = charges.lines.filter((line) => line.kind === 'explicit');
    expect(explicit.map((line) => [line.code, line.quantity, line.amount])).toEqual([
      ['CH_RETURN_REDEPLOYED', '5', pence(D(3 + 2).times(priceOf('CH_RETURN_REDEPLOYED')))],
      ['TEST_LAB_DAY', '0.5', pence(D('0.5').times(priceOf('TEST_LAB_DAY')))],
    ]);
    expect(explicit[0]?.explanation.inputs['usageRowsSummed']).toBe('2');
    expect(priceOf('CH_RETURN_REDEPLOYED')).toBe('8.27');
  });

  it('adds the elective line as supplied, then totals, VAT and gross', () => {
    const amounts = charges.lines.map((line) => line.amount);
    const net = sumPence(amounts);
    expect(charges.lines.at(-1)).toMatchObject({
      kind: 'elective',
      code: 'EA-1',
      quantity: '1',
      unitPrice: '100.10',
      amount: '100.10',
      clause: 'K8',
    });
    expect(charges.totals.net).toBe(net);
    expect(charges.totals.vat).toBe(pence(D(net).times('0.20')));
    expect(charges.totals.gross).toBe(
      D(net)
        .plus(pence(D(net).times('0.20')))
        .toFixed(2),
    );
    expect(charges.totals.fixed).toBe(sumPence(charges.lines.filter((l) => l.kind === 'fixed').map((l) => l.amount)));
    expect(charges.vatRate).toBe('0.20');
  });

  it('names the statement and explains each line', () => {
    expect(charges.statement).toEqual({
      id: 'illustrative-2025-26',
      title: statement['title'],
      illustrative: true,
      provenance: 'illustrative',
      provenanceNote: 'the Charging Statement "illustrative-2025-26" is illustrative: its figures are invented.',
    });
    const first = charges.lines[0];
    expect(first?.clause).toBe('K5');
    expect(first?.explanation.formula).toBe('amount = round2(chargeable meters x rate per meter per month)');
    expect(first?.explanation.priceSource).toEqual({
      document: 'illustrative-2025-26',
      list: 'fixedCharges',
      index: fixed.findIndex((row) => row.chargingGroup === 'importSupplier' && row.region === 'national'),
    });
    expect(first?.explanation.rounding.unrounded).toBe(
      D(g1.national)
        .times(rateOf(fixed, 'importSupplier', 'national'))
        .toFixed(),
    );
    expect(first?.explanation.chargeableMeters).toEqual({ domestic: 'all', nonDomestic: 'all' });
  });
});

describe('rounding points', () => {
  // 5 meters x 0.001 = 0.005: exactly half a penny.
  const input = {
    statements: [
      minimalStatement({
        fixedCharges: [
          { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '0.001' },
          { chargingGroup: 'g2', region: 'national', ratePerMeterMonth: '0.003' },
          { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: '0.001' },
          { chargingGroup: 'g4', region: 'national', ratePerMeterMonth: '0.001' },
          { chargingGroup: 'g5', region: 'national', ratePerMeterMonth: '0.001' },
        ],
      }),
    ],
    month: '2025-04',
    meters: [meter('g1', 'north', 'domestic', true, 5), meter('g2', 'north', 'domestic', true, 5)],
  };

  it('rounds each line half-up by default: 5 x 0.001 = 0.005 -> 0.01; 5 x 0.003 = 0.015 -> 0.02', () => {
    expect(calculateMonthlyCharges(input).lines.map((line) => line.amount)).toEqual(['0.01', '0.02']);
  });

  it('rounds half-even when asked: 0.005 -> 0.00; 0.015 -> 0.02', () => {
    expect(calculateMonthlyCharges({ ...input, rounding: 'halfEven' }).lines.map((line) => line.amount)).toEqual([
      '0.00',
      '0.02',
    ]);
  });

  it('rounds VAT once, on the net: round2((0.01 + 0.02) x 0.175) = round2(0.00525) = 0.01', () => {
    const charges = calculateMonthlyCharges({ ...input, vatRate: '0.175' });
    expect(charges.totals).toMatchObject({ net: '0.03', vat: pence(D('0.03').times('0.175')), gross: '0.04' });
    expect(charges.vatRate).toBe('0.175');
  });

  it('keeps negative elective credits exact in the net', () => {
    const charges = calculateMonthlyCharges({
      ...input,
      elective: [{ reference: 'CR-1', description: 'Credit', amount: '-0.03' }],
    });
    expect(charges.totals).toMatchObject({ elective: '-0.03', net: '0.00', vat: '0.00', gross: '0.00' });
  });
});

describe('statements revised within the year', () => {
  const first = minimalStatement({ id: 'first', effectiveTo: '2025-09' });
  const revised = minimalStatement({
    id: 'revised',
    effectiveFrom: '2025-10',
    fixedCharges:
      minimalStatement().fixedCharges?.map((row) => ({
        ...row,
        ratePerMeterMonth: row.chargingGroup === 'g1' ? '0.5012' : row.ratePerMeterMonth,
      })) ?? [],
  });
  const meters = [meter('g1', 'central', 'domestic', true, 2500)];

  it('uses the statement in force for each month', () => {
    const september = calculateMonthlyCharges({ statements: [revised, first], month: '2025-09', meters });
    const october = calculateMonthlyCharges({ statements: [revised, first], month: '2025-10', meters });
    expect([september.statement.id, september.lines[0]?.amount]).toEqual(['first', pence(D(2500).times('0.4468'))]);
    expect([october.statement.id, october.lines[0]?.amount]).toEqual(['revised', pence(D(2500).times('0.5012'))]);
  });

  it('takes the counts of the month from rows that carry months', () => {
    const counts = [
      { month: '2025-09', ...meter('g1', 'central', 'domestic', true, 2500) },
      { month: '2025-10', ...meter('g1', 'central', 'domestic', true, 2600) },
    ];
    const october = calculateMonthlyCharges({ statements: [first, revised], month: '2025-10', meters: counts });
    expect(october.lines.map((line) => [line.quantity, line.amount])).toEqual([
      ['2600', pence(D(2600).times('0.5012'))],
    ]);
  });
});
