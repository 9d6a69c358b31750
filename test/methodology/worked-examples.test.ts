/**
 * Worked examples by hand. Every expected value is written as the arithmetic that produces it,
 * from the eight forecast rows of `SMALL_METERS` (see helpers.ts) over twelve months.
 */
import { describe, expect, it } from 'vitest';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { calculateMonthlyCharges } from '../../src/charges/calculate-monthly-charges.js';
import { formatPlain } from '../../src/money/rounding.js';
import { D, publish, rateOf, smallInputs } from './helpers.js';

// EFR = 59000 - 4000 - 250.00 x 4 - 7200 - 1200 (K2)
const EFR = D(59000).minus(4000).minus(D('250.00').times(4)).minus(7200).minus(1200);
const CGWF = { g1: D(1), g2: D('0.5'), g3: D(1), g4: D('0.25'), g5: D('0.25') };

describe('K2: the Estimated Fixed Revenue', () => {
  it('is EAR - EESR - EECR - Fixed CH revenue - Fixed Alt HAN revenue, EECR from unitPrice x estimatedVolume', () => {
    const { trace } = deriveChargingStatement(smallInputs());
    expect(trace.find((step) => step.step === 'estimatedExplicitChargesRevenue')?.value).toBe(
      formatPlain(D('250.00').times(4)),
    );
    expect(trace.find((step) => step.step === 'estimatedFixedRevenue')?.value).toBe(formatPlain(EFR));
    expect(formatPlain(EFR)).toBe('45600');
  });

  it('uses estimatedExplicitChargesRevenue when given', () => {
    const inputs = smallInputs();
    const { trace } = deriveChargingStatement({
      ...inputs,
      revenue: { ...inputs.revenue, estimatedExplicitChargesRevenue: '1000.00' },
      explicitCharges: [{ code: 'GATEWAY', description: 'Gateway connection', unit: 'per month', unitPrice: '250.00' }],
    });
    expect(trace.find((step) => step.step === 'estimatedFixedRevenue')?.value).toBe(formatPlain(EFR));
  });
});

describe('each regime counts its chargeable meters (per-meter reading, national pots)', () => {
  it('uitmr (K5): every registered meter counts', () => {
    const { statement, recovery } = deriveChargingStatement(smallInputs({ regime: 'uitmr' }));
    // B_g1 = (600 + 300 + 100) x 12, B_g2 = 200 x 12, B_g3 = (500 + 100) x 12, B_g4 = 400 x 12, B_g5 = 400 x 12
    const B = {
      g1: D(1000).times(12),
      g2: D(200).times(12),
      g3: D(600).times(12),
      g4: D(400).times(12),
      g5: D(400).times(12),
    };
    // W = sum CGWF_g x B_g = 12000 + 1200 + 7200 + 1200 + 1200 = 22800
    const W = B.g1
      .times(CGWF.g1)
      .plus(B.g2.times(CGWF.g2))
      .plus(B.g3.times(CGWF.g3))
      .plus(B.g4.times(CGWF.g4))
      .plus(B.g5.times(CGWF.g5));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(CGWF.g1.times(EFR).div(W))); // 2
    expect(rateOf(statement, 'fixedCharges', 'exportSupplier', 'national')).toBe(publish(CGWF.g2.times(EFR).div(W))); // 1
    expect(rateOf(statement, 'fixedCharges', 'electricityDistributor', 'national')).toBe(
      publish(CGWF.g4.times(EFR).div(W)),
    ); // 0.5
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe('2');
    // Fixed CH: chFactors default to factors of g1..g3: W_ch = 12000 + 0.5 x 2400 + 7200
    const Wch = B.g1.plus(B.g2.times('0.5')).plus(B.g3);
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'national')).toBe(publish(D(7200).div(Wch))); // 0.353
    expect(rateOf(statement, 'fixedChCharges', 'exportSupplier', 'national')).toBe(
      publish(D('0.5').times(7200).div(Wch)),
    );
    expect(rateOf(statement, 'fixedAltHanCharges', 'gasSupplier', 'national')).toBe(publish(D(1200).div(Wch)));
    expect(statement.fixedChCharges.map((row) => row.chargingGroup)).toEqual([
      'importSupplier',
      'exportSupplier',
      'gasSupplier',
    ]);
    // The CH residual: 0.353 x 12000 + 0.176 x 2400 + 0.353 x 7200 - 7200
    const ch = recovery.find((entry) => entry.pot === 'fixedCh/national');
    const recovered = D(publish(D(7200).div(Wch)))
      .times(B.g1.plus(B.g3))
      .plus(D(publish(D(3600).div(Wch))).times(B.g2));
    expect(ch?.recoveredAtPublishedRates).toBe(formatPlain(recovered));
    expect(ch?.residual).toBe(formatPlain(recovered.minus(7200)));
    // Fixed pot recovered exactly: the rates 2, 1, 2, 0.5, 0.5 terminate
    expect(recovery.find((entry) => entry.pot === 'fixed/national')?.residual).toBe('0');
  });

  it('preUitmr (K4): domestic meters only', () => {
    const { statement } = deriveChargingStatement(smallInputs({ regime: 'preUitmr' }));
    // r3 (g1 south non-domestic) and r5 (g3 central non-domestic) do not count:
    // W = (600 + 300) x 12 x 1 + 200 x 12 x 0.5 + 500 x 12 x 1 + 400 x 12 x 0.25 + 400 x 12 x 0.25 = 20400
    const W = D(900)
      .times(12)
      .plus(D(200).times(12).times('0.5'))
      .plus(D(500).times(12))
      .plus(D(400).times(12).times('0.25').times(2));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.div(W))); // 2.235
    expect(rateOf(statement, 'fixedCharges', 'gasTransporter', 'national')).toBe(publish(D('0.25').times(EFR).div(W)));
    // Fixed CH: W_ch = 900 x 12 + 0.5 x 200 x 12 + 500 x 12 = 18000; 7200 / 18000 = 0.4
    const Wch = D(900).times(12).plus(D('0.5').times(200).times(12)).plus(D(500).times(12));
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'national')).toBe(publish(D(7200).div(Wch)));
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'national')).toBe('0.4');
    expect(statement.regime).toBe('preUitmr');
  });

  it('postUitmr (K6): every registered meter counts by default (decision 0090), as under uitmr', () => {
    const post = deriveChargingStatement(smallInputs({ regime: 'postUitmr' })).statement;
    const during = deriveChargingStatement(smallInputs({ regime: 'uitmr' })).statement;
    // W = 22800 as under uitmr: EFR / W = 45600 / 22800 = 2
    expect(rateOf(post, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.div(22800)));
    expect(post.fixedCharges).toEqual(during.fixedCharges);
    expect(post.fixedChCharges).toEqual(during.fixedChCharges);
  });

  it('postUitmr (K6) with the enrolled-only reading (a named option): enrolled meters only', () => {
    const enrolled = { domestic: 'enrolled', nonDomestic: 'enrolled' } as const;
    const { statement } = deriveChargingStatement(
      smallInputs({
        regime: 'postUitmr',
        chargeableMeters: { fixed: enrolled, fixedCh: enrolled, fixedAltHan: enrolled },
      }),
    );
    // r2 (g1 not enrolled) and r5 (g3 not enrolled) do not count:
    // W = (600 + 100) x 12 + 0.5 x 200 x 12 + 500 x 12 + 0.25 x 400 x 12 x 2 = 18000
    const W = D(700)
      .times(12)
      .plus(D('0.5').times(200).times(12))
      .plus(D(500).times(12))
      .plus(D('0.25').times(400).times(12).times(2));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.div(W))); // 2.533
    expect(rateOf(statement, 'fixedCharges', 'exportSupplier', 'national')).toBe(publish(D('0.5').times(EFR).div(W)));
    const Wch = D(700).times(12).plus(D('0.5').times(200).times(12)).plus(D(500).times(12));
    expect(rateOf(statement, 'fixedAltHanCharges', 'importSupplier', 'national')).toBe(publish(D(1200).div(Wch)));
  });

  it('a chargeableMeters override replaces the regime default and is copied into the statement', () => {
    const rule = { domestic: 'all', nonDomestic: 'none' } as const;
    const { statement } = deriveChargingStatement(smallInputs({ regime: 'uitmr', chargeableMeters: { fixed: rule } }));
    // as preUitmr for Fixed Charges: W = 20400
    const W = D(900)
      .times(12)
      .plus(D(200).times(12).times('0.5'))
      .plus(D(500).times(12))
      .plus(D(400).times(12).times('0.25').times(2));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.div(W)));
    // Fixed CH keeps the uitmr default (all meters): W_ch = 12000 + 1200 + 7200
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'national')).toBe(
      publish(D(7200).div(D(12000).plus(1200).plus(7200))),
    );
    expect(statement.chargeableMeters).toEqual({ fixed: rule });
  });
});

describe('a regional split', () => {
  it('NFR = EFR - sum RFR_r; a regional pot is recovered from the meters of its Region only', () => {
    const inputs = smallInputs();
    const { statement, recovery } = deriveChargingStatement({
      ...inputs,
      revenue: { ...inputs.revenue, regionalFixedRevenue: { north: '1200.00' } },
    });
    // north meters: g1 (600 + 300) x 12 = 10800, g4 400 x 12 = 4800; W_north = 10800 + 0.25 x 4800 = 12000
    const Wnorth = D(900)
      .times(12)
      .plus(D('0.25').times(D(400).times(12)));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'north')).toBe(publish(D(1200).div(Wnorth))); // 0.1
    expect(rateOf(statement, 'fixedCharges', 'electricityDistributor', 'north')).toBe(
      publish(D('0.25').times(1200).div(Wnorth)),
    );
    // a group with no north meters still gets the rate its factor gives (it pays nothing there)
    expect(rateOf(statement, 'fixedCharges', 'exportSupplier', 'north')).toBe(
      publish(D('0.5').times(1200).div(Wnorth)),
    );
    // NFR = 45600 - 1200 over W = 22800
    expect(recovery.find((entry) => entry.pot === 'fixed/national')?.amount).toBe(formatPlain(EFR.minus(1200)));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.minus(1200).div(22800)));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'central')).toBeUndefined();
    expect(
      statement.fixedCharges.filter((row) => row.chargingGroup === 'gasSupplier').map((row) => row.region),
    ).toEqual(['national', 'north']);
  });

  it('Fixed CH revenue per Region gives one pot and one set of rates per Region', () => {
    const inputs = smallInputs();
    const { statement } = deriveChargingStatement({
      ...inputs,
      revenue: { ...inputs.revenue, fixedChRevenue: { north: '900.00', central: '600.00', south: '5700.00' } },
    });
    // north CH base: g1 900 x 12 = 10800 -> 900 / 10800; central: g3 600 x 12 = 7200 -> 600 / 7200;
    // south: g1 100 x 12 + 0.5 x g2 200 x 12 = 2400 -> 5700 / 2400
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'north')).toBe(publish(D(900).div(D(900).times(12))));
    expect(rateOf(statement, 'fixedChCharges', 'gasSupplier', 'central')).toBe(publish(D(600).div(D(600).times(12))));
    expect(rateOf(statement, 'fixedChCharges', 'exportSupplier', 'south')).toBe(
      publish(
        D('0.5')
          .times(5700)
          .div(D(100).times(12).plus(D('0.5').times(200).times(12))),
      ),
    );
    expect(rateOf(statement, 'fixedChCharges', 'importSupplier', 'national')).toBeUndefined();
  });
});

describe('a within-year revision', () => {
  it('recovers EFR - alreadyRecovered over the months of the period', () => {
    const inputs = smallInputs();
    const { statement, trace } = deriveChargingStatement({
      ...inputs,
      months: { from: '2025-10', to: '2026-03' },
      revenue: { ...inputs.revenue, alreadyRecovered: '30000.00' },
    });
    // six months: W = 22800 / 12 x 6 = 11400; pot = 45600 - 30000 = 15600
    const W = D(1000)
      .times(6)
      .plus(D('0.5').times(200).times(6))
      .plus(D(600).times(6))
      .plus(D('0.25').times(400).times(6).times(2));
    expect(trace.find((step) => step.step === 'fixedRevenueToRecover')?.value).toBe(formatPlain(EFR.minus(30000)));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.minus(30000).div(W))); // 1.368421
    expect(statement.effectiveFrom).toBe('2025-10');
    expect(statement.effectiveTo).toBe('2026-03');
  });

  it('counts a month-by-month forecast once per month', () => {
    const inputs = smallInputs();
    const months = ['2026-01', '2026-02', '2026-03'];
    const g1ByMonth = [1000, 1100, 1300];
    const { statement } = deriveChargingStatement({
      ...inputs,
      months: { from: '2026-01', to: '2026-03' },
      estimatedMeters: [
        ...months.map(
          (month, index) =>
            ({
              month,
              chargingGroup: 'g1',
              region: 'north',
              premises: 'domestic',
              enrolled: true,
              count: g1ByMonth[index] ?? 0,
            }) as const,
        ),
        { chargingGroup: 'g3', region: 'south', premises: 'domestic', enrolled: true, count: 1000 } as const,
      ],
      weighting: { factors: { g1: '1', g3: '2' } },
    });
    // W = (1000 + 1100 + 1300) x 1 + 1000 x 3 x 2 = 9400
    const W = D(1000).plus(1100).plus(1300).plus(D(1000).times(3).times(2));
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(publish(EFR.div(W)));
    expect(rateOf(statement, 'fixedCharges', 'gasSupplier', 'national')).toBe(publish(D(2).times(EFR).div(W)));
    // g2, g4, g5 have neither a factor nor meters: rate 0 (decision 0015)
    expect(rateOf(statement, 'fixedCharges', 'exportSupplier', 'national')).toBe('0');
  });
});

describe('the revenue-share reading', () => {
  it('rate_g = CGWF_g x Pot / B_g, each group recovering its share from its own meters', () => {
    const { statement, recovery } = deriveChargingStatement(
      smallInputs({
        weighting: {
          basis: 'revenueShare',
          factors: { g1: '0.5', g2: '0.1', g3: '0.3', g4: '0.05', g5: '0.05' },
          chFactors: { g1: '0.5', g2: '0.1', g3: '0.4' },
          altHanFactors: { g1: '0.5', g2: '0.1', g3: '0.4' },
        },
      }),
    );
    // B_g1 = 12000, B_g2 = 2400, B_g3 = 7200, B_g4 = B_g5 = 4800 (uitmr)
    expect(rateOf(statement, 'fixedCharges', 'importSupplier', 'national')).toBe(
      publish(D('0.5').times(EFR).div(12000)),
    ); // 1.9
    expect(rateOf(statement, 'fixedCharges', 'exportSupplier', 'national')).toBe(
      publish(D('0.1').times(EFR).div(2400)),
    ); // 1.9
    expect(rateOf(statement, 'fixedCharges', 'gasSupplier', 'national')).toBe(publish(D('0.3').times(EFR).div(7200))); // 1.9
    expect(rateOf(statement, 'fixedCharges', 'gasTransporter', 'national')).toBe(
      publish(D('0.05').times(EFR).div(4800)),
    ); // 0.475
    expect(rateOf(statement, 'fixedChCharges', 'gasSupplier', 'national')).toBe(
      publish(D('0.4').times(7200).div(7200)),
    ); // 0.4
    expect(recovery.find((entry) => entry.pot === 'fixed/national')?.residual).toBe('0');
  });
});

describe('the derived statement feeds calculateMonthlyCharges', () => {
  it('charges a User at the derived rates', () => {
    const { statement } = deriveChargingStatement(smallInputs());
    const charges = calculateMonthlyCharges({
      statements: [statement],
      month: '2025-06',
      meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 10 }],
    });
    // 10 meters x 2 (Fixed, national) = 20.00
    expect(charges.lines.find((line) => line.kind === 'fixed')?.amount).toBe(D(10).times(2).toFixed(2));
    expect(statement.derivedFrom).toEqual({ inputsId: 'small', ratePrecision: 3 });
  });
});
