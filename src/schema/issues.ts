/**
 * Turns zod's parse failures into the library's input issues, with the received value
 * read from the input itself and the location of the file or row it came from.
 */
import type { z } from 'zod';
import { describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
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
    const { found, value } = valueAt(input, issue.path);
    const missing = !found || value === undefined;
    return {
      ...placed,
      code: missing ? 'missingField' : 'invalidValue',
      expected: issue.message,
      received: missing ? 'nothing (the field is missing)' : describeReceived(value),
    };
  });
}
