/**
 * The kernel of a reconciliation: invoice rows are given one at a time, each compared at once
 * with the expected line of its key, and counted and summed as it is compared; only the lines
 * the result lists are kept. With `differing`, a line that matches is counted, not kept, so a
 * large invoice can be reconciled as it is read (decision 0085).
 */
import { sameChargeKey, type ChargeKey, type ChargeLine, type MonthlyCharges } from '../charges/charge-line.js';
import type { IssueLocation } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { decimalOf } from '../schema/brands.js';
import { ZERO, type Dec } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import { formatMoney } from '../money/rounding.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import { compareMatchedLine, missingLine, unexpectedLine, ZERO_MONEY, type LineComparison } from './compare-lines.js';
import { compareGross, compareNet, compareVat, type TotalsInput } from './compare-totals.js';
import {
  INVOICE_LINE_KINDS,
  type InvoiceChargeRow,
  type InvoiceLine,
  type InvoiceTotalRow,
  type InvoiceVatRow,
  type LineKey,
} from './invoice-line.js';
import { InvoiceLineIndex } from './line-index.js';
import {
  LINE_STATUSES,
  RECONCILIATION_FORMAT,
  type LineListing,
  type LineStatus,
  type MoneyAtStake,
  type Reconciliation,
  type ReconciliationLine,
} from './reconciliation.js';

/**
 * The expected side of a reconciliation: the month's charges, their lines by position. Both
 * {@link MonthlyCharges} (through {@link expectedLinesOf}) and charges whose elective lines are
 * made when asked for (`DeferredMonthlyCharges`) are such.
 */
export interface ExpectedLines extends Pick<MonthlyCharges, 'month' | 'statement' | 'totals' | 'vatRate'> {
  readonly lineCount: number;
  lineAt(position: number): ChargeLine;
  /** The key of the line at `position`, without making the line. */
  keyAt(position: number): ChargeKey;
  /** The position of the line of a key (keys are unique), if there is one. */
  positionOf(key: ChargeKey): number | undefined;
}

/** The expected lines of monthly charges held in full; lines are found by key in an index made when first needed. */
export function expectedLinesOf(charges: MonthlyCharges): ExpectedLines {
  const lines = charges.lines;
  let index: InvoiceLineIndex<number> | undefined;
  return {
    month: charges.month,
    statement: charges.statement,
    totals: charges.totals,
    vatRate: charges.vatRate,
    lineCount: lines.length,
    lineAt: (position) => lines[position] as ChargeLine,
    keyAt: (position) => lines[position] as ChargeLine,
    positionOf: (key) => {
      if (index === undefined) {
        const made = new InvoiceLineIndex<number>();
        lines.forEach((line, position) => made.add(charges.month, line, position));
        index = made;
      }
      return index.get(charges.month, key);
    },
  };
}

/** What the invoice says of itself, for the result. */
export interface InvoiceHeading {
  readonly source?: string;
  readonly illustrative: boolean;
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

/**
 * The position of the expected line of each key. An invoice usually lists its rows in the
 * order of the expected lines: each row is first compared with the expected line after the
 * one the last row matched (keys are unique, so the same key is the same line), and only a
 * row that is not that one is looked up by key (`ExpectedLines.positionOf`).
 */
class ExpectedPositions {
  readonly #expected: ExpectedLines;
  #next = 0;

  constructor(expected: ExpectedLines) {
    this.#expected = expected;
  }

  /** The position of the expected line with the row's key (of the expected month), and that line, if any. */
  of(row: InvoiceChargeRow): { readonly position: number; readonly line: ChargeLine } | undefined {
    const expected = this.#expected;
    if (this.#next < expected.lineCount && sameChargeKey(expected.keyAt(this.#next), row)) {
      this.#next += 1;
      return { position: this.#next - 1, line: expected.lineAt(this.#next - 1) };
    }
    const position = expected.positionOf(row);
    if (position === undefined) return undefined;
    this.#next = position + 1;
    return { position, line: expected.lineAt(position) };
  }
}

/**
 * Where the invoice row of each expected line was read, in little memory for a large invoice:
 * a CSV row's place (its file and line, the same file for every row) as the line number alone;
 * any other place (a sheet's cell, a JSON path) as it is.
 */
class RowPlaces {
  /** The line of each position's row; 0 for none, or for a place kept in `#others`. */
  readonly #lines: Int32Array;
  readonly #others = new Map<number, IssueLocation>();
  /** The file of the places kept as lines: that of the first one. */
  #source: string | undefined;
  #sourceKnown = false;

  constructor(count: number) {
    this.#lines = new Int32Array(count);
  }

  has(position: number): boolean {
    return this.#lines[position] !== 0 || this.#others.has(position);
  }

  get(position: number): IssueLocation | undefined {
    const line = this.#lines[position] as number;
    if (line === 0) return this.#others.get(position);
    return this.#source === undefined ? { line } : { source: this.#source, line };
  }

  set(position: number, location: IssueLocation): void {
    if (!this.#sourceKnown) {
      this.#source = location.source;
      this.#sourceKnown = true;
    }
    const { source, line, ...rest } = location;
    const asLine =
      line !== undefined && line > 0 && line < 2 ** 31 && source === this.#source && Object.keys(rest).length === 0;
    if (asLine) this.#lines[position] = line;
    else this.#others.set(position, location);
  }
}

/**
 * A reconciliation made one invoice row at a time ({@link LineReconciler.add}), then finished
 * ({@link LineReconciler.finish}) with the expected lines the invoice has not had.
 */
export class LineReconciler {
  readonly #expected: ExpectedLines;
  readonly #how: LineComparison;
  readonly #listing: LineListing;
  readonly #positions: ExpectedPositions;
  /** Where the invoice row of each expected line was read (see {@link RowPlaces}). */
  readonly #rowAt: RowPlaces;
  /** The line of each expected position that the result lists. */
  readonly #listedAt: (ReconciliationLine | undefined)[];
  readonly #unexpected: ReconciliationLine[] = [];
  /** Where each unexpected key was read, to find it repeated. */
  readonly #unexpectedRows = new InvoiceLineIndex<IssueLocation>();
  readonly #counts = Object.fromEntries(LINE_STATUSES.map((status) => [status, 0])) as Record<LineStatus, number>;
  #rows = 0;
  #chargeRows = 0;
  #invoiceNet: Dec = ZERO;
  #overcharged: Dec = ZERO;
  #undercharged: Dec = ZERO;
  #vatRow: InvoiceVatRow | undefined;
  #totalRow: InvoiceTotalRow | undefined;
  #finished = false;

  constructor(expected: ExpectedLines, how: LineComparison, listing: LineListing) {
    this.#expected = expected;
    this.#how = how;
    this.#listing = listing;
    this.#positions = new ExpectedPositions(expected);
    this.#rowAt = new RowPlaces(expected.lineCount);
    this.#listedAt = new Array<ReconciliationLine | undefined>(expected.lineCount).fill(undefined);
  }

  /** How many rows have been given (repeated ones aside). */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Reconciles one invoice row (of the expected month: a row of another is unexpected).
   * @returns where the first row of its key was read when the key repeats (the row is then
   * not reconciled: rows are never summed), else undefined.
   */
  add(row: InvoiceLine): IssueLocation | undefined {
    if (this.#finished) throw new InvariantError('unreachable', 'a row given after the reconciliation finished');
    switch (row.kind) {
      case 'vat':
        if (this.#vatRow !== undefined) return this.#vatRow.location;
        this.#vatRow = row;
        break;
      case 'total':
        if (this.#totalRow !== undefined) return this.#totalRow.location;
        this.#totalRow = row;
        break;
      case 'fixed':
      case 'fixedCh':
      case 'fixedAltHan':
      case 'explicit':
      case 'elective': {
        const found = row.month === this.#expected.month ? this.#positions.of(row) : undefined;
        if (found === undefined) {
          const first = this.#unexpectedRows.add(row.month, row, row.location);
          if (first !== undefined) return first;
          const line = this.#record(unexpectedLine(row, this.#how));
          if (line !== undefined) this.#unexpected.push(line);
        } else {
          const first = this.#rowAt.get(found.position);
          if (first !== undefined) return first;
          this.#rowAt.set(found.position, row.location);
          this.#listedAt[found.position] = this.#record(compareMatchedLine(found.line, row, this.#how));
        }
        this.#chargeRows += 1;
        this.#invoiceNet = this.#invoiceNet.plus(decimalOf(row.amount));
      }
    }
    this.#rows += 1;
    return undefined;
  }

  /** Counts a line and sums its difference; returns it when the result lists it. */
  #record(line: ReconciliationLine): ReconciliationLine | undefined {
    this.#counts[line.status] += 1;
    // Lines without a difference (most of a large invoice) add nothing: not parsed.
    if (line.difference.amount !== ZERO_MONEY) {
      const difference = toDecimal(line.difference.amount);
      if (difference.greaterThan(ZERO)) this.#overcharged = this.#overcharged.plus(difference);
      else this.#undercharged = this.#undercharged.minus(difference);
    }
    return this.#listing === 'all' || line.status !== 'match' ? line : undefined;
  }

  /** The reconciliation of the rows given, with every expected line they did not have as missing. */
  finish(invoice: InvoiceHeading): Reconciliation {
    if (this.#finished) throw new InvariantError('unreachable', 'a reconciliation finished twice');
    this.#finished = true;
    const expected = this.#expected;
    const month = expected.month;
    // In the order of their positions: the expected lines, then the unexpected ones.
    const listed: ReconciliationLine[] = [];
    let onInvoice = 0;
    for (let position = 0; position < expected.lineCount; position += 1) {
      let line = this.#listedAt[position];
      if (!this.#rowAt.has(position)) line = this.#record(missingLine(expected.lineAt(position), month));
      else onInvoice += 1;
      if (line !== undefined) listed.push(line);
    }
    for (const line of this.#unexpected) listed.push(line);
    onInvoice += this.#counts.unexpectedOnInvoice;
    const lines = orderBySlot(listed);

    const totalsInput: TotalsInput = {
      expected,
      invoiceNet: this.#invoiceNet,
      invoiceChargeLines: this.#chargeRows,
      vatRow: this.#vatRow,
      totalRow: this.#totalRow,
    };
    const totals = {
      net: compareNet(totalsInput, this.#how),
      vat: compareVat(totalsInput, this.#how),
      gross: compareGross(totalsInput, this.#how),
    };
    const appearances =
      onInvoice + (totals.vat.invoiceRow === undefined ? 0 : 1) + (totals.gross.invoiceRow === undefined ? 0 : 1);
    if (appearances !== this.#rows) {
      throw new InvariantError(
        'invoiceLineNotReconciled',
        `${this.#rows} invoice rows but ${appearances} appear in the result`,
      );
    }
    const counts = { ...this.#counts };
    const lineCount = LINE_STATUSES.reduce((sum, status) => sum + counts[status], 0);
    const totalsMatch = [totals.net, totals.vat, totals.gross].every(
      (total) => total.status === 'match' || total.status === 'notStated',
    );
    return {
      format: RECONCILIATION_FORMAT,
      month,
      verdict: counts.match === lineCount && totalsMatch ? 'allMatch' : 'differencesFound',
      tolerance: formatMoney(this.#how.tolerance),
      rounding: this.#how.rounding,
      statement: {
        id: expected.statement.id,
        title: expected.statement.title,
        illustrative: expected.statement.illustrative,
        ...(expected.statement.provenanceNote === undefined
          ? {}
          : { provenanceNote: expected.statement.provenanceNote }),
      },
      invoice: {
        ...(invoice.source === undefined ? {} : { source: invoice.source }),
        illustrative: invoice.illustrative,
        rows: this.#rows,
      },
      vatRate: expected.vatRate,
      listing: this.#listing,
      lines,
      totals,
      moneyAtStake: this.#moneyAtStake(totals),
      counts,
    };
  }

  /** The money at stake: the line differences summed, checked against the net difference. */
  #moneyAtStake(totals: Reconciliation['totals']): MoneyAtStake {
    const overcharged = this.#overcharged;
    const undercharged = this.#undercharged;
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
}
