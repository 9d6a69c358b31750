/**
 * The lines of a monthly charge: one per rate applied, per explicit code used, per
 * elective line. Each line carries its own explanation.
 */
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { RateRegion } from '../vocabulary/regions.js';
import type { RoundingMode } from '../money/rounding.js';
import type { ChargeableMeterRule, PerMeterChargeType } from '../statement/chargeable-meters.js';

/** The kinds of charge line (K1.5 charge types the library bills). */
export const CHARGE_KINDS = ['fixed', 'fixedCh', 'fixedAltHan', 'explicit', 'elective'] as const;

/** A kind of charge line. */
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** Where a line's price came from: a row of the statement, or an elective input line. */
export interface PriceSource {
  /** The statement id, or `elective input`. */
  readonly document: string;
  /** The list within the statement, such as `fixedCharges`. */
  readonly list: string;
  /** Index of the row in that list. */
  readonly index: number;
}

/** How a line was computed: formula, inputs, price source, rounding. */
export interface LineExplanation {
  /** The formula, such as `amount = round2(quantity x unitPrice)`. */
  readonly formula: string;
  /** Named inputs of the formula as plain decimal strings (or words). */
  readonly inputs: Readonly<Record<string, string>>;
  /** Where the price came from. */
  readonly priceSource: PriceSource;
  /** The chargeable-meter rule applied, for per-meter lines. */
  readonly chargeableMeters?: ChargeableMeterRule;
  /** The rounding point: value before rounding, decimal places and mode. */
  readonly rounding: {
    readonly point: 'lineAmount';
    readonly unrounded: string;
    readonly places: 2;
    readonly mode: RoundingMode;
  };
}

/** The figures every charge line has, whatever its kind. Money and quantities are plain decimal strings. */
export interface ChargeFigures {
  readonly description: string;
  /** Chargeable meters, explicit quantity, or `1` for an elective line. */
  readonly quantity: string;
  /** Rate per meter per month, unit price, or the elective amount; as published. */
  readonly unitPrice: string;
  /** `round2(quantity x unitPrice)`, two decimal places. */
  readonly amount: string;
  /** The Section K clause the line is charged under. */
  readonly clause: string;
  /** How the line was computed. */
  readonly explanation: LineExplanation;
}

/** What tells a per-meter charge apart: its kind, Charging Group and rate region. */
export interface PerMeterChargeKey {
  readonly kind: PerMeterChargeType;
  readonly chargingGroup: ChargingGroup;
  readonly region: RateRegion;
}

/** What tells an Explicit Charge apart: its Explicit Charging Metric code. */
export interface ExplicitChargeKey {
  readonly kind: 'explicit';
  /** The Explicit Charging Metric code, such as `TEST_LAB_DAY`. */
  readonly code: string;
}

/** What tells an elective charge apart: its agreement reference. */
export interface ElectiveChargeKey {
  readonly kind: 'elective';
  /** The Bilateral Agreement reference (written in the `code` column of every table). */
  readonly code: string;
}

/** The key of a charge within one month, discriminated by `kind`: a `switch (key.kind)` is exhaustive. */
export type ChargeKey = PerMeterChargeKey | ExplicitChargeKey | ElectiveChargeKey;

/**
 * A key's cells in the flat column vocabulary of tables and invoices
 * (`chargingGroup`, `region`, `code`): those of its kind, the others absent.
 */
export interface ChargeKeyColumns {
  readonly chargingGroup?: ChargingGroup;
  readonly region?: RateRegion;
  readonly code?: string;
}

/** True when two charge keys are the same key (the month aside). */
export function sameChargeKey(a: ChargeKey, b: ChargeKey): boolean {
  switch (a.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return b.kind === a.kind && b.chargingGroup === a.chargingGroup && b.region === a.region;
    case 'explicit':
    case 'elective':
      return b.kind === a.kind && b.code === a.code;
  }
}

/**
 * The columns of a charge line in every table of lines: the charges CSV, the Charges sheet of a
 * workbook, and an invoice (whose rows are in this vocabulary).
 */
export const CHARGE_LINE_COLUMNS = [
  'month',
  'kind',
  'chargingGroup',
  'region',
  'code',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'clause',
] as const;

/** The columns a key fills: Charging Group and region for per-meter kinds, the code otherwise. */
export function chargeKeyColumns(key: ChargeKey): ChargeKeyColumns {
  switch (key.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return { chargingGroup: key.chargingGroup, region: key.region };
    case 'explicit':
    case 'elective':
      return { code: key.code };
  }
}

/** A Fixed, Fixed CH or Fixed Alt HAN line: chargeable meters of one Charging Group and region. */
export interface PerMeterChargeLine extends PerMeterChargeKey, ChargeFigures {}

/** An Explicit Charge line: the month's usage of one metric code. */
export interface ExplicitChargeLine extends ExplicitChargeKey, ChargeFigures {}

/** An elective line: the month's amount of one Bilateral Agreement. */
export interface ElectiveChargeLine extends ElectiveChargeKey, ChargeFigures {}

/**
 * One line of a User's monthly charges, discriminated by `kind`: per-meter kinds carry
 * `chargingGroup` and `region`, `explicit` and `elective` lines carry `code`.
 */
export type ChargeLine = PerMeterChargeLine | ExplicitChargeLine | ElectiveChargeLine;

/** Totals of a monthly charge; every value has two decimal places. */
export interface ChargeTotals {
  readonly fixed: string;
  readonly fixedCh: string;
  readonly fixedAltHan: string;
  readonly explicit: string;
  readonly elective: string;
  /** Sum of every line amount. */
  readonly net: string;
  /** `round2(net x vatRate)`. */
  readonly vat: string;
  /** `net + vat`. */
  readonly gross: string;
}

/** The format tag of monthly-charge results. */
export const MONTHLY_CHARGES_FORMAT = 'dcc-charges/monthly-charges@1';

/** A User's charges for one month under one Charging Statement. */
export interface MonthlyCharges {
  readonly format: typeof MONTHLY_CHARGES_FORMAT;
  readonly month: string;
  readonly statement: {
    readonly id: string;
    readonly title: string;
    readonly illustrative: boolean;
    /** Whether the statement's figures are published, reported second-hand or invented (decision 0090). */
    readonly provenance: 'published' | 'reported' | 'illustrative';
    /** The note every output shows for a statement that is not published. */
    readonly provenanceNote?: string;
  };
  readonly lines: readonly ChargeLine[];
  readonly totals: ChargeTotals;
  readonly vatRate: string;
}
