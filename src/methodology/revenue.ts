/**
 * Revenue (K2) [P]: the Estimated Fixed Revenue is what is left of the Estimated Allowed
 * Revenue once the revenue expected from elective and explicit services and the Fixed CH and
 * Fixed Alt HAN pots are taken out. A negative figure is an error, never clamped.
 */
import { InputError } from '../errors/input-error.js';
import { sumDecimals, type Dec } from '../money/decimal.js';
import { formatPlain } from '../money/rounding.js';
import { toDecimal } from '../money/plain-decimal.js';
import { REGIONS } from '../vocabulary/regions.js';
import type { DerivationStep } from './trace.js';
import type { MethodologyInputs } from './inputs-schema.js';

/** A value with the step that produced it. */
export interface Traced<T> {
  readonly value: T;
  readonly step: DerivationStep;
}

/** The total of an amount written once or once per Region. */
export function totalOfAmountOrPerRegion(amount: string | Readonly<Record<string, string>>): Dec {
  return typeof amount === 'string'
    ? toDecimal(amount)
    : sumDecimals(REGIONS.map((region) => toDecimal(amount[region] ?? '0')));
}

/**
 * Estimated Explicit Charges Revenue: as given, or `sum(unitPrice x estimatedVolume)` over
 * the catalogue.
 * @clause K2 (revenue), K7 (Explicit Charges)
 */
export function estimateExplicitChargesRevenue(
  inputs: Pick<MethodologyInputs, 'revenue' | 'explicitCharges'>,
): Traced<Dec> {
  const given = inputs.revenue.estimatedExplicitChargesRevenue;
  if (given !== undefined) {
    return {
      value: toDecimal(given),
      step: {
        step: 'estimatedExplicitChargesRevenue',
        clause: 'K2',
        confidence: 'P',
        subject: 'EECR',
        formula: 'EECR = revenue.estimatedExplicitChargesRevenue (as given)',
        inputs: { estimatedExplicitChargesRevenue: given },
        value: given,
      },
    };
  }
  const terms = inputs.explicitCharges.map((row) =>
    toDecimal(row.unitPrice).times(toDecimal(row.estimatedVolume ?? '0')),
  );
  const value = sumDecimals(terms);
  const termInputs: Record<string, string> = {};
  inputs.explicitCharges.forEach((row) => {
    termInputs[row.code] = `${row.unitPrice} x ${row.estimatedVolume ?? '0'}`;
  });
  return {
    value,
    step: {
      step: 'estimatedExplicitChargesRevenue',
      clause: 'K2, K7',
      confidence: 'P',
      subject: 'EECR',
      formula: 'EECR = sum over the catalogue of unitPrice x estimatedVolume',
      inputs: termInputs,
      value: formatPlain(value),
    },
  };
}

/**
 * Estimated Fixed Revenue: `EFR = EAR - EESR - EECR - FixedCHRevenue - FixedAltHanRevenue`.
 * @clause K2
 * @throws InputError when EFR is negative, saying by how much the other revenues exceed EAR.
 */
export function estimateFixedRevenue(inputs: Pick<MethodologyInputs, 'revenue'>, explicitRevenue: Dec): Traced<Dec> {
  const { revenue } = inputs;
  const ear = toDecimal(revenue.estimatedAllowedRevenue);
  const eesr = toDecimal(revenue.estimatedElectiveServiceRevenue);
  const ch = totalOfAmountOrPerRegion(revenue.fixedChRevenue);
  const altHan = totalOfAmountOrPerRegion(revenue.fixedAltHanRevenue);
  const value = ear.minus(eesr).minus(explicitRevenue).minus(ch).minus(altHan);
  const inputsUsed = {
    EAR: revenue.estimatedAllowedRevenue,
    EESR: revenue.estimatedElectiveServiceRevenue,
    EECR: formatPlain(explicitRevenue),
    FixedCHRevenue: formatPlain(ch),
    FixedAltHanRevenue: formatPlain(altHan),
  };
  if (value.isNegative() && !value.isZero()) {
    throw new InputError([
      {
        path: ['revenue', 'estimatedAllowedRevenue'],
        code: 'negativeFixedRevenue',
        expected:
          'an Estimated Allowed Revenue at least EESR + EECR + FixedCHRevenue + FixedAltHanRevenue (K2: EFR = EAR - EESR - EECR - FixedCHRevenue - FixedAltHanRevenue)',
        received: `EAR ${inputsUsed.EAR}, EESR ${inputsUsed.EESR}, EECR ${inputsUsed.EECR}, FixedCHRevenue ${inputsUsed.FixedCHRevenue}, FixedAltHanRevenue ${inputsUsed.FixedAltHanRevenue}`,
        detail: `EFR would be ${formatPlain(value)}: the other revenues exceed EAR by ${formatPlain(value.negated())}; it is not clamped`,
      },
    ]);
  }
  return {
    value,
    step: {
      step: 'estimatedFixedRevenue',
      clause: 'K2',
      confidence: 'P',
      subject: 'EFR',
      formula: 'EFR = EAR - EESR - EECR - FixedCHRevenue - FixedAltHanRevenue',
      inputs: inputsUsed,
      value: formatPlain(value),
    },
  };
}

/**
 * Fixed revenue still to recover in the charging period [R] (decision 0011):
 * `EFR - alreadyRecovered`, for a within-year revision over the remaining months.
 * @clause K2 (within-year revision)
 * @throws InputError when more was already recovered than the EFR, saying by how much.
 */
export function fixedRevenueToRecover(inputs: Pick<MethodologyInputs, 'revenue'>, fixedRevenue: Dec): Traced<Dec> {
  const already = inputs.revenue.alreadyRecovered ?? '0';
  const value = fixedRevenue.minus(toDecimal(already));
  if (value.isNegative() && !value.isZero()) {
    throw new InputError([
      {
        path: ['revenue', 'alreadyRecovered'],
        code: 'negativeFixedRevenue',
        expected: `fixed revenue already recovered no greater than the Estimated Fixed Revenue, ${formatPlain(fixedRevenue)}`,
        received: JSON.stringify(already),
        detail: `the fixed revenue still to recover would be ${formatPlain(value)}, short by ${formatPlain(value.negated())}; it is not clamped`,
      },
    ]);
  }
  return {
    value,
    step: {
      step: 'fixedRevenueToRecover',
      clause: 'K2',
      confidence: 'R',
      subject: 'EFR to recover',
      formula: 'EFR to recover = EFR - alreadyRecovered',
      inputs: { EFR: formatPlain(fixedRevenue), alreadyRecovered: already },
      value: formatPlain(value),
      ...(inputs.revenue.alreadyRecovered === undefined ? { note: 'nothing already recovered: the whole EFR' } : {}),
    },
  };
}
