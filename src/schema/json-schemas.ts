/**
 * The file formats whose JSON Schemas ship in `schemas/`, generated from the zod schemas
 * by `npm run schemas` and checked to be current by the tests.
 */
import * as z from 'zod';
import { chargingStatementSchema, CHARGING_STATEMENT_FORMAT } from '../statement/statement-schema.js';
import { budgetScenarioSchema, BUDGET_SCENARIO_FORMAT } from '../budget/scenario-schema.js';
import { methodologyInputsSchema, METHODOLOGY_INPUTS_FORMAT } from '../methodology/inputs-schema.js';
import { meterCountRowSchema } from '../inputs/meter-counts.js';
import { usageRowSchema } from '../inputs/usage.js';
import { electiveRowSchema } from '../inputs/elective.js';
import { invoiceFieldsSchema } from '../reconciliation/invoice-line.js';
import { columnMappingSchema } from '../reconciliation/column-mapping.js';
import {
  CSV_RECORD_DESCRIPTION,
  electiveRecordSchema,
  invoiceRecordSchema,
  meterCountRecordSchema,
  registrationRecordSchema,
  usageRecordSchema,
} from './csv-records.js';
import { tableDocumentSchema, withAbsentValues } from './table-documents.js';
import {
  budgetProjectionOutputSchema,
  derivationOutputSchema,
  monthlyChargesByUserOutputSchema,
  monthlyChargesOutputSchema,
  reconciliationOutputSchema,
  registeredMeterCountsByUserOutputSchema,
  registeredMeterCountsOutputSchema,
  statementComparisonOutputSchema,
} from './output-schemas.js';

/** What a shipped schema describes: a JSON input file, one CSV record, or a JSON report of the command line. */
export type ShippedSchemaKind = 'jsonFile' | 'csvRecord' | 'output';

/** A shipped JSON Schema: its file name, what it describes, format tag (when the files have one) and zod schema. */
export interface ShippedSchema {
  readonly file: string;
  readonly kind: ShippedSchemaKind;
  readonly format?: string;
  readonly title: string;
  readonly description?: string;
  readonly schema: z.ZodType;
}

const TABLE_JSON =
  'A JSON array of row objects, or a document with "rows" (and "illustrative", "description", "source").';
const CROSS_FIELD =
  "Generated from the library's zod schema; rules across fields and rows are checked by the library, not by this schema.";

/** Every shipped JSON Schema. Add a line here for each new file format. */
export const SHIPPED_SCHEMAS: readonly ShippedSchema[] = [
  {
    file: 'charging-statement.schema.json',
    kind: 'jsonFile',
    format: CHARGING_STATEMENT_FORMAT,
    title: 'dcc-charges Charging Statement',
    schema: chargingStatementSchema,
  },
  {
    file: 'budget-scenario.schema.json',
    kind: 'jsonFile',
    format: BUDGET_SCENARIO_FORMAT,
    title: 'dcc-charges budget scenario',
    schema: budgetScenarioSchema,
  },
  {
    file: 'methodology-inputs.schema.json',
    kind: 'jsonFile',
    format: METHODOLOGY_INPUTS_FORMAT,
    title: 'dcc-charges methodology inputs',
    schema: methodologyInputsSchema,
  },
  jsonTable('meter-counts.schema.json', 'dcc-charges meter counts (JSON)', meterCountRowSchema),
  csvRecord('meter-counts.csv-record.schema.json', 'dcc-charges meter counts (CSV record)', meterCountRecordSchema),
  jsonTable('usage.schema.json', 'dcc-charges explicit usage (JSON)', usageRowSchema),
  csvRecord('usage.csv-record.schema.json', 'dcc-charges explicit usage (CSV record)', usageRecordSchema),
  jsonTable('elective.schema.json', 'dcc-charges elective lines (JSON)', electiveRowSchema),
  csvRecord('elective.csv-record.schema.json', 'dcc-charges elective lines (CSV record)', electiveRecordSchema),
  jsonTable(
    'invoice.schema.json',
    'dcc-charges invoice (JSON, our field names)',
    withAbsentValues(invoiceFieldsSchema),
  ),
  csvRecord(
    'invoice.csv-record.schema.json',
    'dcc-charges invoice line (CSV record, our column names)',
    invoiceRecordSchema,
  ),
  {
    file: 'invoice-column-mapping.schema.json',
    kind: 'jsonFile',
    title: 'dcc-charges invoice column mapping',
    description: `An object from our invoice field names to the headers of an export, with "ignore". ${CROSS_FIELD}`,
    schema: columnMappingSchema,
  },
  csvRecord('registrations.csv-record.schema.json', 'dcc-charges registration (CSV record)', registrationRecordSchema),
  output('monthly-charges.output.schema.json', 'dcc-charges charges --format json', monthlyChargesOutputSchema),
  output(
    'monthly-charges-by-user.output.schema.json',
    'dcc-charges charges --by-user --format json',
    monthlyChargesByUserOutputSchema,
  ),
  output(
    'registered-meter-counts.output.schema.json',
    'dcc-charges count --format json',
    registeredMeterCountsOutputSchema,
  ),
  output(
    'registered-meter-counts-by-user.output.schema.json',
    'dcc-charges count --by-user --format json',
    registeredMeterCountsByUserOutputSchema,
  ),
  output('derivation.output.schema.json', 'dcc-charges derive --format json', derivationOutputSchema),
  output('reconciliation.output.schema.json', 'dcc-charges reconcile --format json', reconciliationOutputSchema),
  output('statement-comparison.output.schema.json', 'dcc-charges diff --format json', statementComparisonOutputSchema),
  output('budget-projection.output.schema.json', 'dcc-charges budget --format json', budgetProjectionOutputSchema),
];

function jsonTable(file: string, title: string, row: z.ZodType): ShippedSchema {
  return {
    file,
    kind: 'jsonFile',
    title,
    description: `${TABLE_JSON} ${CROSS_FIELD}`,
    schema: tableDocumentSchema(row),
  };
}

function csvRecord(file: string, title: string, schema: z.ZodType): ShippedSchema {
  return { file, kind: 'csvRecord', title, description: `${CSV_RECORD_DESCRIPTION} ${CROSS_FIELD}`, schema };
}

function output(file: string, title: string, schema: z.ZodType): ShippedSchema {
  return {
    file,
    kind: 'output',
    title,
    description: `The JSON report of \`${title}\`, as the command writes it.`,
    schema,
  };
}

/** The JSON Schema text of a shipped schema (input side: what a file may contain). */
export function jsonSchemaText(shipped: ShippedSchema): string {
  const generated = z.toJSONSchema(shipped.schema, { io: 'input', unrepresentable: 'any' });
  const document = {
    $schema: generated['$schema'],
    $id: `https://dcc-charges.invalid/schemas/${shipped.file}`,
    title: shipped.title,
    description:
      shipped.description ??
      `Files of format "${shipped.format}". Generated from the library's zod schema; cross-field rules (listed in the docs) are checked by the library, not by this schema.`,
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
