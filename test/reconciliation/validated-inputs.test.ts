/**
 * Inputs validated once are not validated again, and give the same results as inputs checked
 * in full: an invoice read by readInvoice, charges computed by calculateMonthlyCharges (both
 * frozen), and a meter table from validateMeterTable reused over twelve months. The quick
 * paths (rows whose figures equal the expected ones, differences of zero) are compared with the
 * full comparison of the same rows given as plain copies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, readInvoice, reconcileInvoice, type MeterCountRowInput } from '../../src/index.js';
import { validateMeterTable } from '../../src/inputs/meter-counts.js';
import type { InputError } from '../../src/errors/input-error.js';
import { invoiceOf, MONTH, STATEMENT } from './support.js';

const COLUMNS = [
  'month',
  'kind',
  'chargingGroup',
  'region',
  'code',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'clause',
] as const;
const toCsv = (rows: readonly Record<string, unknown>[]) =>
  `${COLUMNS.join(',')}\n${rows
    .map((row) =>
      COLUMNS.map((name) => {
        const text = row[name] === undefined ? '' : String(row[name]);
        return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      }).join(','),
    )
    .join('\n')}\n`;

function expectedWith(electiveCount: number) {
  return calculateMonthlyCharges({
    statements: [STATEMENT as never],
    month: MONTH,
    meters: [
      { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 },
      { chargingGroup: 'g3', region: 'south', premises: 'domestic', enrolled: true, count: 700 },
    ],
    usage: [{ code: 'TEST_LAB_DAY', quantity: '2.5' }],
    elective: Array.from({ length: electiveCount }, (_, index) => ({
      reference: `EA-${index}`,
      description: `Service ${index}`,
      amount: `${index + 1}.${String(index % 100).padStart(2, '0')}`,
    })),
  });
}

describe('a read invoice and computed charges', () => {
  it('reconcile as the same rows given as plain copies, whatever rows differ', () => {
    const expected = expectedWith(40);
    const rows = invoiceOf(expected);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat(rows.length - 3),
            field: fc.constantFrom('quantity', 'unitPrice', 'amount', 'drop', 'quantityFormat'),
            by: fc.integer({ min: 1, max: 99 }),
          }),
          { maxLength: 5 },
        ),
        (changes) => {
          const changed = rows.map((row) => ({ ...row }) as Record<string, unknown>);
          const dropped = new Set<number>();
          for (const { at, field, by } of changes) {
            const row = changed[at] as Record<string, string>;
            if (field === 'drop') dropped.add(at);
            // The same quantity written otherwise: equal, but not the same text.
            else if (field === 'quantityFormat')
              row['quantity'] = `${row['quantity']}${String(row['quantity']).includes('.') ? '0' : '.0'}`;
            else row[field] = (Number(row[field]) + by / 100).toFixed(2);
          }
          const kept = changed.filter((_, index) => !dropped.has(index));
          const read = readInvoice(toCsv(kept), { source: 'invoice.csv' });
          let quick: unknown;
          try {
            quick = reconcileInvoice({ invoice: read, expected, tolerance: '0.01' });
          } catch (error) {
            quick = (error as InputError).issues;
          }
          let full: unknown;
          try {
            full = reconcileInvoice({
              invoice: {
                source: read.source,
                illustrative: read.illustrative,
                lines: read.lines.map((line) => ({ ...line })),
              } as never,
              expected: JSON.parse(JSON.stringify(expected)) as typeof expected,
              tolerance: '0.01',
            });
          } catch (error) {
            full = (error as InputError).issues;
          }
          expect(quick).toEqual(full);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('are frozen, so that they cannot change after the check', () => {
    const expected = expectedWith(2);
    const invoice = readInvoice(toCsv(invoiceOf(expected)), { source: 'invoice.csv' });
    expect(
      Object.isFrozen(expected) &&
        Object.isFrozen(expected.lines) &&
        expected.lines.every(Object.isFrozen) &&
        Object.isFrozen(expected.totals),
    ).toBe(true);
    expect(Object.isFrozen(invoice) && Object.isFrozen(invoice.lines) && invoice.lines.every(Object.isFrozen)).toBe(
      true,
    );
  });
});

describe('a meter table validated once', () => {
  const rows: MeterCountRowInput[] = [
    { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1200 },
    { chargingGroup: 'g1', region: 'north', premises: 'nonDomestic', enrolled: false, count: 35 },
    { chargingGroup: 'g3', region: 'south', premises: 'domestic', enrolled: true, count: 1100 },
  ];
  const months = [
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
  ];

  it('gives every month the charges the raw rows give, and is frozen', () => {
    const meters = validateMeterTable(rows);
    expect(Object.isFrozen(meters) && meters.every(Object.isFrozen)).toBe(true);
    for (const month of months) {
      expect(calculateMonthlyCharges({ statements: [STATEMENT as never], month, meters })).toEqual(
        calculateMonthlyCharges({ statements: [STATEMENT as never], month, meters: rows }),
      );
    }
  });

  it('refuses what calculateMonthlyCharges refuses, with the same issues', () => {
    const bad = [...rows, { ...rows[0], count: -4 }, rows[1]];
    const issuesOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as InputError).issues;
      }
      throw new Error('not refused');
    };
    expect(issuesOf(() => validateMeterTable(bad, 'meters'))).toEqual(
      issuesOf(() => calculateMonthlyCharges({ statements: [STATEMENT as never], month: MONTH, meters: bad as never })),
    );
  });
});
