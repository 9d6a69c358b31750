/**
 * The working model recalculated by LibreOffice Calc, where `soffice` is on PATH (`.ci/run`
 * installs Debian's libreoffice-calc): the same comparison with the library as the HyperFormula
 * tests, on the shipped examples, a revised Regulatory Year and random models. The workbooks are
 * written without the values saved with their formulas, so every figure read back is one that
 * LibreOffice computed. Skipped, with the reason in its title, where LibreOffice is absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MonthlyCharges } from '../../src/index.js';
import { parseElective } from '../../src/inputs/elective.js';
import { parseMeterCounts } from '../../src/inputs/meter-counts.js';
import { monthsOfRegulatoryYear } from '../../src/vocabulary/months.js';
import { writeWorkbook, type SheetSpec } from '../../src/xlsx.js';
import { workingModelSheets, type WorkingModel } from '../../src/xlsx/working-model.js';
import { libreOfficeMissing, recalculateWithLibreOffice, type LibreOfficeValue } from '../support/libreoffice.js';
import { titleWithSkip } from '../support/required-tools.js';
import {
  EXAMPLES,
  expectLibraryFigures,
  libraryCharges,
  modelInput,
  randomModel,
  revisedYear,
} from '../support/working-model.js';

const noLibreOffice = libreOfficeMissing();

/** The sheets with every formula's saved value removed. */
function withoutSavedValues(sheets: readonly SheetSpec[]): SheetSpec[] {
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

interface Case {
  readonly name: string;
  readonly model: WorkingModel;
  readonly expected: readonly MonthlyCharges[];
}

function cases(): Case[] {
  const list: Case[] = EXAMPLES.map((item) => ({
    name: item.name,
    model: workingModelSheets(modelInput(item, [item.month])),
    expected: [libraryCharges(item, item.month)],
  }));
  const item = EXAMPLES[0]!;
  const months = monthsOfRegulatoryYear('2025/26');
  const year = { ...item, statements: revisedYear(), meters: parseMeterCounts(item.meters.map((row) => ({ ...row }))) };
  list.push({
    name: 'a revised Regulatory Year',
    model: workingModelSheets(modelInput(year, months, { year: '2025/26', rounding: 'halfEven' })),
    expected: months.map((month) => libraryCharges(year, month, { rounding: 'halfEven' })),
  });
  // A credit alone: a negative net whose VAT rounds to nothing must be 0, not -0 (shown "-0.00").
  const credit = {
    statements: item.statements,
    meters: [],
    usage: [],
    elective: parseElective([{ reference: 'C1', description: 'credit note', amount: '-12.34' }]),
  };
  list.push({
    name: 'a credit whose VAT rounds to nothing',
    model: workingModelSheets(modelInput(credit, ['2025-06'], { vatRate: '0.0000000001' })),
    expected: [libraryCharges(credit, '2025-06', { vatRate: '0.0000000001' })],
  });
  for (const [index, random] of fc.sample(randomModel, 16).entries()) {
    list.push({
      name: `random model ${index + 1}: ${random.describe}`,
      model: workingModelSheets(
        modelInput(random.data, ['2025-06'], { rounding: random.rounding, vatRate: random.vatRate }),
      ),
      expected: [libraryCharges(random.data, '2025-06', { rounding: random.rounding, vatRate: random.vatRate })],
    });
  }
  return list;
}

describe.skipIf(noLibreOffice !== undefined)(
  titleWithSkip('the working model recalculated by LibreOffice', noLibreOffice),
  () => {
    const all = noLibreOffice !== undefined ? [] : cases();
    let values: LibreOfficeValue[] = [];
    beforeAll(
      () => {
        values = recalculateWithLibreOffice(all.map((item) => writeWorkbook(withoutSavedValues(item.model.sheets))));
      },
      20 * 60 * 1000,
    );

    it('recalculates: a formula written without a value gets one', () => {
      const first = all[0]!;
      const net = first.model.layout.totalRows.net;
      expect(values[0]!('Charges', `${first.model.layout.monthColumns[0]!.amount}${net}`)).toBe(
        Number(first.expected[0]!.totals.net),
      );
    });

    it.each(all.map((item, index) => [item.name, index] as const))(
      "gives the library's figures on every line and total: %s",
      (_, index) => {
        const item = all[index]!;
        expectLibraryFigures(values[index]!, item.model, item.expected);
      },
    );
  },
);
