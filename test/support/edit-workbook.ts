/**
 * Editing a workbook as a user would in a spreadsheet program: cells typed over (a formula
 * replaced by a value), every formula recalculated by an independent engine (HyperFormula), and
 * the workbook saved again with the recalculated values cached beside their formulas.
 */
import { HyperFormula } from 'hyperformula';
import { readWorkbookCells, writeWorkbook, type Cell, type SheetSpec } from '../../src/xlsx.js';
import { cellRef, parseCellRef } from '../../src/xlsx/cell-refs.js';

/** A value typed into a cell, such as `{ sheet: 'Charges', ref: 'I3', value: 6866.41 }`. */
export interface CellEdit {
  readonly sheet: string;
  readonly ref: string;
  readonly value: string | number | boolean | null;
}

/** Applies the edits, recalculates every formula and gives the saved workbook's bytes. */
export function editAndRecalculate(bytes: Uint8Array, edits: readonly CellEdit[]): Uint8Array {
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
  for (const edit of edits) {
    const id = engine.getSheetId(edit.sheet);
    const place = parseCellRef(edit.ref);
    if (id === undefined || place === undefined) throw new Error(`no cell ${edit.sheet}!${edit.ref}`);
    engine.setCellContents({ sheet: id, row: place.row - 1, col: place.column }, [[edit.value]]);
  }
  const specs: SheetSpec[] = sheets.map((sheet) => {
    const id = engine.getSheetId(sheet.name);
    if (id === undefined) throw new Error(`no sheet ${sheet.name}`);
    const { height, width } = engine.getSheetDimensions(id);
    const rows: (Cell | undefined)[][] = [];
    for (let row = 0; row < height; row += 1) {
      const cells: (Cell | undefined)[] = [];
      for (let column = 0; column < width; column += 1) {
        const address = { sheet: id, row, col: column };
        const value = engine.getCellValue(address);
        const formula = engine.getCellFormula(address);
        if (value !== null && typeof value === 'object')
          throw new Error(`${sheet.name}!${cellRef(column, row + 1)}: ${JSON.stringify(value)}`);
        if (formula !== undefined) cells[column] = { formula: formula.slice(1), ...(value === null ? {} : { value }) };
        else if (value !== null) cells[column] = { value };
      }
      rows.push(cells);
    }
    return { name: sheet.name, rows };
  });
  return writeWorkbook(specs);
}
