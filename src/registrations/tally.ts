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
import { UserTable } from './user-table.js';

/** Cells per month: Charging Group x Region x premises x enrolled. */
export const CELLS_PER_MONTH = CHARGING_GROUPS.length * REGIONS.length * PREMISES_TYPES.length * 2;

/**
 * The tally cell of a registration of the User at index `user` (0 in a count not by User):
 * `user x CELLS_PER_MONTH + ((group x 3 + region) x 2 + premises) x 2`, the not-enrolled cell.
 */
export function cellOf(user: number, group: number, region: number, premises: number): number {
  return user * CELLS_PER_MONTH + ((group * 3 + region) * 2 + premises) * 2;
}

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

/**
 * Where a tally sends registrations once its overlap index would pass a memory budget, to
 * check them for overlaps afterwards (see `src/node/overlap-spill.ts`; decision 0025). From
 * then on every registration is counted at once and recorded here; one found afterwards to
 * overlap an earlier one is taken out of the count again ({@link RegistrationTally.uncount}).
 */
export interface OverlapSpill {
  /** Bytes the overlap index may hold before the tally spills. */
  readonly budgetBytes: number;
  /** True to spill from the first registration (the index would pass the budget anyway). */
  readonly startSpilled?: boolean;
  /**
   * Records a registration. `cell` is its tally cell, or -1 for one already checked (the
   * index's content when spilling starts), which only later ones are checked against.
   */
  add(key: number, hash: number, from: number, to: number, position: number, cell: number, enrolledFrom: number): void;
  /** Takes the buffers of the overlap index let go when spilling starts (to free them at once). */
  release?(buffers: ArrayBuffer[]): void;
}

/** Settings of a tally. */
export interface TallySettings {
  readonly snapshots: readonly Snapshot[];
  readonly mode: InvalidRowMode;
  readonly maxIssues: number;
  readonly onReject: ((rejected: RejectedRegistration) => void) | undefined;
  /** Rows expected, to size the overlap index up front (0 when unknown). */
  readonly expectedRows?: number;
  /** Where to spill the overlap check past its memory budget; none: the index grows. */
  readonly overlapSpill?: OverlapSpill;
}

/** Per-User figures of a tally, by User index, grown as Users come. */
interface UserFigures {
  /** Bit `g` set once a row of Charging Group `g` was counted. */
  groupsSeen: Int32Array;
  counted: Float64Array;
  rejected: Float64Array;
}

/** New keys between two checks of the overlap index's size against a spill budget. */
const SPILL_CHECK_KEYS = 1 << 16;

/** The tally of one count; see the module comment. */
export class RegistrationTally {
  readonly #months: number;
  readonly #firstDay: number;
  readonly #lastDay: number;
  /** For each day from the first to the last snapshot: index of the first snapshot on or after it. */
  readonly #firstSnapshotFrom: Int32Array;
  /** Difference arrays, one block of `(months + 1) x CELLS_PER_MONTH` per User index. */
  #diff: Float64Array;
  readonly #block: number;
  #figures: UserFigures = {
    groupsSeen: new Int32Array(1),
    counted: new Float64Array(1),
    rejected: new Float64Array(1),
  };
  /** The Users of a count by User (decision 0081); unused otherwise (every row is User 0). */
  readonly users = new UserTable();
  #overlaps: OverlapIndex;
  /** Set once the overlap index passed the spill budget: registrations then go there. */
  #spill: OverlapSpill | undefined;
  #nextSpillCheck: number;
  /** New keys between two checks of the index's size: fewer for a small budget (tests). */
  readonly #spillCheckKeys: number;
  readonly #settings: TallySettings;
  readonly #issues: InputIssue[] = [];
  rowsRead = 0;
  rowsCounted = 0;
  rowsRejected = 0;

  constructor(settings: TallySettings) {
    this.#settings = settings;
    const spill = settings.overlapSpill;
    this.#spillCheckKeys =
      spill === undefined ? Infinity : Math.max(1, Math.min(SPILL_CHECK_KEYS, Math.floor(spill.budgetBytes / 320)));
    this.#nextSpillCheck = this.#spillCheckKeys;
    // With a budget, the index is sized for what fits in it at most (about 20 bytes a key).
    const expected = settings.expectedRows ?? 0;
    const startSpilled = spill?.startSpilled === true;
    this.#overlaps = new OverlapIndex(
      spill === undefined ? expected : startSpilled ? 0 : Math.min(expected, Math.floor(spill.budgetBytes / 40)),
    );
    if (startSpilled) this.#spill = spill;
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
    this.#block = (this.#months + 1) * CELLS_PER_MONTH;
    this.#diff = new Float64Array(this.#block);
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
    user = 0,
  ): OverlappedRegistration | undefined {
    return this.countHashed(key, hashOf(key), cellOf(user, group, region, premises), from, to, enrolledFrom, position);
  }

  /**
   * Reads ahead the overlap-index slots of a batch of key hashes (see {@link OverlapIndex.touch}).
   */
  touch(hashes: Int32Array, count: number, start = 0): void {
    if (this.#spill === undefined) this.#overlaps.touch(hashes, count, start);
  }

  /**
   * {@link count} with the key's hash computed and the cell given (see {@link cellOf}).
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
    const spill = this.#spill;
    if (spill !== undefined) {
      spill.add(key, hash, from, to, position, cell, enrolledFrom);
    } else {
      const overlapped = this.#overlaps.addHashed(key, hash, from, to, position);
      if (overlapped !== undefined) return overlapped;
      if (this.#overlaps.size >= this.#nextSpillCheck) this.#checkSpillBudget();
    }
    this.#add(cell, from, to, enrolledFrom, 1);
    return undefined;
  }

  #checkSpillBudget(): void {
    this.#nextSpillCheck = this.#overlaps.size + this.#spillCheckKeys;
    const spill = this.#settings.overlapSpill;
    // Spill before the index passes the budget, or before it doubles its table past it.
    if (spill === undefined || this.#overlaps.byteSizeWith(this.#spillCheckKeys) <= spill.budgetBytes) return;
    const full = this.#overlaps;
    full.forEachRegistration((key, from, to, position) => spill.add(key, hashOf(key), from, to, position, -1, 0));
    this.#overlaps = new OverlapIndex(0);
    spill.release?.(full.buffers());
    this.#spill = spill;
  }

  /** True once registrations go to the overlap spill. */
  get spilled(): boolean {
    return this.#spill !== undefined;
  }

  /**
   * Takes out of the count a registration counted while spilling and found afterwards to
   * overlap an earlier one (the caller then rejects its row).
   */
  uncount(cell: number, from: number, to: number, enrolledFrom: number): void {
    this.#add(cell, from, to, enrolledFrom, -1);
  }

  /** Adds (`sign` 1) or takes out (-1) a registration in the difference arrays. */
  #add(userCell: number, from: number, to: number, enrolledFrom: number, sign: number): undefined {
    this.rowsCounted += sign;
    const user = (userCell / CELLS_PER_MONTH) | 0;
    if (user >= this.#figures.counted.length) this.#grow(user);
    const figures = this.#figures;
    const base = userCell - user * CELLS_PER_MONTH;
    figures.counted[user] = (figures.counted[user] as number) + sign;
    figures.groupsSeen[user] = (figures.groupsSeen[user] as number) | (1 << ((base / 12) | 0));
    const first = this.#firstFrom(from);
    const end = this.#firstFrom(to + 1);
    if (first >= end) return undefined;
    const enrolled = this.#firstFrom(enrolledFrom);
    const diff = this.#diff;
    const cell = user * this.#block + base;
    const notEnrolledEnd = Math.min(end, enrolled);
    if (first < notEnrolledEnd) {
      diff[first * CELLS_PER_MONTH + cell] = (diff[first * CELLS_PER_MONTH + cell] as number) + sign;
      diff[notEnrolledEnd * CELLS_PER_MONTH + cell] = (diff[notEnrolledEnd * CELLS_PER_MONTH + cell] as number) - sign;
    }
    const enrolledStart = Math.max(first, enrolled);
    if (enrolledStart < end) {
      diff[enrolledStart * CELLS_PER_MONTH + cell + 1] =
        (diff[enrolledStart * CELLS_PER_MONTH + cell + 1] as number) + sign;
      diff[end * CELLS_PER_MONTH + cell + 1] = (diff[end * CELLS_PER_MONTH + cell + 1] as number) - sign;
    }
    return undefined;
  }

  /** Makes room for the figures of Users up to index `user`. */
  #grow(user: number): void {
    const old = this.#figures;
    const users = Math.max(user + 1, old.counted.length * 2);
    const diff = new Float64Array(users * this.#block);
    diff.set(this.#diff);
    this.#diff = diff;
    const groupsSeen = new Int32Array(users);
    groupsSeen.set(old.groupsSeen);
    const counted = new Float64Array(users);
    counted.set(old.counted);
    const rejected = new Float64Array(users);
    rejected.set(old.rejected);
    this.#figures = { groupsSeen, counted, rejected };
  }

  /** The User index of a tally cell (see {@link cellOf}). */
  static userOfCell(cell: number): number {
    return (cell / CELLS_PER_MONTH) | 0;
  }

  /**
   * Rejects a row: in strict mode its issues are kept (and reading stops once `maxIssues` are
   * held); in skip-invalid mode it goes to `onReject`. `user` is the row's User index when
   * known (a count by User then counts the row among that User's rejected ones), else -1.
   */
  reject(rejected: RejectedRegistration, user = -1): void {
    if (rejected.issues.length === 0) {
      throw new InvariantError(
        'rejectedWithoutReason',
        `a row at ${JSON.stringify(rejected.location)} was rejected without a reason`,
      );
    }
    this.rowsRejected += 1;
    if (user >= 0) {
      if (user >= this.#figures.counted.length) this.#grow(user);
      this.#figures.rejected[user] = (this.#figures.rejected[user] as number) + 1;
    }
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
      throw new InputError(
        [
          ...this.#issues,
          {
            ...(issue.source === undefined ? {} : { source: issue.source }),
            code: 'tooManyProblems',
            expected: `a valid file (reading stopped after the first ${this.#settings.maxIssues} problems)`,
            received: `more problems, the last at ${issue.line === undefined ? `row ${JSON.stringify(issue.path ?? [])}` : `line ${issue.line}`}`,
          },
        ],
        { limit: this.#settings.maxIssues + 1 },
      );
    }
  }

  /** Throws the strict-mode issues, if any. */
  throwIfIssues(): void {
    if (this.#issues.length > 0) throw new InputError([...this.#issues], { limit: this.#settings.maxIssues });
  }

  /** The summary so far. */
  summary(): CountSummary {
    return { rowsRead: this.rowsRead, rowsCounted: this.rowsCounted, rowsRejected: this.rowsRejected };
  }

  /**
   * The summary of the rows of the User at index `user`: those counted, and those rejected
   * whose User ID could be read (`rowsRead = rowsCounted + rowsRejected`).
   */
  summaryOf(user: number): CountSummary {
    const counted = this.#figures.counted[user] ?? 0;
    const rejected = this.#figures.rejected[user] ?? 0;
    return { rowsRead: counted + rejected, rowsCounted: counted, rowsRejected: rejected };
  }

  /**
   * The counts: for every month, and every Charging Group that any counted row has, one row
   * per Region, premises type and enrolment state, zeros included. In a count by User, those
   * of the User at index `user`.
   */
  counts(user = 0): MeterCountRow[] {
    const rows: MeterCountRow[] = [];
    const running = new Float64Array(CELLS_PER_MONTH);
    const groupsSeen = this.#figures.groupsSeen[user] ?? 0;
    const offset = user * this.#block;
    const diff = user < this.#figures.counted.length ? this.#diff : new Float64Array(this.#block);
    const at = user < this.#figures.counted.length ? offset : 0;
    this.#settings.snapshots.forEach((snapshot, month) => {
      for (let cell = 0; cell < CELLS_PER_MONTH; cell += 1) {
        running[cell] = (running[cell] as number) + (diff[at + month * CELLS_PER_MONTH + cell] as number);
      }
      CHARGING_GROUPS.forEach((chargingGroup, group) => {
        if ((groupsSeen & (1 << group)) === 0) return;
        REGIONS.forEach((region, regionIndex) => {
          PREMISES_TYPES.forEach((premises, premisesIndex) => {
            for (const enrolled of [false, true]) {
              const cell = ((group * 3 + regionIndex) * 2 + premisesIndex) * 2 + (enrolled ? 1 : 0);
              rows.push({
                month: snapshot.month,
                chargingGroup,
                region,
                premises,
                enrolled,
                count: running[cell] as number,
              });
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
