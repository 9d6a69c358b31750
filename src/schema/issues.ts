/**
 * Turns zod's parse failures into the library's input issues, with the received value
 * read from the input itself and the location of the file or row it came from.
 */
import type { z } from 'zod';
import { describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { isInputIssueCode, type InputIssueCode } from '../errors/issue-codes.js';
import { writtenNumber } from '../text/json-text.js';

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown; written?: string } {
  let value: unknown = input;
  let written: string | undefined;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) {
      return { found: false, value: undefined };
    }
    written = writtenNumber(value, key);
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return written === undefined ? { found: true, value } : { found: true, value, written };
}

/**
 * The catalogue code a cross-field rule gives its zod `custom` issue, as
 * `params: { issueCode }`, so that a repeated row is `duplicateRow` here as in every reader.
 */
function customIssueCode(issue: z.core.$ZodIssue): InputIssueCode | undefined {
  if (issue.code !== 'custom') return undefined;
  const code: unknown = issue.params?.['issueCode'];
  return typeof code === 'string' && isInputIssueCode(code) ? code : undefined;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  int: 'a whole number',
};

/**
 * What a zod issue expected, in the library's words: zod's own defaults ("Invalid input:
 * expected object, received undefined") name its internals and repeat what was received.
 */
function expectedWords(issue: z.core.$ZodIssue): string {
  const message = issue.message;
  if (!message.startsWith('Invalid input')) return message;
  if (issue.code === 'invalid_type') return TYPE_WORDS[issue.expected] ?? `a value of type ${issue.expected}`;
  const prefix = 'Invalid input: expected ';
  if (message.startsWith(prefix)) return message.slice(prefix.length);
  if (message === 'Invalid input: more than one option matched') return 'exactly one of the forms the format allows';
  return 'a value of the form the format allows';
}

/**
 * Converts a zod error into input issues located under `location`.
 * With `fieldFromPath`, the first path element names the field (tabular rows).
 */
export function issuesFromZod(
  error: z.ZodError,
  input: unknown,
  location: IssueLocation,
  options: { fieldFromPath?: boolean } = {},
): InputIssue[] {
  return error.issues.map((issue): InputIssue => {
    const path = issue.path.filter(
      (part): part is string | number => typeof part === 'string' || typeof part === 'number',
    );
    const fullPath = [...(location.path ?? []), ...path];
    const placed: IssueLocation = {
      ...(location.source !== undefined ? { source: location.source } : {}),
      ...(location.sheet !== undefined ? { sheet: location.sheet } : {}),
      ...(location.line !== undefined ? { line: location.line } : {}),
      ...(options.fieldFromPath === true && path.length > 0
        ? { field: String(path[0]), ...(location.path !== undefined ? { path: location.path } : {}) }
        : fullPath.length > 0
          ? { path: fullPath }
          : {}),
    };
    if (issue.code === 'unrecognized_keys') {
      return {
        ...placed,
        code: 'unknownField',
        expected: 'only the fields of the format',
        received: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`,
      };
    }
    const { found, value, written } = valueAt(input, issue.path);
    const missing = !found || value === undefined;
    return {
      ...placed,
      code: customIssueCode(issue) ?? (missing ? 'missingField' : 'invalidValue'),
      expected: expectedWords(issue),
      // A JSON number is quoted as the file wrote it, not as its double prints (decision 0068).
      received: missing ? 'nothing (the field is missing)' : typeof value === 'number' && written !== undefined ? written : describeReceived(value),
    };
  });
}
