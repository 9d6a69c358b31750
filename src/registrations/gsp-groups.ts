/**
 * GSP Groups (`_A`.. `_P`) and their Regions (docs/registrations.md). The distributor id of a DNO
 * area names its GSP Group; the GSP Group to Region table is our reading [R] (decision 0021)
 * and a caller may replace it.
 */
import type { Region } from '../vocabulary/regions.js';

/** The fourteen GSP Groups, `_A` to `_P` (there is no `_I` or `_O`). */
export const GSP_GROUPS = ['_A', '_B', '_C', '_D', '_E', '_F', '_G', '_H', '_J', '_K', '_L', '_M', '_N', '_P'] as const;

/** A GSP Group. */
export type GspGroup = (typeof GSP_GROUPS)[number];

/** A GSP Group to Region table. */
export type GspGroupRegions = Readonly<Record<GspGroup, Region>>;

/** The GSP Group of each DNO area, by distributor id 10 to 23 (the MPAN's first two digits). */
export const DNO_GSP_GROUPS: Readonly<Record<number, GspGroup>> = {
  10: '_A', // Eastern
  11: '_B', // East Midlands
  12: '_C', // London
  13: '_D', // Merseyside and North Wales
  14: '_E', // Midlands
  15: '_F', // Northern
  16: '_G', // North Western
  17: '_P', // North Scotland
  18: '_N', // South Scotland
  19: '_J', // South Eastern
  20: '_H', // Southern
  21: '_K', // South Wales
  22: '_L', // South Western
  23: '_M', // Yorkshire
};

/**
 * The default GSP Group to Region table [R] (decision 0021): north = _N _P _F _G _M;
 * central = _A _B _D _E _K; south = _C _H _J _L.
 */
export const DEFAULT_GSP_GROUP_REGIONS: GspGroupRegions = {
  _A: 'central',
  _B: 'central',
  _C: 'south',
  _D: 'central',
  _E: 'central',
  _F: 'north',
  _G: 'north',
  _H: 'south',
  _J: 'south',
  _K: 'central',
  _L: 'south',
  _M: 'north',
  _N: 'north',
  _P: 'north',
};

/** True when `text` names a GSP Group. */
export function isGspGroup(text: string): text is GspGroup {
  return (GSP_GROUPS as readonly string[]).includes(text);
}

/**
 * The GSP Group of a DNO area's distributor id, or `undefined` for an independent network.
 * @example gspGroupOfDistributor(12) // '_C'
 */
export function gspGroupOfDistributor(distributorId: number): GspGroup | undefined {
  return DNO_GSP_GROUPS[distributorId];
}
