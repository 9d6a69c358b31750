/**
 * Meter-count disputes (issue 13, part 4): when an invoiced quantity differs from our count,
 * how the count moves under the readings that could explain it (the snapshot day of the month,
 * all or enrolled meters, domestic and non-domestic), which reading reproduces the invoiced
 * quantity exactly, and the meter points whose status differs between our reading and that one.
 * Counting goes through the public {@link countRegisteredMeters} only.
 *
 * Scope of this first step: registrations held in memory (an array); the file-streaming variant
 * for `reconcile --registrations` is not built yet.
 */
import { countRegisteredMeters } from '../registrations/count-registered-meters.js';
import type { RegistrationRow } from '../registrations/registration.js';
import type { SnapshotDay } from '../registrations/snapshots.js';
import { isChargeable, type ChargeableMeterRule } from '../statement/chargeable-meters.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { RateRegion } from '../vocabulary/regions.js';
import type { Month } from '../vocabulary/months.js';

/** One way of counting: a snapshot day and a chargeable-meter rule. */
export interface CountReading {
  readonly snapshotDay: SnapshotDay;
  readonly rule: ChargeableMeterRule;
}

/** The count of one invoice line under one reading. */
export interface ReadingCount extends CountReading {
  readonly count: number;
  /** `count - ours`. */
  readonly moves: number;
}

/** The explanation of one differing quantity. */
export interface CountDispute {
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  readonly invoiced: number;
  readonly ours: ReadingCount;
  /** Every reading tried, ours first. */
  readonly readings: readonly ReadingCount[];
  /** The reading closest to ours that reproduces the invoiced quantity exactly, if any. */
  readonly reproducedBy?: ReadingCount;
  /** In words, such as `reproduced with snapshot day 15`. */
  readonly verdict: string;
  /** The meter points counted under one of the two readings but not the other. */
  readonly differingMeterPoints: readonly { readonly meterPoint: string; readonly line?: number; readonly countedBy: 'ours' | 'reproducing' }[];
}

const RULES: readonly ChargeableMeterRule[] = [
  { domestic: 'all', nonDomestic: 'all' },
  { domestic: 'enrolled', nonDomestic: 'enrolled' },
  { domestic: 'all', nonDomestic: 'none' },
  { domestic: 'none', nonDomestic: 'all' },
  { domestic: 'enrolled', nonDomestic: 'none' },
  { domestic: 'none', nonDomestic: 'enrolled' },
];

function sameRule(a: ChargeableMeterRule, b: ChargeableMeterRule): boolean {
  return a.domestic === b.domestic && a.nonDomestic === b.nonDomestic;
}

function describeRule(rule: ChargeableMeterRule): string {
  return `domestic ${rule.domestic}, non-domestic ${rule.nonDomestic}`;
}

function quantityOf(counts: readonly MeterCountRow[], group: ChargingGroup, region: RateRegion, rule: ChargeableMeterRule): number {
  let total = 0;
  for (const row of counts) {
    if (row.chargingGroup !== group || (region !== 'national' && row.region !== region)) continue;
    if (isChargeable(rule, row.premises, row.enrolled)) total += row.count;
  }
  return total;
}

/**
 * Explains one invoiced quantity against the registrations of its month.
 * @param ourRule - the chargeable-meter rule of the statement in force (our reading).
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
  const byDay = new Map<SnapshotDay, readonly MeterCountRow[]>();
  const countsOn = (day: SnapshotDay) => {
    let counts = byDay.get(day);
    if (counts === undefined) {
      counts = countRegisteredMeters(registrations, { from: month, to: month, snapshotDay: day }).counts;
      byDay.set(day, counts);
    }
    return counts;
  };
  const ourCount = quantityOf(countsOn(ourDay), chargingGroup, region, ourRule);
  const reading = (snapshotDay: SnapshotDay, rule: ChargeableMeterRule): ReadingCount => {
    const count = quantityOf(countsOn(snapshotDay), chargingGroup, region, rule);
    return { snapshotDay, rule, count, moves: count - ourCount };
  };
  const days: SnapshotDay[] = [ourDay, ...(['last', ...Array.from({ length: 31 }, (_, index) => index + 1)] as SnapshotDay[]).filter((day) => day !== ourDay)];
  const rules = [ourRule, ...RULES.filter((rule) => !sameRule(rule, ourRule))];
  // closest first: our rule on other days, then other rules on our day, then everything else
  const readings: ReadingCount[] = [
    ...days.map((day) => reading(day, ourRule)),
    ...rules.slice(1).map((rule) => reading(ourDay, rule)),
    ...days.slice(1).flatMap((day) => rules.slice(1).map((rule) => reading(day, rule))),
  ];
  const ours = readings[0]!;
  const reproducedBy = invoiced === ourCount ? undefined : readings.find((candidate) => candidate.count === invoiced);
  let verdict: string;
  if (invoiced === ourCount) verdict = 'the invoiced quantity equals our count';
  else if (reproducedBy === undefined) verdict = 'no reading tried reproduces the invoiced quantity';
  else {
    const parts: string[] = [];
    if (reproducedBy.snapshotDay !== ourDay) parts.push(`snapshot day ${reproducedBy.snapshotDay}`);
    if (!sameRule(reproducedBy.rule, ourRule)) parts.push(describeRule(reproducedBy.rule));
    verdict = `reproduced with ${parts.join(' and ')}`;
  }
  const differingMeterPoints: CountDispute['differingMeterPoints'][number][] = [];
  if (reproducedBy !== undefined) {
    for (const row of registrations) {
      const one = (day: SnapshotDay, rule: ChargeableMeterRule) =>
        quantityOf(countRegisteredMeters([row], { from: month, to: month, snapshotDay: day }).counts, chargingGroup, region, rule) > 0;
      const inOurs = one(ourDay, ourRule);
      const inTheirs = one(reproducedBy.snapshotDay, reproducedBy.rule);
      if (inOurs !== inTheirs) {
        differingMeterPoints.push({ meterPoint: row.meterPoint, ...(row.line === undefined ? {} : { line: row.line }), countedBy: inOurs ? 'ours' : 'reproducing' });
      }
    }
  }
  return { chargingGroup, region, invoiced, ours, readings, ...(reproducedBy === undefined ? {} : { reproducedBy }), verdict, differingMeterPoints };
}
