/**
 * The counter behind every way of counting registrations: it takes valid registrations in
 * numbers, checks overlaps, and adds each to the months whose snapshot it covers, in O(1) per
 * row (difference arrays over the months), so memory does not grow with the rows counted.
 * Rejected rows go to the strict issue list or to the caller's `onReject`.
 */
import { InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { REGIONS } from '../vocabulary/regions.js';
import { isoDateOfDayNumber } from './dates.js';
import { hashOf, OverlapIndex, type OverlappedRegistration } from './overlap-index.js';
import type { Snapshot } from './snapshots.js';

/** Cells per month: Charging Group x Region x premises x enrolled. */
export const CELLS_PER_MONTH = CHARGING_GROUPS.length * REGIONS.length * PREMISES_TYPES.length * 2;

/** How rows that break a rule are handled: fail (`strict`) or set aside (`skip-invalid`). */
export type InvalidRowMode = 'strict' | 'skip-invalid';

/** A row set aside in `skip-invalid` mode, with every reason. */
export interface RejectedRegistration {
  /** Where the row is (file and line, or the row's index). */
  readonly location: IssueLocation;
  /** Why it was rejected. */
  readonly issues: readonly InputIssue[];
  /** The row as read: the CSV record's text, or the caller's object. */
  readonly record: string | Readonly<Record<string, unknown>>;
}

/** How many rows were read, counted and rejected: always `rowsRead = rowsCounted + rowsRejected`. */
export interface CountSummary {
  /** Data rows read (blank lines are not rows). */
  readonly rowsRead: number;
  /** Valid rows taken into the count (a row registered on no snapshot date adds zero). */
  readonly rowsCounted: number;
  /** Rows rejected, each with its reasons. */
  readonly rowsRejected: number;
}

/** Settings of a tally. */
export interface TallySettings {
  readonly snapshots: readonly Snapshot[];
  readonly mode: InvalidRowMode;
  readonly maxIssues: number;
  readonly onReject: ((rejected: RejectedRegistration) => void) | undefined;
  /** Rows expected, to size the overlap index up front (0 when unknown). */
  readonly expectedRows?: number;
}

/** The tally of one count; see the module comment. */
export class RegistrationTally {
  readonly #months: number;
  readonly #firstDay: number;
  readonly #lastDay: number;
  /** For each day from the first to the last snapshot: index of the first snapshot on or after it. */
  readonly #firstSnapshotFrom: Int32Array;
  readonly #diff: Float64Array;
  readonly #overlaps: OverlapIndex;
  readonly #settings: TallySettings;
  readonly #issues: InputIssue[] = [];
  #groupsSeen = 0;
  rowsRead = 0;
  rowsCounted = 0;
  rowsRejected = 0;

  constructor(settings: TallySettings) {
    this.#settings = settings;
    this.#overlaps = new OverlapIndex(settings.expectedRows ?? 0);
    const days = settings.snapshots.map((snapshot) => snapshot.dayNumber);
    this.#months = days.length;
    this.#firstDay = days[0] ?? 0;
    this.#lastDay = days[days.length - 1] ?? -1;
    this.#firstSnapshotFrom = new Int32Array(Math.max(0, this.#lastDay - this.#firstDay + 1));
    let index = 0;
    for (let day = this.#firstDay; day <= this.#lastDay; day += 1) {
      while ((days[index] as number) < day) index += 1;
      this.#firstSnapshotFrom[day - this.#firstDay] = index;
    }
    this.#diff = new Float64Array((this.#months + 1) * CELLS_PER_MONTH);
  }

  /** Index of the first snapshot on or after `day` (the number of months when none). */
  #firstFrom(day: number): number {
    if (day <= this.#firstDay) return 0;
    if (day > this.#lastDay) return this.#months;
    return this.#firstSnapshotFrom[day - this.#firstDay] as number;
  }

  /**
   * Counts one valid registration unless it overlaps an earlier one of the same key.
   * @returns `undefined` when counted; otherwise the earlier registration it overlaps (the
   * caller rejects the row).
   */
  count(
    key: number,
    group: number,
    region: number,
    premises: number,
    from: number,
    to: number,
    enrolledFrom: number,
    position: number,
  ): OverlappedRegistration | undefined {
    return this.countHashed(key, hashOf(key), ((group * 3 + region) * 2 + premises) * 2, from, to, enrolledFrom, position);
  }

  /**
   * Reads ahead the overlap-index slots of a batch of key hashes (see {@link OverlapIndex.touch}).
   */
  touch(hashes: Int32Array, count: number, start = 0): void {
    this.#overlaps.touch(hashes, count, start);
  }

  /**
   * {@link count} with the key's hash computed and the cell given: `cell` is
   * `((group x 3 + region) x 2 + premises) x 2`, the not-enrolled cell of the registration.
   */
  countHashed(
    key: number,
    hash: number,
    cell: number,
    from: number,
    to: number,
    enrolledFrom: number,
    position: number,
  ): OverlappedRegistration | undefined {
    const overlapped = this.#overlaps.addHashed(key, hash, from, to, position);
    if (overlapped !== undefined) return overlapped;
    this.rowsCounted += 1;
    this.#groupsSeen |= 1 << ((cell / 12) | 0);
    const first = this.#firstFrom(from);
    const end = this.#firstFrom(to + 1);
    if (first >= end) return undefined;
    const enrolled = this.#firstFrom(enrolledFrom);
    const diff = this.#diff;
    const notEnrolledEnd = end < enrolled ? end : enrolled;
    if (first < notEnrolledEnd) {
      diff[first * CELLS_PER_MONTH + cell] = (diff[first * CELLS_PER_MONTH + cell] as number) + 1;
      diff[notEnrolledEnd * CELLS_PER_MONTH + cell] = (diff[notEnrolledEnd * CELLS_PER_MONTH + cell] as number) - 1;
    }
    const enrolledStart = first > enrolled ? first : enrolled;
    if (enrolledStart < end) {
      diff[enrolledStart * CELLS_PER_MONTH + cell + 1] = (diff[enrolledStart * CELLS_PER_MONTH + cell + 1] as number) + 1;
      diff[end * CELLS_PER_MONTH + cell + 1] = (diff[end * CELLS_PER_MONTH + cell + 1] as number) - 1;
    }
    return undefined;
  }

  /**
   * Rejects a row: in strict mode its issues are kept (and reading stops once `maxIssues` are
   * held); in skip-invalid mode it goes to `onReject`.
   */
  reject(rejected: RejectedRegistration): void {
    if (rejected.issues.length === 0) {
      throw new InvariantError('rejectedWithoutReason', `a row at ${JSON.stringify(rejected.location)} was rejected without a reason`);
    }
    this.rowsRejected += 1;
    if (this.#settings.mode === 'skip-invalid') {
      this.#settings.onReject?.(rejected);
      return;
    }
    for (const issue of rejected.issues) this.#addIssue(issue);
  }

  /** Keeps a strict-mode issue that is not a row's own (the earlier row of an overlap). */
  noteIssue(issue: InputIssue): void {
    if (this.#settings.mode === 'strict') this.#addIssue(issue);
  }

  #addIssue(issue: InputIssue): void {
    this.#issues.push(issue);
    if (this.#issues.length >= this.#settings.maxIssues) {
      throw new InputError([
        ...this.#issues,
        {
          ...(issue.source === undefined ? {} : { source: issue.source }),
          code: 'tooManyProblems',
          expected: `a valid file (reading stopped after the first ${this.#settings.maxIssues} problems)`,
          received: `more problems, the last at ${issue.line === undefined ? `row ${JSON.stringify(issue.path ?? [])}` : `line ${issue.line}`}`,
        },
      ]);
    }
  }

  /** Throws the strict-mode issues, if any. */
  throwIfIssues(): void {
    if (this.#issues.length > 0) throw new InputError([...this.#issues]);
  }

  /** The summary so far. */
  summary(): CountSummary {
    return { rowsRead: this.rowsRead, rowsCounted: this.rowsCounted, rowsRejected: this.rowsRejected };
  }

  /**
   * The counts: for every month, and every Charging Group that any counted row has, one row
   * per Region, premises type and enrolment state, zeros included.
   */
  counts(): MeterCountRow[] {
    const rows: MeterCountRow[] = [];
    const running = new Float64Array(CELLS_PER_MONTH);
    this.#settings.snapshots.forEach((snapshot, month) => {
      for (let cell = 0; cell < CELLS_PER_MONTH; cell += 1) {
        running[cell] = (running[cell] as number) + (this.#diff[month * CELLS_PER_MONTH + cell] as number);
      }
      CHARGING_GROUPS.forEach((chargingGroup, group) => {
        if ((this.#groupsSeen & (1 << group)) === 0) return;
        REGIONS.forEach((region, regionIndex) => {
          PREMISES_TYPES.forEach((premises, premisesIndex) => {
            for (const enrolled of [false, true]) {
              const cell = ((group * 3 + regionIndex) * 2 + premisesIndex) * 2 + (enrolled ? 1 : 0);
              rows.push({ month: snapshot.month, chargingGroup, region, premises, enrolled, count: running[cell] as number });
            }
          });
        });
      });
    });
    return rows;
  }
}

/** Describes an overlapped registration for a message: its dates and where it is. */
export function describeOverlapped(overlapped: OverlappedRegistration, byLine: boolean): string {
  const to = overlapped.to >= 2 ** 31 - 1 ? 'still registered' : `to ${isoDateOfDayNumber(overlapped.to)}`;
  const where = byLine ? `line ${overlapped.position}` : `row ${overlapped.position}`;
  return `it overlaps the registration at ${where}, from ${isoDateOfDayNumber(overlapped.from)}, ${to}`;
}
