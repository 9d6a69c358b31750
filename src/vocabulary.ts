/**
 * dcc-charges/vocabulary: the closed sets and tables the inputs and results are written in
 * (Charging Groups, regions, regimes, kinds and statuses, column lists, defaults, the
 * input-issue catalogue), and the checks of single values (months, decimals, meter points).
 * The operations are in the main entry, `dcc-charges`.
 * @packageDocumentation
 */
export {
  CHARGING_GROUPS,
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUP_NAMES,
  CH_CHARGING_GROUPS,
  ELECTRICITY_GROUPS,
  parseChargingGroup,
  isChChargingGroup,
  type ChargingGroup,
  type ChargingGroupSymbol,
  type ChChargingGroup,
  type ChargingGroupSpelling,
} from './vocabulary/charging-groups.js';
export { REGIONS, RATE_REGIONS, isRegion, type Region, type RateRegion } from './vocabulary/regions.js';
export { REGIMES, FIXED_CHARGES_CLAUSE, FIXED_ALT_HAN_CHARGES_CLAUSE, type Regime } from './vocabulary/regimes.js';
export { USER_ROLES, CHARGING_GROUP_OF_ROLE, type UserRole } from './vocabulary/user-roles.js';
export { PREMISES_TYPES, type PremisesType } from './vocabulary/premises.js';
export {
  isMonth,
  isRegulatoryYear,
  addToMonth,
  compareMonths,
  daysInMonth,
  monthsBetween,
  monthsOfRegulatoryYear,
  regulatoryYearOf,
  regulatoryYearStarting,
  startYearOf,
  type Month,
  type RegulatoryYear,
} from './vocabulary/months.js';
export { ROUNDING_MODES, DEFAULT_ROUNDING_MODE, type RoundingMode } from './money/rounding.js';
export { isPlainDecimal, isPlainUnsignedDecimal, isWholeNumber } from './money/plain-decimal.js';
export {
  isDecimalString,
  isValidMonth,
  isValidRegulatoryYear,
  parseDecimalString,
  parseMonth,
  parseRegulatoryYear,
  type Branded,
  type DecimalString,
  type ValidMonth,
  type ValidRegulatoryYear,
} from './schema/brands.js';
export { INPUT_ISSUE_CODES, isInputIssueCode, type InputIssueCode } from './errors/issue-codes.js';

export { PROVENANCE_STATUSES, provenanceStatus, provenanceNote } from './statement/statement-schema.js';
export {
  CHARGEABILITY,
  DEFAULT_CHARGEABLE_METERS,
  ENROLLED_ONLY_CHARGEABLE_METERS,
  PER_METER_CHARGE_TYPES,
  resolveChargeableMeters,
  isChargeable,
} from './statement/chargeable-meters.js';
export { METER_COUNT_COLUMNS } from './inputs/meter-counts.js';
export { USAGE_COLUMNS } from './inputs/usage.js';
export { ELECTIVE_COLUMNS } from './inputs/elective.js';
export { CHARGE_KINDS } from './charges/charge-line.js';
export { DEFAULT_VAT_RATE } from './charges/calculate-monthly-charges.js';

export { PERCENT_PLACES } from './budget/change.js';
export { COMPARISON_STATUSES, COMPARED_TOTALS } from './budget/compare-statements.js';
export { GROWTH_TIMINGS, SENSITIVITY_INPUTS, STATEMENT_STATUSES } from './budget/scenario-schema.js';
export { scenarioMonths, BASE_CASE_ID } from './budget/scenario-rules.js';
export { BUDGET_METHOD } from './budget/project-budget.js';

export { INVOICE_LINE_KINDS, INVOICE_FIELDS, INVOICE_COLUMNS } from './reconciliation/invoice-line.js';
export { IDENTITY_COLUMN_MAPPING } from './reconciliation/column-mapping.js';
export { isTolerance, DEFAULT_TOLERANCE } from './reconciliation/reconcile-invoice.js';
export { LINE_LISTINGS, LINE_STATUSES, TOTAL_STATUSES, STATUS_PRECEDENCE } from './reconciliation/reconciliation.js';

export { DEFAULT_RATE_PRECISION, MAX_RATE_PRECISION, WEIGHTING_BASES } from './methodology/inputs-schema.js';
export { chargingPeriodOf } from './methodology/charging-period.js';
export { RATE_ROUNDING_MODE } from './methodology/derive-statement.js';
export { DERIVATION_STEPS } from './methodology/trace.js';

export { mpanCheckDigit, isMpanCore, isMprn, distributorIdOf } from './registrations/meter-points.js';
export {
  GSP_GROUPS,
  DNO_GSP_GROUPS,
  DEFAULT_GSP_GROUP_REGIONS,
  isGspGroup,
  gspGroupOfDistributor,
  type GspGroup,
  type GspGroupRegions,
} from './registrations/gsp-groups.js';
export { DEFAULT_SNAPSHOT_DAY } from './registrations/snapshots.js';
export { REGISTRATION_COLUMNS } from './registrations/registration.js';
export { DEFAULT_MAX_ISSUES } from './registrations/count-options.js';
