/**
 * The file formats whose JSON Schemas ship in `schemas/`, generated from the zod schemas
 * by `npm run schemas` and checked to be current by the tests.
 */
import * as z from 'zod';
import { chargingStatementSchema, CHARGING_STATEMENT_FORMAT } from '../statement/statement-schema.js';
import { budgetScenarioSchema, BUDGET_SCENARIO_FORMAT } from '../budget/scenario-schema.js';
import { methodologyInputsSchema, METHODOLOGY_INPUTS_FORMAT } from '../methodology/inputs-schema.js';

/** A shipped JSON Schema: its file name, format tag and zod schema. */
export interface ShippedSchema {
  readonly file: string;
  readonly format: string;
  readonly title: string;
  readonly schema: z.ZodType;
}

/** Every shipped JSON Schema. Add a line here for each new file format. */
export const SHIPPED_SCHEMAS: readonly ShippedSchema[] = [
  {
    file: 'charging-statement.schema.json',
    format: CHARGING_STATEMENT_FORMAT,
    title: 'dcc-charges Charging Statement',
    schema: chargingStatementSchema,
  },
  {
    file: 'budget-scenario.schema.json',
    format: BUDGET_SCENARIO_FORMAT,
    title: 'dcc-charges budget scenario',
    schema: budgetScenarioSchema,
  },
  {
    file: 'methodology-inputs.schema.json',
    format: METHODOLOGY_INPUTS_FORMAT,
    title: 'dcc-charges methodology inputs',
    schema: methodologyInputsSchema,
  },
];

/** The JSON Schema text of a shipped schema (input side: what a file may contain). */
export function jsonSchemaText(shipped: ShippedSchema): string {
  const generated = z.toJSONSchema(shipped.schema, { io: 'input', unrepresentable: 'any' });
  const document = {
    $schema: generated['$schema'],
    $id: `https://dcc-charges.invalid/schemas/${shipped.file}`,
    title: shipped.title,
    description: `Files of format "${shipped.format}". Generated from the library's zod schema; cross-field rules (listed in the docs) are checked by the library, not by this schema.`,
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
