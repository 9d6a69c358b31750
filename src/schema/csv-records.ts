/**
 * The CSV records of the tabular inputs, for their JSON Schemas: one record is an object of
 * strings keyed by column name, every cell a string, as a CSV reader with a header row gives
 * it. An empty cell is an absent value: a required column must not be empty, an optional one
 * may be. Each cell is checked alone, with the same patterns the readers use; the rules across
 * cells and rows (a per-meter invoice line needs a Charging Group, an MPAN's check digit, a
 * repeated key) are the library's, and tests show the readers and these records agree on samples.
 */
import * as z from 'zod';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { RATE_REGIONS, REGIONS } from '../vocabulary/regions.js';
import { CHARGING_GROUP_SPELLINGS } from '../vocabulary/charging-groups.js';
import { SUPPORTED_MONTH_PATTERN } from '../vocabulary/months.js';
import { GSP_GROUPS } from '../registrations/gsp-groups.js';
import { USER_ID } from '../registrations/registration.js';
import { INVOICE_LINE_KINDS } from '../reconciliation/invoice-line.js';
import {
  AMOUNT_PATTERN,
  COUNT_PATTERN,
  QUANTITY_PATTERN,
  SIGNED_DECIMAL_PATTERN,
  SIGNED_QUANTITY_PATTERN,
} from './fields.js';

/** The words every CSV record schema's description starts with. */
export const CSV_RECORD_DESCRIPTION =
  'One CSV record, every cell a string, keyed by column name; an empty cell is an absent value.';

const cell = (pattern: RegExp) => z.string().regex(pattern);
const text = () => z.string().min(1);
const oneOf = (values: readonly [string, ...string[]]) => z.enum(values);
/** A column every file has whose cell may be empty. */
const orEmpty = (schema: z.ZodType) => z.union([schema, z.literal('')]);
/** A column a file may leave out, or leave empty. */
const optional = (schema: z.ZodType) => orEmpty(schema).optional();

/**
 * A signed decimal as an invoice CSV may write it: a negative number may carry the apostrophe
 * that keeps a spreadsheet from reading it as a formula (`'-12.50`), as this tool's CSV writes it.
 */
function invoiceNumber(pattern: RegExp): z.ZodString {
  if (!pattern.source.startsWith('^-?')) throw new TypeError(`not a signed pattern: ${pattern.source}`);
  return cell(new RegExp(`^(?:'?-)?${pattern.source.slice(3)}`));
}

const month = cell(SUPPORTED_MONTH_PATTERN);
const chargingGroup = oneOf(CHARGING_GROUP_SPELLINGS);
const boolean = oneOf(['true', 'false']);

/**
 * An ISO date `YYYY-MM-DD` of years 0001 to 9999 with a day from 01 to 31 (that the day exists
 * in its month is checked by the library).
 */
export const ISO_DATE_PATTERN =
  /^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/**
 * A meter point: an MPAN core (13 digits) or an MPRN (6 to 10 digits, the first not 0). Which
 * one the Charging Group needs, and the MPAN's check digit, are checked by the library.
 */
export const METER_POINT_PATTERN = /^([0-9]{13}|[1-9][0-9]{5,9})$/;

/** One record of a meter-count CSV (`readMeterCounts`). */
export const meterCountRecordSchema = z.strictObject({
  month: optional(month),
  chargingGroup,
  region: oneOf(REGIONS),
  premises: oneOf(PREMISES_TYPES),
  enrolled: boolean,
  count: cell(COUNT_PATTERN),
});

/** One record of a usage CSV (`readUsage`). */
export const usageRecordSchema = z.strictObject({
  code: text(),
  quantity: cell(QUANTITY_PATTERN),
});

/** One record of an elective-lines CSV (`readElective`). */
export const electiveRecordSchema = z.strictObject({
  reference: text(),
  description: text(),
  amount: cell(AMOUNT_PATTERN),
});

/**
 * One record of an invoice CSV (`readInvoice`), with our column names (after the column
 * mapping, when the export has its own headers).
 */
export const invoiceRecordSchema = z.strictObject({
  month,
  kind: oneOf(INVOICE_LINE_KINDS),
  chargingGroup: optional(chargingGroup),
  region: optional(oneOf(RATE_REGIONS)),
  code: z.string().optional(),
  description: z.string().optional(),
  quantity: optional(invoiceNumber(SIGNED_QUANTITY_PATTERN)),
  unitPrice: optional(invoiceNumber(SIGNED_DECIMAL_PATTERN)),
  amount: invoiceNumber(AMOUNT_PATTERN),
  clause: z.string().optional(),
});

/** One record of a registration CSV (`countRegistrationCsv`, `dcc-charges count`). */
export const registrationRecordSchema = z.strictObject({
  meterPoint: cell(METER_POINT_PATTERN),
  chargingGroup,
  premises: oneOf(PREMISES_TYPES),
  registeredFrom: cell(ISO_DATE_PATTERN),
  registeredTo: orEmpty(cell(ISO_DATE_PATTERN)),
  enrolledFrom: orEmpty(cell(ISO_DATE_PATTERN)),
  region: optional(oneOf(REGIONS)),
  gspGroup: optional(oneOf(GSP_GROUPS)),
  user: optional(cell(USER_ID)),
});
