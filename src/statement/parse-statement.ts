/**
 * Reading Charging Statement files: JSON text or an already-parsed object, validated
 * against the `dcc-charges/charging-statement@1` schema.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import { InputError } from '../errors/input-error.js';
import { issuesFromZod } from '../schema/issues.js';
import { parseJsonText } from '../tables/read-table.js';
import { chargingStatementSchema, type ChargingStatement } from './statement-schema.js';

/**
 * Validates a Charging Statement object.
 * @param data - the statement as parsed JSON (Charging Groups may be written g1..g5).
 * @param source - a label for messages, such as the file name.
 * @returns the statement with Charging Groups read as identifiers.
 * @throws InputError listing every problem, each with its path in the file.
 */
export function parseChargingStatement(data: unknown, source?: string): ChargingStatement {
  checkDocument('parseChargingStatement', 'statement', data, source);
  const result = chargingStatementSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(issuesFromZod(result.error, data, source === undefined ? {} : { source }));
  }
  return result.data;
}

/**
 * Reads a Charging Statement from JSON text.
 * @throws InputError for malformed JSON or an invalid statement.
 */
export function readChargingStatement(text: string, source?: string): ChargingStatement {
  checkArguments('readChargingStatement', [
    ['text', text, { shape: 'text' }],
    ['source', source, SOURCE],
  ]);
  return parseChargingStatement(parseJsonText(text, source), source);
}
