/**
 * dcc-charges/node: the parts of the library that need Node (files on disk).
 * Everything else is in the main entry, `dcc-charges`.
 * @packageDocumentation
 */
export {
  countRegistrationsFile,
  readRegistrationsFile,
  REGISTRATION_FILE_CHUNK_BYTES,
  TWO_THREAD_MIN_BYTES,
  type CountRegistrationsFileOptions,
  type FileCountProgress,
} from './node/registration-files.js';
export { OVERLAP_SPILL_BUDGET_BYTES } from './node/overlap-spill.js';
export { reconcileInvoiceFile, type ReconcileInvoiceFileInput } from './node/invoice-files.js';
export {
  explainCountsFromFile,
  reconcileWithRegistrationsFile,
  type ExplainCountsOptions,
  type ReconcileWithRegistrationsInput,
} from './node/registration-disputes.js';
export {
  MAX_LISTED_METER_POINTS,
  type DifferingMeterPoint,
  type InvoiceCountDispute,
  type RegistrationCountCheck,
} from './reconciliation/count-check.js';
export type { ReadingCount, CountReading, CountedBy } from './reconciliation/count-readings.js';
