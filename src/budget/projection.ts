/**
 * The result of a budget projection: for the base case and each sensitivity
 * case, every month's and year's charges by charge type, with the statement each year used.
 */
import type { ChargeLine, ChargeTotals } from '../charges/charge-line.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { Month, RegulatoryYear } from '../vocabulary/months.js';
import type { Region } from '../vocabulary/regions.js';
import type { RoundingMode } from '../money/rounding.js';
import type { GrowthTiming, SensitivityInput, StatementStatus } from './scenario-schema.js';
import type { FigureChange } from './change.js';
import type { Derivation } from './derive-year.js';

/** The format tag of budget projections. */
export const BUDGET_PROJECTION_FORMAT = 'dcc-charges/budget-projection@1';

/** The statement a year was charged under, and where it came from. */
export interface BudgetYearStatement {
  /** `statement`: given (published or indicative); `derived`: from methodology inputs. */
  readonly basis: 'statement' | 'derived';
  /** For a given statement, its status when the scenario states one. */
  readonly status?: StatementStatus;
  readonly id: string;
  readonly title: string;
  readonly illustrative: boolean;
  /** For a reported statement, the note every output shows (decision 0090). */
  readonly provenanceNote?: string;
  /** The file named in the scenario, when not inline. */
  readonly file?: string;
  /** For a derived statement, the id of the methodology inputs. */
  readonly inputsId?: string;
}

/**
 * What one chargeable meter of a group in a Region pays per month under a year's statement:
 * for each per-meter charge type, the national rate plus the Region's rate, where set.
 */
export interface PerMeterCharge {
  readonly chargingGroup: ChargingGroup;
  readonly region: Region;
  readonly fixed: string;
  readonly fixedCh: string;
  readonly fixedAltHan: string;
  /** `fixed + fixedCh + fixedAltHan`. */
  readonly total: string;
}

/** One month of a budget. */
export interface BudgetMonth {
  readonly month: Month;
  /** The User's meters that month (all of them, chargeable or not), after growth and rounding. */
  readonly meters: number;
  /** The month's totals, from the foundation's monthly charges. */
  readonly totals: ChargeTotals;
  /** The month's lines, each explained; present when asked for. */
  readonly lines?: readonly ChargeLine[];
}

/** A change in the net total from the base case. */
export interface ChangeFromBase extends FigureChange {
  readonly base: string;
  readonly value: string;
}

/** One Regulatory Year of a budget case. */
export interface BudgetYear {
  readonly regulatoryYear: RegulatoryYear;
  readonly statement: BudgetYearStatement;
  readonly months: readonly BudgetMonth[];
  /** Each total is the sum of the twelve months' totals (VAT as invoiced month by month). */
  readonly annual: ChargeTotals;
  readonly perMeterCharges: readonly PerMeterCharge[];
  /** For a sensitivity case: the annual net against the base case's. */
  readonly netFromBase?: ChangeFromBase;
  /** For a derived statement: the allowed revenue used, the recovery of every pot and the derivation's steps. */
  readonly derivation?: Derivation;
}

/** One change a sensitivity case makes. */
export interface BudgetAdjustment {
  readonly input: SensitivityInput;
  readonly by: string;
}

/** The base case or a sensitivity case. */
export interface BudgetCase {
  /** `base` for the base case. */
  readonly id: string;
  readonly label: string;
  readonly adjustments: readonly BudgetAdjustment[];
  readonly years: readonly BudgetYear[];
  /** Each total is the sum of the years' totals. */
  readonly total: ChargeTotals;
  /** For a sensitivity case: the total net against the base case's. */
  readonly netFromBase?: ChangeFromBase;
}

/** A projected budget. */
export interface BudgetProjection {
  readonly format: typeof BUDGET_PROJECTION_FORMAT;
  readonly scenario: {
    readonly id: string;
    readonly title: string;
    readonly illustrative: boolean;
    readonly user?: string;
  };
  readonly options: {
    readonly vatRate: string;
    readonly rounding: RoundingMode;
    readonly countRounding: RoundingMode;
    readonly growthTiming: GrowthTiming;
  };
  /** The base case first, then the sensitivity cases in the scenario's order. */
  readonly cases: readonly BudgetCase[];
  /** How the figures were computed. */
  readonly method: readonly string[];
}
