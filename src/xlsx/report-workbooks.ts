/**
 * Every report as a workbook (decision 0050): one function per report, each giving the bytes of
 * an .xlsx file of real sheets (a header row, frozen, column widths) and a Notes sheet.
 * Money is a number cell in a pence format, counts, quantities and rates are number cells, each
 * only where the double holds the decimal exactly; a value it would not hold is written as text,
 * flagged (coloured) and listed on the Notes sheet with its cell (decision 0051). A sheet holds
 * one level of figures: a budget's months, years and cases are on sheets of their own, so that
 * summing a column never counts a figure twice.
 */
import { unlistedSentence } from '../reconciliation/summarise.js';
import type { StatementComparison } from '../budget/compare-statements.js';
import type { BudgetProjection } from '../budget/projection.js';
import { chargeKeyColumns, type MonthlyCharges } from '../charges/charge-line.js';
import { formatLocation } from '../errors/input-error.js';
import type { DerivedChargingStatement } from '../methodology/derive-statement.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import { DEFAULT_ROUNDING_MODE, type RoundingMode } from '../money/rounding.js';
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import {
  countMoveRows,
  countSectionSentence,
  describeDays,
  describeMeterPoint,
  disputeName,
  disputeSentence,
  disputeStatus,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';
import { describeRule } from '../reconciliation/count-readings.js';
import type { RegisteredMeterCounts, RegisteredMeterCountsByUser } from '../registrations/count-options.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { cellRef } from './cell-refs.js';
import { chargesWorkbookSheets, notesSheet } from './charges-workbook.js';
import { FlaggedCells } from './decimal-cells.js';
import { writeWorkbook, type Cell, type CellStyle, type SheetSpec } from './write-workbook.js';

/**
 * What a column holds, and so how its cells are written:
 * `text` as text; `money` pounds in the pence format; `amount` pounds that may carry more than
 * two decimal places (shown with them); `count` whole numbers; `rate` rates and prices (shown
 * with 2 to 10 decimal places); `quantity` other decimals (General format); `flag` a boolean
 * as TRUE/FALSE.
 */
export type ColumnKind = 'text' | 'money' | 'amount' | 'count' | 'rate' | 'quantity' | 'flag';

/** A column of a report sheet. */
export interface ReportColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters; by default from the header. */
  readonly width?: number;
}

/** A value of a report cell: decimal strings for figures; `null` or `undefined` an empty cell. */
export type ReportValue = string | number | boolean | null | undefined;

const STYLE_OF: Readonly<Record<Exclude<ColumnKind, 'text' | 'flag'>, CellStyle>> = {
  money: 'pence',
  amount: 'rate',
  count: 'integer',
  rate: 'rate',
  quantity: 'quantity',
};

/** Builds one sheet of a report: a frozen header row, then rows of values written by column kind. */
export class ReportSheet {
  readonly #rows: (Cell | undefined)[][];

  constructor(
    readonly name: string,
    readonly columns: readonly ReportColumn[],
    readonly flags: FlaggedCells,
  ) {
    this.#rows = [columns.map((column) => ({ value: column.header, style: 'header' as const }))];
  }

  /** Adds a row; `values[i]` goes in column i. */
  add(values: readonly ReportValue[]): void {
    const row = this.#rows.length + 1;
    this.#rows.push(this.columns.map((column, index) => this.#cell(column, values[index], cellRef(index, row))));
  }

  #cell(column: ReportColumn, value: ReportValue, ref: string): Cell | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    if (typeof value === 'boolean') return { value };
    if (column.kind === 'text') return { value: String(value) };
    if (column.kind === 'flag') return { value: String(value) };
    const style = STYLE_OF[column.kind];
    const text = typeof value === 'number' ? numberText(value) : value;
    if (text === undefined) {
      this.flags.notes.push({
        sheet: this.name,
        cell: ref,
        value: String(value),
        what: `${column.header}: not a finite number`,
      });
      return { value: String(value), style: 'flagged' };
    }
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      this.flags.notes.push({
        sheet: this.name,
        cell: ref,
        value: text,
        what: `${column.header}: not a plain decimal, so written as text`,
      });
      return { value: text, style: 'flagged' };
    }
    return this.flags.decimal(text, style, this.name, ref, column.header);
  }

  /** The sheet, header frozen. */
  spec(): SheetSpec {
    return {
      name: this.name,
      rows: this.#rows,
      widths: this.columns.map((column) => column.width ?? Math.min(40, Math.max(10, column.header.length + 2))),
      freezeRows: 1,
    };
  }
}

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

/** A report workbook in the making: its sheets and the cells flagged on any of them. */
class ReportBook {
  readonly flags = new FlaggedCells();
  readonly #sheets: ReportSheet[] = [];

  sheet(name: string, columns: readonly ReportColumn[]): ReportSheet {
    const sheet = new ReportSheet(name, columns, this.flags);
    this.#sheets.push(sheet);
    return sheet;
  }

  bytes(about: readonly string[]): Uint8Array {
    return writeWorkbook([...this.#sheets.map((sheet) => sheet.spec()), notesSheet(this.flags, about)]);
  }
}

const col = (header: string, kind: ColumnKind, width?: number): ReportColumn =>
  width === undefined ? { header, kind } : { header, kind, width };

/** The rounding mode a month's charges were computed with (that of its lines). */
export function roundingModeOf(charges: MonthlyCharges): RoundingMode {
  return charges.lines[0]?.explanation.rounding.mode ?? DEFAULT_ROUNDING_MODE;
}

/**
 * `charges`: the Charges sheet (the columns of the charges CSV, so that it reads back as an
 * invoice), whose line amounts, net, VAT and gross are live formulas; the Rounding sheet of
 * exact pence arithmetic; Notes.
 */
export function chargesReportWorkbook(charges: MonthlyCharges): Uint8Array {
  return writeWorkbook(chargesWorkbookSheets(charges, roundingModeOf(charges)));
}

/** The columns of a Counts sheet: a meter-count table with months. */
const COUNT_SHEET_COLUMNS = [
  col('month', 'text', 9),
  col('chargingGroup', 'text', 20),
  col('region', 'text'),
  col('premises', 'text', 12),
  col('enrolled', 'flag'),
  col('count', 'count', 12),
];

/** The cells of one count row on a Counts sheet. */
function countSheetCells(row: MeterCountRow): ReportValue[] {
  return [row.month, row.chargingGroup, row.region, row.premises, row.enrolled, row.count];
}

/** The Snapshots sheet: each month's snapshot date. */
function addSnapshotsSheet(book: ReportBook, result: Pick<RegisteredMeterCounts, 'snapshots'>): void {
  const snapshots = book.sheet('Snapshots', [col('month', 'text'), col('snapshot date', 'text', 14)]);
  for (const snapshot of result.snapshots) snapshots.add([snapshot.month, snapshot.date]);
}

/** The Rejects sheet, when any row was rejected: the rows with each problem code, codes in order. */
function addRejectsSheet(book: ReportBook, rejectsByCode: ReadonlyMap<string, number>): void {
  if (rejectsByCode.size === 0) return;
  const rejects = book.sheet('Rejects', [col('problem code', 'text', 28), col('rows with it', 'count', 14)]);
  for (const [code, rows] of [...rejectsByCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    rejects.add([code, rows]);
}

/** `count`: the Counts sheet (a meter-count table with months), Snapshots, and the Summary with the rejects by code. */
export function countReportWorkbook(
  result: RegisteredMeterCounts,
  rejectsByCode: ReadonlyMap<string, number> = new Map(),
): Uint8Array {
  const book = new ReportBook();
  const counts = book.sheet('Counts', COUNT_SHEET_COLUMNS);
  for (const row of result.counts) counts.add(countSheetCells(row));
  addSnapshotsSheet(book, result);
  const summary = book.sheet('Summary', [col('figure', 'text', 28), col('rows', 'count', 12)]);
  summary.add(['rows read', result.summary.rowsRead]);
  summary.add(['rows counted', result.summary.rowsCounted]);
  summary.add(['rows rejected', result.summary.rowsRejected]);
  addRejectsSheet(book, rejectsByCode);
  return book.bytes([
    `Chargeable meters counted from ${result.from} to ${result.to} (${result.clause}), snapshot day ${result.snapshotDay}.`,
    `Rule: ${result.rule}`,
    `rows read ${result.summary.rowsRead} = rows counted ${result.summary.rowsCounted} + rows rejected ${result.summary.rowsRejected}${rejectsByCode.size > 0 ? ' (the Rejects sheet counts the rows with each problem code; a row may have several)' : ''}.`,
    'The Counts sheet is a meter-count table: charges --meters reads it, --month picking the month.',
  ]);
}

/**
 * `count --by-user`: the Counts sheet with a `user` column (each User's rows a meter-count
 * table), Snapshots, and the Summary of each User and of the whole pass, with the rejects by code.
 */
export function countByUserReportWorkbook(
  result: RegisteredMeterCountsByUser,
  rejectsByCode: ReadonlyMap<string, number> = new Map(),
): Uint8Array {
  const book = new ReportBook();
  const counts = book.sheet('Counts', [col('user', 'text', 24), ...COUNT_SHEET_COLUMNS]);
  for (const user of result.users) {
    for (const row of user.counts) counts.add([user.user, ...countSheetCells(row)]);
  }
  addSnapshotsSheet(book, result);
  const summary = book.sheet('Summary', [
    col('user', 'text', 28),
    col('rows read', 'count', 12),
    col('rows counted', 'count', 12),
    col('rows rejected', 'count', 12),
  ]);
  for (const user of result.users)
    summary.add([user.user, user.summary.rowsRead, user.summary.rowsCounted, user.summary.rowsRejected]);
  summary.add(['(every row read)', result.summary.rowsRead, result.summary.rowsCounted, result.summary.rowsRejected]);
  addRejectsSheet(book, rejectsByCode);
  return book.bytes([
    `Chargeable meters of each User counted from ${result.from} to ${result.to} (${result.clause}), snapshot day ${result.snapshotDay}.`,
    `Rule: ${result.rule}`,
    `rows read ${result.summary.rowsRead} = rows counted ${result.summary.rowsCounted} + rows rejected ${result.summary.rowsRejected}; a User's rows are those giving its User ID (a row rejected without a readable User ID is under no User).`,
    "The Counts sheet holds each User's meter-count table, the user column telling them apart.",
  ]);
}

function inputsText(inputs: Readonly<Record<string, string>>): string {
  return Object.entries(inputs)
    .map(([name, value]) => `${name} = ${value}`)
    .join('; ');
}

/** `derive`: the derived Rates, the Recovery of every pot, and the Trace of every step. */
export function deriveReportWorkbook(derived: DerivedChargingStatement): Uint8Array {
  const { statement, recovery, trace } = derived;
  const book = new ReportBook();
  const rates = book.sheet('Rates', [
    col('charge', 'text', 18),
    col('chargingGroup', 'text', 20),
    col('group', 'text', 7),
    col('region', 'text'),
    col('ratePerMeterMonth', 'rate', 18),
  ]);
  const lists = [
    ['fixed', statement.fixedCharges],
    ['fixedCh', statement.fixedChCharges],
    ['fixedAltHan', statement.fixedAltHanCharges],
  ] as const;
  for (const [charge, rows] of lists) {
    for (const row of rows)
      rates.add([
        charge,
        row.chargingGroup,
        CHARGING_GROUP_SYMBOLS[row.chargingGroup],
        row.region,
        row.ratePerMeterMonth,
      ]);
  }
  const pots = book.sheet('Recovery', [
    col('pot', 'text', 20),
    col('clause', 'text'),
    col('pot GBP', 'amount', 16),
    col('chargeable meter-months', 'quantity', 16),
    col('recovered before rounding', 'amount', 18),
    col('recovered at published rates', 'amount', 18),
    col('residual', 'amount', 14),
    col('residual bound', 'amount', 14),
  ]);
  for (const entry of recovery) {
    pots.add([
      entry.pot,
      entry.clause,
      entry.amount,
      entry.chargeableMeterMonths,
      entry.recoveredBeforeRounding,
      entry.recoveredAtPublishedRates,
      entry.residual,
      entry.residualBound,
    ]);
  }
  const steps = book.sheet('Trace', [
    col('step', 'text', 24),
    col('clause', 'text'),
    col('confidence', 'text'),
    col('subject', 'text', 22),
    col('formula', 'text', 40),
    col('inputs', 'text', 60),
    col('value', 'quantity', 24),
    col('exact', 'text', 30),
    col('published', 'rate', 14),
    col('places', 'count', 8),
    col('rounding', 'text'),
    col('note', 'text', 40),
  ]);
  for (const step of trace) {
    steps.add([
      step.step,
      step.clause,
      step.confidence,
      step.subject,
      step.formula,
      inputsText(step.inputs),
      step.value,
      step.exact,
      step.rounded?.value,
      step.rounded?.places,
      step.rounded?.mode,
      step.note,
    ]);
  }
  return book.bytes([
    `Charging Statement "${statement.title}" (${statement.id}) derived from methodology inputs "${statement.derivedFrom?.inputsId ?? statement.id}": Regulatory Year ${statement.regulatoryYear}, regime ${statement.regime}, months ${statement.effectiveFrom} to ${statement.effectiveTo}.`,
    ...(statement.illustrative ? ['These inputs are illustrative: their figures are invented.'] : []),
    `Rates are rounded half-up to ${statement.derivedFrom?.ratePrecision ?? '?'} decimal places; a trace value a number cell would not hold exactly (a quotient to 60 significant digits) is written as text and listed below.`,
  ]);
}

/**
 * The count comparison of a reconciliation made from a register: the Count disputes (our count
 * and the invoiced quantity), the Count readings (how each count moves, a rule over a run of
 * snapshot days) and the Differing meter points, one kind of row per sheet.
 */
function addCountSheets(book: ReportBook, section: RegistrationCountCheck): void {
  const disputes = book.sheet('Count disputes', [
    col('dispute', 'text', 28),
    col('status', 'text', 12),
    col('chargingGroup', 'text', 20),
    col('region', 'text'),
    col('our count', 'count', 10),
    col('our snapshot date', 'text', 12),
    col('invoiced quantity', 'quantity', 12),
    col('reproducing snapshot date', 'text', 14),
    col('reproducing rule', 'text', 36),
    col('meter points differing', 'count', 12),
    col('explanation', 'text', 60),
  ]);
  const readings = book.sheet('Count readings', [
    col('dispute', 'text', 28),
    col('rule', 'text', 36),
    col('snapshot days', 'text', 12),
    col('from day', 'count', 8),
    col('to day', 'count', 8),
    col('count', 'count', 10),
    col('invoiced quantity', 'quantity', 12),
    col('reading', 'text', 12),
  ]);
  const points = book.sheet('Differing meter points', [
    col('dispute', 'text', 28),
    col('meter point', 'text', 16),
    col('register line', 'count', 10),
    col('counted by', 'text', 12),
    col('premises', 'text', 12),
    col('registered from', 'text', 12),
    col('registered to', 'text', 12),
    col('enrolled from', 'text', 12),
    col('reading', 'text', 30),
    col('registration', 'text', 50),
  ]);
  for (const dispute of section.disputes) {
    const name = disputeName(dispute);
    const reading = dispute.reproducedBy;
    disputes.add([
      name,
      disputeStatus(dispute),
      dispute.chargingGroup,
      dispute.region,
      dispute.ours.count,
      dispute.ours.date,
      dispute.invoiced,
      reading?.date,
      reading === undefined ? undefined : describeRule(reading.rule),
      dispute.differingMeterPoints.count,
      disputeSentence(dispute),
    ]);
    for (const move of countMoveRows(dispute)) {
      readings.add([
        name,
        describeRule(move.rule),
        describeDays(move),
        move.fromDay,
        move.toDay,
        move.count,
        dispute.invoiced,
        move.reproduces ? 'reproduces' : move.ours ? 'ours' : '',
      ]);
    }
    for (const point of dispute.differingMeterPoints.listed) {
      points.add([
        name,
        point.meterPoint,
        point.line,
        point.countedBy,
        point.premises,
        point.registeredFrom,
        point.registeredTo,
        point.enrolledFrom,
        point.reading,
        describeMeterPoint(point),
      ]);
    }
  }
}

/** `reconcile`: every Line with its status and differences, the Totals, and the Summary (verdict, money at stake). */
export function reconcileReportWorkbook(result: Reconciliation): Uint8Array {
  const book = new ReportBook();
  const lines = book.sheet('Lines', [
    col('status', 'text', 18),
    col('month', 'text', 9),
    col('kind', 'text', 12),
    col('chargingGroup', 'text', 20),
    col('region', 'text'),
    col('code', 'text', 22),
    col('description', 'text', 40),
    col('expected quantity', 'quantity', 12),
    col('invoiced quantity', 'quantity', 12),
    col('quantity difference', 'quantity', 12),
    col('expected unit price', 'rate', 14),
    col('invoiced unit price', 'rate', 14),
    col('unit price difference', 'rate', 14),
    col('expected amount', 'money', 14),
    col('invoiced amount', 'money', 14),
    col('amount difference', 'money', 14),
    col('invoice row', 'text', 24),
    col('explanation', 'text', 60),
  ]);
  for (const line of result.lines) {
    const keyColumns = chargeKeyColumns(line.key);
    lines.add([
      line.status,
      line.key.month,
      line.key.kind,
      keyColumns.chargingGroup,
      keyColumns.region,
      keyColumns.code,
      line.description,
      line.expected?.quantity,
      line.invoiced?.quantity,
      line.difference.quantity,
      line.expected?.unitPrice,
      line.invoiced?.unitPrice,
      line.difference.unitPrice,
      line.expected?.amount,
      line.invoiced?.amount,
      line.difference.amount,
      line.invoiced === undefined ? undefined : formatLocation(line.invoiced.location),
      line.explanation,
    ]);
  }
  const totals = book.sheet('Totals', [
    col('total', 'text'),
    col('status', 'text', 16),
    col('expected', 'money', 14),
    col('invoiced', 'money', 14),
    col('difference', 'money', 14),
    col('invoiced as', 'text', 20),
    col('expected VAT base', 'money', 14),
    col('invoiced VAT base', 'money', 14),
    col('expected VAT rate', 'rate', 12),
    col('invoiced VAT rate', 'rate', 12),
    col('invoice row', 'text', 24),
    col('explanation', 'text', 60),
  ]);
  for (const total of [result.totals.net, result.totals.vat, result.totals.gross]) {
    totals.add([
      total.name,
      total.status,
      total.expected,
      total.invoiced,
      total.difference,
      total.invoicedBasis,
      total.vat?.expectedBase,
      total.vat?.invoicedBase,
      total.vat?.expectedRate,
      total.vat?.invoicedRate,
      total.invoiceRow === undefined ? undefined : formatLocation(total.invoiceRow),
      total.explanation,
    ]);
  }
  const summary = book.sheet('Summary', [col('figure', 'text', 30), col('GBP', 'money', 14)]);
  const stake = result.moneyAtStake;
  summary.add(['net difference', stake.netDifference]);
  summary.add(['VAT difference', stake.vatDifference]);
  summary.add(['gross difference', stake.grossDifference]);
  summary.add(['overcharged', stake.overcharged]);
  summary.add(['undercharged', stake.undercharged]);
  summary.add(['sum of absolute differences', stake.sumOfAbsoluteDifferences]);
  const statuses = book.sheet('Statuses', [col('status', 'text', 20), col('lines', 'count')]);
  for (const [status, count] of Object.entries(result.counts)) statuses.add([status, count]);
  const section = result.registrations;
  if (section !== undefined) addCountSheets(book, section);
  return book.bytes([
    `Reconciliation of ${result.invoice.source ?? 'the invoice'} (${result.invoice.rows} rows) for ${result.month} against "${result.statement.title}" (${result.statement.id}): ${result.verdict === 'allMatch' ? 'every line and total matches' : 'differences found'}.`,
    ...(result.statement.provenanceNote === undefined ? [] : [result.statement.provenanceNote]),
    ...(result.statement.illustrative || result.invoice.illustrative
      ? ['Illustrative figures (invented) in the statement or the invoice.']
      : []),
    `Tolerance ${result.tolerance} per amount and total; amounts rounded ${result.rounding}; VAT at ${result.vatRate}. Differences are invoiced minus expected.`,
    ...listingNote(result),
    ...(section === undefined ? [] : [countSectionSentence(section), section.method]),
  ]);
}

/** The note of a workbook whose Lines sheet lists only the lines that differ. */
function listingNote(result: Reconciliation): string[] {
  const unlisted = unlistedSentence(result);
  return unlisted === undefined ? [] : [unlisted];
}

/** `diff`: the Rate changes, the Explicit price changes, the Terms and the portfolio Impact (one month, and the months in force). */
export function diffReportWorkbook(comparison: StatementComparison): Uint8Array {
  const book = new ReportBook();
  const figures = [
    col('before', 'rate', 14),
    col('after', 'rate', 14),
    col('change', 'rate', 14),
    col('change %', 'quantity', 10),
    col('status', 'text', 12),
  ];
  const rates = book.sheet('Rates', [
    col('charge', 'text', 14),
    col('chargingGroup', 'text', 20),
    col('group', 'text', 7),
    col('region', 'text'),
    ...figures,
  ]);
  for (const row of comparison.rates) {
    rates.add([
      row.kind,
      row.chargingGroup,
      CHARGING_GROUP_SYMBOLS[row.chargingGroup],
      row.region,
      row.before,
      row.after,
      row.change,
      row.changePercent,
      row.status,
    ]);
  }
  const prices = book.sheet('Explicit prices', [
    col('code', 'text', 24),
    col('description', 'text', 40),
    col('unit before', 'text', 16),
    col('unit after', 'text', 16),
    ...figures,
  ]);
  for (const row of comparison.explicitPrices) {
    prices.add([
      row.code,
      row.description,
      row.unitBefore,
      row.unitAfter,
      row.before,
      row.after,
      row.change,
      row.changePercent,
      row.status,
    ]);
  }
  const terms = book.sheet('Terms', [col('term', 'text', 30), col('before', 'text', 40), col('after', 'text', 40)]);
  for (const term of comparison.terms) terms.add([term.term, term.before, term.after]);
  const impact = comparison.impact;
  if (impact !== undefined) {
    const money = [
      col('before', 'money', 14),
      col('after', 'money', 14),
      col('change', 'money', 14),
      col('change %', 'quantity', 10),
    ];
    const monthly = book.sheet('Impact month', [col('total', 'text', 14), ...money]);
    for (const row of impact.monthly) monthly.add([row.item, row.before, row.after, row.change, row.changePercent]);
    const inForce = book.sheet('Impact in force', [col('total', 'text', 14), ...money]);
    for (const row of impact.inForce) inForce.add([row.item, row.before, row.after, row.change, row.changePercent]);
  }
  const { a, b, counts } = comparison;
  return book.bytes([
    `Comparing "${a.title}" (${a.id}, ${a.regulatoryYear}, ${a.effectiveFrom} to ${a.effectiveTo}) with "${b.title}" (${b.id}, ${b.regulatoryYear}, ${b.effectiveFrom} to ${b.effectiveTo}).`,
    `${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed; ${comparison.terms.length} terms differ. Change = after - before; change % = round2(change / before x 100), empty where before is zero (decision 0041).`,
    ...(a.illustrative || b.illustrative ? ['Illustrative figures (invented) in at least one statement.'] : []),
    ...(impact === undefined
      ? []
      : [
          `Impact month: one month of the portfolio (${impact.monthA} under the first, ${impact.monthB} under the second). Impact in force: over the months each statement is in force (${impact.monthsInForceA} and ${impact.monthsInForceB}).`,
        ]),
  ]);
}

const TOTAL_COLUMNS = [
  col('fixed', 'money', 14),
  col('fixedCh', 'money', 14),
  col('fixedAltHan', 'money', 14),
  col('explicit', 'money', 14),
  col('elective', 'money', 14),
  col('net', 'money', 14),
  col('vat', 'money', 14),
  col('gross', 'money', 14),
];

function totalValues(totals: MonthlyCharges['totals']): string[] {
  return [
    totals.fixed,
    totals.fixedCh,
    totals.fixedAltHan,
    totals.explicit,
    totals.elective,
    totals.net,
    totals.vat,
    totals.gross,
  ];
}

/**
 * `budget`: one sheet per level, never mixed: Cases (each case's total over the years), Years
 * (each case's Regulatory Years, with the statement), Months (each case's months), Per meter
 * (what one meter pays per month, per year, group and Region).
 */
export function budgetReportWorkbook(projection: BudgetProjection): Uint8Array {
  const book = new ReportBook();
  const cases = book.sheet('Cases', [
    col('case', 'text', 16),
    col('label', 'text', 30),
    col('adjustments', 'text', 30),
    ...TOTAL_COLUMNS,
    col('net from base', 'money', 14),
    col('net from base %', 'quantity', 12),
  ]);
  const years = book.sheet('Years', [
    col('case', 'text', 16),
    col('year', 'text', 9),
    col('statement', 'text', 30),
    col('basis', 'text', 12),
    col('status', 'text', 12),
    col('meters (April)', 'count', 14),
    ...TOTAL_COLUMNS,
    col('net from base', 'money', 14),
    col('net from base %', 'quantity', 12),
  ]);
  const months = book.sheet('Months', [
    col('case', 'text', 16),
    col('year', 'text', 9),
    col('month', 'text', 9),
    col('meters', 'count', 12),
    ...TOTAL_COLUMNS,
  ]);
  const perMeter = book.sheet('Per meter', [
    col('case', 'text', 16),
    col('year', 'text', 9),
    col('chargingGroup', 'text', 20),
    col('group', 'text', 7),
    col('region', 'text'),
    col('fixed', 'rate', 14),
    col('fixedCh', 'rate', 14),
    col('fixedAltHan', 'rate', 14),
    col('total', 'rate', 14),
  ]);
  for (const budgetCase of projection.cases) {
    const adjustments = budgetCase.adjustments.map((adjustment) => `${adjustment.input} ${adjustment.by}`).join(', ');
    cases.add([
      budgetCase.id,
      budgetCase.label,
      adjustments === '' ? 'none' : adjustments,
      ...totalValues(budgetCase.total),
      budgetCase.netFromBase?.change,
      budgetCase.netFromBase?.changePercent,
    ]);
    for (const year of budgetCase.years) {
      years.add([
        budgetCase.id,
        year.regulatoryYear,
        year.statement.id,
        year.statement.basis,
        year.statement.status,
        year.months[0]?.meters,
        ...totalValues(year.annual),
        year.netFromBase?.change,
        year.netFromBase?.changePercent,
      ]);
      for (const month of year.months)
        months.add([budgetCase.id, year.regulatoryYear, month.month, month.meters, ...totalValues(month.totals)]);
      for (const charge of year.perMeterCharges) {
        perMeter.add([
          budgetCase.id,
          year.regulatoryYear,
          charge.chargingGroup,
          CHARGING_GROUP_SYMBOLS[charge.chargingGroup],
          charge.region,
          charge.fixed,
          charge.fixedCh,
          charge.fixedAltHan,
          charge.total,
        ]);
      }
    }
  }
  const { scenario } = projection;
  const notes = (projection.cases[0]?.years ?? []).flatMap((year) =>
    year.statement.provenanceNote === undefined ? [] : [`${year.regulatoryYear}: ${year.statement.provenanceNote}`],
  );
  const illustrative =
    scenario.illustrative || projection.cases[0]?.years.some((year) => year.statement.illustrative) === true;
  return book.bytes([
    `Budget "${scenario.title}" (${scenario.id})${scenario.user === undefined ? '' : ` for ${scenario.user}`}. Money in GBP; VAT at ${projection.options.vatRate}; amounts rounded ${projection.options.rounding}; meter counts rounded ${projection.options.countRounding}.`,
    ...(illustrative ? ['Illustrative figures (invented): not a forecast of any real charges.'] : []),
    ...notes,
    'Each sheet is one level: a case total is the sum of its years on the Years sheet, a year the sum of its months on the Months sheet; no sheet mixes them.',
    ...projection.method,
  ]);
}
