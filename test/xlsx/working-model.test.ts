import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMeterCounts } from '../../src/inputs/meter-counts.js';
import { monthsOfRegulatoryYear } from '../../src/vocabulary/months.js';
import { writeWorkbook } from '../../src/xlsx.js';
import { meterKey, workingModelSheets, type WorkingModel } from '../../src/xlsx/working-model.js';
import { recalculate } from '../support/formula-engine.js';
import { EXAMPLES, expectLibraryFigures, libraryCharges, modelInput, randomModel, revisedYear } from '../support/working-model.js';

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
    const before = item.meters.find((row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key)!;
    book.setValue('Inputs', `${layout.meterCountColumns[0]}${layout.meterRows.get(key)}`, before.count + 1000);
    book.setValue('Inputs', `${layout.usageColumns[0]}${layout.usageRows.get('CH_RETURN_SINGLE_BAND')}`, 24);
    book.setValue('Inputs', layout.vatRateCell, 0.05);
    const edited = {
      ...item,
      meters: item.meters.map((row) => (row === before ? { ...row, count: before.count + 1000 } : row)),
      usage: [...item.usage.filter((row) => row.code !== 'CH_RETURN_SINGLE_BAND'), { code: 'CH_RETURN_SINGLE_BAND', quantity: '24' }],
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
    expect(item.meters.some((row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key)).toBe(false);
    book.setValue('Inputs', `${model.layout.meterCountColumns[0]}${model.layout.meterRows.get(key)}`, 7);
    const after = libraryCharges({ ...item, meters: [...item.meters, { chargingGroup: 'gasSupplier', region: 'south', premises: 'nonDomestic', enrolled: false, count: 7 }] }, item.month);
    expectLibraryFigures(book.value, model, [after]);
  });
});

describe('the working model of a Regulatory Year', () => {
  it('uses the statement in force in each month and gives each month and the year as the library does', () => {
    const item = EXAMPLES[0]!;
    const statements = revisedYear();
    // Counts that change in August (rows with a month) on top of counts for every month.
    const meters = parseMeterCounts([
      ...item.meters.filter((row) => !(row.chargingGroup === 'gasSupplier' && row.region === 'central')).map((row) => ({ ...row })),
      ...monthsOfRegulatoryYear('2025/26').flatMap((month, index) => [
        { month, chargingGroup: 'gasSupplier', region: 'central', premises: 'domestic', enrolled: true, count: 50_000 + 1_000 * index },
        { month, chargingGroup: 'gasSupplier', region: 'central', premises: 'domestic', enrolled: false, count: 9_001 + 13 * index },
      ]),
    ]);
    const data = { ...item, statements, meters };
    const months = monthsOfRegulatoryYear('2025/26');
    const model = workingModelSheets(modelInput(data, months, { year: '2025/26' }));
    const expected = months.map((month) => libraryCharges(data, month));
    expect(new Set(expected.map((charges) => charges.statement.id))).toEqual(new Set(['illustrative-2025-26-h1', 'illustrative-2025-26-h2']));
    expect(model.layout.annualColumn).toBeDefined();
    expectLibraryFigures(recalculated(model).value, model, expected);
  });

  it('refuses a year with a month no statement is in force for, naming the months', () => {
    const item = EXAMPLES[0]!;
    const [first] = revisedYear();
    const months = monthsOfRegulatoryYear('2025/26');
    expect(() => workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' }))).toThrow(/noStatementInForce|covered by a Charging Statement/);
    try {
      workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' }));
    } catch (error) {
      const issues = (error as { issues: { code: string; received?: string }[] }).issues;
      expect(issues.map((issue) => issue.received)).toEqual(['"2025-10"', '"2025-11"', '"2025-12"', '"2026-01"', '"2026-02"', '"2026-03"']);
      expect(new Set(issues.map((issue) => issue.code))).toEqual(new Set(['noStatementInForce']));
    }
  });
});

describe('the working model on random inputs', () => {
  it('recalculates to the library on random counts up to 10^9, rates up to 10 decimal places, every rounding mode, ties included', () => {
    fc.assert(
      fc.property(randomModel, ({ data, rounding, vatRate }) => {
        const model = workingModelSheets(modelInput(data, ['2025-06'], { rounding, vatRate }));
        expectLibraryFigures(recalculated(model).value, model, [libraryCharges(data, '2025-06', { rounding, vatRate })]);
      }),
      { numRuns: 40 },
    );
  });
});
