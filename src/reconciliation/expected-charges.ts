/**
 * The expected side of a reconciliation is a {@link MonthlyCharges} result. It may come from
 * {@link calculateMonthlyCharges} or from a saved JSON file, so it is checked before use:
 * its shape, one line per key, each amount its quantity times its unit price rounded, and
 * totals that are the sum of the lines.
 */
import * as z from 'zod';
import { CHARGE_KINDS, type MonthlyCharges } from '../charges/charge-line.js';
import { InputError, type InputIssue } from '../errors/input-error.js';
import { sumDecimals } from '../money/decimal.js';
import { toDecimal } from '../money/plain-decimal.js';
import {
  DEFAULT_ROUNDING_MODE,
  formatMoney,
  ROUNDING_MODES,
  roundToPence,
  type RoundingMode,
} from '../money/rounding.js';
import { issuesFromZod } from '../schema/issues.js';
import { amountField, monthField, signedDecimalField, vatRateField } from '../schema/fields.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import { lineKeyId, lineKeyText } from './invoice-line.js';
import { computedRounding } from '../charges/computed-charges.js';

const expectedLineSchema = z.looseObject({
  kind: z.enum(CHARGE_KINDS),
  chargingGroup: z.enum(CHARGING_GROUPS).optional(),
  region: z.enum(RATE_REGIONS).optional(),
  code: z.string().min(1).optional(),
  description: z.string(),
  quantity: signedDecimalField,
  unitPrice: signedDecimalField,
  amount: amountField,
  clause: z.string(),
  explanation: z
    .looseObject({
      formula: z.string().optional(),
      rounding: z.looseObject({ mode: z.enum(ROUNDING_MODES).optional() }).optional(),
    })
    .optional(),
});

const expectedSchema = z.looseObject({
  month: monthField,
  statement: z.looseObject({
    id: z.string(),
    title: z.string(),
    illustrative: z.boolean(),
    provenanceNote: z.string().optional(),
  }),
  lines: z.array(expectedLineSchema),
  totals: z.looseObject({ net: amountField, vat: amountField, gross: amountField }),
  vatRate: vatRateField,
});

const SOURCE = 'expected charges';

/**
 * Checks expected charges and returns the rounding mode their amounts were computed with.
 * @throws InputError when the charges are malformed or do not add up.
 */
export function checkExpectedCharges(expected: MonthlyCharges): RoundingMode {
  // Charges computed by calculateMonthlyCharges hold by construction and are frozen.
  const computed = computedRounding(expected);
  if (computed !== undefined) return computed;
  const parsed = expectedSchema.safeParse(expected);
  if (!parsed.success) throw new InputError(issuesFromZod(parsed.error, expected, { source: SOURCE }));
  const issues: InputIssue[] = [];
  const modes = new Set(expected.lines.map((line) => line.explanation?.rounding?.mode ?? DEFAULT_ROUNDING_MODE));
  if (modes.size > 1) {
    issues.push({
      source: SOURCE,
      path: ['lines'],
      code: 'mixedRounding',
      expected: 'one rounding mode for every line',
      received: [...modes].join(', '),
    });
  }
  const rounding = [...modes][0] ?? DEFAULT_ROUNDING_MODE;
  const seen = new Set<string>();
  expected.lines.forEach((line, index) => {
    const key = lineKeyId(expected.month, line);
    if (seen.has(key)) {
      issues.push({
        source: SOURCE,
        path: ['lines', index],
        code: 'duplicateKey',
        expected: 'one expected line per key',
        received: lineKeyText({ ...line, month: expected.month }),
      });
    }
    seen.add(key);
    const computed = roundToPence(toDecimal(line.quantity).times(toDecimal(line.unitPrice)), rounding);
    if (!computed.equals(toDecimal(line.amount))) {
      issues.push({
        source: SOURCE,
        path: ['lines', index, 'amount'],
        code: 'inconsistentAmount',
        expected: `round2(${line.quantity} x ${line.unitPrice}) = ${formatMoney(computed)}`,
        received: JSON.stringify(line.amount),
      });
    }
  });
  const net = sumDecimals(expected.lines.map((line) => toDecimal(line.amount)));
  if (!net.equals(toDecimal(expected.totals.net))) {
    issues.push({
      source: SOURCE,
      path: ['totals', 'net'],
      code: 'inconsistentTotal',
      expected: `the sum of the line amounts, ${formatMoney(net)}`,
      received: JSON.stringify(expected.totals.net),
    });
  }
  const gross = toDecimal(expected.totals.net).plus(toDecimal(expected.totals.vat));
  if (!gross.equals(toDecimal(expected.totals.gross))) {
    issues.push({
      source: SOURCE,
      path: ['totals', 'gross'],
      code: 'inconsistentTotal',
      expected: `net + vat = ${formatMoney(gross)}`,
      received: JSON.stringify(expected.totals.gross),
    });
  }
  const vat = roundToPence(toDecimal(expected.totals.net).times(toDecimal(expected.vatRate)), rounding);
  if (!vat.equals(toDecimal(expected.totals.vat))) {
    issues.push({
      source: SOURCE,
      path: ['totals', 'vat'],
      code: 'inconsistentTotal',
      expected: `round2(net x ${expected.vatRate}) = ${formatMoney(vat)}`,
      received: JSON.stringify(expected.totals.vat),
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return rounding;
}
