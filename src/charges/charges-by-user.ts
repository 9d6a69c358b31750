/**
 * The monthly charges of every User of a register in one run (decision 0082): the settings and
 * statements are checked once, then each User's meter counts (and usage and elective lines, if
 * any) go through the same checks and kernel as `calculateMonthlyCharges`, so each is exactly
 * what a run for that User alone gives; the totals across Users are the sums of the Users' totals.
 */
import { checkArguments } from '../errors/arguments.js';
import { InputError, type InputIssue } from '../errors/input-error.js';
import type { ElectiveRow } from '../inputs/elective.js';
import type { MeterCountRow, MeterCountRowInput } from '../inputs/meter-counts.js';
import type { UsageRowInput } from '../inputs/usage.js';
import { Dec, ZERO } from '../money/decimal.js';
import { formatMoney, type RoundingMode } from '../money/rounding.js';
import type { RegisteredMeterCountsByUser } from '../registrations/count-options.js';
import { USER_ID } from '../registrations/registration.js';
import type { ChargingStatement, ChargingStatementInput } from '../statement/statement-schema.js';
import type { Month } from '../vocabulary/months.js';
import { chargesOfTables, checkChargeSettings } from './calculate-monthly-charges.js';
import type { MonthlyCharges } from './charge-line.js';

/** The format tag of {@link MonthlyChargesByUser}. */
export const MONTHLY_CHARGES_BY_USER_FORMAT = 'dcc-charges/monthly-charges-by-user@1';

/** One User's inputs of a monthly charge. */
export interface UserChargeInput {
  /** The User ID. */
  readonly user: string;
  /** The User's meter counts (rows with a `month` count only for that month). */
  readonly meters: readonly (MeterCountRow | MeterCountRowInput)[];
  /** The User's explicit usage, if any. */
  readonly usage?: readonly UsageRowInput[];
  /** The User's elective lines, if any. */
  readonly elective?: readonly ElectiveRow[];
}

/** What {@link calculateMonthlyChargesByUser} needs. */
export interface MonthlyChargesByUserInput {
  /** Charging Statements; the one in force for `month` is used for every User. */
  readonly statements: readonly (ChargingStatement | ChargingStatementInput)[];
  /** The month, `YYYY-MM`. */
  readonly month: Month;
  /**
   * Each User's inputs, or a count by User (`countRegisteredMeters` with `byUser: true`), whose
   * Users are then charged for their meter counts alone.
   */
  readonly users: readonly UserChargeInput[] | RegisteredMeterCountsByUser;
  /** VAT rate as a plain decimal; default `"0.20"`. */
  readonly vatRate?: string;
  /** Rounding mode of line amounts and VAT; default half-up. */
  readonly rounding?: RoundingMode;
}

/** One User's charges for the month. */
export interface UserMonthlyCharges {
  readonly user: string;
  readonly charges: MonthlyCharges;
}

/** Sums across Users: each the sum of the Users' own totals (VAT is each User's, rounded on its own invoice). */
export interface ChargesAcrossUsers {
  readonly net: string;
  readonly vat: string;
  readonly gross: string;
}

/** The charges of every User for one month (decision 0082). */
export interface MonthlyChargesByUser {
  readonly format: typeof MONTHLY_CHARGES_BY_USER_FORMAT;
  readonly month: string;
  /** Each User's charges, in the order given (a count by User gives them in order of User ID). */
  readonly users: readonly UserMonthlyCharges[];
  /** The sums of the Users' net, VAT and gross totals. */
  readonly totals: ChargesAcrossUsers;
}

/**
 * Computes the monthly charges of every User: for each, what `calculateMonthlyCharges` gives
 * for its own inputs under the statement in force (the statements checked once for all); across Users, `net = sum(User nets)`,
 * `vat = sum(User VATs)`, `gross = sum(User grosses)` (each User is invoiced apart, so VAT is
 * rounded per User and summed, never recomputed on the sum).
 *
 * @clause K4-K6 (Fixed Charges), K3.9-K3.10 (Fixed CH), K5A/K6B (Fixed Alt HAN), K7, K8 (per User, as `calculateMonthlyCharges`)
 * @throws InputError for a repeated or invalid User ID, and for any invalid input of a User,
 * its problems named by the User (`users[i]`) and listed together.
 * @example
 * calculateMonthlyChargesByUser({ statements: [statement], month: '2025-06', users: countsByUser })
 *   .users.map(({ user, charges }) => [user, charges.totals.gross])
 */
export function calculateMonthlyChargesByUser(input: MonthlyChargesByUserInput): MonthlyChargesByUser {
  checkArguments('calculateMonthlyChargesByUser', [
    [
      'input',
      input,
      {
        shape: 'object',
        fields: {
          statements: { shape: 'list' },
          month: { shape: 'text' },
          users: { shape: 'object' },
          vatRate: { shape: 'text', optional: true },
          rounding: { shape: 'text', optional: true },
        },
      },
    ],
  ]);
  const users: readonly UserChargeInput[] = Array.isArray(input.users)
    ? input.users
    : (input.users as RegisteredMeterCountsByUser).users.map((user) => ({ user: user.user, meters: user.counts }));
  const issues: InputIssue[] = [];
  const settings = checkChargeSettings(input, issues);
  const settingsHold = issues.length === 0;
  const seen = new Set<string>();
  const results: UserMonthlyCharges[] = [];
  users.forEach((entry, index) => {
    const user: unknown = entry?.user;
    if (typeof user !== 'string' || !USER_ID.test(user)) {
      issues.push({
        field: 'users',
        path: [index, 'user'],
        code: 'invalidValue',
        expected: 'a User ID: 1 to 64 letters, digits, "-", "_" or "."',
        received: JSON.stringify(user) ?? String(user),
      });
      return;
    }
    if (seen.has(user)) {
      issues.push({
        field: 'users',
        path: [index, 'user'],
        code: 'duplicateKey',
        expected: 'each User once',
        received: JSON.stringify(user),
      });
      return;
    }
    seen.add(user);
    if (!settingsHold) return;
    const own: InputIssue[] = [];
    try {
      const charges = chargesOfTables(settings, entry, own);
      if (charges !== undefined) results.push({ user, charges });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      own.push(...error.issues);
    }
    for (const issue of own) {
      const mine = issue.source === 'meters' || issue.source === 'usage' || issue.source === 'elective';
      const detail = `for the User ${user} (users[${index}])${issue.detail === undefined ? '' : `; ${issue.detail}`}`;
      issues.push({ ...issue, ...(mine ? { source: `users[${index}].${issue.source}` } : {}), detail });
    }
  });
  if (issues.length > 0) throw new InputError(issues);
  return {
    format: MONTHLY_CHARGES_BY_USER_FORMAT,
    month: input.month,
    users: results,
    totals: totalsAcrossUsers(results),
  };
}

/**
 * The sums of the Users' net, VAT and gross totals.
 * @clause K (sums of each User's invoice totals; no rounding: every term has two decimals)
 */
export function totalsAcrossUsers(users: readonly UserMonthlyCharges[]): ChargesAcrossUsers {
  let net = ZERO;
  let vat = ZERO;
  let gross = ZERO;
  for (const { charges } of users) {
    net = net.plus(new Dec(charges.totals.net));
    vat = vat.plus(new Dec(charges.totals.vat));
    gross = gross.plus(new Dec(charges.totals.gross));
  }
  return { net: formatMoney(net), vat: formatMoney(vat), gross: formatMoney(gross) };
}
