/**
 * Comparing the totals (decision 0032): the invoice's net is the sum of its charge lines;
 * its VAT is its `vat` row (base and rate optional), its gross its `total` row, or its net
 * plus its VAT when only the VAT is stated. A row the invoice does not have is `notStated`.
 */
import { decimalOf } from '../schema/brands.js';
import type { MonthlyCharges } from '../charges/charge-line.js';
import type { Dec } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import { formatMoney } from '../money/rounding.js';
import { checkInvoiceArithmetic, withinTolerance, type LineComparison } from './compare-lines.js';
import type { InvoiceTotalRow, InvoiceVatRow } from './invoice-line.js';
import type { ReconciliationTotal } from './reconciliation.js';
import { signedMoney } from './signed.js';

/** What the totals are compared from. */
export interface TotalsInput {
  readonly expected: Pick<MonthlyCharges, 'totals' | 'vatRate'>;
  /** Sum of the invoice's charge-line amounts. */
  readonly invoiceNet: Dec;
  /** Number of the invoice's charge lines. */
  readonly invoiceChargeLines: number;
  readonly vatRow: InvoiceVatRow | undefined;
  readonly totalRow: InvoiceTotalRow | undefined;
}

/**
 * Net: the sum of the invoice's lines against the expected net.
 * @clause invoice totals [R] (decision 0002, docs/methodology.md): `net = sum(line amounts)`
 */
export function compareNet(input: TotalsInput, how: LineComparison): ReconciliationTotal {
  const expected = toDecimal(input.expected.totals.net);
  const difference = input.invoiceNet.minus(expected);
  const matches = withinTolerance(input.invoiceNet, expected, how.tolerance);
  const lines = `${input.invoiceChargeLines} invoice line${input.invoiceChargeLines === 1 ? '' : 's'}`;
  return {
    name: 'net',
    status: matches ? 'match' : 'differs',
    expected: input.expected.totals.net,
    invoiced: formatMoney(input.invoiceNet),
    invoicedBasis: 'sumOfInvoiceLines',
    difference: formatMoney(difference),
    explanation: matches
      ? `The ${lines} add up to ${formatMoney(input.invoiceNet)}, as expected${difference.isZero() ? '' : ` within the tolerance (${signedMoney(difference)})`}.`
      : `The ${lines} add up to ${formatMoney(input.invoiceNet)}; expected ${input.expected.totals.net}: ${signedMoney(difference)}.`,
  };
}

/**
 * VAT: the `vat` row against `round2(expected net x VAT rate)`. The row's quantity, when
 * given, is the net it is charged on (it must be the invoice's own net); its unit price,
 * when given, the rate (it must be the expected rate).
 * @clause invoice totals [R] (decision 0002, docs/methodology.md): `vat = round2(net x vatRate)`, invoice level
 */
export function compareVat(input: TotalsInput, how: LineComparison): ReconciliationTotal {
  const { expected, vatRow } = input;
  const base = { expectedBase: expected.totals.net, expectedRate: expected.vatRate };
  if (vatRow === undefined) {
    return {
      name: 'vat',
      status: 'notStated',
      expected: expected.totals.vat,
      invoicedBasis: 'notStated',
      vat: base,
      explanation: `The invoice has no vat row, so VAT is not compared (expected round2(${expected.totals.net} x ${expected.vatRate}) = ${expected.totals.vat}).`,
    };
  }
  const invoicedBase = vatRow.quantity ?? formatMoney(input.invoiceNet);
  const invoicedRate = vatRow.unitPrice ?? expected.vatRate;
  const arithmetic = checkInvoiceArithmetic(invoicedBase, invoicedRate, vatRow.amount, how);
  const baseIsOwnNet = withinTolerance(toDecimal(invoicedBase), input.invoiceNet, how.tolerance);
  const rateDiffers = !toDecimal(invoicedRate).equals(toDecimal(expected.vatRate));
  const difference = decimalOf(vatRow.amount).minus(toDecimal(expected.totals.vat));
  const amountMatches = withinTolerance(decimalOf(vatRow.amount), toDecimal(expected.totals.vat), how.tolerance);
  const status = rateDiffers
    ? 'unitPriceDiffers'
    : !arithmetic.holds || !baseIsOwnNet
      ? 'amountDiffers'
      : amountMatches
        ? 'match'
        : 'differs';
  const said = `The invoice's VAT is ${vatRow.amount}; expected round2(${expected.totals.net} x ${expected.vatRate}) = ${expected.totals.vat}: ${signedMoney(difference)}.`;
  const reasons: string[] = [];
  if (rateDiffers) reasons.push(`Its rate is ${invoicedRate}, not ${expected.vatRate}.`);
  if (!baseIsOwnNet)
    reasons.push(`It is charged on ${invoicedBase}, not on the invoice's own net ${formatMoney(input.invoiceNet)}.`);
  if (!arithmetic.holds)
    reasons.push(
      `Its own arithmetic is wrong: round2(${invoicedBase} x ${invoicedRate}) = ${arithmetic.computed} (${signedMoney(arithmetic.difference)}).`,
    );
  if (status === 'differs')
    reasons.push(
      `It is right for the invoice's net ${formatMoney(input.invoiceNet)}; the difference follows from the lines.`,
    );
  return {
    name: 'vat',
    status,
    expected: expected.totals.vat,
    invoiced: vatRow.amount,
    invoicedBasis: 'statedOnInvoice',
    difference: formatMoney(difference),
    vat: { ...base, invoicedBase, invoicedRate },
    invoiceArithmetic: arithmetic,
    invoiceRow: vatRow.location,
    explanation:
      status === 'match' && difference.isZero()
        ? `Matches: round2(${invoicedBase} x ${invoicedRate}) = ${vatRow.amount}.`
        : [said, ...reasons].join(' '),
  };
}

/**
 * Gross: the `total` row (checked against the invoice's net plus its stated VAT), else the
 * invoice's net plus its stated VAT, against `expected net + expected VAT`.
 * @clause invoice totals [R] (decision 0002, docs/methodology.md): `gross = net + vat`
 */
export function compareGross(input: TotalsInput, how: LineComparison): ReconciliationTotal {
  const { expected, vatRow, totalRow } = input;
  const expectedGross = toDecimal(expected.totals.gross);
  if (totalRow === undefined && vatRow === undefined) {
    return {
      name: 'gross',
      status: 'notStated',
      expected: expected.totals.gross,
      invoicedBasis: 'notStated',
      explanation: `The invoice states neither VAT nor a total, so the gross is not compared (expected ${expected.totals.gross}).`,
    };
  }
  const netPlusVat = vatRow === undefined ? undefined : input.invoiceNet.plus(decimalOf(vatRow.amount));
  const invoiced = totalRow === undefined ? (netPlusVat as Dec) : decimalOf(totalRow.amount);
  const difference = invoiced.minus(expectedGross);
  const matches = withinTolerance(invoiced, expectedGross, how.tolerance);
  const arithmetic =
    totalRow === undefined || netPlusVat === undefined
      ? undefined
      : {
          computed: formatMoney(netPlusVat),
          difference: formatMoney(invoiced.minus(netPlusVat)),
          holds: withinTolerance(invoiced, netPlusVat, how.tolerance),
        };
  const status = arithmetic !== undefined && !arithmetic.holds ? 'amountDiffers' : matches ? 'match' : 'differs';
  const said =
    totalRow === undefined
      ? `The invoice's net plus its VAT is ${formatMoney(invoiced)}`
      : `The invoice's total is ${totalRow.amount}`;
  let explanation = `${said}; expected ${expected.totals.gross}: ${signedMoney(difference)}.`;
  if (status === 'match' && difference.isZero()) explanation = `${said}, as expected.`;
  if (status === 'amountDiffers' && arithmetic !== undefined) {
    explanation += ` Its own arithmetic is wrong: net ${formatMoney(input.invoiceNet)} + VAT ${vatRow?.amount ?? ''} = ${arithmetic.computed} (${signedMoney(arithmetic.difference)}).`;
  }
  if (totalRow !== undefined && vatRow === undefined)
    explanation += ' The invoice states no VAT, so its total cannot be checked against its own net.';
  return {
    name: 'gross',
    status,
    expected: expected.totals.gross,
    invoiced: formatMoney(invoiced),
    invoicedBasis: totalRow === undefined ? 'netPlusStatedVat' : 'statedOnInvoice',
    difference: formatMoney(difference),
    ...(arithmetic === undefined ? {} : { invoiceArithmetic: arithmetic }),
    ...(totalRow === undefined ? {} : { invoiceRow: totalRow.location }),
    explanation,
  };
}
