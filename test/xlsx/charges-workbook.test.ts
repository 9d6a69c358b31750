import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  calculateMonthlyCharges,
  readChargingStatement,
  readInvoice,
  reconcileInvoice,
  type MonthlyCharges,
  type RoundingMode,
} from '../../src/index.js';
import { chargesWorkbookSheets, readWorkbookTable, writeWorkbook } from '../../src/xlsx.js';
import { parseElective } from '../../src/inputs/elective.js';
import { signedFormula } from '../../src/xlsx/exact-rounding.js';
import { recalculate } from '../support/formula-engine.js';
import { libreOfficeMissing, recalculateWithLibreOffice } from '../support/libreoffice.js';
import { titleWithSkip } from '../support/required-tools.js';

const statement = readChargingStatement(
  readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8'),
  'illustrative-2025-26.json',
);

function rows(path: string): unknown[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return Array.isArray(data) ? data : (data as { rows: unknown[] }).rows;
}

/** Every line amount and total of the recalculated workbook, as the engine computes them. */
function expectSameFigures(bytes: Uint8Array, charges: MonthlyCharges): void {
  const book = recalculate(bytes);
  expect(book.savedDiffer('Rounding')).toEqual([]);
  expect(book.savedDiffer('Charges')).toEqual([]);
  charges.lines.forEach((line, index) => {
    expect(book.value('Charges', `I${index + 2}`)).toBe(Number(line.amount));
    expect(book.value('Rounding', `L${index + 2}`)).toBe(Math.round(Number(line.amount) * 100));
  });
  const n = charges.lines.length;
  expect(book.value('Charges', `G${n + 2}`)).toBe(Number(charges.totals.net));
  expect(book.value('Charges', `I${n + 2}`)).toBe(Number(charges.totals.vat));
  expect(book.value('Charges', `I${n + 3}`)).toBe(Number(charges.totals.gross));
}

describe('charges workbook', () => {
  for (const example of ['network-operator', 'dual-fuel-supplier']) {
    it(`recalculates to the library's figures: ${example}`, () => {
      const usagePath = `fixtures/examples/${example}/usage.json`;
      const charges = calculateMonthlyCharges({
        statements: [statement],
        month: '2025-06',
        meters: rows(`fixtures/examples/${example}/meters.json`) as never,
        usage: rows(usagePath) as never,
      });
      expectSameFigures(writeWorkbook(chargesWorkbookSheets(charges, 'halfUp')), charges);
    });
  }

  it('recalculates to the library on random counts, rates and rounding modes, ties included', () => {
    const modes: RoundingMode[] = ['halfUp', 'halfEven', 'halfDown', 'up', 'down'];
    const rate = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 0, max: 10 }),
      )
      .map(([whole, fraction, places]) => {
        const digits = String(fraction).padStart(10, '0').slice(0, places);
        return places === 0 ? String(whole) : `${whole}.${digits}`;
      });
    // A tie: a rate of half a penny over an odd count, such as 0.005 x 1 or 0.125 x 3.
    const tieRate = fc.constantFrom('0.005', '0.015', '0.125', '0.0025', '0.0005');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000_000 }), fc.oneof(rate, tieRate)), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.constantFrom(...modes),
        fc.constantFrom('0.20', '0.05', '0.175', '0'),
        (lines, mode, vatRate) => {
          const custom = {
            ...statement,
            fixedCharges: statement.fixedCharges.filter((row) => row.chargingGroup !== 'importSupplier'),
          };
          const regions = ['north', 'central', 'south'] as const;
          const rates = lines.slice(0, 3).map(([, ratePerMeterMonth], index) => ({
            chargingGroup: 'importSupplier' as const,
            region: regions[index] as (typeof regions)[number],
            ratePerMeterMonth,
          }));
          const withRates = { ...custom, fixedCharges: [...custom.fixedCharges, ...rates] };
          const meters = lines.slice(0, 3).map(([count], index) => ({
            chargingGroup: 'importSupplier',
            region: regions[index],
            premises: 'domestic',
            enrolled: true,
            count,
          }));
          const charges = calculateMonthlyCharges({
            statements: [withRates as never],
            month: '2025-06',
            meters: meters as never,
            vatRate,
            rounding: mode,
          });
          expectSameFigures(writeWorkbook(chargesWorkbookSheets(charges, mode)), charges);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads back as an invoice that reconciles with every line a match; an edited amount changes that line only', () => {
    const charges = calculateMonthlyCharges({
      statements: [statement],
      month: '2025-06',
      meters: rows('fixtures/examples/network-operator/meters.json') as never,
      usage: rows('fixtures/examples/network-operator/usage.json') as never,
    });
    const sheets = chargesWorkbookSheets(charges, 'halfUp');
    const bytes = writeWorkbook(sheets);
    const invoice = readInvoice(readWorkbookTable(bytes, { source: 'charges.xlsx' }), { source: 'charges.xlsx' });
    const reconciled = reconcileInvoice({ invoice, expected: charges });
    expect(reconciled.lines.map((line) => line.status)).toEqual(charges.lines.map(() => 'match'));
    expect(reconciled.verdict).toBe('allMatch');

    // An amount typed over two lines' formulas, as in a spreadsheet program.
    const edited = sheets.map((sheet) =>
      sheet.name !== 'Charges'
        ? sheet
        : {
            ...sheet,
            rows: sheet.rows.map((row, index) =>
              index === 2 || index === 5
                ? row.map((cell, column) =>
                    column === 8
                      ? { value: Number(charges.lines[index - 1]!.amount) + 0.01, style: 'pence' as const }
                      : cell,
                  )
                : row,
            ),
          },
    );
    const editedInvoice = readInvoice(readWorkbookTable(writeWorkbook(edited), { source: 'edited.xlsx' }), {
      source: 'edited.xlsx',
    });
    const after = reconcileInvoice({ invoice: editedInvoice, expected: charges });
    expect(after.lines.map((line) => line.status)).toEqual(
      charges.lines.map((_, index) => (index === 1 || index === 4 ? 'amountDiffers' : 'match')),
    );
  });
});

/** A month with no meters and one credit: a negative net (or none) and its VAT. */
function credits(amounts: readonly string[], vatRate: string): MonthlyCharges {
  const elective = parseElective(
    amounts.map((amount, index) => ({ reference: `C${index + 1}`, description: `credit ${index + 1}`, amount })),
  );
  return calculateMonthlyCharges({ statements: [statement], month: '2025-06', meters: [], elective, vatRate });
}

/** The same sheets with every formula's saved value removed, so only a recalculation gives one. */
function withoutSavedValues(
  sheets: ReturnType<typeof chargesWorkbookSheets>,
): ReturnType<typeof chargesWorkbookSheets> {
  return sheets.map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) =>
      row.map((cell) =>
        cell?.formula === undefined
          ? cell
          : { formula: cell.formula, ...(cell.style === undefined ? {} : { style: cell.style }) },
      ),
    ),
  }));
}

// A negative net whose VAT rounds to nothing: -0.01 x 0.20 = -0.002, which is 0.00 (not -0.00);
// a net of nothing: 5.00 - 5.00 = 0.00, VAT 0.00.
const SIGN_CASES = [
  { name: 'a negative net whose VAT rounds to nothing', charges: () => credits(['-0.01'], '0.20'), net: -0.01 },
  { name: 'a net of nothing', charges: () => credits(['5.00', '-5.00'], '0.20'), net: 0 },
] as const;

describe('the signed VAT of a charges workbook', () => {
  it('is one formula shape, IF(net<0,0-x,x), never SIGN(net)*x', () => {
    expect(signedFormula('A1', 'B1')).toBe('IF(A1<0,0-B1,B1)');
    expect(signedFormula('SUM(M2:M3)', 'ROUND(X,0)+1')).toBe('IF(SUM(M2:M3)<0,0-(ROUND(X,0)+1),ROUND(X,0)+1)');
    const charges = credits(['-12.34'], '0.20');
    const vatRow = charges.lines.length + 2;
    const rounding = chargesWorkbookSheets(charges, 'halfUp').find((sheet) => sheet.name === 'Rounding')!;
    const formula = rounding.rows[vatRow - 1]![11]!.formula!;
    expect(formula).not.toContain('SIGN(');
    expect(formula.startsWith('IF(SUM(M2:M2)<0,0-(')).toBe(true);
    expect(charges.totals.vat).toBe('-2.47'); // -12.34 x 0.20 = -2.468
    expect(recalculate(writeWorkbook(chargesWorkbookSheets(charges, 'halfUp'))).value('Charges', `I${vatRow}`)).toBe(
      -2.47,
    );
  });

  it.each(SIGN_CASES.map((item) => [item.name, item] as const))(
    'gives a VAT of 0, not -0, recalculated by the formula engine: %s',
    (_, item) => {
      const charges = item.charges();
      expect(charges.totals.vat).toBe('0.00');
      const n = charges.lines.length;
      const book = recalculate(writeWorkbook(withoutSavedValues(chargesWorkbookSheets(charges, 'halfUp'))));
      expect(book.value('Charges', `G${n + 2}`)).toBe(item.net);
      expect(Object.is(book.value('Charges', `I${n + 2}`), 0)).toBe(true);
      expect(Object.is(book.value('Rounding', `L${n + 2}`), 0)).toBe(true);
    },
  );

  const noLibreOffice = libreOfficeMissing();
  describe.skipIf(noLibreOffice !== undefined)(titleWithSkip('recalculated by LibreOffice', noLibreOffice), () => {
    it('gives a VAT of 0, not -0, on a negative net whose VAT rounds to nothing and on a net of nothing', {
      timeout: 300_000,
    }, () => {
      const all = SIGN_CASES.map((item) => item.charges());
      const values = recalculateWithLibreOffice(
        all.map((charges) => writeWorkbook(withoutSavedValues(chargesWorkbookSheets(charges, 'halfUp')))),
      );
      all.forEach((charges, index) => {
        const n = charges.lines.length;
        const value = values[index]!;
        expect(value('Charges', `G${n + 2}`), SIGN_CASES[index]!.name).toBe(SIGN_CASES[index]!.net);
        expect(
          Object.is(value('Charges', `I${n + 2}`), 0),
          `${SIGN_CASES[index]!.name}: VAT ${String(value('Charges', `I${n + 2}`))}`,
        ).toBe(true);
        expect(Object.is(value('Rounding', `L${n + 2}`), 0), SIGN_CASES[index]!.name).toBe(true);
      });
    });
  });
});
