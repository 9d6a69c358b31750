/**
 * Options of a registration count, checked once at the edge, and the shape of its result.
 */
import { SOURCE, type ArgumentSpec } from '../errors/arguments.js';
import { InputError, MAX_LISTED_ISSUES, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import type { Month } from '../vocabulary/months.js';
import { REGIONS } from '../vocabulary/regions.js';
import { isoDateOfDayNumber } from './dates.js';
import { DEFAULT_GSP_GROUP_REGIONS, GSP_GROUPS, type GspGroupRegions } from './gsp-groups.js';
import { DEFAULT_SNAPSHOT_DAY, snapshotsOf, type Snapshot, type SnapshotDay } from './snapshots.js';
import {
  describeOverlapped,
  type CountSummary,
  type InvalidRowMode,
  type RegistrationTally,
  type RejectedRegistration,
} from './tally.js';
import type { OverlappedRegistration } from './overlap-index.js';
import { OPEN_END, REGISTRATION_EXPECTED } from './registration.js';
import { MAX_COUNT_USERS } from './user-table.js';

/** The kinds of the fields of {@link CountRegisteredMetersOptions}, checked at each counting entry (decision 0068). */
export const COUNT_OPTION_FIELDS: Readonly<Record<string, ArgumentSpec>> = {
  from: { shape: 'text', expected: 'the first month counted, "YYYY-MM"' },
  to: { shape: 'text', expected: 'the last month counted, "YYYY-MM"' },
  mode: { shape: 'text', optional: true, expected: '"strict" or "skip-invalid"' },
  onReject: { shape: 'function', optional: true },
  gspGroupRegions: { shape: 'object', optional: true },
  maxIssues: { shape: 'number', optional: true },
  source: SOURCE,
  expectedRows: { shape: 'number', optional: true },
  byUser: {
    shape: 'boolean',
    optional: true,
    expected: 'true to count every User apart (by the user column), or false',
  },
};

/** Options of {@link countRegisteredMeters} and the CSV counters. */
export interface CountRegisteredMetersOptions {
  /** First month counted, `YYYY-MM`. */
  readonly from: Month;
  /** Last month counted, `YYYY-MM`. */
  readonly to: Month;
  /** The snapshot day of each month: `'last'` (default) or 1 to 31 (decision 0020). */
  readonly snapshotDay?: SnapshotDay;
  /** `strict` (default): fail on any invalid row. `skip-invalid`: reject it, tell `onReject`, go on. */
  readonly mode?: InvalidRowMode;
  /** Called with each rejected row in `skip-invalid` mode. */
  readonly onReject?: (rejected: RejectedRegistration) => void;
  /** The GSP Group to Region table; default {@link DEFAULT_GSP_GROUP_REGIONS} (decision 0021). */
  readonly gspGroupRegions?: GspGroupRegions;
  /** Strict mode stops reading once this many problems are found (default 20). */
  readonly maxIssues?: number;
  /** A label for messages, such as the file name. */
  readonly source?: string;
  /**
   * About how many rows to expect, if known: the overlap index makes room for them at once
   * instead of growing (faster; memory as it would reach anyway). The Node file reader guesses
   * it from the file's size.
   */
  readonly expectedRows?: number;
  /**
   * True to count every User apart in the one pass, by each row's `user` (decision 0081): the
   * result is then a {@link RegisteredMeterCountsByUser}, and a row without a User ID is refused.
   * The overlap check is the same as without it: per meter point and Charging Group, whatever
   * the User.
   */
  readonly byUser?: boolean;
}

/** Options of a count by User. */
export type CountByUserOptions<O extends CountRegisteredMetersOptions = CountRegisteredMetersOptions> = O & {
  readonly byUser: true;
};

/** Strict mode's default limit on problems listed before reading stops: the library's one limit. */
export const DEFAULT_MAX_ISSUES = MAX_LISTED_ISSUES;

/** Format tag of a registered-meter count. */
export const REGISTERED_METER_COUNTS_FORMAT = 'dcc-charges/registered-meter-counts@1';

/** The counting rule, as results state it. */
export const COUNTING_RULE =
  'a meter point counts in a month when registered on its snapshot date (registeredFrom <= date <= registeredTo, ' +
  'inclusive); it counts as enrolled when enrolledFrom <= date. Our reading [R]: decisions 0020-0023.';

/** Chargeable meter counts per month from registration data, and how they were made. */
export interface RegisteredMeterCounts {
  readonly format: typeof REGISTERED_METER_COUNTS_FORMAT;
  /** Brief section 6 [R]; the counts feed the per-meter charges of K4, K5 and K6. */
  readonly clause: string;
  readonly rule: string;
  readonly from: Month;
  readonly to: Month;
  readonly snapshotDay: SnapshotDay;
  /** Each month's snapshot date. */
  readonly snapshots: readonly { readonly month: Month; readonly date: string }[];
  readonly summary: CountSummary;
  /**
   * For every month and every Charging Group present, a row per Region, premises and
   * enrolment state (zeros included): a meter-count table for `calculateMonthlyCharges`.
   */
  readonly counts: readonly MeterCountRow[];
}

/** Format tag of a registered-meter count by User. */
export const REGISTERED_METER_COUNTS_BY_USER_FORMAT = 'dcc-charges/registered-meter-counts-by-user@1';

/**
 * The counts of every User of a register, made in one pass (decision 0081): the months, rule
 * and summary of the whole pass, and for each User, in order of User ID, a count of the same
 * shape as a count of that User's rows alone.
 */
export interface RegisteredMeterCountsByUser {
  readonly format: typeof REGISTERED_METER_COUNTS_BY_USER_FORMAT;
  readonly clause: string;
  readonly rule: string;
  readonly from: Month;
  readonly to: Month;
  readonly snapshotDay: SnapshotDay;
  readonly snapshots: readonly { readonly month: Month; readonly date: string }[];
  /** Every row of the pass: `rowsRead = rowsCounted + rowsRejected`. */
  readonly summary: CountSummary;
  /** Each User's counts, ordered by User ID (compared as text, code unit by code unit). */
  readonly users: readonly UserMeterCounts[];
}

/** One User's counts within a {@link RegisteredMeterCountsByUser}. */
export interface UserMeterCounts extends RegisteredMeterCounts {
  /** The User ID, as the `user` column gives it. */
  readonly user: string;
}

/** Options after checking. */
export interface ResolvedCountOptions {
  readonly snapshots: readonly Snapshot[];
  readonly snapshotDay: SnapshotDay;
  readonly from: Month;
  readonly to: Month;
  readonly mode: InvalidRowMode;
  readonly maxIssues: number;
  readonly onReject: ((rejected: RejectedRegistration) => void) | undefined;
  readonly regions: GspGroupRegions;
  readonly at: IssueLocation;
  readonly expectedRows: number;
  readonly byUser: boolean;
}

/**
 * Checks the options of a count.
 * @throws InputError naming each bad option.
 */
export function resolveCountOptions(options: CountRegisteredMetersOptions): ResolvedCountOptions {
  const issues: InputIssue[] = [];
  const mode = options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'skip-invalid') {
    issues.push({
      field: 'mode',
      code: 'invalidValue',
      expected: '"strict" or "skip-invalid"',
      received: JSON.stringify(mode),
    });
  }
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  if (!Number.isSafeInteger(maxIssues) || maxIssues < 1) {
    issues.push({
      field: 'maxIssues',
      code: 'invalidValue',
      expected: 'a whole number from 1',
      received: JSON.stringify(maxIssues),
    });
  }
  const regions = options.gspGroupRegions ?? DEFAULT_GSP_GROUP_REGIONS;
  for (const gsp of GSP_GROUPS) {
    const region: unknown = (regions as Record<string, unknown>)[gsp];
    if (typeof region !== 'string' || !(REGIONS as readonly string[]).includes(region)) {
      issues.push({
        field: 'gspGroupRegions',
        path: [gsp],
        code: 'invalidValue',
        expected: `a Region for GSP Group ${gsp}: one of ${REGIONS.join(', ')}`,
        received: JSON.stringify(region) ?? 'nothing',
      });
    }
  }
  const expectedRows = options.expectedRows ?? 0;
  if (!Number.isSafeInteger(expectedRows) || expectedRows < 0) {
    issues.push({
      field: 'expectedRows',
      code: 'invalidValue',
      expected: 'a whole number from 0',
      received: JSON.stringify(expectedRows),
    });
  }
  const byUser = options.byUser ?? false;
  if (typeof byUser !== 'boolean') {
    issues.push({
      field: 'byUser',
      code: 'invalidValue',
      expected: 'true or false',
      received: JSON.stringify(byUser) ?? String(byUser),
    });
  }
  const snapshotDay = options.snapshotDay ?? DEFAULT_SNAPSHOT_DAY;
  let snapshots: Snapshot[] = [];
  try {
    snapshots = snapshotsOf(options.from, options.to, snapshotDay);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const issue of error.issues) issues.push(issue);
  }
  if (issues.length > 0) throw new InputError(issues);
  return {
    snapshots,
    snapshotDay,
    from: options.from,
    to: options.to,
    mode,
    maxIssues,
    onReject: options.onReject,
    regions,
    at: options.source === undefined ? {} : { source: options.source },
    expectedRows,
    byUser,
  };
}

/** Builds the result of a finished tally (after strict-mode issues are thrown). */
export function countResult(resolved: ResolvedCountOptions, tally: RegistrationTally): RegisteredMeterCounts {
  tally.throwIfIssues();
  return {
    format: REGISTERED_METER_COUNTS_FORMAT,
    clause: 'K4-K6 (meter counts behind per-meter charges; counting rule [R] of decisions 0020-0023)',
    rule: COUNTING_RULE,
    from: resolved.from,
    to: resolved.to,
    snapshotDay: resolved.snapshotDay,
    snapshots: resolved.snapshots.map(({ month, date }) => ({ month, date })),
    summary: tally.summary(),
    counts: tally.counts(),
  };
}

/**
 * Builds the result of a finished count by User: the counts of each User index of the tally,
 * ordered by User ID (decision 0081).
 */
export function countResultByUser(
  resolved: ResolvedCountOptions,
  tally: RegistrationTally,
): RegisteredMeterCountsByUser {
  const whole = countResult(resolved, tally);
  const { counts: _, ...head } = whole;
  const ids = tally.users.ids;
  const order = ids
    .map((user, index) => ({ user, index }))
    .sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  return {
    ...head,
    format: REGISTERED_METER_COUNTS_BY_USER_FORMAT,
    users: order.map(({ user, index }) => ({
      user,
      ...whole,
      summary: tally.summaryOf(index),
      counts: tally.counts(index),
    })),
  };
}

/** The issue of a row without a User ID in a count by User (decision 0081). */
export function missingUserIssue(location: IssueLocation, received: string): InputIssue {
  return { ...location, field: 'user', code: 'missingValue', expected: REGISTRATION_EXPECTED.userByUser, received };
}

/** The issue of a User past the most one count by User takes. */
export function tooManyUsersIssue(location: IssueLocation, user: string): InputIssue {
  return {
    ...location,
    field: 'user',
    code: 'invalidValue',
    expected: `at most ${MAX_COUNT_USERS} distinct Users in one count by User`,
    received: `the User ${JSON.stringify(user)}, one more`,
  };
}

/**
 * Rejects a row that overlaps an earlier registration of the same meter point and group
 * (decision 0022): the later row is rejected; strict mode lists both rows.
 */
export function rejectOverlap(
  tally: RegistrationTally,
  location: IssueLocation,
  from: number,
  to: number,
  overlapped: OverlappedRegistration,
  byLine: boolean,
  record: RejectedRegistration['record'],
  user = -1,
): void {
  const here = byLine ? `line ${location.line ?? '?'}` : `row ${JSON.stringify(location.path ?? [])}`;
  const earlier: IssueLocation = {
    ...(location.source === undefined ? {} : { source: location.source }),
    ...(byLine ? { line: overlapped.position } : { path: [overlapped.position] }),
  };
  tally.noteIssue({
    ...earlier,
    field: 'registeredFrom',
    code: 'overlappingRegistration',
    expected: 'one registration of a meter point in a Charging Group on any day',
    received: 'a registration overlapped by a later row',
    detail: `overlapped by the registration at ${here}`,
  });
  const end = to >= OPEN_END ? 'still registered' : `to ${isoDateOfDayNumber(to)}`;
  tally.reject(
    {
      location,
      record,
      issues: [
        {
          ...location,
          field: 'registeredFrom',
          code: 'overlappingRegistration',
          expected: 'one registration of a meter point in a Charging Group on any day',
          received: `a registration from ${isoDateOfDayNumber(from)}, ${end}`,
          detail: describeOverlapped(overlapped, byLine),
        },
      ],
    },
    user,
  );
}
