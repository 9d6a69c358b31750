/**
 * Property tests (fast-check) of the derivation. Exactness is checked by cross-multiplication:
 * a rate is kept as an exact fraction `numerator / denominator` of decimals, so "recovered
 * exactly" means `sum_g numerator_g x B_g x (L / denominator_g) = Pot x L` for a common
 * denominator L, with no division anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, sumDecimals } from '../../src/money/decimal.js';
import { formatPlain, roundTo } from '../../src/money/rounding.js';
import { allocatePot, type GroupShare } from '../../src/methodology/allocate-pot.js';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { roundFractionHalfUp, type Fraction } from '../../src/methodology/fraction.js';
import { InvariantError } from '../../src/errors/invariant-error.js';
import type { MethodologyInputsInput } from '../../src/methodology/inputs-schema.js';
import {
  CHARGING_GROUPS,
  CHARGING_GROUP_SYMBOLS,
  CH_CHARGING_GROUPS,
  type ChargingGroup,
} from '../../src/vocabulary/charging-groups.js';
import { REGIONS } from '../../src/vocabulary/regions.js';

const D = (value: string | number) => new Dec(value);

/** The sum of `rate_g x B_g` as an exact fraction over the product of the distinct denominators. */
function recoveredAsFraction(terms: readonly { rate: Fraction; base: Dec }[]): Fraction {
  const denominators: Dec[] = [];
  for (const term of terms)
    if (!denominators.some((d) => d.equals(term.rate.denominator))) denominators.push(term.rate.denominator);
  const common = denominators.reduce((product, d) => product.times(d), D(1));
  const numerator = sumDecimals(
    terms.map((term) => term.rate.numerator.times(term.base).times(common.div(term.rate.denominator))),
  );
  // every product stays far inside the 60 significant digits of Dec, so nothing above was rounded
  expect(numerator.precision(true)).toBeLessThan(50);
  expect(common.precision(true)).toBeLessThan(50);
  return { numerator, denominator: common };
}

const factorArb = fc.integer({ min: 0, max: 4000 }).map((n) => D(n).div(1000)); // 0 to 4, three places
const baseArb = fc.integer({ min: 0, max: 30_000_000 }).map((n) => D(n));
const potArb = fc.integer({ min: 0, max: 100_000_000_000 }).map((n) => D(n).div(100)); // pounds and pence

const groupRecord = <T>(arb: fc.Arbitrary<T>) =>
  fc
    .tuple(arb, arb, arb, arb, arb)
    .map((values) => Object.fromEntries(CHARGING_GROUPS.map((g, i) => [g, values[i]])) as Record<ChargingGroup, T>);

/** Five revenue shares (thousandths) summing to exactly 1. */
const sharesArb = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }).map((cuts) => {
  const points = [0, ...[...cuts].sort((a, b) => a - b), 1000];
  return Object.fromEntries(
    CHARGING_GROUPS.map((g, i) => [g, D((points[i + 1] ?? 0) - (points[i] ?? 0)).div(1000)]),
  ) as Record<ChargingGroup, Dec>;
});

describe('allocatePot, before rounding', () => {
  it('per-meter: recovers the pot exactly at the base, and rates are in the ratio of the factors', () => {
    fc.assert(
      fc.property(potArb, groupRecord(factorArb), groupRecord(baseArb), (pot, factors, base) => {
        const weighted = sumDecimals(CHARGING_GROUPS.map((g) => factors[g].times(base[g])));
        fc.pre(weighted.greaterThan(0));
        const allocation = allocatePot({
          subject: 'p',
          pot,
          basis: 'perMeter',
          groups: CHARGING_GROUPS,
          factors,
          base: new Map(CHARGING_GROUPS.map((g) => [g, base[g]])),
          factorsField: 'f',
        });
        const recovered = recoveredAsFraction(allocation.shares);
        expect(recovered.numerator.equals(pot.times(recovered.denominator))).toBe(true);
        const shares = allocation.shares as readonly GroupShare<ChargingGroup>[];
        for (const a of shares) {
          for (const b of shares) {
            // rate_a / rate_b = CGWF_a / CGWF_b, cross-multiplied
            const left = a.rate.numerator.times(b.rate.denominator).times(factors[b.group]);
            const right = b.rate.numerator.times(a.rate.denominator).times(factors[a.group]);
            expect(left.equals(right)).toBe(true);
          }
        }
      }),
    );
  });

  it('revenue-share: recovers the pot exactly, each group recovering CGWF_g x Pot', () => {
    fc.assert(
      fc.property(potArb, sharesArb, groupRecord(baseArb.map((b) => b.plus(1))), (pot, factors, base) => {
        const allocation = allocatePot({
          subject: 'p',
          pot,
          basis: 'revenueShare',
          groups: CHARGING_GROUPS,
          factors,
          base: new Map(CHARGING_GROUPS.map((g) => [g, base[g]])),
          factorsField: 'f',
        });
        for (const share of allocation.shares) {
          // rate_g x B_g = CGWF_g x Pot, cross-multiplied
          expect(
            share.rate.numerator
              .times(share.base)
              .equals(factors[share.group].times(pot).times(share.rate.denominator)),
          ).toBe(true);
        }
        const recovered = recoveredAsFraction(allocation.shares);
        expect(recovered.numerator.equals(pot.times(recovered.denominator))).toBe(true);
      }),
    );
  });
});

describe('roundFractionHalfUp', () => {
  it('agrees with half-up rounding of the quotient, and rounds ties away from zero', () => {
    expect(formatPlain(roundFractionHalfUp({ numerator: D(1), denominator: D(8) }, 2))).toBe('0.13'); // 0.125
    expect(formatPlain(roundFractionHalfUp({ numerator: D(5), denominator: D(2) }, 0))).toBe('3'); // 2.5
    expect(formatPlain(roundFractionHalfUp({ numerator: D(1), denominator: D(3) }, 3))).toBe('0.333');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 12 }),
        (n, d, places) => {
          const fraction = { numerator: D(n).div(100), denominator: D(d) };
          const expected = roundTo(D(n).div(100).div(d), places, 'halfUp');
          expect(roundFractionHalfUp(fraction, places).equals(expected)).toBe(true);
        },
      ),
    );
  });
});

describe('the exactness guard', () => {
  it('refuses to round a fraction whose integer arithmetic would leave 60 digits, rather than round inexactly', () => {
    // 10^50 / 3 to 12 places needs an integer quotient of 62 digits
    expect(() => roundFractionHalfUp({ numerator: D(10).pow(50), denominator: D(3) }, 12)).toThrow(InvariantError);
    // the largest fraction the input bounds allow, 10^16 / 10^-6 to 12 places, is well inside
    expect(formatPlain(roundFractionHalfUp({ numerator: D(10).pow(16), denominator: D('0.000001') }, 12))).toBe(
      formatPlain(D(10).pow(22)),
    );
  });
});

/**
 * Generated inputs (per-meter reading; the revenue-share reading is covered at the allocatePot level):
 * meters per group and region (domestic, enrolled, every month), pots, factors, precision.
 */
const inputsArb = fc.record({
  counts: fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 15, maxLength: 15 }),
  factors: groupRecord(fc.integer({ min: 1, max: 4000 }).map((n) => formatPlain(D(n).div(1000)))),
  efr: potArb,
  ch: potArb,
  altHan: potArb,
  regional: fc.option(fc.tuple(potArb, potArb, potArb), { nil: undefined }),
  ratePrecision: fc.integer({ min: 0, max: 8 }),
});

type Generated = typeof inputsArb extends fc.Arbitrary<infer T> ? T : never;

function countOf(generated: Generated, group: ChargingGroup, region: string): number {
  return generated.counts[CHARGING_GROUPS.indexOf(group) * 3 + REGIONS.indexOf(region as never)] ?? 0;
}

function inputsOf(generated: Generated, scale = 1): MethodologyInputsInput {
  const regionalTotal = generated.regional === undefined ? D(0) : sumDecimals(generated.regional);
  const efr = generated.efr.plus(regionalTotal);
  // EAR = EFR + EESR (1000) + EECR (0) + Fixed CH + Fixed Alt HAN, so that K2 gives back EFR
  const ear = efr.plus(1000).plus(generated.ch).plus(generated.altHan);
  return {
    format: 'dcc-charges/methodology-inputs@1',
    id: 'generated',
    regulatoryYear: '2025/26',
    regime: 'uitmr',
    illustrative: true,
    revenue: {
      estimatedAllowedRevenue: formatPlain(ear),
      estimatedElectiveServiceRevenue: '1000',
      estimatedExplicitChargesRevenue: '0',
      fixedChRevenue: formatPlain(generated.ch),
      fixedAltHanRevenue: formatPlain(generated.altHan),
      ...(generated.regional === undefined
        ? {}
        : {
            regionalFixedRevenue: {
              north: formatPlain(generated.regional[0]),
              central: formatPlain(generated.regional[1]),
              south: formatPlain(generated.regional[2]),
            },
          }),
    },
    weighting: { basis: 'perMeter', factors: generated.factors },
    estimatedMeters: CHARGING_GROUPS.flatMap((group) =>
      REGIONS.map((region) => ({
        chargingGroup: group,
        region,
        premises: 'domestic' as const,
        enrolled: true,
        count: countOf(generated, group, region) * scale,
      })),
    ),
    explicitCharges: [],
    ratePrecision: generated.ratePrecision,
  };
}

/** The exact rate of each `pot group` from the trace (`numerator / denominator`). */
function exactRates(trace: ReturnType<typeof deriveChargingStatement>['trace']): Map<string, Fraction> {
  const rates = new Map<string, Fraction>();
  for (const step of trace) {
    if (step.step !== 'rate' || step.exact === undefined) continue;
    const [numerator, denominator] = step.exact.split(' / ');
    rates.set(step.subject, { numerator: D(numerator ?? ''), denominator: D(denominator ?? '') });
  }
  return rates;
}

describe('deriveChargingStatement', () => {
  it('recovers every pot exactly before rounding; after rounding the residual is within half a unit of the last place times the base', () => {
    fc.assert(
      fc.property(inputsArb, (generated) => {
        const { statement, recovery, trace } = deriveChargingStatement(inputsOf(generated));
        const rates = exactRates(trace);
        for (const entry of recovery) {
          const groups = entry.chargeType === 'fixed' ? CHARGING_GROUPS : CH_CHARGING_GROUPS;
          const regions = entry.scope === 'national' ? REGIONS : [entry.scope];
          // B_g = 12 months x the group's meters in the pot's regions (computed here, independently)
          const baseOf = (group: ChargingGroup) =>
            D(12).times(sumDecimals(regions.map((region) => D(countOf(generated, group, region)))));
          const terms = groups.map((group) => ({
            rate: rates.get(`${entry.pot} ${CHARGING_GROUP_SYMBOLS[group]}`) as Fraction,
            base: baseOf(group),
          }));
          const recovered = recoveredAsFraction(terms);
          expect(recovered.numerator.equals(D(entry.amount).times(recovered.denominator))).toBe(true);
          // after rounding: sum_g published_g x B_g - Pot, within 0.5 x 10^-p x sum_g B_g
          const list =
            entry.chargeType === 'fixed'
              ? 'fixedCharges'
              : entry.chargeType === 'fixedCh'
                ? 'fixedChCharges'
                : 'fixedAltHanCharges';
          const published = groups.map((group) =>
            D(
              statement[list].find((row) => row.chargingGroup === group && row.region === entry.scope)
                ?.ratePerMeterMonth ?? 'NaN',
            ).times(baseOf(group)),
          );
          const residual = sumDecimals(published).minus(entry.amount);
          const bound = D('0.5')
            .times(D(10).pow(-generated.ratePrecision))
            .times(sumDecimals(groups.map(baseOf)));
          expect(entry.residual).toBe(formatPlain(residual));
          expect(residual.abs().lessThanOrEqualTo(bound)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('doubling every forecast count halves every rate (before rounding)', () => {
    fc.assert(
      fc.property(inputsArb, (generated) => {
        const once = exactRates(deriveChargingStatement(inputsOf(generated)).trace);
        const twice = exactRates(deriveChargingStatement(inputsOf(generated, 2)).trace);
        expect([...twice.keys()]).toEqual([...once.keys()]);
        for (const [subject, rate] of once) {
          const doubled = twice.get(subject) as Fraction;
          // 2 x rate(2B) = rate(B), cross-multiplied
          expect(
            doubled.numerator.times(2).times(rate.denominator).equals(rate.numerator.times(doubled.denominator)),
          ).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('per-meter rates of one pot are in the ratio of the weighting factors', () => {
    fc.assert(
      fc.property(inputsArb, (generated) => {
        const rates = exactRates(deriveChargingStatement(inputsOf(generated)).trace);
        const pots = [
          'fixed/national',
          ...(generated.regional === undefined ? [] : REGIONS.map((region) => `fixed/${region}`)),
        ];
        for (const pot of pots) {
          for (const a of CHARGING_GROUPS) {
            for (const b of CHARGING_GROUPS) {
              const ra = rates.get(`${pot} ${CHARGING_GROUP_SYMBOLS[a]}`) as Fraction;
              const rb = rates.get(`${pot} ${CHARGING_GROUP_SYMBOLS[b]}`) as Fraction;
              const left = ra.numerator.times(rb.denominator).times(generated.factors[b]);
              const right = rb.numerator.times(ra.denominator).times(generated.factors[a]);
              expect(left.equals(right)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
