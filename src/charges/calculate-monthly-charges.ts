/**
 * A User's exact charges for one month from the Charging Statement in force
 * (docs/methodology.md, billing): per-meter lines, explicit lines, elective lines, totals and VAT.
 */
import { checkArguments, type ArgumentSpec } from '../errors/arguments.js';
import { meterCountCoverage } from '../inputs/meter-coverage.js';
import * as z from 'zod';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { DEFAULT_ROUNDING_MODE, ROUNDING_MODES, type RoundingMode } from '../money/rounding.js';
import { issuesFromZod } from '../schema/issues.js';
import { monthField, vatRateField } from '../schema/fields.js';
import { parseChargingStatement } from '../statement/parse-statement.js';
import { selectStatementInForce } from '../statement/select-statement.js';
import {
  provenanceNote,
  provenanceStatus,
  type ChargingStatement,
  type ChargingStatementInput,
} from '../statement/statement-schema.js';
import { CHARGING_GROUP_SYMBOLS, CHARGING_GROUPS, type ChargingGroup } from '../vocabulary/charging-groups.js';
import { parseMeterCounts, type MeterCountRow, type MeterCountRowInput } from '../inputs/meter-counts.js';
import { parseUsage, type UsageRow, type UsageRowInput } from '../inputs/usage.js';
import { parseElective, type ElectiveRow } from '../inputs/elective.js';
import type { Month } from '../vocabulary/months.js';
import {
  MONTHLY_CHARGES_FORMAT,
  sameChargeKey,
  type ChargeKey,
  type ChargeLine,
  type MonthlyCharges,
} from './charge-line.js';
import { perMeterLines } from './per-meter-lines.js';
import { electiveAmount, electiveLine, explicitLines } from './explicit-lines.js';
import { InvariantError } from '../errors/invariant-error.js';
import { TextPositions } from './text-positions.js';
import { totalLines } from './totals.js';
import { markComputed } from './computed-charges.js';

import { DEFAULT_VAT_RATE } from './defaults.js';

export { DEFAULT_VAT_RATE };

/** What {@link calculateMonthlyCharges} needs. */
export interface MonthlyChargesInput {
  /** Charging Statements; the one in force for `month` is used. */
  readonly statements: readonly (ChargingStatement | ChargingStatementInput)[];
  /** The month, `YYYY-MM`. */
  readonly month: Month;
  /** Meter counts; rows with a `month` count only for that month. */
  readonly meters: readonly (MeterCountRow | MeterCountRowInput)[];
  /** Explicit usage; repeated codes are summed. */
  readonly usage?: readonly UsageRowInput[];
  /** Elective lines, as agreed. */
  readonly elective?: readonly ElectiveRow[];
  /** VAT rate as a plain decimal; default `"0.20"`. */
  readonly vatRate?: string;
  /** Rounding mode of line amounts and VAT; default half-up. */
  readonly rounding?: RoundingMode;
}

const optionsSchema = z.object({
  month: monthField,
  vatRate: vatRateField.optional(),
  rounding: z.enum(ROUNDING_MODES, { error: `a rounding mode: one of ${ROUNDING_MODES.join(', ')}` }).optional(),
});

/** Labels of the inputs for messages, such as their file names. */
export interface InputLabels {
  /** One label per statement, in the order given. */
  readonly statements?: readonly string[];
  readonly meters?: string;
  readonly usage?: string;
}

/**
 * The meter counts that hold for `month`: rows for that month and rows without a month.
 * @throws InputError when the counts have months but none is `month`, or when a row with
 * a month and a row without one give the same key.
 */
export function selectMeterCountsForMonth(
  meters: readonly MeterCountRow[],
  month: Month,
  source = 'meters',
): MeterCountRow[] {
  const selected = meters.filter((row) => row.month === undefined || row.month === month);
  const months = [...new Set(meters.flatMap((row) => (row.month === undefined ? [] : [row.month])))].sort();
  if (selected.length === 0 && months.length > 0) {
    throw new InputError([
      {
        source,
        field: 'month',
        code: 'noCountsForMonth',
        expected: `meter counts for ${month}`,
        received: `counts for ${months.join(', ')} only`,
      },
    ]);
  }
  // The coverage rule over this one month: a combination counted both without a month and for it.
  const issues: InputIssue[] = meterCountCoverage(selected, [month]).flatMap((finding) => {
    if (finding.kind !== 'datedAndUndated') return [];
    const row = selected[finding.index] as MeterCountRow;
    return [
      {
        source,
        code: 'duplicateRow',
        expected: `one count for ${month} per chargingGroup, region, premises and enrolled`,
        received: `${row.chargingGroup} ${row.region} ${row.premises} enrolled=${row.enrolled} both with and without a month`,
      },
    ];
  });
  if (issues.length > 0) throw new InputError(issues);
  return selected;
}

/** How `checkArguments` checks the fields of a {@link MonthlyChargesInput}, for every function that takes one. */
export const MONTHLY_CHARGES_FIELDS: Readonly<Record<keyof MonthlyChargesInput, ArgumentSpec>> = {
  statements: { shape: 'list' },
  month: { shape: 'text' },
  meters: { shape: 'list' },
  usage: { shape: 'list', optional: true },
  elective: { shape: 'list', optional: true },
  vatRate: { shape: 'text', optional: true },
  rounding: { shape: 'text', optional: true },
};

/**
 * Computes a User's charges for one month, line by line.
 *
 * For the statement in force: a line per rate whose chargeable count is not zero
 * (`amount = round2(count x rate)`; a national rate applies to the count summed over
 * Regions), a line per explicit code used (`round2(quantity x unitPrice)`), a line per
 * elective charge; `net = sum(amounts)`, `vat = round2(net x vatRate)`, `gross = net + vat`.
 *
 * @clause K4-K6 (Fixed Charges), K3.9-K3.10 (Fixed CH), K5A/K6B (Fixed Alt HAN), K7, K8
 * @throws InputError for any invalid input, listing every problem with its location.
 * @example
 * calculateMonthlyCharges({ statements: [statement], month: '2025-06', meters: [
 *   { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 },
 * ] }).totals.net
 */
export function calculateMonthlyCharges(input: MonthlyChargesInput): MonthlyCharges {
  checkArguments('calculateMonthlyCharges', [['input', input, { shape: 'object', fields: MONTHLY_CHARGES_FIELDS }]]);
  const issues: InputIssue[] = [];
  const settings = checkChargeSettings(input, issues);
  const charges = chargesOfTables(settings, input, issues);
  if (charges === undefined) throw new InputError(issues);
  return charges;
}

/** The month, VAT rate, rounding and statements of a monthly charge, checked: what every User of a run shares. */
export interface ChargeSettings {
  readonly statements: readonly ChargingStatement[];
  readonly labels: readonly string[];
  readonly month: Month;
  readonly vatRate: string;
  readonly rounding: RoundingMode;
}

/**
 * Checks the settings and statements of a monthly charge: a bad month, VAT rate or rounding
 * mode throws at once; a statement's problems are added to `issues`.
 */
export function checkChargeSettings(
  input: Pick<MonthlyChargesInput, 'statements' | 'month' | 'vatRate' | 'rounding'>,
  issues: InputIssue[],
): ChargeSettings {
  const options = optionsSchema.safeParse({ month: input.month, vatRate: input.vatRate, rounding: input.rounding });
  if (!options.success) throw new InputError(issuesFromZod(options.error, input, {}));
  const statements: ChargingStatement[] = [];
  input.statements.forEach((data, index) => {
    const statement = collectInputIssues(issues, () => parseChargingStatement(data, `statements[${index}]`));
    if (statement !== undefined) statements.push(statement);
  });
  return {
    statements,
    labels: input.statements.map((_, index) => `statements[${index}]`),
    month: options.data.month,
    vatRate: options.data.vatRate ?? DEFAULT_VAT_RATE,
    rounding: options.data.rounding ?? DEFAULT_ROUNDING_MODE,
  };
}

/**
 * One User's charges under checked settings: its meter counts, usage and elective lines are
 * checked (their problems added to `issues`), then charged. Undefined when `issues` holds any
 * problem, the settings' included.
 */
export function chargesOfTables(
  settings: ChargeSettings,
  tables: Pick<MonthlyChargesInput, 'meters' | 'usage' | 'elective'>,
  issues: InputIssue[],
): MonthlyCharges | undefined {
  const args = chargeArgumentsOfTables(settings, tables, issues);
  return args === undefined ? undefined : markComputed(calculateValidatedMonthlyCharges(...args), settings.rounding);
}

/**
 * The kernel's arguments for one User's charges under checked settings: its meter counts, usage
 * and elective lines checked (their problems added to `issues`). Undefined when `issues` holds
 * any problem, the settings' included.
 */
export function chargeArgumentsOfTables(
  settings: ChargeSettings,
  tables: Pick<MonthlyChargesInput, 'meters' | 'usage' | 'elective'>,
  issues: InputIssue[],
): ValidatedChargeArguments | undefined {
  const meters = collectInputIssues(issues, () => parseMeterCounts(tables.meters, 'meters'));
  const usage = collectInputIssues(issues, () => parseUsage(tables.usage ?? [], 'usage'));
  const elective = collectInputIssues(issues, () => parseElective(tables.elective ?? [], 'elective'));
  if (issues.length > 0 || meters === undefined || usage === undefined || elective === undefined) return undefined;
  const { statements, month, vatRate, rounding } = settings;
  return [statements, month, meters, usage, elective, vatRate, rounding, { statements: settings.labels }];
}

/** The identity and provenance of a statement, as results carry it (decision 0090). */
export function statementLabel(statement: ChargingStatement): MonthlyCharges['statement'] {
  const note = provenanceNote(statement);
  return {
    id: statement.id,
    title: statement.title,
    illustrative: statement.illustrative,
    provenance: provenanceStatus(statement),
    ...(note === undefined ? {} : { provenanceNote: note }),
  };
}

/**
 * Meters counted in a Charging Group the statement gives no fixed rate for: an error naming
 * the group and the statement, never a silent zero (a reported or illustrative statement may
 * leave groups out, decision 0090).
 */
export function checkGroupsPriced(
  statement: ChargingStatement,
  counts: readonly MeterCountRow[],
  source = 'meters',
): void {
  const priced = new Set(statement.fixedCharges.map((row) => row.chargingGroup));
  const unpriced = new Map<string, number>();
  for (const row of counts) {
    if (row.count > 0 && !priced.has(row.chargingGroup)) {
      unpriced.set(row.chargingGroup, (unpriced.get(row.chargingGroup) ?? 0) + row.count);
    }
  }
  if (unpriced.size === 0) return;
  const given = CHARGING_GROUPS.filter((group) => priced.has(group)).map(
    (group) => `${group} (${CHARGING_GROUP_SYMBOLS[group]})`,
  );
  throw new InputError(
    [...unpriced].map(([group, count]) => ({
      source,
      field: 'chargingGroup',
      code: 'unpricedChargingGroup',
      expected: `meters only in the Charging Groups the statement "${statement.id}" gives rates for: ${given.join(', ')}`,
      received: `${count} meters in ${group} (${CHARGING_GROUP_SYMBOLS[group as ChargingGroup]})`,
      detail: `the ${provenanceStatus(statement)} statement "${statement.id}" has no rate for ${group}`,
    })),
  );
}

/** The arguments of {@link calculateValidatedMonthlyCharges} and {@link deferValidatedMonthlyCharges}. */
export type ValidatedChargeArguments = [
  statements: readonly ChargingStatement[],
  month: Month,
  meters: readonly MeterCountRow[],
  usage: readonly UsageRow[],
  elective: readonly ElectiveRow[],
  vatRate: string,
  rounding: RoundingMode,
  labels?: InputLabels,
];

/**
 * Monthly charges whose elective lines are made when asked for. The per-meter and explicit
 * lines (a few dozen) are made at once; each elective line (one per agreement, which may be
 * many) is made from its input row each time it is asked for. A caller that goes through a
 * large month once (the streamed reconciliation) so holds the elective rows, not their lines.
 * `lineAt(p)` is the line {@link calculateValidatedMonthlyCharges} lists at position `p`, and
 * the totals are the same.
 */
export interface DeferredMonthlyCharges extends Omit<MonthlyCharges, 'lines'> {
  /** How many lines there are. */
  readonly lineCount: number;
  /** The rounding mode of the line amounts and the VAT. */
  readonly rounding: RoundingMode;
  /** The line at `position` (0 to `lineCount - 1`), made anew for an elective line. */
  lineAt(position: number): ChargeLine;
  /** The key of the line at `position`, without making the line. */
  keyAt(position: number): ChargeKey;
  /**
   * The position of the line of a key, if there is one: an elective line's found by its
   * reference in a hash table of positions made when first needed (8 to 16 bytes a line), the
   * others among the lines made.
   */
  positionOf(key: ChargeKey): number | undefined;
}

/**
 * The kernel of {@link calculateMonthlyCharges} with its elective lines deferred (see
 * {@link DeferredMonthlyCharges}); the checks and the order of lines are those of
 * {@link calculateValidatedMonthlyCharges}.
 */
export function deferValidatedMonthlyCharges(...args: ValidatedChargeArguments): DeferredMonthlyCharges {
  const [, month, , , elective, vatRate, rounding] = args;
  const { statement, lines: made } = madeLines(...args);
  const lineAt = (position: number): ChargeLine => {
    const line = made[position];
    if (line !== undefined) return line;
    const index = position - made.length;
    const row = elective[index];
    if (row === undefined) throw new InvariantError('unreachable', `no charge line at ${position}`);
    return electiveLine(row, index, rounding);
  };
  const keyAt = (position: number): ChargeKey => {
    const line = made[position];
    if (line !== undefined) return line;
    const row = elective[position - made.length];
    if (row === undefined) throw new InvariantError('unreachable', `no charge line at ${position}`);
    return { kind: 'elective', code: row.reference };
  };
  let byReference: TextPositions | undefined;
  const positionOf = (key: ChargeKey): number | undefined => {
    if (key.kind !== 'elective') {
      const found = made.findIndex((line) => sameChargeKey(line, key));
      return found < 0 ? undefined : found;
    }
    byReference ??= new TextPositions(elective.length, (index) => (elective[index] as ElectiveRow).reference);
    const index = byReference.get(key.code);
    return index === undefined ? undefined : made.length + index;
  };
  // The totals need only each line's kind and amount: an elective line's is made without the line.
  function* amounts(): Generator<Pick<ChargeLine, 'kind' | 'amount'>> {
    yield* made;
    for (const row of elective) yield { kind: 'elective', amount: electiveAmount(row, rounding) };
  }
  return {
    format: MONTHLY_CHARGES_FORMAT,
    month,
    statement: statementLabel(statement),
    totals: totalLines(amounts(), vatRate, rounding),
    vatRate,
    rounding,
    lineCount: made.length + elective.length,
    lineAt,
    keyAt,
    positionOf,
  };
}

/** The statement in force and the lines made at once: per-meter lines, then explicit lines. */
function madeLines(...args: ValidatedChargeArguments): { statement: ChargingStatement; lines: ChargeLine[] } {
  const [statements, month, meters, usage, , , rounding, labels = {}] = args;
  const statement = selectStatementInForce(statements, month, labels.statements);
  const counts = selectMeterCountsForMonth(meters, month, labels.meters);
  checkGroupsPriced(statement, counts, labels.meters);
  const lines = [
    ...perMeterLines('fixed', statement, counts, rounding),
    ...perMeterLines('fixedCh', statement, counts, rounding),
    ...perMeterLines('fixedAltHan', statement, counts, rounding),
    ...explicitLines(statement, usage, rounding, labels.usage),
  ];
  return { statement, lines };
}

/**
 * The kernel of {@link calculateMonthlyCharges}, over inputs already validated.
 * @param labels - names of the inputs (file names) for the messages of the checks made here.
 */
export function calculateValidatedMonthlyCharges(...args: ValidatedChargeArguments): MonthlyCharges {
  const [, month, , , elective, vatRate, rounding] = args;
  const { statement, lines: made } = madeLines(...args);
  const lines = [...made, ...elective.map((row, index) => electiveLine(row, index, rounding))];
  return {
    format: MONTHLY_CHARGES_FORMAT,
    month,
    statement: statementLabel(statement),
    lines,
    totals: totalLines(lines, vatRate, rounding),
    vatRate,
  };
}
