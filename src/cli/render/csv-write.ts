/**
 * Writing CSV safely: RFC 4180 quoting, and text cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) neutralised with a leading
 * apostrophe. Plain decimal numbers such as "-12.50" stay numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Makes one cell safe for spreadsheets and quotes it when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes a header and rows as CSV text with LF line ends. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
