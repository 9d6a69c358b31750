/**
 * dcc-charges: what Users of the UK smart metering network owe the DCC under
 * SEC Section K, computed exactly from published Charging Statements.
 *
 * This entry holds the operations (read and parse the inputs; calculate, derive, count,
 * reconcile, compare, project), their input and result types, the errors and the format
 * tags. Vocabulary tables are in `dcc-charges/vocabulary`, the zod schemas in
 * `dcc-charges/zod`, the renderers of results in `dcc-charges/render`; files on disk in
 * `dcc-charges/node` and workbooks in `dcc-charges/xlsx`.
 *
 * The core imports no Node built-ins; the command line lives in `src/cli/`.
 * @packageDocumentation
 */

// Errors
export { InputError, MAX_LISTED_ISSUES, type InputIssue, type IssueLocation } from './errors/input-error.js';
export { MAX_JSON_DEPTH } from './text/json-text.js';
export type { InputIssueCode } from './errors/issue-codes.js';
export { InvariantError, type InvariantCode } from './errors/invariant-error.js';

// Vocabulary types that inputs and results are written in (their tables: dcc-charges/vocabulary)
export type {
  ChargingGroup,
  ChargingGroupSpelling,
  ChargingGroupSymbol,
  ChChargingGroup,
} from './vocabulary/charging-groups.js';
export type { Region, RateRegion } from './vocabulary/regions.js';
export type { Regime } from './vocabulary/regimes.js';
export type { UserRole } from './vocabulary/user-roles.js';
export type { PremisesType } from './vocabulary/premises.js';
export type { Month, RegulatoryYear } from './vocabulary/months.js';
export type { DecimalString, ValidMonth, ValidRegulatoryYear } from './schema/brands.js';
export type { RoundingMode } from './money/rounding.js';
export type { TableFormat, ReadTableOptions } from './tables/read-table.js';
export type { CellRow, CellTable } from './tables/cell-table.js';

// Charging Statements: read
export {
  CHARGING_STATEMENT_FORMAT,
  type ChargingStatement,
  type ChargingStatementInput,
  type StatementRateRow,
  type ExplicitChargeRow,
  type ProvenanceStatus,
  type StatementProvenance,
} from './statement/statement-schema.js';
export { parseChargingStatement, readChargingStatement } from './statement/parse-statement.js';
export type {
  Chargeability,
  ChargeableMeterRule,
  ChargeableMeterRules,
  PerMeterChargeType,
} from './statement/chargeable-meters.js';

// Monthly charges: read the inputs, calculate
export {
  parseMeterCounts,
  readMeterCounts,
  validateMeterTable,
  type MeterCountRow,
  type MeterCountRowInput,
  type MeterTable,
} from './inputs/meter-counts.js';
export { parseUsage, readUsage, type UsageRow, type UsageRowInput } from './inputs/usage.js';
export { parseElective, readElective, type ElectiveRow } from './inputs/elective.js';
export {
  MONTHLY_CHARGES_FORMAT,
  type ChargeKind,
  type ChargeKey,
  type ChargeFigures,
  type ChargeLine,
  type PerMeterChargeKey,
  type PerMeterChargeLine,
  type ExplicitChargeKey,
  type ExplicitChargeLine,
  type ElectiveChargeKey,
  type ElectiveChargeLine,
  type ChargeTotals,
  type LineExplanation,
  type MonthlyCharges,
  type PriceSource,
} from './charges/charge-line.js';
export { calculateMonthlyCharges, type MonthlyChargesInput } from './charges/calculate-monthly-charges.js';
export {
  calculateMonthlyChargesByUser,
  MONTHLY_CHARGES_BY_USER_FORMAT,
  type ChargesAcrossUsers,
  type MonthlyChargesByUser,
  type MonthlyChargesByUserInput,
  type UserChargeInput,
  type UserMonthlyCharges,
} from './charges/charges-by-user.js';

// Budgets: compare statements, project a User's costs
export type { FigureChange } from './budget/change.js';
export {
  compareStatements,
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
  type BudgetScenario,
  type BudgetScenarioInput,
  type GrowthTiming,
  type SensitivityInput,
  type StatementStatus,
} from './budget/scenario-schema.js';
export { parseBudgetScenario, readBudgetScenario } from './budget/parse-scenario.js';
export { projectBudget, type ProjectBudgetOptions } from './budget/project-budget.js';
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

// Invoice reconciliation: read an invoice, reconcile it
export type {
  InvoiceLine,
  InvoiceChargeRow,
  InvoiceRowCommon,
  InvoiceVatRow,
  InvoiceTotalRow,
  InvoiceRowKey,
  InvoiceLineInput,
  InvoiceLineKind,
  InvoiceField,
  LineKey,
} from './reconciliation/invoice-line.js';
export { parseColumnMapping, readColumnMapping, type ColumnMapping } from './reconciliation/column-mapping.js';
export {
  readInvoice,
  parseInvoiceLines,
  type Invoice,
  type ReadInvoiceOptions,
} from './reconciliation/read-invoice.js';
export { invoiceLinesFromCharges } from './reconciliation/invoice-from-charges.js';
export { reconcileInvoice, type ReconcileInvoiceInput } from './reconciliation/reconcile-invoice.js';
export {
  RECONCILIATION_FORMAT,
  type Reconciliation,
  type ReconciliationLine,
  type ReconciliationTotal,
  type LineStatus,
  type LineListing,
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

// Deriving a Charging Statement from revenue, weighting factors and meter forecasts
export {
  METHODOLOGY_INPUTS_FORMAT,
  type MethodologyInputs,
  type MethodologyInputsInput,
  type WeightingBasis,
} from './methodology/inputs-schema.js';
export { parseMethodologyInputs, readMethodologyInputs } from './methodology/parse-inputs.js';
export {
  deriveChargingStatement,
  type DerivedChargingStatement,
  type PotRecovery,
} from './methodology/derive-statement.js';
export type { Confidence, DerivationStep, DerivationStepKind, RateRounding } from './methodology/trace.js';
export type { PotScope } from './methodology/forecast-base.js';

// Registrations: from registration data to chargeable meter counts
export type { GspGroup, GspGroupRegions } from './registrations/gsp-groups.js';
export type { Snapshot, SnapshotDay } from './registrations/snapshots.js';
export type { RegistrationRow } from './registrations/registration.js';
export type { CountSummary, InvalidRowMode, RejectedRegistration } from './registrations/tally.js';
export {
  REGISTERED_METER_COUNTS_BY_USER_FORMAT,
  REGISTERED_METER_COUNTS_FORMAT,
  type CountByUserOptions,
  type CountRegisteredMetersOptions,
  type RegisteredMeterCounts,
  type RegisteredMeterCountsByUser,
  type UserMeterCounts,
} from './registrations/count-options.js';
export { MAX_COUNT_USERS } from './registrations/user-table.js';
export { countRegisteredMeters } from './registrations/count-registered-meters.js';
export {
  countRegistrationCsv,
  readRegistrationCsvRows,
  type CountProgress,
  type CountRegistrationCsvOptions,
} from './registrations/registration-csv.js';
