/**
 * Branded strings: a month, a Regulatory Year or a plain decimal that has been checked. The
 * brand exists only for the type checker; a function that takes a `DecimalString` (or a
 * `ValidMonth`) states that its argument was validated, so it does not check it again, and a
 * plain `string` given there does not compile. The only ways to make one are the guards and
 * the `parse*` functions below, which check.
 */
import { Dec } from '../money/decimal.js';
import { isPlainDecimal } from '../money/plain-decimal.js';
import { describeReceived, InputError, type IssueLocation } from '../errors/input-error.js';
import { isMonth, isRegulatoryYear, type Month, type RegulatoryYear } from '../vocabulary/months.js';

declare const BRAND: unique symbol;

/** `T` marked as checked under the name `Name`. */
export type Branded<T, Name extends string> = T & { readonly [BRAND]: Name };

/** A plain decimal string (`-?(0|[1-9]d*)(.d+)?`) that has been checked. */
export type DecimalString = Branded<string, 'DecimalString'>;

/** A month `YYYY-MM` that has been checked. */
export type ValidMonth = Branded<Month, 'Month'>;

/** A Regulatory Year `YYYY/YY` (second part the next year) that has been checked. */
export type ValidRegulatoryYear = Branded<RegulatoryYear, 'RegulatoryYear'>;

/** True when `text` is a plain decimal; narrows it to a {@link DecimalString}. */
export function isDecimalString(text: string): text is DecimalString {
  return isPlainDecimal(text);
}

/** True when `text` is a month `YYYY-MM`; narrows it to a {@link ValidMonth}. */
export function isValidMonth(text: string): text is ValidMonth {
  return isMonth(text);
}

/** True when `text` is a Regulatory Year such as `2025/26`; narrows it to a {@link ValidRegulatoryYear}. */
export function isValidRegulatoryYear(text: string): text is ValidRegulatoryYear {
  return isRegulatoryYear(text);
}

function parseBranded<T extends string>(
  value: unknown,
  is: (text: string) => text is T,
  expected: string,
  at: IssueLocation,
): T {
  if (typeof value === 'string' && is(value)) return value;
  throw new InputError([{ ...at, code: 'invalidValue', expected, received: describeReceived(value) }]);
}

/**
 * Checks a plain decimal string once, for callers that pass it on many times.
 * @throws InputError (`invalidValue`) naming `at` when it is not one.
 */
export function parseDecimalString(value: unknown, at: IssueLocation = {}): DecimalString {
  return parseBranded(
    value,
    isDecimalString,
    'a plain decimal such as "0.4468" (no exponent, no thousands separator)',
    at,
  );
}

/**
 * Checks a month once.
 * @throws InputError (`invalidValue`) naming `at` when it is not `YYYY-MM`.
 */
export function parseMonth(value: unknown, at: IssueLocation = {}): ValidMonth {
  return parseBranded(value, isValidMonth, 'a month YYYY-MM such as "2025-06"', at);
}

/**
 * Checks a Regulatory Year once.
 * @throws InputError (`invalidValue`) naming `at` when it is not `YYYY/YY` with consecutive years.
 */
export function parseRegulatoryYear(value: unknown, at: IssueLocation = {}): ValidRegulatoryYear {
  return parseBranded(value, isValidRegulatoryYear, 'a Regulatory Year such as "2025/26"', at);
}

/**
 * The exact value of a checked decimal string, with no second check of its pattern (the
 * checking `toDecimal` is for strings whose validation the type does not record).
 */
export function decimalOf(value: DecimalString): Dec {
  return new Dec(value);
}
