/**
 * Calendar dates as day numbers (days since 1970-01-01 in the proleptic Gregorian calendar),
 * computed from the digits alone: no `Date`, no time of day, no time zone.
 */

import { daysInCalendarMonth } from '../vocabulary/months.js';

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export { isLeapYear, daysInCalendarMonth } from '../vocabulary/months.js';

/**
 * The day number of a calendar date that is known to be real.
 * @example dayNumberOf(1970, 1, 1) // 0
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The day number of an ISO date `YYYY-MM-DD` (years 0001 to 9999), or `undefined` when the
 * text is not a real calendar date (such as `2025-02-30`).
 * @example dayNumberOfIsoDate('2025-04-30') // 20208
 */
export function dayNumberOfIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInCalendarMonth(year, month)) return undefined;
  return dayNumberOf(year, month, day);
}

/**
 * Writes a day number as an ISO date `YYYY-MM-DD`.
 * @example isoDateOfDayNumber(0) // '1970-01-01'
 */
export function isoDateOfDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
