/** Defaults of a monthly charge, apart from the calculation so that the command line can show them cheaply. */

/** The default VAT rate, applied at invoice level. */
export const DEFAULT_VAT_RATE = '0.20';
