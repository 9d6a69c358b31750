/**
 * How a workbook cell becomes the text the library validates (decision 0058):
 * - a number cell: the shortest decimal that reads back as the same double (what a spreadsheet
 *   shows for it), in plain notation; refused when that needs more than 15 significant digits,
 *   the most a spreadsheet keeps from what is typed, so only arithmetic (a binary artefact such
 *   as 0.1 + 0.2 = 0.30000000000000004) makes one;
 * - a date cell (a number with a date format, or an ISO date cell `t="d"`): the date
 *   `YYYY-MM-DD` (with `THH:MM:SS` when it has a time), which every numeric or month field then
 *   refuses; a date shown as a month (`mmm-yy`) on the first of the month: the month `YYYY-MM`;
 *   a serial outside the dates a spreadsheet shows is refused;
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

/** The serial of 9999-12-31 in the 1900 system, the last date a spreadsheet shows. */
const LAST_SERIAL = 2_958_465;

/** Built-in number formats that are dates or times (ECMA-376, 18.8.30). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** True when a number format shows a date or time. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (DATE_FORMAT_IDS.has(id)) return true;
  if (code === undefined) return false;
  // Quoted text, escaped characters and [colour] or [condition] sections say nothing of dates.
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/**
 * True when a date format shows a month and a year and no day or time (built-in 17, `mmm-yy`, or
 * a code such as `mmmm yyyy`): what a spreadsheet program makes of a month typed as `2025-06`.
 */
export function isMonthFormat(id: number, code: string | undefined): boolean {
  if (id === 17) return true;
  if (code === undefined) return false;
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /y/i.test(bare) && /m/i.test(bare) && !/[dhs]/i.test(bare);
}

/**
 * A date serial as an ISO date or date-time. In the 1904 system, days since 1904-01-01. In the
 * 1900 system, serial 1 is 1900-01-01 and the system counts a 29 February 1900 that never was
 * (serial 60, kept from an old spreadsheet's bug): from serial 61 (1900-03-01) on, days since
 * 1899-12-30; below it, days since 1899-12-31; serial 60 itself is given as `1900-02-29`, which
 * every date field then refuses as no real day. Undefined for a serial outside the dates a
 * spreadsheet shows (before the first day of its system, after 9999-12-31).
 */
export function dateFromSerial(serial: number, date1904: boolean): string | undefined {
  const milliseconds = Math.round(serial * 86_400_000);
  // A spreadsheet shows dates from the first day of its system to 9999-12-31.
  const last = date1904 ? LAST_SERIAL - 1462 : LAST_SERIAL;
  if (milliseconds < (date1904 ? 0 : 86_400_000) || milliseconds >= (last + 1) * 86_400_000) return undefined;
  const epoch = date1904
    ? Date.UTC(1904, 0, 1)
    : milliseconds < 61 * 86_400_000
      ? Date.UTC(1899, 11, 31)
      : Date.UTC(1899, 11, 30);
  const iso = new Date(epoch + milliseconds).toISOString();
  const text = milliseconds % 86_400_000 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
  return !date1904 && Math.floor(milliseconds / 86_400_000) === 60 ? `1900-02-29${text.slice(10)}` : text;
}

/**
 * The text of an ISO 8601 date cell (`t="d"`, as some programs write dates): the date alone
 * when it has no time of day (or midnight), else the date-time to the second, without a zone.
 * @returns undefined when the text is no ISO date.
 */
export function isoDateCell(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(text.trim());
  if (match === null) return undefined;
  const time = match[2] === undefined ? '00:00:00' : match[2].length === 5 ? `${match[2]}:00` : match[2];
  return time === '00:00:00' ? (match[1] as string) : `${match[1] as string}T${time}`;
}
