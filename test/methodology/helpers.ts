/** Small hand-made methodology inputs for the worked examples and bad-input tests. */
import { Dec } from '../../src/money/decimal.js';
import { formatPlain, roundTo } from '../../src/money/rounding.js';
import type { MethodologyInputsInput } from '../../src/methodology/inputs-schema.js';
import type { ChargingStatement } from '../../src/statement/statement-schema.js';
import type { ChargingGroup } from '../../src/vocabulary/charging-groups.js';
import type { RateRegion } from '../../src/vocabulary/regions.js';

/** A decimal, for expected values written as arithmetic. */
export const D = (value: string | number) => new Dec(value);

/** What a rate is published as: half-up to `places` (3 by default, decision 0090), plain notation. */
export const publish = (value: Dec, places = 3) => formatPlain(roundTo(value, places, 'halfUp'));

/**
 * Eight forecast rows (no month: each holds for every month of the period):
 * r1 g1 north domestic enrolled 600; r2 g1 north domestic not enrolled 300;
 * r3 g1 south non-domestic enrolled 100; r4 g3 central domestic enrolled 500;
 * r5 g3 central non-domestic not enrolled 100; r6 g2 south domestic enrolled 200;
 * r7 g4 north domestic enrolled 400; r8 g5 central domestic enrolled 400.
 */
export const SMALL_METERS = [
  { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 600 },
  { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: false, count: 300 },
  { chargingGroup: 'g1', region: 'south', premises: 'nonDomestic', enrolled: true, count: 100 },
  { chargingGroup: 'g3', region: 'central', premises: 'domestic', enrolled: true, count: 500 },
  { chargingGroup: 'g3', region: 'central', premises: 'nonDomestic', enrolled: false, count: 100 },
  { chargingGroup: 'g2', region: 'south', premises: 'domestic', enrolled: true, count: 200 },
  { chargingGroup: 'g4', region: 'north', premises: 'domestic', enrolled: true, count: 400 },
  { chargingGroup: 'g5', region: 'central', premises: 'domestic', enrolled: true, count: 400 },
] satisfies MethodologyInputsInput['estimatedMeters'];

/**
 * Small inputs, regime uitmr, twelve months, per-meter weighting:
 * EFR = EAR 59000 - EESR 4000 - EECR (250.00 x 4 = 1000) - Fixed CH 7200 - Fixed Alt HAN 1200 = 45600.
 */
export function smallInputs(overrides: Partial<MethodologyInputsInput> = {}): MethodologyInputsInput {
  return {
    format: 'dcc-charges/methodology-inputs@1',
    id: 'small',
    regulatoryYear: '2025/26',
    regime: 'uitmr',
    illustrative: true,
    revenue: {
      estimatedAllowedRevenue: '59000.00',
      estimatedElectiveServiceRevenue: '4000.00',
      fixedChRevenue: '7200.00',
      fixedAltHanRevenue: '1200.00',
    },
    weighting: { factors: { g1: '1', g2: '0.5', g3: '1', g4: '0.25', g5: '0.25' } },
    estimatedMeters: SMALL_METERS,
    explicitCharges: [
      {
        code: 'GATEWAY',
        description: 'Gateway connection',
        unit: 'per connection per month',
        unitPrice: '250.00',
        estimatedVolume: '4',
      },
    ],
    ...overrides,
  };
}

/** The published rate of a group and region in one list of a statement. */
export function rateOf(
  statement: ChargingStatement,
  list: 'fixedCharges' | 'fixedChCharges' | 'fixedAltHanCharges',
  group: ChargingGroup,
  region: RateRegion,
): string | undefined {
  return statement[list].find((row) => row.chargingGroup === group && row.region === region)?.ratePerMeterMonth;
}
