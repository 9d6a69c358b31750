/**
 * Snapshot dates ([R], decision 0020): a meter point counts in a month if
 * it is registered on the month's snapshot date, by default the last day of the month; or a
 * given day of the month, the last day where the month is shorter.
 */
import { describeReceived, InputError, type InputIssue } from '../errors/input-error.js';
import { isDayOfMonth, monthIssue, monthsBetween, partsOfMonth, type Month } from '../vocabulary/months.js';
import { dayNumberOf, daysInCalendarMonth, isoDateOfDayNumber } from './dates.js';

/** The snapshot day of a month: `'last'` (the default) or a day 1 to 31. */
export type SnapshotDay = 'last' | number;

/** The default snapshot day: the last day of the month (decision 0020). */
export const DEFAULT_SNAPSHOT_DAY: SnapshotDay = 'last';

/** Longest range of months one count covers (100 years). */
export const MAX_COUNT_MONTHS = 1200;

/** A month and the date on which its meters are counted. */
export interface Snapshot {
  readonly month: Month;
  /** The snapshot date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The snapshot date as a day number (days since 1970-01-01). */
  readonly dayNumber: number;
}

/**
 * The snapshot of each month from `from` to `to`, inclusive.
 * @throws InputError when a month is malformed, `to` is before `from`, the range is longer
 * than {@link MAX_COUNT_MONTHS}, or the snapshot day is not `'last'` or a whole number 1 to 31.
 * @example snapshotsOf('2024-02', '2024-02', 30)[0].date // '2024-02-29'
 */
export function snapshotsOf(from: Month, to: Month, snapshotDay: SnapshotDay = DEFAULT_SNAPSHOT_DAY): Snapshot[] {
  const issues: InputIssue[] = [];
  const fromIssue = monthIssue(from, 'from');
  if (fromIssue !== undefined) issues.push(fromIssue);
  const toIssue = monthIssue(to, 'to');
  if (toIssue !== undefined) issues.push(toIssue);
  if (snapshotDay !== 'last' && !isDayOfMonth(snapshotDay)) {
    issues.push({
      field: 'snapshotDay',
      code: 'invalidValue',
      expected: '"last" or a day of the month from 1 to 31',
      received: describeReceived(snapshotDay),
    });
  }
  if (issues.length === 0 && to < from) {
    issues.push({
      field: 'to',
      code: 'invalidRange',
      expected: `a month from ${from} on`,
      received: JSON.stringify(to),
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const months = monthsBetween(from, to);
  if (months.length > MAX_COUNT_MONTHS) {
    throw new InputError([
      {
        field: 'to',
        code: 'invalidRange',
        expected: `at most ${MAX_COUNT_MONTHS} months`,
        received: `${months.length} months`,
      },
    ]);
  }
  return months.map((month) => {
    const { year, month: monthNumber } = partsOfMonth(month);
    const last = daysInCalendarMonth(year, monthNumber);
    const day = snapshotDay === 'last' ? last : Math.min(snapshotDay, last);
    const dayNumber = dayNumberOf(year, monthNumber, day);
    return { month, date: isoDateOfDayNumber(dayNumber), dayNumber };
  });
}
