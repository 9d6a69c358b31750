import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMeterCounts } from '../../src/inputs/meter-counts.js';
import { parseChargingStatement } from '../../src/statement/parse-statement.js';
import { monthsOfRegulatoryYear } from '../../src/vocabulary/months.js';
import { writeWorkbook } from '../../src/xlsx.js';
import { lineKey, meterKey, workingModelSheets, type WorkingModel } from '../../src/xlsx/working-model.js';
import { recalculate } from '../support/formula-engine.js';
import {
  EXAMPLES,
  expectLibraryFigures,
  libraryCharges,
  modelInput,
  randomModel,
  revisedYear,
} from '../support/working-model.js';

/** Recalculates the workbook in HyperFormula; the saved values must be what it recalculates. */
function recalculated(model: WorkingModel) {
  const book = recalculate(writeWorkbook(model.sheets));
  for (const sheet of model.sheets) expect(book.savedDiffer(sheet.name), sheet.name).toEqual([]);
  return book;
}

describe('the working model, recalculated by an independent formula engine', () => {
  for (const item of EXAMPLES) {
    it(`gives the library's figures on every line and total: ${item.name}`, () => {
      const model = workingModelSheets(modelInput(item, [item.month]));
      const expected = [libraryCharges(item, item.month)];
      expect(expected[0]!.lines.length).toBeGreaterThan(0);
      expectLibraryFigures(recalculated(model).value, model, expected);
    });
  }

  it('changes its totals as the library does when a count, a usage quantity or the VAT rate is edited', () => {
    const item = EXAMPLES[0]!;
    const model = workingModelSheets(modelInput(item, [item.month]));
    const book = recalculated(model);
    const { layout } = model;
    // 1,000 more enrolled domestic Import Supplier meters in the north, usage of one code doubled, VAT at 5%.
    const key = meterKey('importSupplier', 'north', 'domestic', true);
    const before = item.meters.find(
      (row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key,
    )!;
    book.setValue('Inputs', `${layout.meterCountColumns[0]}${layout.meterRows.get(key)}`, before.count + 1000);
    book.setValue('Inputs', `${layout.usageColumns[0]}${layout.usageRows.get('CH_RETURN_SINGLE_BAND')}`, 24);
    book.setValue('Inputs', layout.vatRateCell, 0.05);
    const edited = {
      ...item,
      meters: item.meters.map((row) => (row === before ? { ...row, count: before.count + 1000 } : row)),
      usage: [
        ...item.usage.filter((row) => row.code !== 'CH_RETURN_SINGLE_BAND'),
        { code: 'CH_RETURN_SINGLE_BAND', quantity: '24' },
      ],
    };
    const after = libraryCharges(edited, item.month, { vatRate: '0.05' });
    expect(after.totals.net).not.toBe(libraryCharges(item, item.month).totals.net);
    expectLibraryFigures(book.value, model, [after]);
  });

  it('charges a meter typed into an empty count cell (a line the library did not charge before)', () => {
    const item = EXAMPLES[1]!;
    const model = workingModelSheets(modelInput(item, [item.month]));
    const book = recalculated(model);
    const key = meterKey('gasSupplier', 'south', 'nonDomestic', false);
    expect(item.meters.some((row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key)).toBe(
      false,
    );
    book.setValue('Inputs', `${model.layout.meterCountColumns[0]}${model.layout.meterRows.get(key)}`, 7);
    const after = libraryCharges(
      {
        ...item,
        meters: [
          ...item.meters,
          { chargingGroup: 'gasSupplier', region: 'south', premises: 'nonDomestic', enrolled: false, count: 7 },
        ],
      },
      item.month,
    );
    expectLibraryFigures(book.value, model, [after]);
  });

  it('shows meters typed for a Charging Group the statement does not price on its check row, charged by no line', () => {
    const item = EXAMPLES[2]!; // the reported 2026/27 statement prices g1 and g3 only
    const model = workingModelSheets(modelInput(item, [item.month]));
    const book = recalculated(model);
    const { layout } = model;
    const checkCell = `${layout.monthColumns[0]!.quantity}${layout.checkRow}`;
    expect(book.value('Charges', checkCell)).toBe(0);
    book.setValue(
      'Inputs',
      `${layout.meterCountColumns[0]}${layout.meterRows.get(meterKey('exportSupplier', 'north', 'domestic', true))}`,
      40,
    );
    book.setValue(
      'Inputs',
      `${layout.meterCountColumns[0]}${layout.meterRows.get(meterKey('gasTransporter', 'south', 'nonDomestic', false))}`,
      2,
    );
    expect(book.value('Charges', checkCell)).toBe(42); // 40 + 2
    expectLibraryFigures(book.value, model, [libraryCharges(item, item.month)]);
  });
});

describe('the working model of a Regulatory Year', () => {
  it('uses the statement in force in each month and gives each month and the year as the library does', () => {
    const item = EXAMPLES[0]!;
    const statements = revisedYear();
    // Counts that change in August (rows with a month) on top of counts for every month.
    const meters = parseMeterCounts([
      ...item.meters
        .filter((row) => !(row.chargingGroup === 'gasSupplier' && row.region === 'central'))
        .map((row) => ({ ...row })),
      ...monthsOfRegulatoryYear('2025/26').flatMap((month, index) => [
        {
          month,
          chargingGroup: 'gasSupplier',
          region: 'central',
          premises: 'domestic',
          enrolled: true,
          count: 50_000 + 1_000 * index,
        },
        {
          month,
          chargingGroup: 'gasSupplier',
          region: 'central',
          premises: 'domestic',
          enrolled: false,
          count: 9_001 + 13 * index,
        },
      ]),
    ]);
    const data = { ...item, statements, meters };
    const months = monthsOfRegulatoryYear('2025/26');
    const model = workingModelSheets(modelInput(data, months, { year: '2025/26' }));
    const expected = months.map((month) => libraryCharges(data, month));
    expect(new Set(expected.map((charges) => charges.statement.id))).toEqual(
      new Set(['illustrative-2025-26-h1', 'illustrative-2025-26-h2']),
    );
    expect(model.layout.annualColumn).toBeDefined();
    expectLibraryFigures(recalculated(model).value, model, expected);
  });

  it('refuses a year with a month no statement is in force for, naming the months', () => {
    const item = EXAMPLES[0]!;
    const [first] = revisedYear();
    const months = monthsOfRegulatoryYear('2025/26');
    expect(() =>
      workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' })),
    ).toThrow(/noStatementInForce|covered by a Charging Statement/);
    try {
      workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' }));
    } catch (error) {
      const issues = (error as { issues: { code: string; received?: string }[] }).issues;
      expect(issues.map((issue) => issue.received)).toEqual([
        '"2025-10"',
        '"2025-11"',
        '"2025-12"',
        '"2026-01"',
        '"2026-02"',
        '"2026-03"',
      ]);
      expect(new Set(issues.map((issue) => issue.code))).toEqual(new Set(['noStatementInForce']));
    }
  });
});

describe('the working model on random inputs', () => {
  it('recalculates to the library on random counts up to 10^9, rates up to 10 decimal places, every rounding mode, ties included', () => {
    fc.assert(
      fc.property(randomModel, ({ data, rounding, vatRate }) => {
        const model = workingModelSheets(modelInput(data, ['2025-06'], { rounding, vatRate }));
        expectLibraryFigures(recalculated(model).value, model, [
          libraryCharges(data, '2025-06', { rounding, vatRate }),
        ]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the Rates sheet and the cells no formula can keep exact', () => {
  it('lists every rate and explicit price of each statement given, with its months in force, clause and source', () => {
    const item = EXAMPLES[0]!;
    const statements = [...revisedYear(), EXAMPLES[2]!.statements[0]!];
    const model = workingModelSheets(modelInput({ ...item, statements }, ['2025-06']));
    const rates = model.sheets.find((sheet) => sheet.name === 'Rates')!;
    const cellText = (cell: { value?: unknown } | undefined) =>
      cell?.value === undefined ? undefined : String(cell.value);
    const listed = rates.rows.slice(1).map((row) => row.map(cellText));
    for (const statement of statements) {
      const expected = [
        ...(['fixedCharges', 'fixedChCharges', 'fixedAltHanCharges'] as const).flatMap((list) =>
          statement[list].map((rate) => [rate.chargingGroup, rate.region, String(Number(rate.ratePerMeterMonth))]),
        ),
        ...statement.explicitCharges.map((charge) => [charge.code, String(Number(charge.unitPrice))]),
      ];
      const own = listed.filter((row) => row[0] === statement.id && row[8] !== undefined);
      expect(own).toHaveLength(expected.length);
      for (const row of own) {
        expect(row[1]).toBe(`${statement.effectiveFrom} to ${statement.effectiveTo}`);
        expect(row[9]).toMatch(/^K/);
        expect(row[11]).toBe(statement.source.publisher);
        expect(row[12]).toBe(statement.source.document);
        expect(row[15]).toBe(statement.provenance?.status ?? (statement.illustrative ? 'illustrative' : 'published'));
      }
      for (const [first, second, third] of expected) {
        expect(
          own.some((row) =>
            third === undefined
              ? row[5] === first && row[8] === second
              : row[3] === first && row[4] === second && row[8] === third,
          ),
          `${statement.id} ${first} ${second}`,
        ).toBe(true);
      }
      // The chargeable-meter rules: one row per per-meter charge type.
      expect(
        listed.filter(
          (row) =>
            row[0] === statement.id &&
            row[8] === undefined &&
            ['fixed', 'fixedCh', 'fixedAltHan'].includes(row[2] ?? ''),
        ),
      ).toHaveLength(3);
    }
  });

  it("writes a line whose rate has more decimals than the formulas take as the library's value, named on the Notes sheet; the totals stay exact", () => {
    const item = EXAMPLES[1]!;
    const statement = parseChargingStatement({
      ...(JSON.parse(readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8')) as object),
      fixedCharges: (
        JSON.parse(readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8')) as {
          fixedCharges: { chargingGroup: string; region: string; ratePerMeterMonth: string }[];
        }
      ).fixedCharges.map((row) =>
        row.chargingGroup === 'electricityDistributor' && row.region === 'national'
          ? { ...row, ratePerMeterMonth: '0.123456789012' }
          : row,
      ),
    });
    const data = { ...item, statements: [statement] };
    const model = workingModelSheets(modelInput(data, [item.month]));
    const expected = libraryCharges(data, item.month);
    const row = model.layout.lineRows.get('fixed|electricityDistributor|national')!;
    const amountRef = `${model.layout.monthColumns[0]!.amount}${row}`;
    const charges = model.sheets.find((sheet) => sheet.name === 'Charges')!;
    const cell = charges.rows[row - 1]![6 + 2]!;
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(
      Number(expected.lines.find((line) => lineKey(line) === 'fixed|electricityDistributor|national')!.amount),
    );
    const notes = model.sheets.find((sheet) => sheet.name === 'Notes')!;
    expect(
      notes.rows.some(
        (cells) =>
          cells[1]?.value === amountRef && String(cells[3]?.value).includes('outside the bounds of the exact formulas'),
      ),
    ).toBe(true);
    expectLibraryFigures(recalculated(model).value, model, [expected]);
  });
});
