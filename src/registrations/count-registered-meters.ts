/**
 * `countRegisteredMeters`: chargeable meter counts per month, Charging Group, Region,
 * premises and enrolment state, from registration rows given as objects (docs/registrations.md).
 */
import { COUNT_OPTION_FIELDS } from './count-options.js';
import { checkArguments } from '../errors/arguments.js';
import type { IssueLocation } from '../errors/input-error.js';
import { checkRegistration, USER_ID, type RegistrationRow } from './registration.js';
import {
  countResult,
  countResultByUser,
  tooManyUsersIssue,
  type CountByUserOptions,
  type RegisteredMeterCountsByUser,
  rejectOverlap,
  resolveCountOptions,
  type CountRegisteredMetersOptions,
  type RegisteredMeterCounts,
  type ResolvedCountOptions,
} from './count-options.js';
import { RegistrationTally } from './tally.js';

function countOne(tally: RegistrationTally, resolved: ResolvedCountOptions, row: unknown, index: number): void {
  tally.rowsRead += 1;
  const line = row !== null && typeof row === 'object' ? (row as { line?: unknown }).line : undefined;
  const byLine = typeof line === 'number' && Number.isSafeInteger(line) && line >= 1;
  const location: IssueLocation = byLine ? { ...resolved.at, line } : { ...resolved.at, path: [index] };
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    tally.reject({
      location,
      record: { value: row },
      issues: [
        {
          ...location,
          code: 'notAnObject',
          expected: 'a registration row object',
          received: JSON.stringify(row) ?? String(row),
        },
      ],
    });
    return;
  }
  const values = row as Readonly<Record<string, unknown>>;
  const check = checkRegistration(values, location, resolved.regions, resolved.byUser);
  if (!check.ok) {
    tally.reject(
      { location, record: values, issues: check.issues },
      resolved.byUser ? userIndexOfValue(tally, values['user']) : -1,
    );
    return;
  }
  const r = check.registration;
  let user = 0;
  if (resolved.byUser) {
    user = tally.users.indexOf(r.user as string);
    if (user < 0) {
      tally.reject({ location, record: values, issues: [tooManyUsersIssue(location, r.user as string)] });
      return;
    }
  }
  const overlapped = tally.count(
    r.key,
    r.group,
    r.region,
    r.premises,
    r.from,
    r.to,
    r.enrolledFrom,
    byLine ? line : index,
    user,
  );
  if (overlapped !== undefined) rejectOverlap(tally, location, r.from, r.to, overlapped, byLine, values, user);
}

/**
 * The User index of a rejected row's `user` value when it is a valid User ID (its row is
 * then among that User's rejected ones), else -1.
 */
export function userIndexOfValue(tally: RegistrationTally, value: unknown): number {
  return typeof value === 'string' && USER_ID.test(value) ? tally.users.indexOf(value) : -1;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value;
}

/**
 * Counts registered meter points for each month from `options.from` to `options.to`: a meter
 * point counts in a month when registered on the month's snapshot date, as enrolled when
 * enrolled by then. Memory holds the counts and a compact index for the overlap check
 * (about 15 to 20 bytes per meter point), never the rows.
 *
 * @clause K4-K6 (the meter counts behind per-meter charges; our counting rule [R], docs/registrations.md, decisions 0020-0023)
 * @param rows - registration rows, an iterable (such as an array) or an async iterable (such
 * as a stream of parsed rows). A row with a `line` is located by it, otherwise by its index.
 * @param options - the months, snapshot day, mode and GSP Group to Region table; `byUser: true`
 * counts every User apart (decision 0081).
 * @returns the counts, the snapshot dates and the summary `rowsRead = rowsCounted + rowsRejected`
 * (a promise of them for an async iterable).
 * @throws InputError for bad options; in strict mode, for the first invalid rows (at most
 * `maxIssues`), with their lines or indexes.
 * @example
 * countRegisteredMeters(
 *   [{ meterPoint: '1012345678903', chargingGroup: 'importSupplier', premises: 'domestic',
 *      registeredFrom: '2024-01-15', registeredTo: '', enrolledFrom: '' }],
 *   { from: '2025-04', to: '2025-04' },
 * ).counts // a row { month: '2025-04', chargingGroup: 'importSupplier', region: 'central',
 *          //   premises: 'domestic', enrolled: false, count: 1 } among zeros
 */
export function countRegisteredMeters(
  rows: Iterable<RegistrationRow | unknown>,
  options: CountByUserOptions,
): RegisteredMeterCountsByUser;
export function countRegisteredMeters(
  rows: AsyncIterable<RegistrationRow | unknown>,
  options: CountByUserOptions,
): Promise<RegisteredMeterCountsByUser>;
export function countRegisteredMeters(
  rows: Iterable<RegistrationRow | unknown>,
  options: CountRegisteredMetersOptions,
): RegisteredMeterCounts;
export function countRegisteredMeters(
  rows: AsyncIterable<RegistrationRow | unknown>,
  options: CountRegisteredMetersOptions,
): Promise<RegisteredMeterCounts>;
export function countRegisteredMeters(
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  options: CountRegisteredMetersOptions,
): RegisteredMeterCounts | RegisteredMeterCountsByUser | Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  checkArguments('countRegisteredMeters', [
    [
      'rows',
      rows,
      { shape: 'iterable', expected: 'an iterable (such as an array) or an async iterable of registration rows' },
    ],
    ['options', options, { shape: 'object', fields: COUNT_OPTION_FIELDS }],
  ]);
  const resolved = resolveCountOptions(options);
  const tally = new RegistrationTally(resolved);
  const result = () => (resolved.byUser ? countResultByUser(resolved, tally) : countResult(resolved, tally));
  if (isAsyncIterable(rows)) {
    return (async () => {
      let index = 0;
      for await (const row of rows) countOne(tally, resolved, row, index++);
      return result();
    })();
  }
  let index = 0;
  for (const row of rows) countOne(tally, resolved, row, index++);
  return result();
}
