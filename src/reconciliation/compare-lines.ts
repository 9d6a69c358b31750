/**
 * Comparing one line: an expected charge line with the invoice row of the same key, or a
 * line found on one side only. Quantities and unit prices are compared exactly; amounts
 * within the tolerance count as equal (decision 0031).
 */
import { decimalOf } from '../schema/brands.js';
import type { ChargeKey, ChargeLine } from '../charges/charge-line.js';
import type { Dec } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import { formatMoney, formatPlain, roundToPence, type RoundingMode } from '../money/rounding.js';
import { keyOf, type InvoiceChargeRow, type LineKey } from './invoice-line.js';
import type {
  ExpectedFigures,
  InvoiceArithmetic,
  InvoicedFigures,
  LineCheck,
  LineStatus,
  ReconciliationLine,
} from './reconciliation.js';
import { signedMoney, signedPlain } from './signed.js';
import { placeInInvoice } from './summarise.js';

/** How lines are compared: the tolerance in pounds and the rounding mode of line amounts. */
export interface LineComparison {
  /** Largest absolute difference of amounts that still counts as equal. */
  readonly tolerance: Dec;
  /** The rounding mode `round2(quantity x unitPrice)` is checked with. */
  readonly rounding: RoundingMode;
}

/** Zero as a difference of money and as a plain difference, as the comparisons write them. */
export const ZERO_MONEY = '0.00';
const ZERO_PLAIN = '0';
/** An amount written as {@link formatMoney} writes a non-negative one. */
const CANONICAL_MONEY = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;

/** True when two amounts differ by at most the tolerance. */
export function withinTolerance(a: Dec, b: Dec, tolerance: Dec): boolean {
  return a.minus(b).abs().lessThanOrEqualTo(tolerance);
}

function expectedFigures(line: ChargeLine): ExpectedFigures {
  return {
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    clause: line.clause,
    formula: line.explanation?.formula ?? 'amount = round2(quantity x unitPrice)',
  };
}

function invoicedFigures(line: InvoiceChargeRow): InvoicedFigures {
  return {
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    ...(line.description === undefined ? {} : { description: line.description }),
    location: line.location,
  };
}

/** The invoice's own arithmetic: `round2(quantity x unitPrice)` against its amount. */
export function checkInvoiceArithmetic(
  quantity: string,
  unitPrice: string,
  amount: string,
  how: LineComparison,
): InvoiceArithmetic {
  return invoiceArithmeticOf(toDecimal(quantity), toDecimal(unitPrice), toDecimal(amount), how);
}

/** {@link checkInvoiceArithmetic} of figures already read. */
function invoiceArithmeticOf(quantity: Dec, unitPrice: Dec, amount: Dec, how: LineComparison): InvoiceArithmetic {
  const computed = roundToPence(quantity.times(unitPrice), how.rounding);
  const difference = amount.minus(computed);
  return {
    computed: formatMoney(computed),
    difference: formatMoney(difference),
    holds: difference.abs().lessThanOrEqualTo(how.tolerance),
  };
}

/** The figures of an invoice row, each read once. */
interface InvoicedDecimals {
  readonly quantity: Dec;
  readonly unitPrice: Dec;
  readonly amount: Dec;
}

function invoicedDecimals(line: InvoiceChargeRow): InvoicedDecimals {
  return { quantity: decimalOf(line.quantity), unitPrice: decimalOf(line.unitPrice), amount: decimalOf(line.amount) };
}

/** The status a line on both sides gets from what differs (precedence of decision 0030). */
export function statusFromChecks(differsIn: readonly LineCheck[]): LineStatus {
  if (differsIn.includes('quantity')) return 'quantityDiffers';
  if (differsIn.includes('unitPrice')) return 'unitPriceDiffers';
  if (differsIn.length > 0) return 'amountDiffers';
  return 'match';
}

function sentenceOf(
  check: LineCheck,
  expected: ChargeLine,
  invoiced: InvoiceChargeRow,
  arithmetic: InvoiceArithmetic,
  difference: { quantity: Dec; unitPrice: Dec },
): string {
  switch (check) {
    case 'quantity':
      return `quantity invoiced ${invoiced.quantity}, expected ${expected.quantity} (${signedPlain(difference.quantity)})`;
    case 'unitPrice':
      return `unit price invoiced ${invoiced.unitPrice}, expected ${expected.unitPrice} (${signedPlain(difference.unitPrice)})`;
    case 'invoiceArithmetic':
      return `the invoice's arithmetic is wrong: round2(${invoiced.quantity} x ${invoiced.unitPrice}) = ${arithmetic.computed}, but it says ${invoiced.amount} (${signedMoney(arithmetic.difference)})`;
    case 'amount':
      return `amount invoiced ${invoiced.amount}, expected ${expected.amount}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Compares an expected line with the invoice row of the same key.
 * @returns the line with its status, every way it differs, and an explanation.
 */
export function compareMatchedLine(
  expected: ChargeLine,
  invoiced: InvoiceChargeRow,
  how: LineComparison,
): ReconciliationLine {
  if (
    invoiced.quantity === expected.quantity &&
    invoiced.unitPrice === expected.unitPrice &&
    invoiced.amount === expected.amount &&
    CANONICAL_MONEY.test(expected.amount)
  ) {
    return identicalLine(expected, invoiced);
  }
  const figures = invoicedDecimals(invoiced);
  const quantity = figures.quantity.minus(toDecimal(expected.quantity));
  const unitPrice = figures.unitPrice.minus(toDecimal(expected.unitPrice));
  const amount = figures.amount.minus(toDecimal(expected.amount));
  const arithmetic = invoiceArithmeticOf(figures.quantity, figures.unitPrice, figures.amount, how);
  const differsIn: LineCheck[] = [];
  if (!quantity.isZero()) differsIn.push('quantity');
  if (!unitPrice.isZero()) differsIn.push('unitPrice');
  if (!arithmetic.holds) differsIn.push('invoiceArithmetic');
  if (!amount.abs().lessThanOrEqualTo(how.tolerance)) differsIn.push('amount');
  const status = statusFromChecks(differsIn);
  let explanation: string;
  if (status === 'match') {
    explanation = amount.isZero()
      ? `Matches: ${expected.quantity} x ${expected.unitPrice} = ${expected.amount}.`
      : `Matches within the tolerance of ${formatMoney(how.tolerance)}: invoiced ${invoiced.amount}, expected ${expected.amount} (${signedMoney(amount)}).`;
  } else {
    const causes = differsIn
      .filter((check) => check !== 'amount')
      .map((check) => sentenceOf(check, expected, invoiced, arithmetic, { quantity, unitPrice }));
    explanation = `${capitalise(causes.join('; '))}. Amount invoiced ${invoiced.amount}, expected ${expected.amount}: ${signedMoney(amount)}.`;
  }
  return {
    key: keyWithMonth(expected, invoiced.month),
    status,
    description: expected.description,
    expected: expectedFigures(expected),
    invoiced: invoicedFigures(invoiced),
    difference: { quantity: formatPlain(quantity), unitPrice: formatPlain(unitPrice), amount: formatMoney(amount) },
    invoiceArithmetic: arithmetic,
    differsIn,
    explanation,
  };
}

/**
 * {@link compareMatchedLine} for an invoice row whose figures are the expected ones, written
 * alike (most rows of a large invoice): nothing differs, and the invoice's arithmetic is the
 * expected line's, which was checked with the same rounding (`checkExpectedCharges`), so the
 * result is what the full comparison gives, without its decimal arithmetic.
 */
function identicalLine(expected: ChargeLine, invoiced: InvoiceChargeRow): ReconciliationLine {
  return {
    key: keyWithMonth(expected, invoiced.month),
    status: 'match',
    description: expected.description,
    expected: expectedFigures(expected),
    invoiced: invoicedFigures(invoiced),
    difference: NO_DIFFERENCE,
    invoiceArithmetic: { computed: expected.amount, difference: ZERO_MONEY, holds: true },
    differsIn: NOTHING_DIFFERS,
    // Joined, not a template: one flat string, where a template leaves a chain of pieces (held as long as the line).
    explanation: ['Matches: ', expected.quantity, ' x ', expected.unitPrice, ' = ', expected.amount, '.'].join(''),
  };
}

/**
 * The difference of every identical line, and the empty list of what differs: one object each
 * for all such lines (frozen, so that no line can change another's), as most lines of a large
 * invoice are identical.
 */
const NO_DIFFERENCE: ReconciliationLine['difference'] = Object.freeze({
  quantity: ZERO_PLAIN,
  unitPrice: ZERO_PLAIN,
  amount: ZERO_MONEY,
});
const NOTHING_DIFFERS: readonly LineCheck[] = Object.freeze([]);

/** The key of a charge line with its month, without copying the line. */
function keyWithMonth(line: ChargeKey, month: string): LineKey {
  switch (line.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return { month, kind: line.kind, chargingGroup: line.chargingGroup, region: line.region };
    case 'explicit':
    case 'elective':
      return { month, kind: line.kind, code: line.code };
  }
}

/** An expected line the invoice does not have: the whole expected amount is missing. */
export function missingLine(expected: ChargeLine, month: string): ReconciliationLine {
  const key = keyWithMonth(expected, month);
  return {
    key,
    status: 'missingFromInvoice',
    description: expected.description,
    expected: expectedFigures(expected),
    difference: { amount: formatMoney(toDecimal(expected.amount).negated()) },
    differsIn: [],
    explanation: `Not on the invoice: expected ${expected.quantity} x ${expected.unitPrice} = ${expected.amount} (${expected.clause}). Amount invoiced 0.00, expected ${expected.amount}: ${signedMoney(toDecimal(expected.amount).negated())}.`,
  };
}

/** An invoice row with no expected line of its key: the whole invoiced amount is unexpected. */
export function unexpectedLine(invoiced: InvoiceChargeRow, how: LineComparison): ReconciliationLine {
  const figures = invoicedDecimals(invoiced);
  const arithmetic = invoiceArithmeticOf(figures.quantity, figures.unitPrice, figures.amount, how);
  const arithmeticNote = arithmetic.holds
    ? ''
    : ` Its own arithmetic is also wrong: round2(${invoiced.quantity} x ${invoiced.unitPrice}) = ${arithmetic.computed}.`;
  return {
    key: keyOf(invoiced),
    status: 'unexpectedOnInvoice',
    description: invoiced.description ?? '',
    invoiced: invoicedFigures(invoiced),
    difference: { amount: formatMoney(figures.amount) },
    invoiceArithmetic: arithmetic,
    differsIn: [],
    explanation: `On the invoice (${placeInInvoice(invoiced.location)}) but no charge of this key is expected: ${invoiced.quantity} x ${invoiced.unitPrice} = ${invoiced.amount}. Amount invoiced ${invoiced.amount}, expected 0.00: ${signedMoney(invoiced.amount)}.${arithmeticNote}`,
  };
}
