/**
 * The count section of a reconciliation made from registration data (decision 0091): the
 * register counted for the invoice's month, and for each invoiced quantity that differs from
 * our count, how the count moves under the readings that could explain it, which reading
 * reproduces the invoiced quantity, and the meter points whose status differs.
 */
import type { ChargeKind } from '../charges/charge-line.js';
import type { SnapshotDay } from '../registrations/snapshots.js';
import type { ChargeableMeterRule } from '../statement/chargeable-meters.js';
import { CHARGING_GROUP_SYMBOLS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import type { RateRegion } from '../vocabulary/regions.js';
import { describeRule, sameRule, type CountedBy, type ReadingCount } from './count-readings.js';

/** Meter points listed in the report per dispute; the `--meter-points` file has them all. */
export const MAX_LISTED_METER_POINTS = 20;

/** One meter point whose status differs between our reading and the reproducing one. */
export interface DifferingMeterPoint {
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  /** The reproducing reading, in words (the dispute's verdict). */
  readonly reading: string;
  readonly meterPoint: string;
  /** The registration's line in the register (the header being line 1). */
  readonly line: number;
  readonly countedBy: CountedBy;
  readonly premises: string;
  readonly registeredFrom: string;
  readonly registeredTo: string;
  readonly enrolledFrom: string;
}

/** The explanation of one invoiced quantity that differs from our count. */
export interface InvoiceCountDispute {
  /** The invoice lines of this Charging Group and Region with this quantity (one per per-meter kind). */
  readonly kinds: readonly ChargeKind[];
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
  /** The invoiced quantity, as on the invoice. */
  readonly invoiced: string;
  /** Our reading and its count. */
  readonly ours: ReadingCount;
  /** Every reading tried, ours first (decision 0091). */
  readonly readings: readonly ReadingCount[];
  readonly reproducedBy?: ReadingCount;
  readonly alsoReproducedBy: readonly ReadingCount[];
  /** In words, such as `reproduced with snapshot day 15`. */
  readonly verdict: string;
  /** How many meter points differ, and the first {@link MAX_LISTED_METER_POINTS} of them. */
  readonly differingMeterPoints: { readonly count: number; readonly listed: readonly DifferingMeterPoint[] };
}

/** The register behind a reconciliation, and the disputes it explains. */
export interface RegistrationCountCheck {
  /** The register, as named. */
  readonly source: string;
  readonly snapshotDay: SnapshotDay;
  /** Our snapshot date, `YYYY-MM-DD`. */
  readonly snapshotDate: string;
  readonly rowsRead: number;
  /** Registrations registered on at least one day of the month. */
  readonly rowsInMonth: number;
  /** The User every row with a `user` names, when the register has the column. */
  readonly user?: string;
  /** How the disputes were explained, in words. */
  readonly method: string;
  readonly disputes: readonly InvoiceCountDispute[];
}

/** The method, as the report states it. */
export const COUNT_DISPUTE_METHOD =
  'each quantity that differs is counted again under every snapshot day of the month and every chargeable-meter rule ' +
  '(all, enrolled, domestic or non-domestic alone); a reading reproduces the quantity when its count equals it exactly; ' +
  'the one picked changes least from ours (one dimension before two, then fewest meter points counted differently, ' +
  'then the nearest snapshot date). Decision 0091.';

/** A run of days on which a rule gives the same count. */
export interface CountRun {
  readonly fromDay: number;
  readonly toDay: number;
  readonly count: number;
}

/** The count under `rule` on each day of the month, as runs of equal counts. */
export function countRuns(dispute: InvoiceCountDispute, rule: ChargeableMeterRule): CountRun[] {
  const byDay = dispute.readings
    .filter((reading) => sameRule(reading.rule, rule))
    .map((reading) => ({ day: Number(reading.date.slice(8)), count: reading.count }))
    .sort((a, b) => a.day - b.day);
  const runs: CountRun[] = [];
  for (const { day, count } of byDay) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.count === count && last.toDay === day - 1)
      runs[runs.length - 1] = { ...last, toDay: day };
    else runs.push({ fromDay: day, toDay: day, count });
  }
  return runs;
}

/** The rules of a dispute, ours first. */
export function rulesOfDispute(dispute: InvoiceCountDispute): ChargeableMeterRule[] {
  const rules: ChargeableMeterRule[] = [];
  for (const reading of dispute.readings)
    if (!rules.some((rule) => sameRule(rule, reading.rule))) rules.push(reading.rule);
  return rules;
}

/** Runs in words, such as `days 1-15: 3; days 16-31: 1`. */
export function describeRuns(runs: readonly CountRun[]): string {
  return runs
    .map(
      (run) => `${run.fromDay === run.toDay ? `day ${run.fromDay}` : `days ${run.fromDay}-${run.toDay}`}: ${run.count}`,
    )
    .join('; ');
}

/** How the count moves, one line per rule, ours first: `domestic all, non-domestic all (ours): days 1-15: 3; ...`. */
export function describeMoves(dispute: InvoiceCountDispute): string[] {
  return rulesOfDispute(dispute).map(
    (rule, index) => `${describeRule(rule)}${index === 0 ? ' (ours)' : ''}: ${describeRuns(countRuns(dispute, rule))}`,
  );
}

/** One sentence for a dispute: our count, the invoiced quantity, the verdict and the meter points. */
export function disputeSentence(dispute: InvoiceCountDispute): string {
  const points = dispute.differingMeterPoints.count;
  const differing =
    dispute.reproducedBy === undefined
      ? ''
      : `; ${points} meter point${points === 1 ? '' : 's'} differ${points === 1 ? 's' : ''}`;
  return `we count ${dispute.ours.count} on ${dispute.ours.date}, the invoice has ${dispute.invoiced}: ${dispute.verdict}${differing}`;
}

/** A dispute's name, such as `fixed, fixedCh g1 national`. */
export function disputeName(dispute: InvoiceCountDispute): string {
  return `${dispute.kinds.join(', ')} ${CHARGING_GROUP_SYMBOLS[dispute.chargingGroup]} ${dispute.region}`;
}

/** The heading of a count section: the register, our snapshot date, the rows read and the User. */
export function countSectionSentence(section: RegistrationCountCheck): string {
  const user = section.user === undefined ? '' : `, User ${section.user}`;
  const disputes = section.disputes.length;
  return (
    `Meter counts from the register ${section.source} on ${section.snapshotDate} (snapshot day ${section.snapshotDay}): ` +
    `${section.rowsRead} row${section.rowsRead === 1 ? '' : 's'} read, ${section.rowsInMonth} registered in the month${user}; ` +
    `${disputes === 0 ? 'no invoiced quantity differs from our count' : `${disputes} invoiced quantit${disputes === 1 ? 'y differs' : 'ies differ'} from our count`}.`
  );
}

/** What `countedBy` means for a dispute, in words. */
export function countedByLegend(dispute: InvoiceCountDispute): string {
  const reading = dispute.reproducedBy;
  if (reading === undefined) return '';
  return `"ours": counted by our reading (${dispute.ours.date}, ${describeRule(dispute.ours.rule)}) only; "reproducing": counted by the reproducing one (${reading.date}, ${describeRule(reading.rule)}) only`;
}

/** One row of how a dispute's count moves: a rule over a run of days with the same count. */
export interface CountMoveRow extends CountRun {
  readonly rule: ChargeableMeterRule;
  /** True for our rule. */
  readonly ours: boolean;
  /** True when the reproducing reading is this rule on one of these days. */
  readonly reproduces: boolean;
}

/** How a dispute's count moves, as rows: each rule (ours first) and its runs of days. */
export function countMoveRows(dispute: InvoiceCountDispute): CountMoveRow[] {
  const reading = dispute.reproducedBy;
  const reproducingDay = reading === undefined ? undefined : Number(reading.date.slice(8));
  return rulesOfDispute(dispute).flatMap((rule, index) =>
    countRuns(dispute, rule).map((run) => ({
      ...run,
      rule,
      ours: index === 0,
      reproduces:
        reading !== undefined &&
        reproducingDay !== undefined &&
        sameRule(reading.rule, rule) &&
        run.fromDay <= reproducingDay &&
        reproducingDay <= run.toDay,
    })),
  );
}

/** A run's days in words: `day 15` or `days 1-9`. */
export function describeDays(run: CountRun): string {
  return run.fromDay === run.toDay ? `day ${run.fromDay}` : `days ${run.fromDay}-${run.toDay}`;
}

/** A dispute's status in a report: `reproduced` when a reading gives the invoiced quantity, else `unexplained`. */
export function disputeStatus(dispute: InvoiceCountDispute): 'reproduced' | 'unexplained' {
  return dispute.reproducedBy === undefined ? 'unexplained' : 'reproduced';
}

/** A differing meter point's registration in words. */
export function describeMeterPoint(point: DifferingMeterPoint): string {
  return `${point.premises}, registered ${point.registeredFrom} to ${point.registeredTo || 'now'}, enrolled ${point.enrolledFrom || 'never'}`;
}
