/**
 * The lines of a monthly charge: one per rate applied, per explicit code used, per
 * elective line. Each line carries its own explanation.
 */
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import type { RateRegion } from '../vocabulary/regions.js';
import type { RoundingMode } from '../money/rounding.js';
import type { ChargeableMeterRule } from '../statement/chargeable-meters.js';

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

/** One line of a User's monthly charges. Money and quantities are plain decimal strings. */
export interface ChargeLine {
  readonly kind: ChargeKind;
  readonly chargingGroup?: ChargingGroup;
  readonly region?: RateRegion;
  readonly code?: string;
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
