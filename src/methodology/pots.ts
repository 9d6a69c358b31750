/**
 * The pots a derivation recovers (docs/derivation.md) [R] (decision 0011): the fixed revenue to
 * recover split into a National Fixed Revenue and a Regional Fixed Revenue per Region
 * (`NFR = EFR to recover - sum_r RFR_r`), and the Fixed CH and Fixed Alt HAN revenue, each one
 * national pot or one pot per Region.
 */
import { InputError } from '../errors/input-error.js';
import { sumDecimals, type Dec } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { REGIONS } from '../vocabulary/regions.js';
import { clauseOfChargeType, type PerMeterChargeType } from '../statement/chargeable-meters.js';
import type { PotScope } from './forecast-base.js';
import type { MethodologyInputs } from './inputs-schema.js';
import type { DerivationStep } from './trace.js';

/** One pot of revenue, recovered by one set of rates. */
export interface Pot {
  /** `chargeType/scope`, such as `fixed/national` or `fixedCh/north`. */
  readonly id: string;
  readonly chargeType: PerMeterChargeType;
  readonly scope: PotScope;
  /** Pounds to recover over the charging period. */
  readonly amount: Dec;
  /** The Section K part the pot's rates are charged under. */
  readonly clause: string;
}

/** Pots with the steps that made them. */
export interface PotsWithSteps {
  readonly pots: readonly Pot[];
  readonly steps: readonly DerivationStep[];
}

function potStep(pot: Pot, formula: string, inputs: Record<string, string>): DerivationStep {
  return {
    step: 'pot',
    clause: pot.clause,
    confidence: 'R',
    subject: pot.id,
    formula,
    inputs,
    value: formatPlain(pot.amount),
  };
}

/**
 * Splits the fixed revenue to recover into the national pot and a pot for each Region given
 * in `revenue.regionalFixedRevenue`: `NFR = EFR to recover - sum_r RFR_r`.
 * @clause K4 / K5 / K6 (by regime) [R for the split]
 * @throws InputError when the regional revenue exceeds the fixed revenue to recover, by how much.
 */
export function splitFixedRevenue(
  inputs: Pick<MethodologyInputs, 'revenue' | 'regime'>,
  toRecover: Dec,
): PotsWithSteps {
  const clause = clauseOfChargeType('fixed', inputs.regime);
  const given = inputs.revenue.regionalFixedRevenue ?? {};
  const regional = REGIONS.flatMap((region) => {
    const amount = given[region];
    return amount === undefined ? [] : [{ region, amount }];
  });
  const regionalTotal = sumDecimals(regional.map((entry) => toDecimal(entry.amount)));
  const national = toRecover.minus(regionalTotal);
  if (national.isNegative() && !national.isZero()) {
    throw new InputError([
      {
        path: ['revenue', 'regionalFixedRevenue'],
        code: 'negativeFixedRevenue',
        expected: `Regional Fixed Revenue no greater in total than the fixed revenue to recover, ${formatPlain(toRecover)}`,
        received: `a total of ${formatPlain(regionalTotal)}`,
        detail: `the National Fixed Revenue would be ${formatPlain(national)}, short by ${formatPlain(national.negated())}; it is not clamped`,
      },
    ]);
  }
  const nationalPot: Pot = { id: 'fixed/national', chargeType: 'fixed', scope: 'national', amount: national, clause };
  const regionalInputs: Record<string, string> = { 'EFR to recover': formatPlain(toRecover) };
  for (const entry of regional) regionalInputs[`RFR_${entry.region}`] = entry.amount;
  const pots: Pot[] = [nationalPot];
  const steps: DerivationStep[] = [potStep(nationalPot, 'NFR = EFR to recover - sum_r RFR_r', regionalInputs)];
  for (const entry of regional) {
    const pot: Pot = {
      id: `fixed/${entry.region}`,
      chargeType: 'fixed',
      scope: entry.region,
      amount: toDecimal(entry.amount),
      clause,
    };
    pots.push(pot);
    steps.push(
      potStep(pot, `RFR_${entry.region} = revenue.regionalFixedRevenue.${entry.region} (as given)`, {
        [`RFR_${entry.region}`]: entry.amount,
      }),
    );
  }
  return { pots, steps };
}

/**
 * The pots of Fixed CH (`fixedChRevenue`) or Fixed Alt HAN (`fixedAltHanRevenue`) revenue:
 * one national pot for one amount, or one pot per Region.
 * @clause K3.9-K3.10 (Fixed CH), K5A / K6B (Fixed Alt HAN) [R for the basis]
 */
export function communicationsHubPots(
  inputs: Pick<MethodologyInputs, 'revenue' | 'regime'>,
  chargeType: 'fixedCh' | 'fixedAltHan',
): PotsWithSteps {
  const field = chargeType === 'fixedCh' ? 'fixedChRevenue' : 'fixedAltHanRevenue';
  const written = inputs.revenue[field];
  const clause = clauseOfChargeType(chargeType, inputs.regime);
  if (typeof written === 'string') {
    const pot: Pot = {
      id: `${chargeType}/national`,
      chargeType,
      scope: 'national',
      amount: toDecimal(written),
      clause,
    };
    return { pots: [pot], steps: [potStep(pot, `Pot = revenue.${field} (as given)`, { [field]: written })] };
  }
  const pots = REGIONS.map(
    (region): Pot => ({
      id: `${chargeType}/${region}`,
      chargeType,
      scope: region,
      amount: toDecimal(written[region]),
      clause,
    }),
  );
  return {
    pots,
    steps: pots.map((pot) =>
      potStep(pot, `Pot = revenue.${field}.${pot.scope} (as given)`, {
        [`${field}.${pot.scope}`]: formatPlain(pot.amount),
      }),
    ),
  };
}
