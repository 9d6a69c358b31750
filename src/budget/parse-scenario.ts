/**
 * Reading budget scenarios: the zod schema checks the shape and then every rule that spans
 * fields (`scenario-rules.ts`), each problem reported with its path in the file.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import { InputError } from '../errors/input-error.js';
import { issuesFromZod } from '../schema/issues.js';
import { parseJsonText } from '../tables/read-table.js';
import { budgetScenarioSchema, type BudgetScenario } from './scenario-schema.js';

/**
 * Validates a budget scenario object: its shape, then years in order with none missing, the
 * portfolio's form, months and growth, forecasts inside the scenario, and sensitivity cases.
 * Statements and methodology inputs are read and checked by `projectBudget`.
 * @param data - the scenario as parsed JSON.
 * @param source - a label for messages, such as the file name.
 * @throws InputError listing every problem, each with its path in the file.
 */
export function parseBudgetScenario(data: unknown, source?: string): BudgetScenario {
  checkDocument('parseBudgetScenario', 'scenario', data, source);
  const result = budgetScenarioSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(issuesFromZod(result.error, data, source === undefined ? {} : { source }));
  }
  return result.data;
}

/**
 * Reads a budget scenario from JSON text.
 * @throws InputError for malformed JSON or an invalid scenario.
 */
export function readBudgetScenario(text: string, source?: string): BudgetScenario {
  checkArguments('readBudgetScenario', [
    ['text', text, { shape: 'text' }],
    ['source', source, SOURCE],
  ]);
  return parseBudgetScenario(parseJsonText(text, source), source);
}
