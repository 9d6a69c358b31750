/**
 * Reconciling an invoice against a registration file (Node only, decision 0091): the register
 * is counted for the invoice's month, the invoice reconciled against those counts, and every
 * per-meter quantity that differs explained by the readings that could give it. The file is
 * read in passes (count, readings, then the differing meter points when a reading reproduces a
 * quantity); memory holds a few arrays per disputed Charging Group and Region, never the rows.
 */
import { checkArguments, SOURCE } from '../errors/arguments.js';
import { calculateMonthlyCharges, type MonthlyChargesInput } from '../charges/calculate-monthly-charges.js';
import { CHARGE_KINDS, type ChargeKind } from '../charges/charge-line.js';
import { describeReceived, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { toDecimal } from '../money/plain-decimal.js';
import { DEFAULT_GSP_GROUP_REGIONS, type GspGroupRegions } from '../registrations/gsp-groups.js';
import {
  checkRegistration,
  REGISTRATION_EXPECTED,
  USER_ID,
  type CheckedRegistration,
  type RegistrationRow,
} from '../registrations/registration.js';
import { DEFAULT_SNAPSHOT_DAY, snapshotsOf, type SnapshotDay } from '../registrations/snapshots.js';
import { resolveChargeableMeters } from '../statement/chargeable-meters.js';
import { parseChargingStatement } from '../statement/parse-statement.js';
import { selectStatementInForce } from '../statement/select-statement.js';
import type { ChargingStatement, ChargingStatementInput } from '../statement/statement-schema.js';
import type { Invoice } from '../reconciliation/read-invoice.js';
import type { InvoiceLineInput } from '../reconciliation/invoice-line.js';
import { reconcileInvoice } from '../reconciliation/reconcile-invoice.js';
import type { Reconciliation, ReconciliationLine } from '../reconciliation/reconciliation.js';
import {
  COUNT_DISPUTE_METHOD,
  MAX_LISTED_METER_POINTS,
  type DifferingMeterPoint,
  type InvoiceCountDispute,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';
import {
  differenceOf,
  monthDays,
  ReadingsTally,
  reproducingReadings,
  sameRule,
  type CountTarget,
} from '../reconciliation/count-readings.js';
import type { Month } from '../vocabulary/months.js';
import { countRegistrationsFile, readRegistrationsFile } from './registration-files.js';

/** Problems of one kind listed before the rest are counted. */
const MAX_LISTED_ISSUES = 20;

/** Options of {@link explainCountsFromFile}. */
export interface ExplainCountsOptions {
  /** Our snapshot day (default `'last'`, decision 0020). */
  readonly snapshotDay?: SnapshotDay;
  /**
   * The invoice's User ID: a row whose `user` names another is refused. Without it, every row
   * that names a User must name the same one.
   */
  readonly user?: string;
  /** The GSP Group to Region table; default that of the count (decision 0021). */
  readonly gspGroupRegions?: GspGroupRegions;
  /** A label for messages; default the path. */
  readonly source?: string;
  /** Called with every differing meter point, in file order (for a file of them: the report lists only the first). */
  readonly onMeterPoint?: (meterPoint: DifferingMeterPoint) => void;
  /** How options are named in messages (`user`, or `--user` on the command line). */
  readonly optionNames?: { readonly user?: string; readonly snapshotDay?: string };
}

/** A disputed quantity before its readings are known: the lines it stands for and our rule. */
interface PendingDispute {
  readonly target: CountTarget;
  readonly invoiced: string;
  readonly whole: number | undefined;
  readonly kinds: ChargeKind[];
  readonly lines: ReconciliationLine[];
}

/** The invoiced quantity as a whole number of meters, or undefined when it is not one. */
function wholeQuantity(text: string): number | undefined {
  const value = toDecimal(text);
  if (!value.isInteger() || value.isNegative() || value.greaterThan(Number.MAX_SAFE_INTEGER)) return undefined;
  return value.toNumber();
}

/** The per-meter lines whose quantity is in dispute, one pending dispute per Charging Group, Region, rule and quantity. */
function pendingDisputes(reconciliation: Reconciliation, statement: ChargingStatement): PendingDispute[] {
  const rules = resolveChargeableMeters(statement.regime, statement.chargeableMeters);
  const pending: PendingDispute[] = [];
  for (const line of reconciliation.lines) {
    const key = line.key;
    if (key.kind !== 'fixed' && key.kind !== 'fixedCh' && key.kind !== 'fixedAltHan') continue;
    const { kind, chargingGroup, region } = key;
    if (line.invoiced === undefined) continue;
    if (line.status !== 'unexpectedOnInvoice' && !line.differsIn.includes('quantity')) continue;
    const ourRule = rules[kind];
    const invoiced = line.invoiced.quantity;
    const whole = wholeQuantity(invoiced);
    const same = pending.find(
      (entry) =>
        entry.target.chargingGroup === chargingGroup &&
        entry.target.region === region &&
        sameRule(entry.target.ourRule, ourRule) &&
        toDecimal(entry.invoiced).equals(toDecimal(invoiced)),
    );
    if (same !== undefined) {
      same.kinds.push(kind);
      same.lines.push(line);
    } else pending.push({ target: { chargingGroup, region, ourRule }, invoiced, whole, kinds: [kind], lines: [line] });
  }
  return pending;
}

/** Checks the User of each row against the invoice's (or the first row's), collecting at most a few problems. */
class UserCheck {
  readonly issues: InputIssue[] = [];
  #more = 0;
  readonly #expected: string | undefined;
  readonly #option: string;
  #first: { user: string; line: number } | undefined;

  constructor(expected: string | undefined, option: string) {
    this.#expected = expected;
    this.#option = option;
  }

  /** The User the rows name, when they name one. */
  get user(): string | undefined {
    return this.#expected ?? this.#first?.user;
  }

  check(row: RegistrationRow, location: IssueLocation): void {
    const user = row.user;
    if (user === undefined || user === null || user === '') return;
    if (this.#expected === undefined && this.#first === undefined) {
      this.#first = { user, line: row.line ?? 0 };
      return;
    }
    const wanted = this.#expected ?? this.#first?.user;
    if (user === wanted) return;
    if (this.issues.length >= MAX_LISTED_ISSUES) {
      this.#more += 1;
      return;
    }
    this.issues.push({
      ...location,
      field: 'user',
      code: 'otherUser',
      expected:
        this.#expected === undefined
          ? `one User on every row that names one (line ${this.#first?.line} names ${describeReceived(this.#first?.user)}; ${this.#option} says which User the invoice is for)`
          : `the invoice's User ${describeReceived(this.#expected)} (${this.#option}), or an empty value`,
      received: describeReceived(user),
    });
  }

  throwIfAny(at: IssueLocation): void {
    if (this.issues.length === 0) return;
    const more = this.#more;
    const tail: InputIssue[] =
      more === 0
        ? []
        : [
            {
              ...at,
              code: 'tooManyProblems',
              expected: "registrations of the invoice's User",
              received: `${more} more row${more === 1 ? '' : 's'} of another User, not listed`,
            },
          ];
    throw new InputError([...this.issues, ...tail]);
  }
}

/** Rows of a registration file, each checked (they passed the count), with their numbers. */
async function* checkedRows(
  path: string,
  source: string,
  regions: GspGroupRegions,
): AsyncGenerator<
  { row: RegistrationRow; registration: CheckedRegistration; location: IssueLocation },
  void,
  undefined
> {
  for await (const row of readRegistrationsFile(path, { source })) {
    const location: IssueLocation = { source, ...(row.line === undefined ? {} : { line: row.line }) };
    const check = checkRegistration(row as unknown as Record<string, unknown>, location, regions);
    // the file changed since it was counted
    if (!check.ok) throw new InputError(check.issues);
    yield { row, registration: check.registration, location };
  }
}

/**
 * Adds the count section to a reconciliation whose meter counts came from the registration
 * file at `path` (counted with the same snapshot day): for every per-meter line whose invoiced
 * quantity differs from our count, the counts under each reading, the reading that reproduces
 * it (decision 0091), and the meter points that differ.
 * @clause K4-K6 (the meter counts behind per-meter charges); counting rule of decisions 0020-0023
 * @param statement - the statement in force for the month (its chargeable-meter rules are ours).
 * @throws InputError when no meter point is registered in the month, when a row names another
 * User, or for a bad `user` or snapshot day.
 */
export async function explainCountsFromFile(
  path: string,
  reconciliation: Reconciliation,
  statement: ChargingStatement,
  options: ExplainCountsOptions = {},
): Promise<Reconciliation> {
  checkArguments('explainCountsFromFile', [
    ['path', path, { shape: 'text', expected: 'the path of a registration CSV file' }],
    [
      'reconciliation',
      reconciliation,
      {
        shape: 'object',
        expected: 'a reconciliation (a result of reconcileInvoice)',
        fields: { month: { shape: 'text' }, lines: { shape: 'list' } },
      },
    ],
    [
      'options',
      options,
      {
        shape: 'object',
        fields: {
          user: { shape: 'text', optional: true },
          gspGroupRegions: { shape: 'object', optional: true },
          source: SOURCE,
        },
      },
    ],
  ]);
  // The statement is checked as every statement is (one already parsed passes as it is).
  const inForce = parseChargingStatement(statement, 'statement');
  const source = options.source ?? path;
  const snapshotDay = options.snapshotDay ?? DEFAULT_SNAPSHOT_DAY;
  const userOption = options.optionNames?.user ?? 'user';
  const month = reconciliation.month as Month;
  const snapshot = snapshotsOf(month, month, snapshotDay)[0];
  if (snapshot === undefined) throw new InvariantError('unreachable', 'no snapshot for the month');
  if (options.user !== undefined && !USER_ID.test(options.user)) {
    throw new InputError([
      {
        field: userOption,
        code: 'invalidValue',
        expected: REGISTRATION_EXPECTED.user.replace(', or empty', ''),
        received: describeReceived(options.user),
      },
    ]);
  }
  const regions = options.gspGroupRegions ?? DEFAULT_GSP_GROUP_REGIONS;
  const days = monthDays(month, snapshotDay);
  const pending = pendingDisputes(reconciliation, inForce);
  const tally = new ReadingsTally(
    days,
    pending.map((entry) => entry.target),
  );
  const users = new UserCheck(options.user, userOption);
  let rowsRead = 0;
  for await (const { row, registration, location } of checkedRows(path, source, regions)) {
    rowsRead += 1;
    users.check(row, location);
    tally.add(registration);
  }
  users.throwIfAny({ source });
  if (tally.rowsInMonth === 0) {
    throw new InputError([
      {
        source,
        code: 'noRegistrationsForMonth',
        expected: `registrations of meter points registered on some day of ${month}, the invoice's month`,
        received:
          rowsRead === 0 ? 'no rows' : `${rowsRead} row${rowsRead === 1 ? '' : 's'}, none registered in ${month}`,
      },
    ]);
  }
  const allReadings = tally.readings();
  const explained = pending.map((entry, index) => {
    const readings = allReadings[index] ?? [];
    const ours = readings[0];
    if (ours === undefined) throw new InvariantError('unreachable', 'a dispute without readings');
    for (const line of entry.lines) {
      // the count of the readings agrees with the count the charges were computed from
      const expected = line.expected?.quantity;
      if (expected !== undefined && !toDecimal(expected).equals(ours.count)) {
        throw new InvariantError(
          'unreachable',
          `our count ${ours.count} for ${line.key.kind} ${entry.target.chargingGroup} ${entry.target.region} is not the expected quantity ${expected}`,
        );
      }
    }
    return { entry, readings, ours, ...reproducingReadings(readings, entry.whole, days) };
  });
  const disputes = explained.filter(({ entry, ours }) => entry.whole === undefined || entry.whole !== ours.count);
  const listed = disputes.map((): DifferingMeterPoint[] => []);
  const counts = disputes.map(() => 0);
  if (disputes.some((dispute) => dispute.reproducedBy !== undefined)) {
    for await (const { row, registration } of checkedRows(path, source, regions)) {
      disputes.forEach((dispute, index) => {
        const reading = dispute.reproducedBy;
        if (reading === undefined) return;
        const countedBy = differenceOf(registration, dispute.entry.target, reading, days);
        if (countedBy === undefined) return;
        const point: DifferingMeterPoint = {
          chargingGroup: dispute.entry.target.chargingGroup,
          region: dispute.entry.target.region,
          reading: dispute.verdict,
          meterPoint: row.meterPoint,
          line: row.line ?? 0,
          countedBy,
          premises: row.premises,
          registeredFrom: row.registeredFrom,
          registeredTo: row.registeredTo ?? '',
          enrolledFrom: row.enrolledFrom ?? '',
        };
        counts[index] = (counts[index] as number) + 1;
        const list = listed[index] as DifferingMeterPoint[];
        if (list.length < MAX_LISTED_METER_POINTS) list.push(point);
        options.onMeterPoint?.(point);
      });
    }
  }
  const section: RegistrationCountCheck = {
    source,
    snapshotDay,
    snapshotDate: snapshot.date,
    rowsRead,
    rowsInMonth: tally.rowsInMonth,
    ...(users.user === undefined ? {} : { user: users.user }),
    method: COUNT_DISPUTE_METHOD,
    disputes: disputes.map((dispute, index): InvoiceCountDispute => {
      const count = counts[index] as number;
      if (dispute.reproducedBy !== undefined && count !== dispute.reproducedBy.differingMeterPoints) {
        throw new InvariantError(
          'unreachable',
          `${count} meter points listed, ${dispute.reproducedBy.differingMeterPoints} counted`,
        );
      }
      return {
        kinds: CHARGE_KINDS.filter((kind) => dispute.entry.kinds.includes(kind)),
        chargingGroup: dispute.entry.target.chargingGroup,
        region: dispute.entry.target.region,
        invoiced: dispute.entry.invoiced,
        ours: dispute.ours,
        readings: dispute.readings,
        ...(dispute.reproducedBy === undefined ? {} : { reproducedBy: dispute.reproducedBy }),
        alsoReproducedBy: dispute.alsoReproducedBy,
        verdict: dispute.verdict,
        differingMeterPoints: { count, listed: listed[index] as DifferingMeterPoint[] },
      };
    }),
  };
  return { ...reconciliation, registrations: section };
}

/** What {@link reconcileWithRegistrationsFile} needs: a monthly charge's inputs without the meter counts, and the invoice. */
export interface ReconcileWithRegistrationsInput
  extends Omit<MonthlyChargesInput, 'meters' | 'statements'>,
    ExplainCountsOptions {
  readonly statements: readonly (ChargingStatement | ChargingStatementInput)[];
  readonly invoice: Invoice | readonly InvoiceLineInput[];
  /** As for `reconcileInvoice`; default `"0.00"`. */
  readonly tolerance?: string;
}

/**
 * Counts a registration file for the invoice's month, reconciles the invoice against the
 * charges of those counts, and explains every per-meter quantity that differs (see
 * {@link explainCountsFromFile}): are these my meters?
 * @clause K4-K8 (the expected charges); counting rule of decisions 0020-0023; disputes decision 0091
 * @param path - the registration CSV file (see `countRegistrationsFile`).
 * @throws InputError for any bad input, as `countRegistrationsFile`, `calculateMonthlyCharges`,
 * `reconcileInvoice` and {@link explainCountsFromFile}.
 * @example
 * const report = await reconcileWithRegistrationsFile('registrations.csv', {
 *   invoice: readInvoice(invoiceText), statements: [statement], month: '2025-05' });
 * report.registrations?.disputes[0]?.verdict // 'reproduced with snapshot day 15'
 */
export async function reconcileWithRegistrationsFile(
  path: string,
  input: ReconcileWithRegistrationsInput,
): Promise<Reconciliation> {
  checkArguments('reconcileWithRegistrationsFile', [
    ['path', path, { shape: 'text', expected: 'the path of a registration CSV file' }],
    [
      'input',
      input,
      {
        shape: 'object',
        fields: {
          statements: { shape: 'list' },
          month: { shape: 'text' },
          invoice: { shape: 'object', expected: 'an invoice (from readInvoice) or an array of invoice rows' },
          usage: { shape: 'list', optional: true },
          elective: { shape: 'list', optional: true },
          vatRate: { shape: 'text', optional: true },
          rounding: { shape: 'text', optional: true },
          tolerance: { shape: 'text', optional: true },
          user: { shape: 'text', optional: true },
          gspGroupRegions: { shape: 'object', optional: true },
          source: SOURCE,
        },
      },
    ],
  ]);
  const { invoice, tolerance, statements, snapshotDay, gspGroupRegions, source, ...charging } = input;
  const statementsParsed = statements.map((statement, index) =>
    parseChargingStatement(statement, `statements[${index}]`),
  );
  const counts = await countRegistrationsFile(path, {
    from: input.month,
    to: input.month,
    ...(snapshotDay === undefined ? {} : { snapshotDay }),
    ...(gspGroupRegions === undefined ? {} : { gspGroupRegions }),
    source: source ?? path,
  });
  const expected = calculateMonthlyCharges({
    statements: statementsParsed,
    month: input.month,
    meters: counts.counts,
    ...(charging.usage === undefined ? {} : { usage: charging.usage }),
    ...(charging.elective === undefined ? {} : { elective: charging.elective }),
    ...(charging.vatRate === undefined ? {} : { vatRate: charging.vatRate }),
    ...(charging.rounding === undefined ? {} : { rounding: charging.rounding }),
  });
  const reconciliation = reconcileInvoice({ invoice, expected, ...(tolerance === undefined ? {} : { tolerance }) });
  return explainCountsFromFile(path, reconciliation, selectStatementInForce(statementsParsed, input.month), {
    ...(snapshotDay === undefined ? {} : { snapshotDay }),
    ...(gspGroupRegions === undefined ? {} : { gspGroupRegions }),
    ...(source === undefined ? {} : { source }),
    ...(input.user === undefined ? {} : { user: input.user }),
    ...(input.onMeterPoint === undefined ? {} : { onMeterPoint: input.onMeterPoint }),
  });
}
