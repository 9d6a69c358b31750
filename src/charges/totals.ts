/**
 * Totals of a monthly charge (docs/methodology.md, billing): per charge kind, net as the sum of line
 * amounts, VAT rounded once at invoice level, gross as net plus VAT.
 */
import { InvariantError } from '../errors/invariant-error.js';
import { sumDecimals, ZERO, type Dec } from '../money/decimal.js';
import { formatMoney, roundToPence, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { CHARGE_KINDS, type ChargeKind, type ChargeLine, type ChargeTotals } from './charge-line.js';

/**
 * Totals of the lines: `net = sum(amounts)`, `vat = round2(net x vatRate)`, `gross = net + vat`.
 * The VAT is the only rounding point here (named `invoiceVat`). The lines are gone through once,
 * so they may be made one at a time (see `DeferredMonthlyCharges`).
 */
export function totalLines(
  lines: Iterable<Pick<ChargeLine, 'kind' | 'amount'>>,
  vatRate: string,
  rounding: RoundingMode,
): ChargeTotals {
  const byKind = Object.fromEntries(CHARGE_KINDS.map((kind) => [kind, ZERO])) as Record<ChargeKind, Dec>;
  let net = ZERO;
  for (const line of lines) {
    const amount = toDecimal(line.amount);
    byKind[line.kind] = byKind[line.kind].plus(amount);
    net = net.plus(amount);
  }
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
