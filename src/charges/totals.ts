/**
 * Totals of a monthly charge (docs/methodology.md, billing): per charge kind, net as the sum of line
 * amounts, VAT rounded once at invoice level, gross as net plus VAT.
 */
import { InvariantError } from '../errors/invariant-error.js';
import { sumDecimals, type Dec } from '../money/decimal.js';
import { formatMoney, roundToPence, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { CHARGE_KINDS, type ChargeKind, type ChargeLine, type ChargeTotals } from './charge-line.js';

/**
 * Totals of the lines: `net = sum(amounts)`, `vat = round2(net x vatRate)`, `gross = net + vat`.
 * The VAT is the only rounding point here (named `invoiceVat`).
 */
export function totalLines(lines: readonly ChargeLine[], vatRate: string, rounding: RoundingMode): ChargeTotals {
  const byKind = {} as Record<ChargeKind, Dec>;
  for (const kind of CHARGE_KINDS) {
    byKind[kind] = sumDecimals(lines.filter((line) => line.kind === kind).map((line) => toDecimal(line.amount)));
  }
  const net = sumDecimals(lines.map((line) => toDecimal(line.amount)));
  const byKindSum = sumDecimals(CHARGE_KINDS.map((kind) => byKind[kind]));
  if (!net.equals(byKindSum)) {
    throw new InvariantError(
      'totalsDoNotAddUp',
      `net ${net.toFixed()} differs from the sum of kinds ${byKindSum.toFixed()}`,
    );
  }
  const vat = roundToPence(net.times(toDecimal(vatRate)), rounding);
  return {
    fixed: formatMoney(byKind.fixed),
    fixedCh: formatMoney(byKind.fixedCh),
    fixedAltHan: formatMoney(byKind.fixedAltHan),
    explicit: formatMoney(byKind.explicit),
    elective: formatMoney(byKind.elective),
    net: formatMoney(net),
    vat: formatMoney(vat),
    gross: formatMoney(net.plus(vat)),
  };
}
