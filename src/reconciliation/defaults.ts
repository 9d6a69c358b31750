/** Defaults of a reconciliation, apart from it so that the command line can show them cheaply. */

/** The default tolerance: none (amounts must be equal to the penny). */
export const DEFAULT_TOLERANCE = '0.00';
