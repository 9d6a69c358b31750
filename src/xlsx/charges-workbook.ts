/**
 * `dcc-charges charges --format xlsx`: a month's charges as a workbook. The Charges sheet has the
 * columns of the charges CSV (so it reads back as an invoice); each line's amount is a live
 * formula over its quantity and price cells, through the exact pence arithmetic of the Rounding
 * sheet (decision 0052); net, VAT and gross are formulas too. Values that a number cell would
 * not hold exactly are written as flagged text and listed on the Notes sheet (decision 0051).
 */
import { CHARGE_LINE_COLUMNS, chargeKeyColumns, type ChargeLine, type MonthlyCharges } from '../charges/charge-line.js';
import type { RoundingMode } from '../money/rounding.js';
import { cellRef } from './cell-refs.js';
import { FlaggedCells, fitsNumberCell } from './decimal-cells.js';
import {
  EXACT_FORMULA_BOUNDS,
  exactPence,
  QUANTITY_SCALE,
  RATE_SCALE,
  ROUNDING_HEADERS,
  roundingCells,
  scaledFormula,
  scaledInteger,
  type HelperCell,
} from './exact-rounding.js';
import { sheetRef, type Cell, type SheetSpec } from './write-workbook.js';

/** The columns of the Charges sheet: those of the charges CSV and of an invoice. */
export const CHARGES_SHEET_COLUMNS = CHARGE_LINE_COLUMNS;

const Q = 6; // quantity column (G)
const P = 7; // unitPrice column (H)
const A = 8; // amount column (I)

/** The rounding helpers of one line: scaled quantity and price, scale, and the exact result. */
interface LineArithmetic {
  readonly m: bigint;
  readonly r: bigint;
  readonly scale: number;
  readonly pence: bigint;
  readonly remainder: bigint;
  readonly quantityScale: number;
}

/** The exact arithmetic of a line, or undefined when it is outside the formulas' bounds. */
export function lineArithmetic(
  line: Pick<ChargeLine, 'kind' | 'quantity' | 'unitPrice'>,
  mode: RoundingMode,
): LineArithmetic | undefined {
  const quantityScale = line.kind === 'explicit' ? QUANTITY_SCALE : 0;
  const m = scaledInteger(line.quantity, quantityScale);
  const r = scaledInteger(line.unitPrice, RATE_SCALE);
  if (m === undefined || r === undefined || m < 0n || r < 0n) return undefined;
  if (m >= EXACT_FORMULA_BOUNDS.scaledQuantity || r >= EXACT_FORMULA_BOUNDS.scaledRate) return undefined;
  const scale = quantityScale + RATE_SCALE - 2;
  const { remainder, pence } = exactPence(m, r, scale, mode);
  if (pence >= EXACT_FORMULA_BOUNDS.pence) return undefined;
  return { m, r, scale, pence, remainder, quantityScale };
}

function text(value: string | undefined, style: Cell['style'] = 'text'): Cell | undefined {
  return value === undefined || value === '' ? undefined : { value, style };
}

const PENCE = 11; // column of the pence on the Rounding sheet (L)
const SHOWN = 12; // column of the amount as the Charges sheet shows it, in pence (M)

/** The Charges, Rounding and Notes sheets of a month's charges. */
export function chargesWorkbookSheets(charges: MonthlyCharges, mode: RoundingMode): SheetSpec[] {
  const flags = new FlaggedCells();
  const sheet = 'Charges';
  const rounding = 'Rounding';
  const rows: (Cell | undefined)[][] = [
    CHARGES_SHEET_COLUMNS.map((name) => ({ value: name, style: 'header' as const })),
  ];
  const helper: (Cell | undefined)[][] = [
    ['Charges row', ...ROUNDING_HEADERS, 'amount as shown, in pence'].map((value) => ({
      value,
      style: 'header' as const,
    })),
  ];
  const helperCells = (cells: readonly HelperCell[]): Cell[] =>
    cells.map((cell) => ({ ...cell, style: 'integer' as const }));
  const penceOnly = (row: number, cell: HelperCell): (Cell | undefined)[] => {
    const cells: (Cell | undefined)[] = [{ value: row }];
    cells[PENCE] = { ...cell, style: 'integer' };
    return cells;
  };
  const penceRef = (row: number) => sheetRef(rounding, cellRef(PENCE, row));
  charges.lines.forEach((line, index) => {
    const row = index + 2;
    const at = (column: number) => cellRef(column, row);
    const arithmetic = line.kind === 'elective' ? undefined : lineArithmetic(line, mode);
    const quantity = flags.decimal(
      line.quantity,
      line.kind === 'explicit' ? 'quantity' : 'integer',
      sheet,
      at(Q),
      `${line.kind} quantity`,
    );
    const price = flags.decimal(
      line.unitPrice,
      line.kind === 'elective' ? 'pence' : 'rate',
      sheet,
      at(P),
      `${line.kind} unit price`,
    );
    const numeric = typeof quantity.value === 'number' && typeof price.value === 'number';
    let amount: Cell;
    const amountPence = scaledInteger(line.amount, 2) as bigint;
    if (line.kind === 'elective' && numeric) {
      // An agreed amount: the quantity (1) times the amount in whole pence.
      helper.push(
        penceOnly(row, {
          formula: `ROUND(${sheetRef(sheet, at(P))}*100,0)*${sheetRef(sheet, at(Q))}`,
          value: Number(amountPence),
        }),
      );
      amount = { formula: `${penceRef(row)}/100`, value: Number(line.amount), style: 'pence' };
    } else if (arithmetic !== undefined && numeric) {
      helper.push([
        { value: row },
        ...helperCells(
          roundingCells(
            1,
            row,
            { formula: scaledFormula(sheetRef(sheet, at(Q)), arithmetic.quantityScale), value: arithmetic.m },
            { formula: scaledFormula(sheetRef(sheet, at(P)), RATE_SCALE), value: arithmetic.r },
            arithmetic.scale,
            mode,
            cellRef,
          ),
        ),
      ]);
      amount = { formula: `${penceRef(row)}/100`, value: Number(line.amount), style: 'pence' };
    } else {
      // Outside the exact formulas' bounds: the library's amount as a value.
      helper.push(penceOnly(row, { formula: `ROUND(${sheetRef(sheet, at(A))}*100,0)`, value: Number(amountPence) }));
      amount = fitsNumberCell(line.amount)
        ? { value: Number(line.amount), style: 'pence' }
        : flags.decimal(line.amount, 'pence', sheet, at(A), `${line.kind} amount`);
      flags.notes.push({
        sheet,
        cell: at(A),
        value: line.amount,
        what: 'a value, not a formula: its quantity or price is outside the bounds of the exact formulas (decision 0052)',
      });
    }
    (helper[helper.length - 1] as (Cell | undefined)[])[SHOWN] = {
      formula: `ROUND(${sheetRef(sheet, at(A))}*100,0)`,
      value: Number(amountPence),
      style: 'integer',
    };
    const key = chargeKeyColumns(line);
    rows.push([
      { value: charges.month },
      { value: line.kind },
      text(key.chargingGroup),
      text(key.region),
      text(key.code),
      { value: line.description },
      quantity,
      price,
      amount,
      text(line.clause),
    ]);
  });
  const lineCount = charges.lines.length;
  const vatRow = lineCount + 2;
  const totalRow = lineCount + 3;
  const net = lineCount === 0 ? '0' : `SUM(${cellRef(SHOWN, 2)}:${cellRef(SHOWN, lineCount + 1)})`;
  const netPence = scaledInteger(charges.totals.net, 2) as bigint;
  const vatScaled = scaledInteger(charges.vatRate, RATE_SCALE) as bigint;
  const vatCells = roundingCells(
    1,
    vatRow,
    { formula: `ABS(${net})`, value: netPence < 0n ? -netPence : netPence },
    { formula: scaledFormula(sheetRef(sheet, cellRef(P, vatRow)), RATE_SCALE), value: vatScaled },
    RATE_SCALE,
    mode,
    cellRef,
    { formula: net, negative: netPence < 0n },
  );
  helper.push([{ value: vatRow }, ...helperCells(vatCells)]);
  const vatPence = BigInt(vatCells[PENCE - 1]?.value ?? 0);
  helper.push(penceOnly(totalRow, { formula: `${net}+${cellRef(PENCE, vatRow)}`, value: Number(netPence + vatPence) }));
  rows.push([
    { value: charges.month },
    { value: 'vat' },
    undefined,
    undefined,
    undefined,
    { value: `VAT at ${charges.vatRate} on ${charges.totals.net}` },
    lineCount === 0
      ? { value: 0, style: 'pence' }
      : {
          formula: `SUM(${sheetRef(rounding, `${cellRef(SHOWN, 2)}:${cellRef(SHOWN, lineCount + 1)}`)})/100`,
          value: Number(charges.totals.net),
          style: 'pence',
        },
    { value: Number(charges.vatRate), style: 'rate' },
    { formula: `${penceRef(vatRow)}/100`, value: Number(charges.totals.vat), style: 'totalPence' },
    undefined,
  ]);
  rows.push([
    { value: charges.month },
    { value: 'total' },
    undefined,
    undefined,
    undefined,
    { value: 'Gross total' },
    undefined,
    undefined,
    { formula: `${penceRef(totalRow)}/100`, value: Number(charges.totals.gross), style: 'totalPence' },
    undefined,
  ]);
  return [
    { name: sheet, rows, widths: [9, 12, 22, 9, 26, 58, 12, 14, 14, 12], freezeRows: 1 },
    { name: rounding, rows: helper, widths: [12, 16, 18, 9, 9, 9, 9, 9, 9, 8, 16, 16, 16], freezeRows: 1 },
    notesSheet(flags, [
      `Charges for ${charges.month} under "${charges.statement.title}" (${charges.statement.id})${charges.statement.illustrative ? ' - an illustrative statement: its figures are invented' : ''}.`,
      `Amounts are rounded ${mode} to pence by exact whole-number arithmetic on the Rounding sheet (decision 0052); net = sum of the line amounts shown (edit one and the totals follow), VAT = round(net x ${charges.vatRate}), gross = net + VAT.`,
      `Check: net ${charges.totals.net}, VAT ${charges.totals.vat}, gross ${charges.totals.gross} as computed by dcc-charges.`,
    ]),
  ];
}

/** The Notes sheet: what the workbook is, and every cell written as text instead of a number. */
export function notesSheet(flags: FlaggedCells, about: readonly string[]): SheetSpec {
  const rows: (Cell | undefined)[][] = about.map((line) => [{ value: line }]);
  rows.push([]);
  if (flags.notes.length === 0) {
    rows.push([
      {
        value:
          'Every number is a number cell that holds its decimal exactly as written (at most 15 significant digits).',
      },
    ]);
  } else {
    rows.push(['sheet', 'cell', 'value', 'note'].map((value) => ({ value, style: 'header' as const })));
    for (const note of flags.notes) {
      rows.push([
        { value: note.sheet },
        { value: note.cell },
        { value: note.value, style: 'flagged' },
        { value: note.what },
      ]);
    }
  }
  return { name: 'Notes', rows, widths: [16, 8, 28, 90] };
}
