/**
 * The derivation trace: every step of the methodology as data, with the clause it applies,
 * the confidence of our reading, the formula, its inputs and its values.
 */
import type { RoundingMode } from '../money/rounding.js';

/** Confidence labels of the domain brief: verified, partly verified, our reading. */
export type Confidence = 'V' | 'P' | 'R';

/** The kinds of derivation step, in the order they happen. */
export const DERIVATION_STEPS = [
  'estimatedExplicitChargesRevenue',
  'estimatedFixedRevenue',
  'fixedRevenueToRecover',
  'pot',
  'chargeableBase',
  'weightedBase',
  'rate',
  'recovery',
] as const;

/** A kind of derivation step. */
export type DerivationStepKind = (typeof DERIVATION_STEPS)[number];

/** The rounding point of a published rate. */
export interface RateRounding {
  readonly point: 'publishedRate';
  readonly value: string;
  readonly places: number;
  readonly mode: RoundingMode;
}

/** One step of a derivation. Values are plain decimal strings. */
export interface DerivationStep {
  readonly step: DerivationStepKind;
  /** The Section K clause applied, such as `K2`. */
  readonly clause: string;
  /** Confidence of our reading of that clause for this step. */
  readonly confidence: Confidence;
  /** What the step is about, such as `fixed/north` or `fixed/national g2`. */
  readonly subject: string;
  /** The formula, in the names of its inputs. */
  readonly formula: string;
  /** Named inputs, as plain decimal strings or words. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The value before any rounding (exact, or to 60 significant digits for a quotient). */
  readonly value: string;
  /** For a rate: the exact value as `numerator / denominator`. */
  readonly exact?: string;
  /** For a rate: the rounding point. */
  readonly rounded?: RateRounding;
  /** Anything the reader should know about this step. */
  readonly note?: string;
}
