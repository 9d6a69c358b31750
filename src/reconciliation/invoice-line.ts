/**
 * Invoice lines: one row of a DCC invoice in the library's line vocabulary (the columns of
 * `dcc-charges charges --format csv`), plus optional rows of kind `vat` and `total`.
 *
 * A charge line is keyed by `(month, kind, chargingGroup, region, code)`: per-meter kinds
 * (`fixed`, `fixedCh`, `fixedAltHan`) by Charging Group and rate region, `explicit` lines by
 * their Explicit Charging Metric code, `elective` lines by their agreement reference.
 */
import { reportFinding } from '../schema/issues.js';
import * as z from 'zod';
import {
  CHARGE_KINDS,
  CHARGE_LINE_COLUMNS,
  chargeKeyColumns,
  type ChargeKey,
  type ChargeKeyColumns,
  type ChargeKind,
} from '../charges/charge-line.js';
import type { IssueLocation } from '../errors/input-error.js';
import type { DecimalString } from '../schema/brands.js';
import {
  amountField,
  chargingGroupField,
  monthField,
  rateRegionField,
  SIGNED_QUANTITY_PATTERN,
  signedDecimalField,
  textField,
} from '../schema/fields.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import { DIGIT_BOUNDS } from '../money/plain-decimal.js';

/** Kinds of invoice row: the charge kinds, then `vat` and `total` (both optional on an invoice). */
export const INVOICE_LINE_KINDS = [...CHARGE_KINDS, 'vat', 'total'] as const;

/** A kind of invoice row. */
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

/** Invoice row kinds that carry a charge (everything but `vat` and `total`). */
export type InvoiceChargeKind = ChargeKind;

/** The per-meter kinds, keyed by Charging Group and rate region. */
export const PER_METER_KINDS: readonly InvoiceLineKind[] = ['fixed', 'fixedCh', 'fixedAltHan'];

/** The kinds keyed by a code (metric code or agreement reference). */
export const CODED_KINDS: readonly InvoiceLineKind[] = ['explicit', 'elective'];

/** The fields of an invoice row, in the column order of the charges CSV. */
export const INVOICE_FIELDS = CHARGE_LINE_COLUMNS;

/** A field of an invoice row. */
export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** Columns an invoice table must have, and those it may have. */
export const INVOICE_COLUMNS = {
  required: ['month', 'kind', 'amount'],
  optional: ['chargingGroup', 'region', 'code', 'description', 'quantity', 'unitPrice', 'clause'],
} as const;

const QUANTITY_EXPECTED = `a quantity as a plain decimal such as "1200" or "2.5" (at most ${DIGIT_BOUNDS.quantity.integer} digits before the point and ${DIGIT_BOUNDS.quantity.fraction} after; a whole JSON number is accepted)`;

/** An invoice quantity written as text (a CSV cell): a signed plain decimal string. */
export const invoiceQuantityText = z
  .string({ error: QUANTITY_EXPECTED })
  .regex(SIGNED_QUANTITY_PATTERN, { error: QUANTITY_EXPECTED });

/** True for a quantity as an invoice row may write it in text: what {@link invoiceQuantityText} accepts. */
export const isInvoiceQuantity = (text: string): boolean => SIGNED_QUANTITY_PATTERN.test(text);

const QUANTITY_LIMIT = 10 ** DIGIT_BOUNDS.quantity.integer;

/** A quantity: a signed plain decimal string, or a whole JSON number (read as its digits). */
const invoiceQuantityField = z.union(
  [
    invoiceQuantityText,
    z
      .number({ error: QUANTITY_EXPECTED })
      .int({ error: QUANTITY_EXPECTED })
      .gt(-QUANTITY_LIMIT, { error: QUANTITY_EXPECTED })
      .lt(QUANTITY_LIMIT, { error: QUANTITY_EXPECTED })
      .transform(String),
  ],
  { error: QUANTITY_EXPECTED },
);

function listOf(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** The fields of one invoice row, each checked alone (the rules of each kind come after). */
export const invoiceFieldsSchema = z.strictObject({
  month: monthField,
  kind: z.enum(INVOICE_LINE_KINDS, { error: `an invoice line kind: one of ${listOf(INVOICE_LINE_KINDS)}` }),
  chargingGroup: chargingGroupField.optional(),
  region: rateRegionField.optional(),
  code: textField('an Explicit Charging Metric code or elective agreement reference').optional(),
  description: z.string({ error: 'a description (text)' }).optional(),
  quantity: invoiceQuantityField.optional(),
  unitPrice: signedDecimalField.optional(),
  amount: amountField,
  clause: z.string({ error: 'a clause (text)' }).optional(),
});

type Fields = z.output<typeof invoiceFieldsSchema>;

/** What each kind needs and forbids; the messages say why. */
function checkFieldsOfKind(line: Fields, context: z.RefinementCtx<Fields>): void {
  const need = (field: keyof Fields, why: string) => {
    if (line[field] === undefined) reportFinding(context, { path: [field], expected: why });
  };
  const forbid = (field: keyof Fields, why: string) => {
    if (line[field] !== undefined) reportFinding(context, { path: [field], expected: why });
  };
  if (PER_METER_KINDS.includes(line.kind)) {
    need(
      'chargingGroup',
      `a Charging Group on a ${line.kind} line (per-meter lines are keyed by chargingGroup and region)`,
    );
    need('region', `a rate region on a ${line.kind} line: one of "national", "north", "central", "south"`);
    forbid('code', `no code on a ${line.kind} line (per-meter lines are keyed by chargingGroup and region)`);
  }
  if (CODED_KINDS.includes(line.kind)) {
    const what = line.kind === 'explicit' ? 'its Explicit Charging Metric code' : 'its agreement reference';
    need('code', `a code on an ${line.kind} line (${what})`);
    forbid('chargingGroup', `no chargingGroup on an ${line.kind} line (it is keyed by code alone)`);
    forbid('region', `no region on an ${line.kind} line (it is keyed by code alone)`);
  }
  if (PER_METER_KINDS.includes(line.kind) || CODED_KINDS.includes(line.kind)) {
    need('quantity', `a quantity on a ${line.kind} line`);
    need('unitPrice', `a unit price on a ${line.kind} line, as a plain decimal such as "0.4468"`);
  }
  if (line.kind === 'vat' || line.kind === 'total') {
    forbid('chargingGroup', `no chargingGroup on the ${line.kind} row (it applies to the whole invoice)`);
    forbid('region', `no region on the ${line.kind} row (it applies to the whole invoice)`);
    forbid('code', `no code on the ${line.kind} row (it applies to the whole invoice)`);
  }
  if (line.kind === 'total') {
    forbid('quantity', 'no quantity on the total row (its amount is the gross total)');
    forbid('unitPrice', 'no unit price on the total row (its amount is the gross total)');
  }
}

/**
 * The schema of one invoice row. On a `vat` row, `quantity` is the net the VAT is charged on
 * and `unitPrice` the VAT rate (both optional); on a `total` row, `amount` is the gross total.
 */
export const invoiceLineSchema = invoiceFieldsSchema.superRefine(checkFieldsOfKind);

/** An invoice row as a caller or file may write it (a `location` may say where it was read). */
export type InvoiceLineInput = z.input<typeof invoiceLineSchema> & { readonly location?: IssueLocation };

/** What every validated invoice row has, whatever its kind. */
export interface InvoiceRowCommon {
  readonly month: string;
  readonly description?: string;
  /** Amount in pounds, at most two decimal places (checked: the type says so). */
  readonly amount: DecimalString;
  readonly clause?: string;
  /** Where the row was read: file and line, or path in a JSON document or list. */
  readonly location: IssueLocation;
}

/** An invoice row that carries a charge: keyed as the charge lines are, with its quantity and unit price. */
export type InvoiceChargeRow = InvoiceRowCommon &
  ChargeKey & {
    /** Plain decimal string, checked. */
    readonly quantity: DecimalString;
    /** Plain decimal string, checked. */
    readonly unitPrice: DecimalString;
  };

/** The `vat` row: `quantity` is the net the VAT is charged on and `unitPrice` the VAT rate (both optional). */
export interface InvoiceVatRow extends InvoiceRowCommon {
  readonly kind: 'vat';
  readonly quantity?: DecimalString;
  readonly unitPrice?: DecimalString;
}

/** The `total` row: `amount` is the gross total. */
export interface InvoiceTotalRow extends InvoiceRowCommon {
  readonly kind: 'total';
}

/** One validated invoice row, with where it was read; discriminated by `kind`. */
export type InvoiceLine = InvoiceChargeRow | InvoiceVatRow | InvoiceTotalRow;

/** A line's matching key: the month and the charge key, discriminated by `kind`. */
export type LineKey = { readonly month: string } & ChargeKey;

/** The key of an invoice row without its month: a charge key, or the kind of a `vat` or `total` row. */
export type InvoiceRowKey = ChargeKey | { readonly kind: 'vat' } | { readonly kind: 'total' };

function keyColumns(key: InvoiceRowKey): ChargeKeyColumns {
  return key.kind === 'vat' || key.kind === 'total' ? {} : chargeKeyColumns(key);
}

/** The key of a line, written as one string for maps (unambiguous for any code). */
export function lineKeyText(key: { readonly month: string } & InvoiceRowKey): string {
  const columns = keyColumns(key);
  return JSON.stringify([key.month, key.kind, columns.chargingGroup ?? '', columns.region ?? '', columns.code ?? '']);
}

/**
 * The key of a line as one string, for maps: quicker to build than {@link lineKeyText}. The
 * month, kind, Charging Group and region come from fixed vocabularies (no control character),
 * and the code is last, so two different keys never give the same string.
 */
export function lineKeyId(month: string, key: InvoiceRowKey): string {
  switch (key.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return `${month}\u0001${key.kind}\u0001${key.chargingGroup}\u0001${key.region}\u0001`;
    case 'explicit':
    case 'elective':
      return `${month}\u0001${key.kind}\u0001\u0001\u0001${key.code}`;
    case 'vat':
    case 'total':
      return `${month}\u0001${key.kind}\u0001\u0001\u0001`;
  }
}

/** Writes a key for a person, such as `fixed g1 national` or `explicit TEST_LAB_DAY`. */
export function describeLineKey(key: InvoiceRowKey, symbolOf: (group: ChargingGroup) => string): string {
  switch (key.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return `${key.kind} ${symbolOf(key.chargingGroup)} ${key.region}`;
    case 'explicit':
    case 'elective':
      return `${key.kind} ${key.code}`;
    case 'vat':
    case 'total':
      return key.kind;
  }
}

/** Copies the key fields of a line (a charge line with its month, or an invoice row that carries a charge). */
export function keyOf(line: LineKey): LineKey {
  switch (line.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return { month: line.month, kind: line.kind, chargingGroup: line.chargingGroup, region: line.region };
    case 'explicit':
    case 'elective':
      return { month: line.month, kind: line.kind, code: line.code };
  }
}

/** True for rows that carry a charge (not `vat`, not `total`). */
export function isChargeRow(line: InvoiceLine): line is InvoiceChargeRow {
  return isChargeKind(line.kind);
}

/** True for rows that carry a charge (not `vat`, not `total`). */
export function isChargeKind(kind: InvoiceLineKind): kind is ChargeKind {
  return (CHARGE_KINDS as readonly string[]).includes(kind);
}
