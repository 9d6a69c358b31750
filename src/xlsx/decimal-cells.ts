/**
 * Decimal strings into cells (decision 0051): a number cell only where the double reads back as
 * the same decimal (at most 15 significant digits: the spreadsheet shows it as written and the
 * workbook reader gets the same string back); otherwise a text cell, flagged, and listed on the
 * workbook's Notes so that nobody sums it unawares.
 */
import type { Cell, CellStyle } from './write-workbook.js';
import { MAX_TYPED_DIGITS, shortestDecimal, significantDigits } from './cell-value.js';

/** True when a plain decimal survives a spreadsheet number cell unchanged. */
export function fitsNumberCell(text: string): boolean {
  return (
    significantDigits(text) <= MAX_TYPED_DIGITS &&
    Number(shortestDecimal(Number(text))) === Number(text) &&
    sameDecimal(shortestDecimal(Number(text)), text)
  );
}

function sameDecimal(a: string, b: string): boolean {
  const normal = (text: string) => {
    const negative = text.startsWith('-');
    let unsigned = negative ? text.slice(1) : text;
    if (unsigned.includes('.')) unsigned = unsigned.replace(/0+$/, '').replace(/\.$/, '');
    unsigned = unsigned.replace(/^0+(?=\d)/, '');
    return (negative && unsigned !== '0' ? '-' : '') + unsigned;
  };
  return normal(a) === normal(b);
}

/** Collects the cells written as text because a number cell would not hold them. */
export class FlaggedCells {
  readonly notes: { sheet: string; cell: string; value: string; what: string }[] = [];

  /** A cell for a decimal string: a number in `style`, or flagged text. */
  decimal(text: string, style: CellStyle, sheet: string, cell: string, what: string): Cell {
    if (fitsNumberCell(text)) return { value: Number(text), style };
    this.notes.push({
      sheet,
      cell,
      value: text,
      what: `${what}: more digits than a spreadsheet number keeps, so written as text (decision 0051)`,
    });
    return { value: text, style: 'flagged' };
  }
}
