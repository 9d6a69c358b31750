/**
 * The readings of a meter count (decision 0091): for one Charging Group and Region of one
 * month, the count under every snapshot day and every chargeable-meter rule, and how many
 * meter points each reading counts differently from ours. Registrations are added one at a
 * time, so that memory holds a few arrays per Charging Group and Region, never the rows.
 *
 * A registration counts under a reading when it is registered on the reading's snapshot date
 * and the rule makes its premises type chargeable (enrolled by then, for `enrolled`): the
 * counting rule of `countRegisteredMeters` (decision 0020), on each day of the month.
 */
import { InvariantError } from '../errors/invariant-error.js';
import type { CheckedRegistration } from '../registrations/registration.js';
import { dayNumberOf, daysInCalendarMonth } from '../registrations/dates.js';
import type { SnapshotDay } from '../registrations/snapshots.js';
import type { ChargeableMeterRule, Chargeability } from '../statement/chargeable-meters.js';
import { CHARGING_GROUPS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import type { Month } from '../vocabulary/months.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { REGIONS, type RateRegion } from '../vocabulary/regions.js';

/** One way of counting: a snapshot day and a chargeable-meter rule. */
export interface CountReading {
  readonly snapshotDay: SnapshotDay;
  readonly rule: ChargeableMeterRule;
}

/** The count of one Charging Group and Region under one reading. */
export interface ReadingCount extends CountReading {
  /** The snapshot date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly count: number;
  /** `count - ours`. */
  readonly moves: number;
  /** Meter points counted under this reading or under ours, not both. */
  readonly differingMeterPoints: number;
}

/**
 * The chargeable-meter rules a dispute tries besides ours, in this order (decision 0091):
 * every meter, enrolled only, then each premises type alone (all, then enrolled).
 */
export const READING_RULES: readonly ChargeableMeterRule[] = [
  { domestic: 'all', nonDomestic: 'all' },
  { domestic: 'enrolled', nonDomestic: 'enrolled' },
  { domestic: 'all', nonDomestic: 'none' },
  { domestic: 'none', nonDomestic: 'all' },
  { domestic: 'enrolled', nonDomestic: 'none' },
  { domestic: 'none', nonDomestic: 'enrolled' },
];

/** True when two rules say the same. */
export function sameRule(a: ChargeableMeterRule, b: ChargeableMeterRule): boolean {
  return a.domestic === b.domestic && a.nonDomestic === b.nonDomestic;
}

/** A rule in words, such as `domestic all, non-domestic none`. */
export function describeRule(rule: ChargeableMeterRule): string {
  return `domestic ${rule.domestic}, non-domestic ${rule.nonDomestic}`;
}

/** What a tally counts: a Charging Group and rate region, and our rule for it. */
export interface CountTarget {
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  readonly ourRule: ChargeableMeterRule;
}

/** A month's days and our snapshot date in it (days numbered 1 to the month's length). */
export interface MonthDays {
  readonly month: Month;
  /** Day number (days since 1970-01-01) of the month's first day. */
  readonly first: number;
  readonly length: number;
  readonly ourDay: SnapshotDay;
  /** Our snapshot date as a day of the month. */
  readonly ourDate: number;
}

/** The days of `month` and the date `ourDay` names in it (the last day where the month is shorter). */
export function monthDays(month: Month, ourDay: SnapshotDay): MonthDays {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const length = daysInCalendarMonth(year, monthNumber);
  return {
    month,
    first: dayNumberOf(year, monthNumber, 1),
    length,
    ourDay,
    ourDate: ourDay === 'last' ? length : Math.min(ourDay, length),
  };
}

/** The days of the month, from `lo` to `hi` inclusive, a registration counts under a chargeability; empty when `lo > hi`. */
function countedDays(
  registration: CheckedRegistration,
  days: MonthDays,
  chargeability: Chargeability,
): readonly [number, number] {
  if (chargeability === 'none') return [1, 0];
  const lo =
    Math.max(
      registration.from,
      chargeability === 'enrolled' ? registration.enrolledFrom : registration.from,
      days.first,
    ) -
    days.first +
    1;
  const hi = Math.min(registration.to, days.first + days.length - 1) - days.first + 1;
  return [lo, hi];
}

/** True when the registration is registered on some day of the month. */
export function isInMonth(registration: CheckedRegistration, days: MonthDays): boolean {
  const [lo, hi] = countedDays(registration, days, 'all');
  return lo <= hi;
}

/** True when the registration belongs to the target's Charging Group and Region. */
export function isInTarget(registration: CheckedRegistration, target: CountTarget): boolean {
  if (CHARGING_GROUPS[registration.group] !== target.chargingGroup) return false;
  return target.region === 'national' || REGIONS[registration.region] === target.region;
}

/** True when the registration counts on day `date` of the month under `rule`. */
export function countsUnder(
  registration: CheckedRegistration,
  days: MonthDays,
  rule: ChargeableMeterRule,
  date: number,
): boolean {
  const premises = PREMISES_TYPES[registration.premises];
  if (premises === undefined) throw new InvariantError('unreachable', `premises index ${registration.premises}`);
  const [lo, hi] = countedDays(registration, days, rule[premises]);
  return lo <= date && date <= hi;
}

/** The rules a target is counted under: ours first, then {@link READING_RULES} without it. */
export function rulesOf(target: CountTarget): readonly ChargeableMeterRule[] {
  return [target.ourRule, ...READING_RULES.filter((rule) => !sameRule(rule, target.ourRule))];
}

/** Counts, per rule and per day, for one target; filled by {@link ReadingsTally}. */
class TargetTally {
  readonly target: CountTarget;
  readonly rules: readonly ChargeableMeterRule[];
  /** Per rule, a difference array over days 1..length (index length + 1 closes the last run). */
  readonly counts: Int32Array[];
  readonly differing: Int32Array[];

  constructor(target: CountTarget, length: number) {
    this.target = target;
    this.rules = rulesOf(target);
    this.counts = this.rules.map(() => new Int32Array(length + 2));
    this.differing = this.rules.map(() => new Int32Array(length + 2));
  }
}

/**
 * Tallies registrations into the readings of each target. Add each registration once (the
 * caller has checked them and their overlaps, as the count does), then read {@link readings}.
 */
export class ReadingsTally {
  readonly days: MonthDays;
  readonly #targets: TargetTally[];
  /** Registrations registered on some day of the month (of any group). */
  rowsInMonth = 0;

  constructor(days: MonthDays, targets: readonly CountTarget[]) {
    this.days = days;
    this.#targets = targets.map((target) => new TargetTally(target, days.length));
  }

  /** Adds one checked registration to every target it belongs to. */
  add(registration: CheckedRegistration): void {
    const days = this.days;
    const [monthLo, monthHi] = countedDays(registration, days, 'all');
    if (monthLo > monthHi) return;
    this.rowsInMonth += 1;
    const premises = PREMISES_TYPES[registration.premises];
    if (premises === undefined) throw new InvariantError('unreachable', `premises index ${registration.premises}`);
    const end = days.length + 1;
    for (const tally of this.#targets) {
      if (!isInTarget(registration, tally.target)) continue;
      const ours = countsUnder(registration, days, tally.target.ourRule, days.ourDate);
      tally.rules.forEach((rule, index) => {
        const [lo, hi] = countedDays(registration, days, rule[premises]);
        const counts = tally.counts[index] as Int32Array;
        const differing = tally.differing[index] as Int32Array;
        if (ours) {
          // differs on every day it is not counted
          differing[1] = (differing[1] as number) + 1;
          differing[end] = (differing[end] as number) - 1;
        }
        if (lo > hi) return;
        counts[lo] = (counts[lo] as number) + 1;
        counts[hi + 1] = (counts[hi + 1] as number) - 1;
        const sign = ours ? -1 : 1;
        differing[lo] = (differing[lo] as number) + sign;
        differing[hi + 1] = (differing[hi + 1] as number) - sign;
      });
    }
  }

  /**
   * Every reading of each target, in the order of the targets: ours first, then our rule on
   * each other day, then each other rule on our day, then each other rule on each other day.
   */
  readings(): ReadingCount[][] {
    const days = this.days;
    return this.#targets.map((tally) => {
      const countAt: number[][] = tally.counts.map((array) => prefixSums(array, days.length));
      const differingAt: number[][] = tally.differing.map((array) => prefixSums(array, days.length));
      const ours = countAt[0]?.[days.ourDate] ?? 0;
      const reading = (ruleIndex: number, date: number): ReadingCount => {
        const count = countAt[ruleIndex]?.[date] ?? 0;
        return {
          snapshotDay: date === days.ourDate ? days.ourDay : date,
          rule: tally.rules[ruleIndex] as ChargeableMeterRule,
          date: `${days.month}-${String(date).padStart(2, '0')}`,
          count,
          moves: count - ours,
          differingMeterPoints: differingAt[ruleIndex]?.[date] ?? 0,
        };
      };
      const otherDates = Array.from({ length: days.length }, (_, index) => index + 1).filter(
        (date) => date !== days.ourDate,
      );
      const otherRules = tally.rules.map((_, index) => index).slice(1);
      return [
        reading(0, days.ourDate),
        ...otherDates.map((date) => reading(0, date)),
        ...otherRules.map((ruleIndex) => reading(ruleIndex, days.ourDate)),
        ...otherRules.flatMap((ruleIndex) => otherDates.map((date) => reading(ruleIndex, date))),
      ];
    });
  }
}

function prefixSums(differences: Int32Array, length: number): number[] {
  const sums = new Array<number>(length + 1).fill(0);
  let running = 0;
  for (let day = 1; day <= length; day += 1) {
    running += differences[day] as number;
    sums[day] = running;
  }
  return sums;
}

/** How many of the two dimensions (snapshot day, rule) a reading changes from ours. */
export function changesFromOurs(reading: CountReading, ours: CountReading, days: MonthDays): number {
  const date = (day: SnapshotDay) => (day === 'last' ? days.length : Math.min(day, days.length));
  return (date(reading.snapshotDay) === date(ours.snapshotDay) ? 0 : 1) + (sameRule(reading.rule, ours.rule) ? 0 : 1);
}

/** The readings that reproduce an invoiced quantity, best first (decision 0091). */
export interface Reproduction {
  /** The reading picked: see {@link reproducingReadings}. */
  readonly reproducedBy?: ReadingCount;
  /** The other readings that reproduce it too, in the same order. */
  readonly alsoReproducedBy: readonly ReadingCount[];
  /** In words, such as `reproduced with snapshot day 15`. */
  readonly verdict: string;
}

/**
 * Which readings reproduce the invoiced quantity exactly (their count equals it), ordered:
 * fewest dimensions changed from ours (the snapshot day or the rule before both), then fewest
 * meter points counted differently, then the snapshot date nearest ours, then the earlier
 * date, then the order of the rules tried. The first is the reading picked (decision 0091).
 * @param invoiced - the invoiced quantity: a whole number of meters, or `undefined` when it is not one.
 */
export function reproducingReadings(
  readings: readonly ReadingCount[],
  invoiced: number | undefined,
  days: MonthDays,
): Reproduction {
  const ours = readings[0];
  if (ours === undefined) throw new InvariantError('unreachable', 'no readings');
  if (invoiced === undefined)
    return {
      alsoReproducedBy: [],
      verdict: 'the invoiced quantity is not a whole number of meters: no reading reproduces it',
    };
  if (invoiced === ours.count) return { alsoReproducedBy: [], verdict: 'the invoiced quantity equals our count' };
  const dateOf = (reading: ReadingCount) => Number(reading.date.slice(8));
  const ruleOrder = (reading: ReadingCount) => {
    const index = READING_RULES.findIndex((rule) => sameRule(rule, reading.rule));
    return sameRule(reading.rule, ours.rule) ? -1 : index;
  };
  const candidates = readings
    .filter((reading) => reading.count === invoiced)
    .sort(
      (a, b) =>
        changesFromOurs(a, ours, days) - changesFromOurs(b, ours, days) ||
        a.differingMeterPoints - b.differingMeterPoints ||
        Math.abs(dateOf(a) - days.ourDate) - Math.abs(dateOf(b) - days.ourDate) ||
        dateOf(a) - dateOf(b) ||
        ruleOrder(a) - ruleOrder(b),
    );
  const [first, ...rest] = candidates;
  if (first === undefined)
    return { alsoReproducedBy: [], verdict: 'no reading tried reproduces the invoiced quantity' };
  const parts: string[] = [];
  if (changesFromOurs({ snapshotDay: first.snapshotDay, rule: ours.rule }, ours, days) > 0)
    parts.push(`snapshot day ${first.snapshotDay}`);
  if (!sameRule(first.rule, ours.rule)) parts.push(describeRule(first.rule));
  return { reproducedBy: first, alsoReproducedBy: rest, verdict: `reproduced with ${parts.join(' and ')}` };
}

/** How a meter point's status differs: counted by our reading only, or by the reproducing one only. */
export type CountedBy = 'ours' | 'reproducing';

/**
 * Whether a registration counts differently under our reading and the reproducing one.
 * @returns who counts it when only one does, else `undefined`.
 */
export function differenceOf(
  registration: CheckedRegistration,
  target: CountTarget,
  reproducing: CountReading,
  days: MonthDays,
): CountedBy | undefined {
  if (!isInTarget(registration, target)) return undefined;
  const date = reproducing.snapshotDay === 'last' ? days.length : Math.min(reproducing.snapshotDay, days.length);
  const ours = countsUnder(registration, days, target.ourRule, days.ourDate);
  const theirs = countsUnder(registration, days, reproducing.rule, date);
  if (ours === theirs) return undefined;
  return ours ? 'ours' : 'reproducing';
}
