/** Premises types of a meter point: domestic or non-domestic. */

/** The premises types. */
export const PREMISES_TYPES = ['domestic', 'nonDomestic'] as const;

/** A premises type. */
export type PremisesType = (typeof PREMISES_TYPES)[number];
