/**
 * Reading a plainly valid invoice row without the schema: a row of cells whose every field
 * is one the schema accepts as written, and whose kind has the fields it needs and none it
 * forbids, becomes the line the schema would give (same fields, same order, same values).
 * Any other row gets `undefined`, and is read by the schema, which says what is wrong: this
 * reading accepts no row the schema refuses (a property test compares the two on random
 * rows, hostile ones included). Most rows of a large invoice are plainly valid; reading them
 * so costs no schema parse and no record object per row.
 */
import type { IssueLocation } from '../errors/input-error.js';
import type { DecimalString } from '../schema/brands.js';
import { isBoundedSignedDecimal, MONEY_2DP } from '../schema/fields.js';
import { restoreCsvCell } from '../tables/csv-write.js';
import { parseChargingGroup } from '../vocabulary/charging-groups.js';
import { SUPPORTED_MONTH_PATTERN } from '../vocabulary/months.js';
import { RATE_REGIONS, type RateRegion } from '../vocabulary/regions.js';
import {
  INVOICE_FIELDS,
  INVOICE_LINE_KINDS,
  isInvoiceQuantity,
  type InvoiceField,
  type InvoiceLine,
  type InvoiceLineKind,
} from './invoice-line.js';

/** The column of each invoice field in a table's rows, -1 for a field with no column. */
export type InvoiceFieldColumns = Readonly<Record<InvoiceField, number>>;

const APOSTROPHE = 39;

/**
 * The column of each field, when a header plan reads each field from one column at most and
 * reads only invoice fields; otherwise undefined (every row is then read by the schema).
 */
export function invoiceFieldColumns(fieldOfHeader: readonly (string | null)[]): InvoiceFieldColumns | undefined {
  const columns = Object.fromEntries(INVOICE_FIELDS.map((field) => [field, -1])) as Record<InvoiceField, number>;
  for (const [index, field] of fieldOfHeader.entries()) {
    if (field === null) continue;
    if (!(INVOICE_FIELDS as readonly string[]).includes(field)) return undefined;
    if (columns[field as InvoiceField] !== -1) return undefined;
    columns[field as InvoiceField] = index;
  }
  return columns;
}

/**
 * Reads plainly valid rows (see the module comment). It keeps the last month and clause read,
 * so that rows that repeat them share one string, and it gives a row whose unit price is
 * written as its amount one string for both.
 */
export class PlainInvoiceReader {
  readonly #columns: InvoiceFieldColumns;
  #month = '';
  #clause = '';

  constructor(columns: InvoiceFieldColumns) {
    this.#columns = columns;
  }

  /** The field's value as the schema would get it: absent for no column or an empty cell, the CSV-safety apostrophe undone. */
  #cell(cells: readonly string[], column: number): string | undefined {
    if (column < 0) return undefined;
    const text = cells[column];
    if (text === undefined || text === '') return undefined;
    return text.charCodeAt(0) === APOSTROPHE ? restoreCsvCell(text) : text;
  }

  /** The line the schema gives for this row, when it is plainly valid; otherwise undefined. */
  read(cells: readonly string[], location: IssueLocation): InvoiceLine | undefined {
    const columns = this.#columns;
    const monthText = this.#cell(cells, columns.month);
    const kindText = this.#cell(cells, columns.kind);
    const amountText = this.#cell(cells, columns.amount);
    if (monthText === undefined || kindText === undefined || amountText === undefined) return undefined;
    let month = this.#month;
    if (monthText !== month) {
      if (!SUPPORTED_MONTH_PATTERN.test(monthText)) return undefined;
      this.#month = month = monthText;
    }
    const kind = kindOf(kindText);
    if (kind === undefined || !MONEY_2DP.test(amountText)) return undefined;
    const amount = amountText as DecimalString;
    const groupText = this.#cell(cells, columns.chargingGroup);
    const regionText = this.#cell(cells, columns.region);
    const code = this.#cell(cells, columns.code);
    const description = this.#cell(cells, columns.description);
    const quantityText = this.#cell(cells, columns.quantity);
    const unitPriceText = this.#cell(cells, columns.unitPrice);
    let clause = this.#cell(cells, columns.clause);
    if (clause !== undefined) {
      if (clause === this.#clause) clause = this.#clause;
      else this.#clause = clause;
    }
    const chargingGroup = groupText === undefined ? undefined : parseChargingGroup(groupText);
    const region = regionText === undefined ? undefined : regionOf(regionText);
    if ((groupText !== undefined && chargingGroup === undefined) || (regionText !== undefined && region === undefined))
      return undefined;
    if (quantityText !== undefined && !isInvoiceQuantity(quantityText)) return undefined;
    if (unitPriceText !== undefined && !isBoundedSignedDecimal(unitPriceText)) return undefined;
    const quantity = quantityText as DecimalString | undefined;
    const unitPrice = (unitPriceText === amountText ? amount : unitPriceText) as DecimalString | undefined;
    switch (kind) {
      case 'fixed':
      case 'fixedCh':
      case 'fixedAltHan':
        if (
          chargingGroup === undefined ||
          region === undefined ||
          code !== undefined ||
          quantity === undefined ||
          unitPrice === undefined
        )
          return undefined;
        if (description !== undefined && clause !== undefined) {
          return { month, kind, chargingGroup, region, description, quantity, unitPrice, amount, clause, location };
        }
        return {
          month,
          kind,
          chargingGroup,
          region,
          ...optional({ description }),
          quantity,
          unitPrice,
          amount,
          ...optional({ clause }),
          location,
        };
      case 'explicit':
      case 'elective':
        if (
          code === undefined ||
          chargingGroup !== undefined ||
          region !== undefined ||
          quantity === undefined ||
          unitPrice === undefined
        )
          return undefined;
        if (description !== undefined && clause !== undefined) {
          return { month, kind, code, description, quantity, unitPrice, amount, clause, location };
        }
        return {
          month,
          kind,
          code,
          ...optional({ description }),
          quantity,
          unitPrice,
          amount,
          ...optional({ clause }),
          location,
        };
      case 'vat':
        if (chargingGroup !== undefined || region !== undefined || code !== undefined) return undefined;
        return {
          month,
          kind,
          ...optional({ description, quantity, unitPrice }),
          amount,
          ...optional({ clause }),
          location,
        };
      case 'total':
        if (
          chargingGroup !== undefined ||
          region !== undefined ||
          code !== undefined ||
          quantity !== undefined ||
          unitPrice !== undefined
        )
          return undefined;
        return { month, kind, ...optional({ description }), amount, ...optional({ clause }), location };
    }
  }
}

/** The fields given that have a value, in the order given (the schema leaves an absent field out). */
function optional<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const present: { [K in keyof T]?: Exclude<T[K], undefined> } = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) present[key] = value as Exclude<T[keyof T], undefined>;
  }
  return present;
}

function kindOf(text: string): InvoiceLineKind | undefined {
  for (const kind of INVOICE_LINE_KINDS) if (kind === text) return kind;
  return undefined;
}

function regionOf(text: string): RateRegion | undefined {
  for (const region of RATE_REGIONS) if (region === text) return region;
  return undefined;
}
