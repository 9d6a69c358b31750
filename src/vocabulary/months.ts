/**
 * The calendar: months (`YYYY-MM`) and Regulatory Years (`2025/26`, 1 April to 31 March) [V].
 * Every calculation is integer arithmetic on the digits (a month is `year * 12 + month - 1`);
 * nothing goes through `Date`, a time of day or a time zone, so a zone that skipped a calendar
 * day cannot make a month vanish. One supported range of years (decision 0066) is checked the
 * same way by every input and option: {@link isMonth}, {@link isRegulatoryYear} and
 * {@link monthIssue} are the only gates.
 */
import { InputError, describeReceived, type InputIssue } from '../errors/input-error.js';

/** A calendar month written `YYYY-MM`. */
export type Month = string;

/** A Regulatory Year written `YYYY/YY`, such as `2025/26`. */
export type RegulatoryYear = string;

/** First calendar year of the supported range (decision 0066). */
export const FIRST_SUPPORTED_YEAR = 2000;

/** Last calendar year of the supported range (decision 0066). */
export const LAST_SUPPORTED_YEAR = 2199;

/** First supported month. */
export const FIRST_SUPPORTED_MONTH: Month = `${FIRST_SUPPORTED_YEAR}-01`;

/** Last supported month. */
export const LAST_SUPPORTED_MONTH: Month = `${LAST_SUPPORTED_YEAR}-12`;

/** First supported Regulatory Year (all twelve of its months are supported). */
export const FIRST_SUPPORTED_REGULATORY_YEAR: RegulatoryYear = regulatoryYearText(FIRST_SUPPORTED_YEAR);

/** Last supported Regulatory Year (all twelve of its months are supported). */
export const LAST_SUPPORTED_REGULATORY_YEAR: RegulatoryYear = regulatoryYearText(LAST_SUPPORTED_YEAR - 1);

/** What a month input must be, in words, for messages. */
export const MONTH_EXPECTED = `a month written YYYY-MM from ${FIRST_SUPPORTED_MONTH} to ${LAST_SUPPORTED_MONTH}`;

/** What a Regulatory Year input must be, in words, for messages. */
export const REGULATORY_YEAR_EXPECTED = `a Regulatory Year such as "2025/26", from ${FIRST_SUPPORTED_REGULATORY_YEAR} to ${LAST_SUPPORTED_REGULATORY_YEAR}`;

const MONTH_PATTERN = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/**
 * The supported months as one pattern, for JSON Schemas (years 2000 to 2199); a test checks it
 * agrees with {@link isMonth} for every four-digit year.
 */
export const SUPPORTED_MONTH_PATTERN = /^2[01][0-9]{2}-(0[1-9]|1[0-2])$/;

/**
 * The supported Regulatory Years (2000/01 to 2198/99) as one pattern, for JSON Schemas: each
 * second part is the year after the first, written out as the hundred pairs `00/01`..`99/00`
 * (2199/00 is outside the range). A test checks it agrees with {@link isRegulatoryYear}.
 */
export const SUPPORTED_REGULATORY_YEAR_PATTERN = new RegExp(`^(?:2[01](?:${consecutiveYearPairs(0, 98)})|2099\\/00)$`);

/** The alternatives `00\/01|01\/02|...` of two-digit years from `first` to `last`, each with the year after it. */
function consecutiveYearPairs(first: number, last: number): string {
  const pairs: string[] = [];
  for (let year = first; year <= last; year += 1) {
    pairs.push(`${String(year).padStart(2, '0')}\\/${String((year + 1) % 100).padStart(2, '0')}`);
  }
  return pairs.join('|');
}

const REGULATORY_YEAR_PATTERN = /^([0-9]{4})\/([0-9]{2})$/;

/** Month index of the first and last month that can be written with four digits. */
const FIRST_WRITABLE_INDEX = 0;
const LAST_WRITABLE_INDEX = 9999 * 12 + 11;

function regulatoryYearText(startYear: number): RegulatoryYear {
  return `${String(startYear).padStart(4, '0')}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** True when `year` is a whole number in the supported range. */
export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
}

/**
 * Reads a month written `YYYY-MM` (any four-digit year) as its index `year * 12 + month - 1`,
 * or `undefined` when the text is not so written.
 */
function indexOfWritten(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = MONTH_PATTERN.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthOfIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function notAMonth(argument: string, value: unknown): InputError {
  return new InputError([
    { field: argument, code: 'invalidValue', expected: MONTH_EXPECTED, received: describeReceived(value) },
  ]);
}

/**
 * The index of a month for arithmetic. Months a step beyond the supported range (such as
 * the month after {@link LAST_SUPPORTED_MONTH}) are still written and read, so that every
 * supported month has a next and a previous month.
 */
function indexOf(month: unknown, argument: string): number {
  const index = indexOfWritten(month);
  if (index === undefined) throw notAMonth(argument, month);
  return index;
}

/** True when `text` is a month written `YYYY-MM` in the supported range. */
export function isMonth(text: unknown): text is Month {
  const index = indexOfWritten(text);
  return index !== undefined && isSupportedYear(Math.floor(index / 12));
}

/**
 * The problem with a month input, or `undefined` when it is a supported month; the one check
 * every month input and option uses.
 */
export function monthIssue(value: unknown, field: string): InputIssue | undefined {
  if (isMonth(value)) return undefined;
  return { field, code: 'invalidValue', expected: MONTH_EXPECTED, received: describeReceived(value) };
}

/** The year and month number (1 to 12) of a month. */
export function partsOfMonth(month: Month): { readonly year: number; readonly month: number } {
  const index = indexOf(month, 'month');
  const year = Math.floor(index / 12);
  return { year, month: index - year * 12 + 1 };
}

/** Writes the month of `year` numbered `monthNumber` (1 to 12). */
export function monthOf(year: number, monthNumber: number): Month {
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new InputError([
      {
        field: 'year',
        code: 'invalidValue',
        expected: 'a whole year from 0 to 9999',
        received: describeReceived(year),
      },
    ]);
  }
  if (!Number.isInteger(monthNumber) || monthNumber < 1 || monthNumber > 12) {
    throw new InputError([
      {
        field: 'month',
        code: 'invalidValue',
        expected: 'a month number from 1 to 12',
        received: describeReceived(monthNumber),
      },
    ]);
  }
  return monthOfIndex(year * 12 + monthNumber - 1);
}

/** True when `text` is a Regulatory Year such as `2025/26` (second part the next year), in the supported range. */
export function isRegulatoryYear(text: unknown): text is RegulatoryYear {
  if (typeof text !== 'string') return false;
  const match = REGULATORY_YEAR_PATTERN.exec(text);
  if (match === null) return false;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100 && isSupportedYear(start) && isSupportedYear(start + 1);
}

/**
 * The month `count` months after `month` (before, when negative).
 * @throws InputError when `month` is not a month, `count` not a whole number, or the result
 * cannot be written with a four-digit year.
 */
export function addToMonth(month: Month, count: number): Month {
  const index = indexOf(month, 'month');
  if (!Number.isSafeInteger(count)) {
    throw new InputError([
      { field: 'count', code: 'invalidValue', expected: 'a whole number of months', received: describeReceived(count) },
    ]);
  }
  const result = index + count;
  if (result < FIRST_WRITABLE_INDEX || result > LAST_WRITABLE_INDEX) {
    throw new InputError([
      {
        field: 'count',
        code: 'invalidRange',
        expected: `a month from 0000-01 to 9999-12 as the result`,
        received: `${month} + ${count} months`,
      },
    ]);
  }
  return monthOfIndex(result);
}

/** The month after `month`. */
export function nextMonth(month: Month): Month {
  return addToMonth(month, 1);
}

/** The month before `month`. */
export function previousMonth(month: Month): Month {
  return addToMonth(month, -1);
}

/** The number of months from `from` to `to` (negative when `to` is earlier). */
export function monthsFrom(from: Month, to: Month): number {
  return indexOf(to, 'to') - indexOf(from, 'from');
}

/** True when `year` is a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month `month` (1 to 12) of `year`. */
export function daysInCalendarMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Number of days in a month (its last day). */
export function daysInMonth(month: Month): number {
  const parts = partsOfMonth(month);
  return daysInCalendarMonth(parts.year, parts.month);
}

/** True when `day` is a whole number from 1 to 31: a day some month has (a snapshot day). */
export function isDayOfMonth(day: unknown): day is number {
  return typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 31;
}

/** Compares two months: negative, zero or positive. */
export function compareMonths(a: Month, b: Month): number {
  return Math.sign(indexOf(a, 'a') - indexOf(b, 'b'));
}

/** The first calendar year of a Regulatory Year (`2025/26` gives 2025). */
export function startYearOf(year: RegulatoryYear): number {
  if (!isRegulatoryYear(year)) {
    throw new InputError([
      {
        field: 'regulatoryYear',
        code: 'invalidValue',
        expected: REGULATORY_YEAR_EXPECTED,
        received: describeReceived(year),
      },
    ]);
  }
  return Number(year.slice(0, 4));
}

/** Writes the Regulatory Year starting in April of `startYear`. */
export function regulatoryYearStarting(startYear: number): RegulatoryYear {
  if (!Number.isInteger(startYear) || startYear < 0 || startYear > 9998) {
    throw new InputError([
      {
        field: 'startYear',
        code: 'invalidValue',
        expected: 'a whole year from 0 to 9998',
        received: describeReceived(startYear),
      },
    ]);
  }
  return regulatoryYearText(startYear);
}

/** The twelve months of a Regulatory Year, April to March. */
export function monthsOfRegulatoryYear(year: RegulatoryYear): Month[] {
  const april = startYearOf(year) * 12 + 3;
  return Array.from({ length: 12 }, (_, offset) => monthOfIndex(april + offset));
}

/** The Regulatory Year a month belongs to. */
export function regulatoryYearOf(month: Month): RegulatoryYear {
  const parts = partsOfMonth(month);
  const startYear = parts.month >= 4 ? parts.year : parts.year - 1;
  if (startYear < 0) throw notAMonth('month', month);
  return regulatoryYearText(startYear);
}

/**
 * Every month from `from` to `to`, inclusive; empty when `to` is before `from`.
 * @throws InputError when either is not a month.
 */
export function monthsBetween(from: Month, to: Month): Month[] {
  const first = indexOf(from, 'from');
  const last = indexOf(to, 'to');
  const months: Month[] = [];
  for (let index = first; index <= last; index += 1) months.push(monthOfIndex(index));
  return months;
}
