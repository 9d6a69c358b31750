/**
 * A year's statement derived from methodology inputs by the methodology engine
 * (`deriveChargingStatement`), with a sensitivity case's change to the allowed revenue.
 * Nothing is derived here: this module only changes the one input and places the issues.
 */
import { InputError } from '../errors/input-error.js';
import type { Dec } from '../money/decimal.js';
import { formatMoney, roundToPence } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import { deriveChargingStatement, type DerivedChargingStatement } from '../methodology/derive-statement.js';
import type { MethodologyInputs } from '../methodology/inputs-schema.js';
import { checkStatementCoversYear, placeIssues, type MethodologyYear } from './year-sources.js';

/** What the derivation reports beside the statement: the recovery of every pot and every step. */
export type Derivation = Pick<DerivedChargingStatement, 'recovery' | 'trace'> & {
  /** The allowed revenue used, after a sensitivity case's change. */
  readonly estimatedAllowedRevenue: string;
};

/** A derived statement with what the derivation reports. */
export interface DerivedYear {
  readonly statement: ChargingStatement;
  readonly inputsId: string;
  readonly derivation: Derivation;
}

/**
 * The inputs with the Estimated Allowed Revenue times `1 + change`, rounded half-up to pence at
 * the named rounding point `sensitivityAllowedRevenue` (decision 0043), or unchanged. Rounding
 * here keeps a case such as `+0.0333333` within the methodology's bounds on revenue amounts.
 * @clause K2
 * @example withAllowedRevenueChanged(inputs, new Dec('0.10')).revenue.estimatedAllowedRevenue
 */
export function withAllowedRevenueChanged(inputs: MethodologyInputs, change: Dec | undefined): MethodologyInputs {
  if (change === undefined || change.isZero()) return inputs;
  const changed = roundToPence(toDecimal(inputs.revenue.estimatedAllowedRevenue).times(change.plus(1)), 'halfUp');
  return { ...inputs, revenue: { ...inputs.revenue, estimatedAllowedRevenue: formatMoney(changed) } };
}

/**
 * Derives the statement of a methodology year, allowed revenue times `1 + allowedRevenueChange`.
 * @clause K2-K6 (through `deriveChargingStatement`)
 * @throws InputError for inputs the methodology rejects (such as a negative Estimated Fixed
 * Revenue) or a derived statement not in force for the whole year, placed at the inputs.
 */
export function deriveYearStatement(year: MethodologyYear, allowedRevenueChange: Dec | undefined): DerivedYear {
  const inputs = withAllowedRevenueChanged(year.inputs, allowedRevenueChange);
  let derived: DerivedChargingStatement;
  try {
    derived = deriveChargingStatement(inputs, year.source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(placeIssues(error.issues, year.source, year.path));
  }
  const covered = checkStatementCoversYear(derived.statement, year.regulatoryYear, {
    ...(year.source === undefined ? {} : { source: year.source }),
    path: year.path,
  });
  if (covered.length > 0) throw new InputError(covered);
  return {
    statement: derived.statement,
    inputsId: inputs.id,
    derivation: {
      estimatedAllowedRevenue: inputs.revenue.estimatedAllowedRevenue,
      recovery: derived.recovery,
      trace: derived.trace,
    },
  };
}
