/**
 * Writing CSV safely: RFC 4180 quoting, and text cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) neutralised with a leading
 * apostrophe. Plain decimal numbers such as "-12.50" stay numbers.
 */

import { PLAIN_DECIMAL } from '../money/plain-decimal.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Makes one cell safe for spreadsheets and quotes it when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_DECIMAL.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes a header and rows as CSV text with LF line ends. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/**
 * Undoes {@link csvCell}'s neutralising when a CSV this tool wrote is read back: an apostrophe
 * before =, +, -, @, tab or carriage return is removed. Other cells are returned as they are.
 */
export function restoreCsvCell(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}
