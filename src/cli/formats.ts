/** The report formats of each command, apart from the commands so that `--help` loads nothing else. */

/** Output formats of `charges`. */
export const CHARGES_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;

/** Output formats of `charges --by-user` (the summary table, or every line as JSON or CSV). */
export const CHARGES_BY_USER_FORMATS = ['table', 'json', 'csv'] as const;

/** Output formats of `count`. */
export const COUNT_FORMATS = ['table', 'csv', 'json', 'html', 'xlsx'] as const;

/** Output formats of `count --by-user` (no HTML page: its charts are of one User). */
export const COUNT_BY_USER_FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;

/** Output formats of `derive`. */
export const DERIVE_FORMATS = ['table', 'json', 'xlsx'] as const;

/** Output formats of `reconcile`. */
export const RECONCILE_FORMATS = ['table', 'json', 'csv', 'md', 'html', 'xlsx'] as const;

/** Output formats of `diff`. */
export const DIFF_FORMATS = ['table', 'json', 'csv', 'md', 'html', 'xlsx'] as const;

/** Output formats of `budget`. */
export const BUDGET_FORMATS = ['table', 'json', 'csv', 'html', 'xlsx'] as const;

/** Output formats of `model` (a workbook only). */
export const MODEL_FORMATS = ['xlsx'] as const;
