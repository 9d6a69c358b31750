/**
 * Regions: the three DCC communications regions [P]. A rate may also be `national`,
 * applying to the meter count summed over all regions.
 */

/** The three Regions, north to south. */
export const REGIONS = ['north', 'central', 'south'] as const;

/** A Region. */
export type Region = (typeof REGIONS)[number];

/** The regions a rate may apply to: `national` or one Region. */
export const RATE_REGIONS = ['national', ...REGIONS] as const;

/** A rate region. */
export type RateRegion = (typeof RATE_REGIONS)[number];

/** True when `text` names a Region. */
export function isRegion(text: string): text is Region {
  return (REGIONS as readonly string[]).includes(text);
}
