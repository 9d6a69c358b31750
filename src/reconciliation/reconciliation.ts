/**
 * The result of reconciling an invoice with the expected charges: one status per line,
 * the totals compared, the money at stake, and a verdict. Money is plain decimal strings;
 * every difference is `invoiced - expected` (positive: the invoice asks for more).
 */
import type { IssueLocation } from '../errors/input-error.js';
import type { RoundingMode } from '../money/rounding.js';
import type { LineKey } from './invoice-line.js';
import type { RegistrationCountCheck } from './count-check.js';

/** The format tag of reconciliation results. */
export const RECONCILIATION_FORMAT = 'dcc-charges/reconciliation@1';

/**
 * Statuses of a line (decision 0030):
 * - `match`: quantity and unit price equal, amount within the tolerance;
 * - `quantityDiffers`: the invoiced quantity is not the expected one;
 * - `unitPriceDiffers`: the invoiced unit price is not the expected one;
 * - `amountDiffers`: the invoice's own arithmetic is wrong: its amount is not its quantity
 *   times its unit price, rounded to pence (beyond the tolerance);
 * - `missingFromInvoice`: expected, not on the invoice;
 * - `unexpectedOnInvoice`: on the invoice, not expected.
 */
export const LINE_STATUSES = [
  'match',
  'quantityDiffers',
  'unitPriceDiffers',
  'amountDiffers',
  'missingFromInvoice',
  'unexpectedOnInvoice',
] as const;

/** A line status: see {@link LINE_STATUSES}. */
export type LineStatus = (typeof LINE_STATUSES)[number];

/**
 * When a line on both sides differs in several ways, the status names the first of these
 * (decision 0030): the quantity, then the unit price, then the invoice's arithmetic.
 * Every way it differs is listed in `differsIn`.
 */
export const STATUS_PRECEDENCE = ['quantityDiffers', 'unitPriceDiffers', 'amountDiffers'] as const;

/** What can differ on a line found on both sides. */
export type LineCheck = 'quantity' | 'unitPrice' | 'invoiceArithmetic' | 'amount';

/**
 * Statuses of a total (decision 0032):
 * - `match`: within the tolerance of the expected total, and the invoice's arithmetic holds;
 * - `differs`: the total differs while the invoice's own arithmetic for it holds (the
 *   difference comes from the lines, or for VAT from the net it is charged on);
 * - `unitPriceDiffers`: VAT only: the invoice's VAT rate is not the expected rate;
 * - `amountDiffers`: the invoice's own arithmetic is wrong (VAT is not its base times its
 *   rate rounded, the stated VAT base is not the invoice's net, or the total is not net + VAT);
 * - `notStated`: VAT or gross only: the invoice has no such row (rows `vat` and `total` are
 *   optional); nothing to compare, so not a difference.
 */
export const TOTAL_STATUSES = ['match', 'differs', 'unitPriceDiffers', 'amountDiffers', 'notStated'] as const;

/** A total status: see {@link TOTAL_STATUSES}. */
export type TotalStatus = (typeof TOTAL_STATUSES)[number];

/**
 * Which lines a reconciliation lists (decision 0085): `all` of them, or only those that
 * `differ` (every status but `match`); the counts and totals cover every line either way.
 */
export const LINE_LISTINGS = ['all', 'differing'] as const;

/** A listing of lines: see {@link LINE_LISTINGS}. */
export type LineListing = (typeof LINE_LISTINGS)[number];

/** The verdict: every line and total matches, or not. */
export type Verdict = 'allMatch' | 'differencesFound';

/** What was expected for a line. */
export interface ExpectedFigures {
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: string;
  /** The Section K clause the line is charged under. */
  readonly clause: string;
  /** How the expected amount was computed. */
  readonly formula: string;
}

/** What the invoice says for a line, and where. */
export interface InvoicedFigures {
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: string;
  readonly description?: string;
  /** The invoice row: file and line, or path. */
  readonly location: IssueLocation;
}

/** The invoice's own arithmetic for a line: `round2(quantity x unitPrice)` against its amount. */
export interface InvoiceArithmetic {
  /** `round2(invoiced quantity x invoiced unit price)` with the rounding mode of the expected charges. */
  readonly computed: string;
  /** Invoiced amount minus `computed`. */
  readonly difference: string;
  /** True when the difference is within the tolerance. */
  readonly holds: boolean;
}

/** One line of the reconciliation: an expected line, an invoice line, or both. */
export interface ReconciliationLine {
  /** The matching key `(month, kind, chargingGroup, region, code)`. */
  readonly key: LineKey;
  readonly status: LineStatus;
  /** The expected line's description, else the invoice's, else the key. */
  readonly description: string;
  readonly expected?: ExpectedFigures;
  readonly invoiced?: InvoicedFigures;
  /** Invoiced minus expected; quantity and unit price only when the line is on both sides. */
  readonly difference: { readonly quantity?: string; readonly unitPrice?: string; readonly amount: string };
  /** The invoice's own arithmetic, when the line is on the invoice. */
  readonly invoiceArithmetic?: InvoiceArithmetic;
  /** Every way a line on both sides differs (empty for a match). */
  readonly differsIn: readonly LineCheck[];
  /** One or two sentences saying what differs and by how much. */
  readonly explanation: string;
}

/** The names of the totals compared. */
export type TotalName = 'net' | 'vat' | 'gross';

/** Where an invoiced total comes from. */
export type InvoicedBasis = 'sumOfInvoiceLines' | 'statedOnInvoice' | 'netPlusStatedVat' | 'notStated';

/** One total compared. */
export interface ReconciliationTotal {
  readonly name: TotalName;
  readonly status: TotalStatus;
  readonly expected: string;
  /** The invoice's figure, when the invoice states or implies one. */
  readonly invoiced?: string;
  readonly invoicedBasis: InvoicedBasis;
  /** Invoiced minus expected, when there is an invoiced figure. */
  readonly difference?: string;
  /** VAT only: the base and rate on each side. */
  readonly vat?: {
    readonly expectedBase: string;
    readonly expectedRate: string;
    /** The invoice's stated base, else its net. */
    readonly invoicedBase?: string;
    /** The invoice's stated rate, else the expected rate. */
    readonly invoicedRate?: string;
  };
  /** The invoice's own arithmetic for this total, when it can be checked. */
  readonly invoiceArithmetic?: InvoiceArithmetic;
  /** The `vat` or `total` row this total was read from. */
  readonly invoiceRow?: IssueLocation;
  readonly explanation: string;
}

/** The money at stake: net and gross differences, and how much is over and under. */
export interface MoneyAtStake {
  /** Invoice net (sum of its lines) minus expected net; equals `overcharged - undercharged`. */
  readonly netDifference: string;
  /** Invoiced VAT minus expected VAT, when the invoice states VAT. */
  readonly vatDifference?: string;
  /** Invoiced gross minus expected gross, when the invoice states or implies a gross. */
  readonly grossDifference?: string;
  /** Sum of the line differences where the invoice asks for more. */
  readonly overcharged: string;
  /** Sum of the line differences where the invoice asks for less, as a positive amount. */
  readonly undercharged: string;
  /** Sum of the absolute line differences (`overcharged + undercharged`): what is at stake even where over and under cancel. */
  readonly sumOfAbsoluteDifferences: string;
}

/** The result of {@link reconcileInvoice}. */
export interface Reconciliation {
  readonly format: typeof RECONCILIATION_FORMAT;
  readonly month: string;
  readonly verdict: Verdict;
  /** The tolerance in pounds (two decimal places). */
  readonly tolerance: string;
  /** The rounding mode of the invoice arithmetic checks (that of the expected charges). */
  readonly rounding: RoundingMode;
  readonly statement: {
    readonly id: string;
    readonly title: string;
    readonly illustrative: boolean;
    /** The provenance note of a statement that is not published (decision 0090). */
    readonly provenanceNote?: string;
  };
  readonly invoice: { readonly source?: string; readonly illustrative: boolean; readonly rows: number };
  readonly vatRate: string;
  /** Which lines `lines` lists: every line, or those that differ (see {@link LINE_LISTINGS}). */
  readonly listing: LineListing;
  /** The lines listed, in key order (decision 0033): every line, or with listing `differing` only those whose status is not `match`. */
  readonly lines: readonly ReconciliationLine[];
  readonly totals: {
    readonly net: ReconciliationTotal;
    readonly vat: ReconciliationTotal;
    readonly gross: ReconciliationTotal;
  };
  readonly moneyAtStake: MoneyAtStake;
  /** How many lines have each status, listed or not. */
  readonly counts: Readonly<Record<LineStatus, number>>;
  /**
   * When the meter counts came from registration data: the register, and the explanation of
   * every per-meter quantity that differs from our count (decision 0091).
   */
  readonly registrations?: RegistrationCountCheck;
}
