/**
 * Regimes of Fixed Charges: before (K4), during (K5) and after (K6) the User Integration
 * Testing and Mass Rollout (UITMR) Period [V]. The period's dates are inputs, not constants.
 */

/** The three regimes. */
export const REGIMES = ['preUitmr', 'uitmr', 'postUitmr'] as const;

/** A regime. */
export type Regime = (typeof REGIMES)[number];

/** The Section K part that sets Fixed Charges in each regime. */
export const FIXED_CHARGES_CLAUSE: Record<Regime, string> = {
  preUitmr: 'K4',
  uitmr: 'K5',
  postUitmr: 'K6',
};

/**
 * The Section K part cited for Fixed Alt HAN Charges in each regime: K5A during and K6B after
 * the UITMR Period [V that the parts exist]. No pre-UITMR part is known; K5A is cited [R].
 */
export const FIXED_ALT_HAN_CHARGES_CLAUSE: Record<Regime, string> = {
  preUitmr: 'K5A',
  uitmr: 'K5A',
  postUitmr: 'K6B',
};
