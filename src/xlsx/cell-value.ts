/**
 * How a workbook cell becomes the text the library validates (decision 0051):
 * - a number cell: the shortest decimal that reads back as the same double (what a spreadsheet
 *   shows for it), in plain notation; refused when that needs more than 15 significant digits,
 *   the most a spreadsheet keeps from what is typed, so only arithmetic (a binary artefact such
 *   as 0.1 + 0.2 = 0.30000000000000004) makes one;
 * - a date cell (a number with a date format): the date `YYYY-MM-DD` (with `THH:MM:SS` when it
 *   has a time), which every numeric or month field then refuses;
 * - text (shared, inline or a formula's text result): as written; a boolean: `true`/`false`;
 * - a formula: its cached value, as above; a formula without one, or an error value
 *   (`#DIV/0!`), is refused.
 */
import { Decimal } from 'decimal.js';

/** At most this many significant digits survive typing a number into a spreadsheet. */
export const MAX_TYPED_DIGITS = 15;

const Plain = Decimal.clone({ precision: 40, toExpNeg: -1000, toExpPos: 1000 });

/** The number's shortest round-trip decimal, in plain notation (`1e-7` is `0.0000001`). */
export function shortestDecimal(value: number): string {
  if (Object.is(value, -0) || value === 0) return '0';
  const text = String(value);
  return /e/i.test(text) ? new Plain(text).toFixed() : text;
}

/** Significant digits of a plain decimal string. */
export function significantDigits(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  const trimmed = text.includes('.') ? digits : digits.replace(/0+$/, '');
  return Math.max(1, trimmed.length);
}

/** Built-in number formats that are dates or times (ECMA-376, 18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format shows a date or time. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (DATE_FORMAT_IDS.has(id)) return true;
  if (code === undefined) return false;
  // Quoted text, escaped characters and [colour] or [condition] sections say nothing of dates.
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** A date serial (days since 1899-12-30, or since 1904-01-01) as an ISO date or date-time. */
export function dateFromSerial(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const milliseconds = Math.round(serial * 86_400_000);
  const date = new Date(epoch + milliseconds);
  const iso = date.toISOString();
  return milliseconds % 86_400_000 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
