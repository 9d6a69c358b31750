/**
 * Reconciling a DCC invoice with the expected charges of the same month: every line gets
 * one status, the totals are compared, and the money at stake is summed.
 */
import { checkArguments } from '../errors/arguments.js';
import { decimalOf } from '../schema/brands.js';
import type { ChargeKey, MonthlyCharges } from '../charges/charge-line.js';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { sumDecimals, ZERO } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import { formatMoney, type RoundingMode } from '../money/rounding.js';
import { ZERO_MONEY } from './compare-lines.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import { compareMatchedLine, missingLine, unexpectedLine, type LineComparison } from './compare-lines.js';
import { compareGross, compareNet, compareVat, type TotalsInput } from './compare-totals.js';
import { checkExpectedCharges } from './expected-charges.js';
import {
  INVOICE_LINE_KINDS,
  type InvoiceChargeRow,
  type InvoiceLine,
  type InvoiceLineInput,
  type InvoiceTotalRow,
  type InvoiceVatRow,
  type LineKey,
} from './invoice-line.js';
import { InvoiceLineIndex } from './line-index.js';
import { isValidatedInvoice, parseInvoiceLines, type Invoice } from './read-invoice.js';
import {
  LINE_STATUSES,
  RECONCILIATION_FORMAT,
  type LineStatus,
  type MoneyAtStake,
  type Reconciliation,
  type ReconciliationLine,
} from './reconciliation.js';

import { DEFAULT_TOLERANCE } from './defaults.js';

export { DEFAULT_TOLERANCE };

const TOLERANCE = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/** True when `text` is a tolerance: a non-negative plain decimal with at most two places, such as `"0.01"`. */
export function isTolerance(text: unknown): text is string {
  return typeof text === 'string' && TOLERANCE.test(text);
}

/** What {@link reconcileInvoice} needs. */
export interface ReconcileInvoiceInput {
  /** The invoice: as read by {@link readInvoice}, or its rows as objects. */
  readonly invoice: Invoice | readonly InvoiceLineInput[];
  /** The expected charges of the month, from `calculateMonthlyCharges`. */
  readonly expected: MonthlyCharges;
  /**
   * The largest absolute difference in pounds, per line amount and per total, that still
   * counts as a match; a plain decimal with at most two places. Default `"0.00"`.
   * Quantities, unit prices and the VAT rate are compared exactly (decision 0031).
   */
  readonly tolerance?: string;
}

/**
 * Compares an invoice with the expected charges of its month.
 *
 * Lines are matched on `(month, kind, chargingGroup, region, code)`. Each gets one status:
 * `match`, `quantityDiffers`, `unitPriceDiffers`, `amountDiffers` (the invoice's amount is
 * not its quantity times its unit price, rounded), `missingFromInvoice` or
 * `unexpectedOnInvoice`, with both sides' figures and the difference. The totals (net, VAT,
 * gross) are compared the same way; the optional `vat` and `total` rows of the invoice are
 * read there. Every invoice row appears exactly once in the result.
 *
 * @clause K4-K8 (the expected charges compared with); invoice totals and VAT (docs/methodology.md, billing)
 * @param input - the invoice, the expected charges and the tolerance.
 * @returns the reconciliation: lines in key order, totals, money at stake, verdict.
 * @throws InputError for a malformed invoice or expected charges, a tolerance that is not
 * a non-negative amount, or an invoice row of another month than the expected charges.
 * @example
 * const expected = calculateMonthlyCharges({ statements: [statement], month: '2025-06', meters });
 * reconcileInvoice({ invoice: readInvoice(csvText), expected, tolerance: '0.01' }).verdict // 'allMatch'
 */
export function reconcileInvoice(input: ReconcileInvoiceInput): Reconciliation {
  checkArguments('reconcileInvoice', [
    [
      'input',
      input,
      {
        shape: 'object',
        fields: {
          invoice: { shape: 'object', expected: 'an invoice (from readInvoice) or an array of invoice rows' },
          expected: { shape: 'object', expected: 'monthly charges (a result of calculateMonthlyCharges)' },
          tolerance: { shape: 'text', optional: true },
        },
      },
    ],
  ]);
  const issues: InputIssue[] = [];
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  if (!isTolerance(tolerance)) {
    issues.push({
      field: 'tolerance',
      code: 'invalidValue',
      expected: 'a tolerance in pounds: a non-negative plain decimal with at most 2 decimal places, such as "0.01"',
      received: JSON.stringify(tolerance),
    });
  }
  const rounding: RoundingMode | undefined = collectInputIssues(issues, () => checkExpectedCharges(input.expected));
  const given = Array.isArray(input.invoice) ? undefined : (input.invoice as Invoice);
  const source = given?.source ?? 'invoice';
  // An invoice read by readInvoice is validated and frozen already: not checked twice.
  const lines: readonly InvoiceLine[] | undefined =
    given !== undefined && isValidatedInvoice(given)
      ? given.lines
      : collectInputIssues(issues, () => parseInvoiceLines(given === undefined ? input.invoice : given.lines, source));
  if (lines !== undefined && rounding !== undefined) {
    for (const line of lines) {
      if (line.month !== input.expected.month) {
        issues.push({
          ...line.location,
          field: 'month',
          code: 'otherMonth',
          expected: `an invoice line for ${input.expected.month}, the month reconciled`,
          received: JSON.stringify(line.month),
        });
      }
    }
  }
  if (issues.length > 0 || lines === undefined || rounding === undefined) throw new InputError(issues);
  const invoice: Invoice = {
    ...(given?.source === undefined ? {} : { source: given.source }),
    illustrative: given?.illustrative ?? false,
    lines,
  };
  return reconcileValidatedInvoice(invoice, input.expected, { tolerance: toDecimal(tolerance), rounding });
}

/** Places of the ordering fields: kind, then Charging Group, then rate region, then position. */
const GROUP_PLACES = CHARGING_GROUPS.length + 1;
const REGION_PLACES = RATE_REGIONS.length + 1;
/** Positions are below this (expected lines plus invoice rows), so one double holds the whole order exactly. */
const POSITION_LIMIT = 2 ** 30;

/** The place of a key's kind, Charging Group and rate region in the order of lines. */
function rankOf(key: LineKey): number {
  switch (key.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan': {
      const kind = INVOICE_LINE_KINDS.indexOf(key.kind);
      const group = CHARGING_GROUPS.indexOf(key.chargingGroup) + 1;
      const region = RATE_REGIONS.indexOf(key.region) + 1;
      return (kind * GROUP_PLACES + group) * REGION_PLACES + region;
    }
    case 'explicit':
    case 'elective':
      return INVOICE_LINE_KINDS.indexOf(key.kind) * GROUP_PLACES * REGION_PLACES;
  }
}

/**
 * Orders lines by kind (the charge kinds in their order), Charging Group (g1..g5), rate
 * region (national, north, central, south), then the expected order, then the invoice
 * order for unexpected lines (decision 0033). Positions are distinct.
 */
export function orderLines(entries: readonly { line: ReconciliationLine; position: number }[]): ReconciliationLine[] {
  if (entries.some((entry) => !(entry.position >= 0 && entry.position < POSITION_LIMIT))) {
    throw new InvariantError('unreachable', `a line position outside 0..${POSITION_LIMIT - 1}`);
  }
  const bySlot = [...entries].sort((a, b) => a.position - b.position).map((entry) => entry.line);
  return orderBySlot(bySlot);
}

/**
 * {@link orderLines} of lines given in the order of their positions (the expected lines in
 * their order, then the unexpected ones in the invoice's): the order number of a line is its
 * rank and its index, sorted once (not at all when the lines are in order already).
 */
function orderBySlot(lines: readonly ReconciliationLine[]): ReconciliationLine[] {
  if (lines.length >= POSITION_LIMIT) throw new InvariantError('unreachable', `more than ${POSITION_LIMIT - 1} lines`);
  const orders = new Float64Array(lines.length);
  let sorted = true;
  for (let index = 0; index < lines.length; index += 1) {
    const order = rankOf((lines[index] as ReconciliationLine).key) * POSITION_LIMIT + index;
    orders[index] = order;
    if (index > 0 && order < (orders[index - 1] as number)) sorted = false;
  }
  if (sorted) return [...lines];
  orders.sort();
  return Array.from(orders, (order) => lines[order % POSITION_LIMIT] as ReconciliationLine);
}

/** Sums the money at stake over the lines, with the net, VAT and gross differences. */
export function sumMoneyAtStake(lines: readonly ReconciliationLine[], totals: Reconciliation['totals']): MoneyAtStake {
  // Lines without a difference (most of a large invoice) add nothing: not parsed.
  const differences = lines
    .filter((line) => line.difference.amount !== ZERO_MONEY)
    .map((line) => toDecimal(line.difference.amount));
  const overcharged = sumDecimals(differences.filter((value) => value.greaterThan(ZERO)));
  const undercharged = sumDecimals(differences.filter((value) => value.lessThan(ZERO))).negated();
  const netDifference = toDecimal(totals.net.difference ?? '0');
  if (!overcharged.minus(undercharged).equals(netDifference)) {
    throw new InvariantError(
      'totalsDoNotAddUp',
      `net difference ${netDifference.toFixed()} is not overcharged ${overcharged.toFixed()} minus undercharged ${undercharged.toFixed()}`,
    );
  }
  return {
    netDifference: formatMoney(netDifference),
    ...(totals.vat.difference === undefined ? {} : { vatDifference: totals.vat.difference }),
    ...(totals.gross.difference === undefined ? {} : { grossDifference: totals.gross.difference }),
    overcharged: formatMoney(overcharged),
    undercharged: formatMoney(undercharged),
    sumOfAbsoluteDifferences: formatMoney(overcharged.plus(undercharged)),
  };
}

/**
 * The position of the expected line of each key. An invoice usually lists its rows in the
 * order of the expected lines: each row is first compared with the expected line after the
 * one the last row matched (keys are unique, so the same key is the same line), and only a
 * row that is not that one is looked up by key, in an index made the first time one is needed.
 */
class ExpectedPositions {
  readonly #expected: MonthlyCharges;
  #next = 0;
  #index: InvoiceLineIndex<number> | undefined;

  constructor(expected: MonthlyCharges) {
    this.#expected = expected;
  }

  /** The position of the expected line with the row's key (of the expected month), if any. */
  of(row: InvoiceChargeRow): number | undefined {
    const lines = this.#expected.lines;
    const next = lines[this.#next];
    let position: number | undefined;
    if (next !== undefined && sameChargeKey(next, row)) position = this.#next;
    else {
      if (this.#index === undefined) {
        const index = new InvoiceLineIndex<number>();
        const month = this.#expected.month;
        lines.forEach((line, at) => index.add(month, line, at));
        this.#index = index;
      }
      position = this.#index.get(this.#expected.month, row);
    }
    if (position !== undefined) this.#next = position + 1;
    return position;
  }
}

/** True when two charge keys are the same key (the month aside). */
function sameChargeKey(a: ChargeKey, b: ChargeKey): boolean {
  switch (a.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return b.kind === a.kind && b.chargingGroup === a.chargingGroup && b.region === a.region;
    case 'explicit':
    case 'elective':
      return b.kind === a.kind && b.code === a.code;
  }
}

/**
 * The kernel of {@link reconcileInvoice}, over an invoice and expected charges already
 * validated (same month, unique keys, consistent expected amounts).
 */
export function reconcileValidatedInvoice(
  invoice: Invoice,
  expected: MonthlyCharges,
  how: LineComparison,
): Reconciliation {
  const month = expected.month;
  const positions = new ExpectedPositions(expected);
  // The invoice row of each expected line (-1: none), and the rows no expected line has.
  const rowOf = new Int32Array(expected.lines.length).fill(-1);
  const unexpected: InvoiceChargeRow[] = [];
  let chargeRows = 0;
  let invoiceNet = ZERO;
  let vatRow: InvoiceVatRow | undefined;
  let totalRow: InvoiceTotalRow | undefined;
  invoice.lines.forEach((line, index) => {
    switch (line.kind) {
      case 'vat':
        vatRow ??= line;
        return;
      case 'total':
        totalRow ??= line;
        return;
      case 'fixed':
      case 'fixedCh':
      case 'fixedAltHan':
      case 'explicit':
      case 'elective': {
        chargeRows += 1;
        invoiceNet = invoiceNet.plus(decimalOf(line.amount));
        // A row of another month has no expected line (reconcileInvoice refuses it before).
        const position = line.month === month ? positions.of(line) : undefined;
        if (position === undefined) unexpected.push(line);
        else if (rowOf[position] === -1) rowOf[position] = index;
        else
          throw new InvariantError(
            'invoiceLineNotReconciled',
            `invoice rows ${rowOf[position]} and ${index} have one key`,
          );
      }
    }
  });
  const bySlot: ReconciliationLine[] = [];
  expected.lines.forEach((line, position) => {
    const index = rowOf[position] as number;
    bySlot.push(
      index === -1 ? missingLine(line, month) : compareMatchedLine(line, invoice.lines[index] as InvoiceChargeRow, how),
    );
  });
  for (const line of unexpected) bySlot.push(unexpectedLine(line, how));
  const lines = orderBySlot(bySlot);

  const totalsInput: TotalsInput = { expected, invoiceNet, invoiceChargeLines: chargeRows, vatRow, totalRow };
  const totals = {
    net: compareNet(totalsInput, how),
    vat: compareVat(totalsInput, how),
    gross: compareGross(totalsInput, how),
  };

  let onInvoice = 0;
  for (const line of lines) if (line.invoiced !== undefined) onInvoice += 1;
  const appearances =
    onInvoice + (totals.vat.invoiceRow === undefined ? 0 : 1) + (totals.gross.invoiceRow === undefined ? 0 : 1);
  if (appearances !== invoice.lines.length) {
    throw new InvariantError(
      'invoiceLineNotReconciled',
      `${invoice.lines.length} invoice rows but ${appearances} appear in the result`,
    );
  }

  const counts = Object.fromEntries(LINE_STATUSES.map((status) => [status, 0])) as Record<LineStatus, number>;
  for (const line of lines) counts[line.status] += 1;
  const totalsMatch = [totals.net, totals.vat, totals.gross].every(
    (total) => total.status === 'match' || total.status === 'notStated',
  );
  return {
    format: RECONCILIATION_FORMAT,
    month: expected.month,
    verdict: counts.match === lines.length && totalsMatch ? 'allMatch' : 'differencesFound',
    tolerance: formatMoney(how.tolerance),
    rounding: how.rounding,
    statement: {
      id: expected.statement.id,
      title: expected.statement.title,
      illustrative: expected.statement.illustrative,
      ...(expected.statement.provenanceNote === undefined ? {} : { provenanceNote: expected.statement.provenanceNote }),
    },
    invoice: {
      ...(invoice.source === undefined ? {} : { source: invoice.source }),
      illustrative: invoice.illustrative,
      rows: invoice.lines.length,
    },
    vatRate: expected.vatRate,
    lines,
    totals,
    moneyAtStake: sumMoneyAtStake(lines, totals),
    counts,
  };
}
