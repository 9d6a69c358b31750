/**
 * The names of the rounding modes and the default, apart from the arithmetic (`rounding.ts`), so
 * that the command line can list them without loading decimal.js.
 */

/** Rounding modes a caller may choose. `halfUp` rounds ties away from zero. */
export const ROUNDING_MODES = ['halfUp', 'halfEven', 'halfDown', 'up', 'down'] as const;

/** A rounding mode: see {@link ROUNDING_MODES}. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** The default rounding mode everywhere: half-up (ties away from zero). */
export const DEFAULT_ROUNDING_MODE: RoundingMode = 'halfUp';
