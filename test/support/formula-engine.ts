/**
 * Recalculates a workbook with an independent formula engine (HyperFormula, GPL-3.0, a dev
 * dependency only): every formula is evaluated afresh, ignoring the values saved with it.
 */
import { HyperFormula } from 'hyperformula';
import { readWorkbookCells } from '../../src/xlsx.js';
import { parseCellRef } from '../../src/xlsx/cell-refs.js';

/** A recalculated workbook: the value of a cell such as `Charges!I2`. */
export interface Recalculated {
  value(sheet: string, ref: string): unknown;
  /** Every formula cell of a sheet whose saved value differs from the recalculated one. */
  savedDiffer(sheet: string): string[];
  /** Types a value into a cell, as a user would; every formula depending on it recalculates. */
  setValue(sheet: string, ref: string, value: string | number | boolean | null): void;
}

/** Loads the workbook's formulas and values into HyperFormula and recalculates it. */
export function recalculate(bytes: Uint8Array): Recalculated {
  const sheets = readWorkbookCells(bytes);
  const data: Record<string, (string | number | boolean | null)[][]> = {};
  for (const sheet of sheets) {
    const grid: (string | number | boolean | null)[][] = [];
    for (const [ref, cell] of sheet.cells) {
      const place = parseCellRef(ref);
      if (place === undefined) throw new Error(`bad ref ${ref}`);
      const row = (grid[place.row - 1] ??= []);
      row[place.column] = cell.formula !== undefined ? `=${cell.formula}` : (cell.value ?? null);
    }
    for (let index = 0; index < grid.length; index += 1) {
      const row = (grid[index] ??= []);
      for (let column = 0; column < row.length; column += 1) if (row[column] === undefined) row[column] = null;
    }
    data[sheet.name] = grid;
  }
  const engine = HyperFormula.buildFromSheets(data, { licenseKey: 'gpl-v3', smartRounding: false });
  const address = (sheet: string, ref: string) => {
    const id = engine.getSheetId(sheet);
    const place = parseCellRef(ref);
    if (id === undefined || place === undefined) throw new Error(`no cell ${sheet}!${ref}`);
    return { sheet: id, row: place.row - 1, col: place.column };
  };
  const value = (sheet: string, ref: string): unknown => engine.getCellValue(address(sheet, ref));
  return {
    value,
    setValue: (sheet, ref, content) => {
      engine.setCellContents(address(sheet, ref), [[content]]);
    },
    savedDiffer: (name) => {
      const sheet = sheets.find((candidate) => candidate.name === name);
      if (sheet === undefined) throw new Error(`no sheet ${name}`);
      return [...sheet.cells]
        .filter(([, cell]) => cell.formula !== undefined)
        .filter(([ref, cell]) => value(name, ref) !== cell.value)
        .map(
          ([ref, cell]) =>
            `${name}!${ref}: saved ${String(cell.value)}, recalculated ${JSON.stringify(value(name, ref))}`,
        );
    },
  };
}
