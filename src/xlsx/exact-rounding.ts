/**
 * Spreadsheet formulas that round a product to pence exactly as the library does (decision 0052).
 *
 * A spreadsheet computes in binary doubles: `ROUND(1235*0.4468, 2)` can land on the wrong side
 * of a half penny, and each program rounds ties its own way. So the workbook computes in whole
 * numbers that doubles hold exactly. With M the scaled quantity (meters, or the quantity times
 * 10^4) and R the rate times 10^10, the amount in pence is `M x R / 10^S`. Its remainder
 * `(M x R) mod 10^S` is computed exactly from four-digit limbs (every partial product stays
 * below 10^15, and every division is by a power of ten of an integer of at most 15 digits, which
 * Excel, LibreOffice and HyperFormula all do exactly); the whole pence are then
 * `ROUND((M x R - remainder) / 10^S, 0)`, a double within 0.02 of an integer while the amount
 * is below 10^14 pence; the rounding mode decides from the remainder alone whether to add one.
 */
import type { RoundingMode } from '../money/rounding.js';

/** Decimal places of a rate or price as the workbook scales it: R = rate x 10^10. */
export const RATE_SCALE = 10;

/** Decimal places of an explicit quantity as the workbook scales it: M = quantity x 10^4. */
export const QUANTITY_SCALE = 4;

/**
 * The bounds within which the formulas are exact: scaled quantity M below 10^13, scaled rate
 * R below 10^15 (a rate below 100000 with at most 10 decimal places) and amounts below 10^14
 * pence. A line outside them is written as values, not formulas, and flagged.
 */
export const EXACT_FORMULA_BOUNDS = { scaledQuantity: 10n ** 13n, scaledRate: 10n ** 15n, pence: 10n ** 14n } as const;

const LIMB = 4;

/** Limbs (four digits each) the remainder needs: scales up to 12. */
export const LIMBS = 3;

/** 10^k written out in digits (not every formula engine reads `1E8`). */
function pow10(exponent: number): string {
  return `1${'0'.repeat(exponent)}`;
}

/** A formula scaling a cell to a whole number: `ROUND(cell*10^scale, 0)`. */
export function scaledFormula(ref: string, scale: number): string {
  return scale === 0 ? `ROUND(${ref},0)` : `ROUND(${ref}*${pow10(scale)},0)`;
}

/**
 * Formulas for the three low four-digit limbs of a whole number below 10^15: `x mod 10^4`,
 * then the next two. Each divides an integer of at most 15 digits by a power of ten.
 */
export function limbFormulas(x: string): string[] {
  const limbs: string[] = [];
  for (let i = 0; i < LIMBS; i += 1) {
    const lower = i === 0 ? x : `INT(${x}/${pow10(LIMB * i)})`;
    limbs.push(`${lower}-10000*INT(${x}/${pow10(LIMB * (i + 1))})`);
  }
  return limbs;
}

/** The limbs of a whole number, as the formulas compute them. */
export function limbsOf(x: bigint): bigint[] {
  const limbs: bigint[] = [];
  for (let i = 0; i < LIMBS; i += 1) limbs.push((x / 10n ** BigInt(LIMB * i)) % 10000n);
  return limbs;
}

/**
 * A formula for `(M x R) mod 10^S` from the limb cells of M and of R: the sum of the limb
 * products that reach below 10^S, each reduced first (every MOD divides less than 10^13).
 */
export function remainderFormula(mLimbs: readonly string[], rLimbs: readonly string[], scale: number): string {
  const limbs = Math.ceil(scale / LIMB);
  const terms: string[] = [];
  for (let i = 0; i < limbs; i += 1) {
    for (let j = 0; i + j < limbs; j += 1) {
      const shift = LIMB * (i + j);
      const product = `MOD(${mLimbs[i]}*${rLimbs[j]},${pow10(scale - shift)})`;
      terms.push(shift === 0 ? product : `${product}*${pow10(shift)}`);
    }
  }
  return `MOD(${terms.join('+')},${pow10(scale)})`;
}

/**
 * A formula for `magnitude` (never negative) with the sign of `sign`: `IF(sign<0,0-(x),x)`.
 * Not `SIGN(sign)*x`: on a negative sign and a magnitude of nothing that gives -0, which
 * LibreOffice shows as "-0.00"; `0-0` is 0. Every signed rounded amount in a workbook uses this.
 */
export function signedFormula(sign: string, magnitude: string): string {
  const simple = /^(?:'[^']*'!|[A-Za-z0-9_]+!)?\$?[A-Z]+\$?[0-9]+$/.test(magnitude);
  return simple ? `IF(${sign}<0,0-${magnitude},${magnitude})` : `IF(${sign}<0,0-(${magnitude}),${magnitude})`;
}

/** A formula for the whole pence of `M x R / 10^S` rounded by `mode`, given the remainder cell. */
export function penceFormula(m: string, r: string, remainder: string, scale: number, mode: RoundingMode): string {
  const floor = `ROUND((${m}*${r}-${remainder})/${pow10(scale)},0)`;
  const half = `5${'0'.repeat(scale - 1)}`;
  switch (mode) {
    case 'halfUp':
      return `${floor}+IF(${remainder}>=${half},1,0)`;
    case 'halfDown':
      return `${floor}+IF(${remainder}>${half},1,0)`;
    case 'halfEven':
      return `${floor}+IF(OR(${remainder}>${half},AND(${remainder}=${half},ISODD(${floor}))),1,0)`;
    case 'up':
      return `${floor}+IF(${remainder}>0,1,0)`;
    case 'down':
      return floor;
  }
}

/** The same computation in exact integers, for the values saved with the formulas. */
export function exactPence(
  m: bigint,
  r: bigint,
  scale: number,
  mode: RoundingMode,
): { remainder: bigint; pence: bigint } {
  const divisor = 10n ** BigInt(scale);
  const product = m * r;
  const floor = product / divisor;
  const remainder = product % divisor;
  const half = divisor / 2n;
  let bump: boolean;
  switch (mode) {
    case 'halfUp':
      bump = remainder >= half;
      break;
    case 'halfDown':
      bump = remainder > half;
      break;
    case 'halfEven':
      bump = remainder > half || (remainder === half && floor % 2n === 1n);
      break;
    case 'up':
      bump = remainder > 0n;
      break;
    case 'down':
      bump = false;
      break;
  }
  return { remainder, pence: floor + (bump ? 1n : 0n) };
}

/** A plain decimal scaled to a whole number, or undefined when it has more decimals than `scale`. */
export function scaledInteger(text: string, scale: number): bigint | undefined {
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  if (fraction.replace(/0+$/, '').length > scale) return undefined;
  const value = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  return negative ? -value : value;
}

/** Pence as a plain decimal of pounds (`12345n` is `"123.45"`). */
export function penceText(pence: bigint): string {
  const negative = pence < 0n;
  const digits = (negative ? -pence : pence).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Headers of the helper cells {@link roundingCells} writes. */
export const ROUNDING_HEADERS = [
  'scaled quantity M',
  'scaled price R = price x 10^10',
  'M limb 0',
  'M limb 1',
  'M limb 2',
  'R limb 0',
  'R limb 1',
  'R limb 2',
  'scale S',
  'remainder of M x R / 10^S',
  'amount in pence',
] as const;

/** A helper cell: a formula and the value it computes. */
export interface HelperCell {
  readonly formula?: string;
  readonly value: number;
}

/**
 * The helper cells of one exact rounding, in the columns from `first` on row `row`:
 * M, R, their limbs, S, the remainder and the pence (the last is at `first + 10`).
 * @param sign - a formula whose sign the pence take (VAT on a negative net), if any.
 */
export function roundingCells(
  first: number,
  row: number,
  m: { formula: string; value: bigint },
  r: { formula: string; value: bigint },
  scale: number,
  mode: RoundingMode,
  ref: (column: number, row: number) => string,
  sign?: { formula: string; negative: boolean },
): HelperCell[] {
  const at = (offset: number) => ref(first + offset, row);
  const { remainder, pence } = exactPence(m.value, r.value, scale, mode);
  const mLimbs = limbsOf(m.value);
  const rLimbs = limbsOf(r.value);
  const cells: HelperCell[] = [
    { formula: m.formula, value: Number(m.value) },
    { formula: r.formula, value: Number(r.value) },
    ...limbFormulas(at(0)).map((formula, index) => ({ formula, value: Number(mLimbs[index]) })),
    ...limbFormulas(at(1)).map((formula, index) => ({ formula, value: Number(rLimbs[index]) })),
    { value: scale },
    { formula: remainderFormula([at(2), at(3), at(4)], [at(5), at(6), at(7)], scale), value: Number(remainder) },
  ];
  const rounded = penceFormula(at(0), at(1), at(9), scale, mode);
  cells.push(
    sign === undefined
      ? { formula: rounded, value: Number(pence) }
      : { formula: signedFormula(sign.formula, rounded), value: Number(sign.negative ? -pence : pence) },
  );
  return cells;
}
