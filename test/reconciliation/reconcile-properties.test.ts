/**
 * Properties of reconcileInvoice over random charges: expected charges reconcile with
 * themselves as all `match`; perturbing one line changes exactly that line's status; and
 * the money at stake always adds up, with every invoice row shown once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateMonthlyCharges,
  reconcileInvoice,
  type InvoiceLineInput,
  type MonthlyCharges,
} from '../../src/index.js';
import { CHARGING_GROUPS, PREMISES_TYPES, REGIONS } from '../../src/vocabulary.js';
import { lineKeyText } from '../../src/render.js';
import { Dec } from '../../src/money/decimal.js';
import { invoiceLinesFromCharges } from '../../src/reconciliation/invoice-from-charges.js';
import { D, money, MONTH, STATEMENT } from './support.js';

const CODES = ['CH_RETURN_REDEPLOYED', 'CH_STOCK_LEVEL', 'GATEWAY_LOW_VOLUME', 'TEST_LAB_DAY', 'ALT_HAN_PREMISES'];

const meterRow = fc.record({
  chargingGroup: fc.constantFrom(...CHARGING_GROUPS),
  region: fc.constantFrom(...REGIONS),
  premises: fc.constantFrom(...PREMISES_TYPES),
  enrolled: fc.boolean(),
  count: fc.integer({ min: 1, max: 5_000_000 }),
});

const quantityText = fc.oneof(
  fc.integer({ min: 1, max: 500 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 9 }))
    .map(([whole, tenth]) => `${whole}.${tenth}`),
);

const amountText = fc
  .tuple(fc.integer({ min: -99_999, max: 999_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([pounds, pence]) => `${pounds}.${String(pence).padStart(2, '0')}`)
  .filter((text) => text !== '-0.00');

/** Random charges of one month under the illustrative statement. */
const charges: fc.Arbitrary<MonthlyCharges> = fc
  .record({
    meters: fc.uniqueArray(meterRow, {
      minLength: 1,
      maxLength: 12,
      selector: (row) => `${row.chargingGroup}|${row.region}|${row.premises}|${row.enrolled}`,
    }),
    usage: fc.uniqueArray(fc.record({ code: fc.constantFrom(...CODES), quantity: quantityText }), {
      maxLength: 4,
      selector: (row) => row.code,
    }),
    elective: fc.uniqueArray(
      fc.record({
        reference: fc.stringMatching(/^EA-[0-9]{1,4}$/),
        description: fc.constant('agreed service'),
        amount: amountText,
      }),
      { maxLength: 3, selector: (row) => row.reference },
    ),
    vatRate: fc.constantFrom('0.20', '0.05', '0', '0.175'),
    rounding: fc.constantFrom('halfUp' as const, 'halfEven' as const, 'down' as const),
  })
  .map((input) => calculateMonthlyCharges({ statements: [STATEMENT as never], month: MONTH, ...input }))
  .filter((result) => result.lines.length > 0);

type Perturbation = 'quantity' | 'unitPrice' | 'amount' | 'remove';

const EXPECTED_STATUS: Record<Perturbation, string> = {
  quantity: 'quantityDiffers',
  unitPrice: 'unitPriceDiffers',
  amount: 'amountDiffers',
  remove: 'missingFromInvoice',
};

/** Changes one row; quantity and price changes keep the invoice's arithmetic right. */
function perturb(
  row: InvoiceLineInput,
  how: Perturbation,
  step: number,
  rounding: string,
): InvoiceLineInput | undefined {
  const mode = rounding === 'halfEven' ? Dec.ROUND_HALF_EVEN : rounding === 'down' ? Dec.ROUND_DOWN : Dec.ROUND_HALF_UP;
  const amountOf = (quantity: Dec, price: Dec) => quantity.times(price).toDecimalPlaces(2, mode).toFixed(2);
  const quantity = D(String(row.quantity));
  const price = D(row.unitPrice ?? '0');
  switch (how) {
    case 'quantity': {
      const changed = quantity.plus(step);
      return { ...row, quantity: changed.toFixed(), amount: amountOf(changed, price) };
    }
    case 'unitPrice': {
      const changed = price.plus(D(step).times('0.0001'));
      return { ...row, unitPrice: changed.toFixed(), amount: amountOf(quantity, changed) };
    }
    case 'amount':
      return { ...row, amount: D(row.amount).plus(D(step).times('0.01')).toFixed(2) };
    case 'remove':
      return undefined;
  }
}

describe('reconcileInvoice properties', () => {
  it('expected charges reconcile with themselves as all match, with or without the totals rows', () => {
    fc.assert(
      fc.property(charges, fc.boolean(), (expected, totals) => {
        const result = reconcileInvoice({ invoice: invoiceLinesFromCharges(expected, { totals }), expected });
        expect(result.verdict).toBe('allMatch');
        expect(result.lines.map((line) => line.status)).toEqual(expected.lines.map(() => 'match'));
        expect(result.moneyAtStake.sumOfAbsoluteDifferences).toBe('0.00');
        expect(result.totals.vat.status).toBe(totals ? 'match' : 'notStated');
      }),
      { numRuns: 150 },
    );
  });

  it('perturbing one line changes exactly that line status', () => {
    fc.assert(
      fc.property(
        charges,
        fc.nat(),
        fc.constantFrom<Perturbation>('quantity', 'unitPrice', 'amount', 'remove'),
        fc.integer({ min: 1, max: 1000 }),
        (expected, pick, how, step) => {
          const rows = invoiceLinesFromCharges(expected);
          const index = pick % expected.lines.length;
          const target = rows[index] as InvoiceLineInput;
          const rounding = expected.lines[0]?.explanation.rounding.mode ?? 'halfUp';
          const changed = perturb(target, how, step, rounding);
          const invoice = rows.flatMap((row, at) => (at !== index ? [row] : changed === undefined ? [] : [changed]));
          const result = reconcileInvoice({ invoice, expected });
          const targetKey = lineKeyText({ ...target, month: MONTH } as never);
          for (const line of result.lines) {
            expect(line.status).toBe(lineKeyText(line.key) === targetKey ? EXPECTED_STATUS[how] : 'match');
          }
          expect(result.verdict).toBe('differencesFound');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the order of the invoice rows changes nothing but where each row is', () => {
    fc.assert(
      fc.property(charges, fc.nat(), fc.nat(), fc.boolean(), (expected, seed, drop, extra) => {
        const rows = invoiceLinesFromCharges(expected, { totals: false });
        const kept = rows.filter((_, at) => at !== drop % (rows.length + 1));
        const added: InvoiceLineInput[] = extra
          ? [
              {
                month: MONTH,
                kind: 'elective',
                code: 'EA-NOT-EXPECTED',
                quantity: '1',
                unitPrice: '5.00',
                amount: '5.00',
              },
            ]
          : [];
        // A shuffle that keeps the added row's place among the unexpected rows (the only one).
        const shuffled = [...kept, ...added]
          .map((row, at) => ({ row, order: ((at + 1) * 7919 + seed) % 104_729 }))
          .sort((a, b) => a.order - b.order)
          .map(({ row }) => row);
        const withoutPlaces = (invoice: readonly InvoiceLineInput[]) =>
          reconcileInvoice({ invoice, expected }).lines.map(({ invoiced, explanation, ...line }) => ({
            ...line,
            invoiced: invoiced === undefined ? undefined : { ...invoiced, location: undefined },
            explanation: explanation.replace(/\(at \[\d+\]\)/, '(at [n])'),
          }));
        expect(withoutPlaces(shuffled)).toEqual(withoutPlaces([...kept, ...added]));
      }),
      { numRuns: 150 },
    );
  });

  it('an added line of a new key is the only unexpectedOnInvoice line', () => {
    fc.assert(
      fc.property(charges, fc.integer({ min: 1, max: 20 }), (expected, quantity) => {
        const extra: InvoiceLineInput = {
          month: MONTH,
          kind: 'explicit',
          code: 'NOT_IN_THE_STATEMENT',
          quantity: String(quantity),
          unitPrice: '2.50',
          amount: money(D(quantity).times('2.50')),
        };
        const result = reconcileInvoice({
          invoice: [...invoiceLinesFromCharges(expected, { totals: false }), extra],
          expected,
        });
        expect(result.lines.filter((line) => line.status !== 'match').map((line) => [line.key, line.status])).toEqual([
          [{ month: MONTH, kind: 'explicit', code: 'NOT_IN_THE_STATEMENT' }, 'unexpectedOnInvoice'],
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it('an amount difference within the tolerance is a match, beyond it amountDiffers', () => {
    fc.assert(
      fc.property(
        charges,
        fc.nat(),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (expected, pick, pence, tolerancePence) => {
          const rows = invoiceLinesFromCharges(expected, { totals: false });
          const index = pick % rows.length;
          const target = rows[index] as InvoiceLineInput;
          const invoice = rows.map((row, at) =>
            at === index ? { ...row, amount: D(row.amount).plus(D(pence).times('0.01')).toFixed(2) } : row,
          );
          const tolerance = D(tolerancePence).times('0.01').toFixed(2);
          const result = reconcileInvoice({ invoice, expected, tolerance });
          const line = result.lines.find(
            (candidate) => lineKeyText(candidate.key) === lineKeyText({ ...target, month: MONTH } as never),
          );
          expect(line?.status).toBe(pence <= tolerancePence ? 'match' : 'amountDiffers');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('money at stake adds up and every invoice row appears once, whatever the changes', () => {
    fc.assert(
      fc.property(
        charges,
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom<Perturbation>('quantity', 'unitPrice', 'amount', 'remove'),
            fc.integer({ min: 1, max: 99 }),
          ),
          { maxLength: 6 },
        ),
        fc.boolean(),
        (expected, changes, totals) => {
          const rows: (InvoiceLineInput | undefined)[] = invoiceLinesFromCharges(expected, { totals: false });
          const rounding = expected.lines[0]?.explanation.rounding.mode ?? 'halfUp';
          for (const [pick, how, step] of changes) {
            const index = pick % rows.length;
            const row = rows[index];
            if (row !== undefined) rows[index] = perturb(row, how, step, rounding);
          }
          const invoice = rows.filter((row): row is InvoiceLineInput => row !== undefined);
          const all = totals
            ? [...invoice, { month: MONTH, kind: 'total' as const, amount: expected.totals.gross }]
            : invoice;
          if (all.length === 0) return;
          const result = reconcileInvoice({ invoice: all, expected });
          const shown =
            result.lines.filter((line) => line.invoiced !== undefined).length +
            (result.totals.gross.invoiceRow === undefined ? 0 : 1);
          expect(shown).toBe(all.length);
          const differences = result.lines.map((line) => D(line.difference.amount));
          const net = differences.reduce((sum, value) => sum.plus(value), D(0));
          const absolute = differences.reduce((sum, value) => sum.plus(value.abs()), D(0));
          expect(result.moneyAtStake.netDifference).toBe(net.toFixed(2));
          expect(result.moneyAtStake.sumOfAbsoluteDifferences).toBe(absolute.toFixed(2));
          expect(D(result.moneyAtStake.overcharged).minus(result.moneyAtStake.undercharged).toFixed(2)).toBe(
            net.toFixed(2),
          );
          const invoiceNet = invoice.reduce((sum, row) => sum.plus(row.amount), D(0));
          expect(result.totals.net.invoiced).toBe(invoiceNet.toFixed(2));
          expect(result.verdict === 'allMatch').toBe(
            result.lines.every((line) => line.status === 'match') &&
              ['match', 'notStated'].includes(result.totals.net.status) &&
              ['match', 'notStated'].includes(result.totals.gross.status),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
