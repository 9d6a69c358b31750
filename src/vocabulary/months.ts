/**
 * Months (`YYYY-MM`) and Regulatory Years (`2025/26`, 1 April to 31 March) [V].
 * Months are plain strings; arithmetic on them goes through date-fns on calendar dates,
 * never through time-of-day or time zones.
 */
import { addMonths, format, getDaysInMonth } from 'date-fns';

/** A calendar month written `YYYY-MM`. */
export type Month = string;

/** A Regulatory Year written `YYYY/YY`, such as `2025/26`. */
export type RegulatoryYear = string;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const REGULATORY_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

/** True when `text` is a month `YYYY-MM`. */
export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/** True when `text` is a Regulatory Year such as `2025/26` (second part the next year). */
export function isRegulatoryYear(text: string): boolean {
  const match = REGULATORY_YEAR_PATTERN.exec(text);
  if (match === null) return false;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100;
}

function monthDate(month: Month): Date {
  const match = MONTH_PATTERN.exec(month);
  if (match === null) throw new RangeError(`not a month: ${JSON.stringify(month)}`);
  return new Date(Number(match[1]), Number(match[2]) - 1, 1);
}

/** The month `count` months after `month` (before, when negative). */
export function addToMonth(month: Month, count: number): Month {
  return format(addMonths(monthDate(month), count), 'yyyy-MM');
}

/** Number of days in a month. */
export function daysInMonth(month: Month): number {
  return getDaysInMonth(monthDate(month));
}

/** Compares two months: negative, zero or positive. */
export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first calendar year of a Regulatory Year (`2025/26` gives 2025). */
export function startYearOf(year: RegulatoryYear): number {
  const match = REGULATORY_YEAR_PATTERN.exec(year);
  if (match === null || !isRegulatoryYear(year)) {
    throw new RangeError(`not a Regulatory Year: ${JSON.stringify(year)}`);
  }
  return Number(match[1]);
}

/** Writes the Regulatory Year starting in April of `startYear`. */
export function regulatoryYearStarting(startYear: number): RegulatoryYear {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The twelve months of a Regulatory Year, April to March. */
export function monthsOfRegulatoryYear(year: RegulatoryYear): Month[] {
  const april = `${startYearOf(year)}-04`;
  return Array.from({ length: 12 }, (_, index) => addToMonth(april, index));
}

/** The Regulatory Year a month belongs to. */
export function regulatoryYearOf(month: Month): RegulatoryYear {
  const date = monthDate(month);
  const startYear = date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1;
  return regulatoryYearStarting(startYear);
}

/** Every month from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addToMonth(month, 1)) months.push(month);
  return months;
}
