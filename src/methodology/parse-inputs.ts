/**
 * Reading methodology input files: JSON text or an already-parsed object, validated against
 * the `dcc-charges/methodology-inputs@1` schema, every problem reported with its path.
 */
import { checkArguments, checkDocument, SOURCE } from '../errors/arguments.js';
import type { z } from 'zod';
import { InputError, describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { issuesFromZod } from '../schema/issues.js';
import { parseJsonText } from '../tables/read-table.js';
import {
  AMOUNT_OR_PER_REGION_EXPECTED,
  CH_GROUP_KEY_EXPECTED,
  GROUP_KEY_EXPECTED,
  perRegionAmountsSchema,
  REGION_KEY_EXPECTED,
  revenueAmountField,
} from './inputs-fields.js';
import { methodologyInputsSchema, type MethodologyInputs } from './inputs-schema.js';

const REGION_OBJECTS = ['fixedChRevenue', 'fixedAltHanRevenue', 'regionalFixedRevenue'];

/** What an unknown key of the object at `path` should have been, when the object is keyed. */
function expectedKeyAt(path: readonly PropertyKey[]): string | undefined {
  const last = path[path.length - 1];
  if (path[0] === 'revenue' && typeof last === 'string' && REGION_OBJECTS.includes(last)) return REGION_KEY_EXPECTED;
  if (path[0] === 'weighting' && last === 'factors') return GROUP_KEY_EXPECTED;
  if (path[0] === 'weighting' && (last === 'chFactors' || last === 'altHanFactors')) return CH_GROUP_KEY_EXPECTED;
  return undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Issues of one zod failure, made specific: an unknown key in a keyed object names the keys
 * allowed; a failed "amount or per Region" names what is wrong inside the form written.
 */
function methodologyIssues(error: z.ZodError, data: unknown, location: IssueLocation): InputIssue[] {
  const generic = issuesFromZod(error, data, location);
  const issues: InputIssue[] = [];
  error.issues.forEach((raw, index) => {
    const path = raw.path.filter(
      (part): part is string | number => typeof part === 'string' || typeof part === 'number',
    );
    const at: IssueLocation = { ...location, path: [...(location.path ?? []), ...path] };
    if (raw.code === 'unrecognized_keys') {
      const expected = expectedKeyAt(raw.path);
      if (expected !== undefined) {
        for (const key of raw.keys) {
          issues.push({ ...at, code: 'unknownKey', expected, received: `the key ${describeReceived(key)}` });
        }
        return;
      }
    }
    if (raw.code === 'invalid_union') {
      const value = valueAt(data, raw.path);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const branch = perRegionAmountsSchema.safeParse(value);
        if (!branch.success) {
          issues.push(
            ...methodologyIssues(branch.error, value, at).map((issue) =>
              issue.code === 'unknownField'
                ? { ...issue, code: 'unknownKey' as const, expected: REGION_KEY_EXPECTED }
                : issue,
            ),
          );
          return;
        }
      }
      if (typeof value === 'string') {
        const branch = revenueAmountField.safeParse(value);
        if (!branch.success) {
          issues.push(...issuesFromZod(branch.error, value, at));
          return;
        }
      }
      issues.push({
        ...at,
        code: value === undefined ? 'missingField' : 'invalidValue',
        expected: AMOUNT_OR_PER_REGION_EXPECTED,
        received: value === undefined ? 'nothing (the field is missing)' : describeReceived(value),
      });
      return;
    }
    const plain = generic[index];
    if (plain !== undefined) issues.push(plain);
  });
  return issues;
}

/**
 * Validates methodology inputs.
 * @param data - the inputs as parsed JSON (Charging Groups may be written g1..g5).
 * @param source - a label for messages, such as the file name.
 * @returns the inputs with Charging Groups read as identifiers.
 * @throws InputError listing every problem, each with its path in the file.
 * @example parseMethodologyInputs(JSON.parse(text), 'inputs.json').regime // 'uitmr'
 */
export function parseMethodologyInputs(data: unknown, source?: string): MethodologyInputs {
  checkDocument('parseMethodologyInputs', 'inputs', data, source);
  const result = methodologyInputsSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(methodologyIssues(result.error, data, source === undefined ? {} : { source }));
  }
  return result.data;
}

/**
 * Reads methodology inputs from JSON text.
 * @throws InputError for malformed JSON or invalid inputs.
 */
export function readMethodologyInputs(text: string, source?: string): MethodologyInputs {
  checkArguments('readMethodologyInputs', [
    ['text', text, { shape: 'text' }],
    ['source', source, SOURCE],
  ]);
  return parseMethodologyInputs(parseJsonText(text, source), source);
}
