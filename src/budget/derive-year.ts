/**
 * A year's statement derived from methodology inputs, through the methodology engine.
 * (Wired when the methodology engine lands; until then a methodology year is reported.)
 */
import { InputError } from '../errors/input-error.js';
import type { Dec } from '../money/decimal.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import type { MethodologyYear } from './year-sources.js';

/** A derived statement with what the derivation reports. */
export interface DerivedYear {
  readonly statement: ChargingStatement;
  readonly inputsId: string;
  readonly derivation: unknown;
}

/** Derives the statement of a methodology year, allowed revenue times `1 + allowedRevenueChange`. */
export function deriveYearStatement(year: MethodologyYear, allowedRevenueChange: Dec | undefined): DerivedYear {
  void allowedRevenueChange;
  throw new InputError([
    {
      ...(year.source === undefined ? {} : { source: year.source }),
      path: year.path,
      code: 'methodologyUnavailable',
      expected: 'a statement (the methodology engine is not available in this build)',
      received: 'methodology inputs',
    },
  ]);
}
