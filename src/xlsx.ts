/**
 * dcc-charges/xlsx: workbooks, in both directions (Node only, kept out of the browser core).
 * Read a sheet as the table of text cells the library's readers take
 * (`readMeterCounts(readWorkbookTable(bytes, { source }))`), and write reports and the working
 * model as .xlsx workbooks whose formulas give exactly the library's figures.
 * @packageDocumentation
 */
export {
  readWorkbookTable,
  listSheets,
  readWorkbookCells,
  SHEET_LIMITS,
  type ReadWorkbookTableOptions,
  type WorkbookTable,
  type WorkbookCell,
} from './xlsx/read-workbook.js';
export { ZIP_LIMITS } from './xlsx/zip-read.js';
export { XML_LIMITS } from './xlsx/xml-scan.js';
export { writeWorkbook, type Cell, type CellStyle, type SheetSpec } from './xlsx/write-workbook.js';
export { chargesWorkbookSheets, CHARGES_SHEET_COLUMNS } from './xlsx/charges-workbook.js';
export { EXACT_FORMULA_BOUNDS, QUANTITY_SCALE, RATE_SCALE } from './xlsx/exact-rounding.js';
export {
  workingModelSheets,
  lineKey,
  meterKey,
  MODEL_TOTALS,
  type WorkingModel,
  type WorkingModelInput,
  type WorkingModelLayout,
  type ModelTotal,
} from './xlsx/working-model.js';
export type { InputLabels } from './charges/calculate-monthly-charges.js';
