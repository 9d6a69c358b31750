/**
 * Explicit Charges (K7) [V]: price x quantity for each Explicit Charging Metric used.
 * Repeated usage rows of one code are summed into one line.
 */
import { InputError, type InputIssue } from '../errors/input-error.js';
import { Dec, ZERO } from '../money/decimal.js';
import { formatMoney, formatPlain, roundToPence, type RoundingMode } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import type { UsageRow } from '../inputs/usage.js';
import type { ElectiveRow } from '../inputs/elective.js';
import type { ChargeLine } from './charge-line.js';

/** Sums usage by code, keeping the order in which codes first appear. */
export function sumUsageByCode(usage: readonly UsageRow[]): Map<string, { quantity: Dec; rows: number }> {
  const totals = new Map<string, { quantity: Dec; rows: number }>();
  for (const row of usage) {
    const entry = totals.get(row.code) ?? { quantity: ZERO, rows: 0 };
    totals.set(row.code, { quantity: entry.quantity.plus(toDecimal(row.quantity)), rows: entry.rows + 1 });
  }
  return totals;
}

/**
 * One line per code used, in the statement's catalogue order:
 * `amount = round2(quantity x unitPrice)`.
 * @clause K7
 * @param source - the usage file's name, for messages.
 * @throws InputError naming every code the statement does not price, with the known codes.
 */
export function explicitLines(
  statement: ChargingStatement,
  usage: readonly UsageRow[],
  rounding: RoundingMode,
  source = 'usage',
): ChargeLine[] {
  const totals = sumUsageByCode(usage);
  const known = new Set(statement.explicitCharges.map((row) => row.code));
  const issues: InputIssue[] = [];
  for (const code of totals.keys()) {
    if (!known.has(code)) {
      issues.push({
        source,
        field: 'code',
        code: 'unknownExplicitCode',
        expected: `an Explicit Charging Metric of statement "${statement.id}": ${[...known].join(', ') || '(it prices none)'}`,
        received: JSON.stringify(code),
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const lines: ChargeLine[] = [];
  statement.explicitCharges.forEach((charge, index) => {
    const used = totals.get(charge.code);
    if (used === undefined) return;
    const unrounded = used.quantity.times(toDecimal(charge.unitPrice));
    lines.push({
      kind: 'explicit',
      code: charge.code,
      description: `${charge.description} (${charge.unit})`,
      quantity: formatPlain(used.quantity),
      unitPrice: charge.unitPrice,
      amount: formatMoney(roundToPence(unrounded, rounding)),
      clause: 'K7',
      explanation: {
        formula: 'amount = round2(quantity x unitPrice)',
        inputs: {
          quantity: formatPlain(used.quantity),
          unitPrice: charge.unitPrice,
          usageRowsSummed: String(used.rows),
        },
        priceSource: { document: statement.id, list: 'explicitCharges', index },
        rounding: { point: 'lineAmount', unrounded: formatPlain(unrounded), places: 2, mode: rounding },
      },
    });
  });
  return lines;
}

/** A non-negative amount written with two decimal places as {@link formatMoney} writes it. */
const WRITTEN_AS_MONEY = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;

/**
 * The amount of an elective line: the agreed amount, rounded to pence. An amount already written
 * as money (two places, most agreements) is its own rounding, and is kept as written.
 */
export function electiveAmount(row: ElectiveRow, rounding: RoundingMode): string {
  return WRITTEN_AS_MONEY.test(row.amount) ? row.amount : formatMoney(roundToPence(new Dec(row.amount), rounding));
}

/**
 * The line of one elective charge, as supplied: quantity 1, unit price and amount the agreed
 * amount; `index` is the row's place in the elective input.
 * @clause K8
 */
export function electiveLine(row: ElectiveRow, index: number, rounding: RoundingMode): ChargeLine {
  return {
    kind: 'elective',
    code: row.reference,
    description: row.description,
    quantity: '1',
    unitPrice: row.amount,
    amount: electiveAmount(row, rounding),
    clause: 'K8',
    explanation: {
      formula: 'amount = agreed amount (bilateral agreement)',
      inputs: { reference: row.reference, amount: row.amount },
      priceSource: { document: 'elective input', list: 'elective', index },
      rounding: { point: 'lineAmount', unrounded: plainAmount(row.amount), places: 2, mode: rounding },
    },
  };
}

/**
 * An agreed amount as {@link formatPlain} writes it (no trailing zeros). An amount written as
 * money loses its trailing zeros by its digits alone ("5.10" is "5.1", "5.00" is "5"), without
 * decimal arithmetic; any other is read and written.
 */
function plainAmount(amount: string): string {
  if (!WRITTEN_AS_MONEY.test(amount)) return formatPlain(new Dec(amount));
  if (amount.endsWith('00')) return amount.slice(0, -3);
  return amount.endsWith('0') ? amount.slice(0, -1) : amount;
}
