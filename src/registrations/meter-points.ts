/**
 * Meter point identifiers (docs/registrations.md): the MPAN core of an electricity meter point
 * (13 digits, the last a check digit) and the MPRN of a gas meter point.
 */

/** Weights of the first twelve digits of an MPAN core in its check digit. */
export const MPAN_CHECK_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

/** Number of digits of an MPAN core. */
export const MPAN_CORE_LENGTH = 13;

/** Shortest and longest MPRN accepted, in digits (decision 0024). */
export const MPRN_LENGTH = { min: 6, max: 10 } as const;

const DIGITS_ONLY = /^[0-9]+$/;

/**
 * The check digit of an MPAN core from its first twelve digits:
 * `(sum of digit x weight) mod 11 mod 10`.
 * @param first12 - the first twelve digits, as text.
 * @returns the check digit, 0 to 9.
 * @throws RangeError when `first12` is not twelve digits.
 * @example mpanCheckDigit('101234567890') // 3
 */
export function mpanCheckDigit(first12: string): number {
  if (first12.length !== 12 || !DIGITS_ONLY.test(first12)) {
    throw new RangeError(`an MPAN check digit needs twelve digits, received ${JSON.stringify(first12)}`);
  }
  let sum = 0;
  for (let index = 0; index < 12; index += 1) {
    sum += (first12.charCodeAt(index) - 48) * (MPAN_CHECK_WEIGHTS[index] as number);
  }
  return (sum % 11) % 10;
}

/**
 * True when `text` is an MPAN core: thirteen digits whose last is the check digit of the
 * first twelve.
 * @example isMpanCore('1012345678903') // true
 */
export function isMpanCore(text: string): boolean {
  if (text.length !== MPAN_CORE_LENGTH || !DIGITS_ONLY.test(text)) return false;
  return mpanCheckDigit(text.slice(0, 12)) === text.charCodeAt(12) - 48;
}

/**
 * The distributor id of an MPAN core: its first two digits (10 to 23 are the fourteen DNO
 * areas; other ids are independent networks).
 * @example distributorIdOf('1012345678903') // 10
 */
export function distributorIdOf(mpanCore: string): number {
  return Number(mpanCore.slice(0, 2));
}

/**
 * True when `text` has the form of an MPRN: 6 to 10 digits, the first not 0 (decision 0024).
 * MPRNs carry no check digit that this library verifies.
 * @example isMprn('7400123456') // true
 */
export function isMprn(text: string): boolean {
  return (
    text.length >= MPRN_LENGTH.min &&
    text.length <= MPRN_LENGTH.max &&
    DIGITS_ONLY.test(text) &&
    text.charCodeAt(0) !== 48
  );
}
