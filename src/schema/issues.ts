/**
 * Turns zod's parse failures into the library's input issues, with the received value
 * read from the input itself and the location of the file or row it came from.
 */
import type { z } from 'zod';
import { describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import type { InputIssueCode } from '../errors/issue-codes.js';
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
 * What a rule across fields or rows of a document found: where (a path in the document, and a
 * field when the document's format names one), the catalogue code (by default `invalidValue`,
 * or `missingField` when nothing is at the path), what was expected, and what was received and
 * a detail when the rule can say better than the value at the path.
 */
export interface RuleFinding {
  readonly path: readonly (string | number)[];
  readonly field?: string;
  readonly code?: InputIssueCode;
  readonly expected: string;
  readonly received?: string;
  readonly detail?: string;
}

/**
 * Reports what a cross-field rule found, from inside the zod refinement of the document's
 * schema: the one way every such rule (statements, methodology inputs, budget scenarios,
 * invoice lines) reports, so that `issuesFromZod` turns all of them into input issues alike.
 */
export function reportFinding(context: z.core.$RefinementCtx, finding: RuleFinding): void {
  context.addIssue({ code: 'custom', path: [...finding.path], message: finding.expected, params: { finding } });
}

function findingOf(issue: z.core.$ZodIssue): RuleFinding | undefined {
  if (issue.code !== 'custom') return undefined;
  const finding: unknown = issue.params?.['finding'];
  return typeof finding === 'object' && finding !== null && 'expected' in finding
    ? (finding as RuleFinding)
    : undefined;
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
    const finding = findingOf(issue);
    const { found, value, written } = valueAt(
      input,
      finding?.field === undefined ? issue.path : [...issue.path, finding.field],
    );
    const missing = !found || value === undefined;
    return {
      ...placed,
      ...(finding?.field === undefined ? {} : { field: finding.field }),
      code: finding?.code ?? (missing ? 'missingField' : 'invalidValue'),
      expected: finding?.expected ?? expectedWords(issue),
      received: finding?.received ?? (missing ? 'nothing (the field is missing)' : receivedText(value, written)),
      ...(finding?.detail === undefined ? {} : { detail: finding.detail }),
    };
  });
}

/** A received value as a message quotes it: a JSON number as the file wrote it, not as its double prints (decision 0068). */
function receivedText(value: unknown, written: string | undefined): string {
  return typeof value === 'number' && written !== undefined ? written : describeReceived(value);
}
