/**
 * Meter-count disputes (decision 0091): when an invoiced quantity differs from our count,
 * how the count moves under the readings that could explain it (the snapshot day of the month,
 * all or enrolled meters, domestic and non-domestic), which reading reproduces the invoiced
 * quantity exactly, and the meter points whose status differs between our reading and that one.
 * This is the in-memory form (registrations in an array); `reconcileWithRegistrationsFile` in
 * `dcc-charges/node` streams a file through the same readings.
 */
import { InvariantError } from '../errors/invariant-error.js';
import { countRegisteredMeters } from '../registrations/count-registered-meters.js';
import { checkRegistration, type CheckedRegistration, type RegistrationRow } from '../registrations/registration.js';
import { DEFAULT_GSP_GROUP_REGIONS } from '../registrations/gsp-groups.js';
import type { SnapshotDay } from '../registrations/snapshots.js';
import type { ChargeableMeterRule } from '../statement/chargeable-meters.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { RateRegion } from '../vocabulary/regions.js';
import type { Month } from '../vocabulary/months.js';
import {
  differenceOf,
  monthDays,
  ReadingsTally,
  reproducingReadings,
  type CountedBy,
  type ReadingCount,
} from './count-readings.js';

export type { CountReading, ReadingCount } from './count-readings.js';

/** The explanation of one differing quantity. */
export interface CountDispute {
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  readonly invoiced: number;
  readonly ours: ReadingCount;
  /** Every reading tried, ours first. */
  readonly readings: readonly ReadingCount[];
  /** The reading picked among those that reproduce the invoiced quantity exactly, if any (decision 0091). */
  readonly reproducedBy?: ReadingCount;
  /** The other readings that reproduce it. */
  readonly alsoReproducedBy: readonly ReadingCount[];
  /** In words, such as `reproduced with snapshot day 15`. */
  readonly verdict: string;
  /** The meter points counted under one of the two readings but not the other. */
  readonly differingMeterPoints: readonly {
    readonly meterPoint: string;
    readonly line?: number;
    readonly countedBy: CountedBy;
  }[];
}

/**
 * Explains one invoiced quantity against the registrations of its month.
 * @param ourRule - the chargeable-meter rule of the statement in force (our reading).
 * @throws InputError for an invalid or overlapping registration (as `countRegisteredMeters`
 * in strict mode), or a bad month or snapshot day.
 */
export function explainCountDifference(input: {
  readonly registrations: readonly RegistrationRow[];
  readonly month: Month;
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  readonly invoiced: number;
  readonly ourRule: ChargeableMeterRule;
  readonly ourSnapshotDay?: SnapshotDay;
}): CountDispute {
  const { registrations, month, chargingGroup, region, invoiced, ourRule } = input;
  const ourDay = input.ourSnapshotDay ?? 'last';
  // the count's own checks (every rule of a registration, and overlaps) first
  countRegisteredMeters(registrations, { from: month, to: month, snapshotDay: ourDay });
  const days = monthDays(month, ourDay);
  const target = { chargingGroup, region, ourRule };
  const checked: { row: RegistrationRow; registration: CheckedRegistration }[] = registrations.map((row, index) => {
    const check = checkRegistration(
      row as unknown as Record<string, unknown>,
      { path: [index] },
      DEFAULT_GSP_GROUP_REGIONS,
    );
    if (!check.ok) throw new InvariantError('unreachable', `registration ${index} passed the count but not its check`);
    return { row, registration: check.registration };
  });
  const tally = new ReadingsTally(days, [target]);
  for (const { registration } of checked) tally.add(registration);
  const readings = tally.readings()[0] ?? [];
  const ours = readings[0] as ReadingCount;
  const whole = Number.isSafeInteger(invoiced) && invoiced >= 0 ? invoiced : undefined;
  const { reproducedBy, alsoReproducedBy, verdict } = reproducingReadings(readings, whole, days);
  const differingMeterPoints: CountDispute['differingMeterPoints'][number][] = [];
  if (reproducedBy !== undefined) {
    for (const { row, registration } of checked) {
      const countedBy = differenceOf(registration, target, reproducedBy, days);
      if (countedBy !== undefined) {
        differingMeterPoints.push({
          meterPoint: row.meterPoint,
          ...(row.line === undefined ? {} : { line: row.line }),
          countedBy,
        });
      }
    }
  }
  return {
    chargingGroup,
    region,
    invoiced,
    ours,
    readings,
    ...(reproducedBy === undefined ? {} : { reproducedBy }),
    alsoReproducedBy,
    verdict,
    differingMeterPoints,
  };
}
