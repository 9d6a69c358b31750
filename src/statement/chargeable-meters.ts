/**
 * Which meters are chargeable under each regime, by premises type [R]. Defaults follow the
 * brief's table (decision record 0003); a Charging Statement may override them per charge type.
 */
import type { PremisesType } from '../vocabulary/premises.js';
import { FIXED_ALT_HAN_CHARGES_CLAUSE, FIXED_CHARGES_CLAUSE, type Regime } from '../vocabulary/regimes.js';

/** Which meters of one premises type count: all registered, enrolled only, or none. */
export const CHARGEABILITY = ['all', 'enrolled', 'none'] as const;

/** See {@link CHARGEABILITY}. */
export type Chargeability = (typeof CHARGEABILITY)[number];

/** Chargeability for domestic and non-domestic meters. */
export type ChargeableMeterRule = Readonly<Record<PremisesType, Chargeability>>;

/** The charge types that are charged per meter. */
export const PER_METER_CHARGE_TYPES = ['fixed', 'fixedCh', 'fixedAltHan'] as const;

/** A per-meter charge type. */
export type PerMeterChargeType = (typeof PER_METER_CHARGE_TYPES)[number];

/** A statement's chargeable-meter rules, one per per-meter charge type. */
export type ChargeableMeterRules = Readonly<Record<PerMeterChargeType, ChargeableMeterRule>>;

/**
 * Default chargeable meters by regime [R] (decision 0003, revised by decision 0090):
 * pre-UITMR (K4) domestic all, non-domestic none; UITMR (K5) all and all; post-UITMR (K6)
 * all registered for both, as the 2026/27 Table 10 volumes imply. The former post-UITMR
 * reading, enrolled only, is {@link ENROLLED_ONLY_CHARGEABLE_METERS}, set per statement
 * with `chargeableMeters`.
 */
export const DEFAULT_CHARGEABLE_METERS: Readonly<Record<Regime, ChargeableMeterRule>> = {
  preUitmr: { domestic: 'all', nonDomestic: 'none' },
  uitmr: { domestic: 'all', nonDomestic: 'all' },
  postUitmr: { domestic: 'all', nonDomestic: 'all' },
};

/** The enrolled-only reading (the post-UITMR default before decision 0090), a named option. */
export const ENROLLED_ONLY_CHARGEABLE_METERS: ChargeableMeterRule = { domestic: 'enrolled', nonDomestic: 'enrolled' };

/**
 * The rules in force: the regime's default for every per-meter charge type, replaced by
 * whatever the statement overrides.
 */
export function resolveChargeableMeters(
  regime: Regime,
  overrides: { readonly [K in PerMeterChargeType]?: ChargeableMeterRule | undefined } | undefined,
): ChargeableMeterRules {
  const base = DEFAULT_CHARGEABLE_METERS[regime];
  return {
    fixed: overrides?.fixed ?? base,
    fixedCh: overrides?.fixedCh ?? base,
    fixedAltHan: overrides?.fixedAltHan ?? base,
  };
}

/** True when a meter of this premises type and enrolment counts under the rule. */
export function isChargeable(rule: ChargeableMeterRule, premises: PremisesType, enrolled: boolean): boolean {
  const chargeability = rule[premises];
  return chargeability === 'all' || (chargeability === 'enrolled' && enrolled);
}

/** The Section K part of each per-meter charge type under a regime. */
export function clauseOfChargeType(chargeType: PerMeterChargeType, regime: Regime): string {
  switch (chargeType) {
    case 'fixed':
      return FIXED_CHARGES_CLAUSE[regime];
    case 'fixedCh':
      return 'K3.9-K3.10';
    case 'fixedAltHan':
      return FIXED_ALT_HAN_CHARGES_CLAUSE[regime];
  }
}
