/**
 * dcc-charges: what Users of the UK smart metering network owe the DCC under
 * SEC Section K, computed exactly from published Charging Statements.
 *
 * The core imports no Node built-ins; the command line lives in `src/cli/`.
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
  InputError,
  MAX_LISTED_ISSUES,
  formatIssue,
  formatLocation,
  type InputIssue,
  type IssueLocation,
} from './errors/input-error.js';
export { InvariantError, type InvariantCode } from './errors/invariant-error.js';
export { MAX_JSON_DEPTH } from './text/json-text.js';

export { readCsv, type CsvRow, type CsvTable } from './tables/csv.js';
export { detectTableFormat, type TableFormat, type ReadTableOptions } from './tables/read-table.js';

export {
  CHARGING_STATEMENT_FORMAT,
  chargingStatementSchema,
  type ChargingStatement,
  type ChargingStatementInput,
  type StatementRateRow,
  type ExplicitChargeRow,
  PROVENANCE_STATUSES,
  provenanceStatus,
  provenanceNote,
  type ProvenanceStatus,
  type StatementProvenance,
} from './statement/statement-schema.js';
export { parseChargingStatement, readChargingStatement } from './statement/parse-statement.js';
export { selectStatementInForce, findOverlappingStatements } from './statement/select-statement.js';
export {
  CHARGEABILITY,
  DEFAULT_CHARGEABLE_METERS,
  ENROLLED_ONLY_CHARGEABLE_METERS,
  PER_METER_CHARGE_TYPES,
  resolveChargeableMeters,
  isChargeable,
  type Chargeability,
  type ChargeableMeterRule,
  type ChargeableMeterRules,
  type PerMeterChargeType,
} from './statement/chargeable-meters.js';

export {
  METER_COUNT_COLUMNS,
  meterCountRowSchema,
  parseMeterCounts,
  readMeterCounts,
  validateMeterTable,
  type MeterCountRow,
  type MeterCountRowInput,
  type MeterTable,
} from './inputs/meter-counts.js';
export { USAGE_COLUMNS, usageRowSchema, parseUsage, readUsage, type UsageRow, type UsageRowInput } from './inputs/usage.js';
export {
  ELECTIVE_COLUMNS,
  electiveRowSchema,
  parseElective,
  readElective,
  type ElectiveRow,
} from './inputs/elective.js';

export {
  CHARGE_KINDS,
  MONTHLY_CHARGES_FORMAT,
  type ChargeKind,
  type ChargeLine,
  type ChargeTotals,
  type LineExplanation,
  type MonthlyCharges,
  type PriceSource,
} from './charges/charge-line.js';
export {
  calculateMonthlyCharges,
  selectMeterCountsForMonth,
  DEFAULT_VAT_RATE,
  type MonthlyChargesInput,
} from './charges/calculate-monthly-charges.js';
export { countChargeableMeters } from './charges/per-meter-lines.js';

// Budgets: comparing statements and projecting a User's costs (issue 6).
export { changeBetween, PERCENT_PLACES, type FigureChange } from './budget/change.js';
export {
  compareStatements,
  isUnchanged,
  COMPARISON_STATUSES,
  COMPARED_TOTALS,
  STATEMENT_COMPARISON_FORMAT,
  type ComparisonStatus,
  type ComparisonCounts,
  type ComparisonPortfolio,
  type ComparedStatement,
  type ExplicitPriceComparison,
  type PortfolioImpact,
  type RateComparison,
  type StatementComparison,
  type TermComparison,
  type TotalComparison,
} from './budget/compare-statements.js';
export {
  BUDGET_SCENARIO_FORMAT,
  GROWTH_TIMINGS,
  SENSITIVITY_INPUTS,
  STATEMENT_STATUSES,
  budgetScenarioSchema,
  type BudgetScenario,
  type BudgetScenarioInput,
  type GrowthTiming,
  type SensitivityInput,
  type StatementStatus,
} from './budget/scenario-schema.js';
export { parseBudgetScenario, readBudgetScenario, scenarioMonths, BASE_CASE_ID } from './budget/parse-scenario.js';
export { projectBudget, BUDGET_METHOD, type ProjectBudgetOptions } from './budget/project-budget.js';
export type { ScenarioFileReader } from './budget/year-sources.js';
export type { Derivation } from './budget/derive-year.js';
export {
  BUDGET_PROJECTION_FORMAT,
  type BudgetAdjustment,
  type BudgetCase,
  type BudgetMonth,
  type BudgetProjection,
  type BudgetYear,
  type BudgetYearStatement,
  type ChangeFromBase,
  type PerMeterCharge,
} from './budget/projection.js';

// Invoice reconciliation (issue 5)
export {
  INVOICE_LINE_KINDS,
  INVOICE_FIELDS,
  INVOICE_COLUMNS,
  invoiceLineSchema,
  lineKeyText,
  type InvoiceLine,
  type InvoiceLineInput,
  type InvoiceLineKind,
  type InvoiceField,
  type LineKey,
} from './reconciliation/invoice-line.js';
export {
  IDENTITY_COLUMN_MAPPING,
  parseColumnMapping,
  readColumnMapping,
  type ColumnMapping,
} from './reconciliation/column-mapping.js';
export {
  readInvoice,
  parseInvoiceLines,
  type Invoice,
  type ReadInvoiceOptions,
} from './reconciliation/read-invoice.js';
export { invoiceLinesFromCharges } from './reconciliation/invoice-from-charges.js';
export {
  reconcileInvoice,
  isTolerance,
  DEFAULT_TOLERANCE,
  type ReconcileInvoiceInput,
} from './reconciliation/reconcile-invoice.js';
export {
  RECONCILIATION_FORMAT,
  LINE_STATUSES,
  TOTAL_STATUSES,
  STATUS_PRECEDENCE,
  type Reconciliation,
  type ReconciliationLine,
  type ReconciliationTotal,
  type LineStatus,
  type TotalStatus,
  type LineCheck,
  type MoneyAtStake,
  type Verdict,
  type ExpectedFigures,
  type InvoicedFigures,
  type InvoiceArithmetic,
  type InvoicedBasis,
  type TotalName,
} from './reconciliation/reconciliation.js';
export { renderReconciliationHtml } from './reconciliation/render-html.js';
// Deriving a Charging Statement from revenue, weighting factors and meter forecasts (issue 3).
export {
  METHODOLOGY_INPUTS_FORMAT,
  DEFAULT_RATE_PRECISION,
  MAX_RATE_PRECISION,
  WEIGHTING_BASES,
  methodologyInputsSchema,
  type MethodologyInputs,
  type MethodologyInputsInput,
  type WeightingBasis,
} from './methodology/inputs-schema.js';
export { chargingPeriodOf } from './methodology/charging-period.js';
export { parseMethodologyInputs, readMethodologyInputs } from './methodology/parse-inputs.js';
export {
  deriveChargingStatement,
  deriveValidatedChargingStatement,
  RATE_ROUNDING_MODE,
  type DerivedChargingStatement,
  type PotRecovery,
} from './methodology/derive-statement.js';
export {
  DERIVATION_STEPS,
  type Confidence,
  type DerivationStep,
  type DerivationStepKind,
  type RateRounding,
} from './methodology/trace.js';
export type { PotScope } from './methodology/forecast-base.js';

// Registrations: from registration data to chargeable meter counts (issue 4).
export { mpanCheckDigit, isMpanCore, isMprn, distributorIdOf, MPAN_CHECK_WEIGHTS } from './registrations/meter-points.js';
export {
  GSP_GROUPS,
  DNO_GSP_GROUPS,
  DEFAULT_GSP_GROUP_REGIONS,
  isGspGroup,
  gspGroupOfDistributor,
  type GspGroup,
  type GspGroupRegions,
} from './registrations/gsp-groups.js';
export { snapshotsOf, DEFAULT_SNAPSHOT_DAY, type Snapshot, type SnapshotDay } from './registrations/snapshots.js';
export { REGISTRATION_COLUMNS, type RegistrationRow } from './registrations/registration.js';
export type { CountSummary, InvalidRowMode, RejectedRegistration } from './registrations/tally.js';
export {
  REGISTERED_METER_COUNTS_FORMAT,
  DEFAULT_MAX_ISSUES,
  type CountRegisteredMetersOptions,
  type RegisteredMeterCounts,
} from './registrations/count-options.js';
export { countRegisteredMeters } from './registrations/count-registered-meters.js';
export {
  countRegistrationCsv,
  readRegistrationCsvRows,
  type CountProgress,
  type CountRegistrationCsvOptions,
} from './registrations/registration-csv.js';
