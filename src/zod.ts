/**
 * dcc-charges/zod: the zod schemas of the input files, for callers that compose them into
 * their own schemas. The main entry's `parse*` and `read*` functions apply them (and the
 * rules across rows) with located issues; prefer those to validate a file.
 * @packageDocumentation
 */
export { chargingStatementSchema } from './statement/statement-schema.js';
export { meterCountRowSchema } from './inputs/meter-counts.js';
export { usageRowSchema } from './inputs/usage.js';
export { electiveRowSchema } from './inputs/elective.js';
export { invoiceLineSchema } from './reconciliation/invoice-line.js';
export { budgetScenarioSchema } from './budget/scenario-schema.js';
export { methodologyInputsSchema } from './methodology/inputs-schema.js';
