import type { InputIssueCode } from './issue-codes.js';

/**
 * Bad input is reported as data: a list of issues, each saying where (file, line,
 * field) and what was expected. The throwing path wraps the same issues in one error.
 */

/** Where a problem was found. Every part is optional; the more, the better. */
export interface IssueLocation {
  /** File name or other label of the input, such as `meters.csv`. */
  readonly source?: string;
  /** Line number in a text file, the header being line 1. */
  readonly line?: number;
  /** Path inside a JSON document or object, such as `["fixedCharges", 2, "region"]`. */
  readonly path?: readonly (string | number)[];
  /** The field (column or property) concerned. */
  readonly field?: string;
  /** The sheet of a workbook; with it, `line` is the sheet's row number. */
  readonly sheet?: string;
  /** The cell of a workbook sheet, such as `F14`. */
  readonly cell?: string;
}

/** One problem with an input. */
export interface InputIssue extends IssueLocation {
  /** A machine-readable kind from the catalogue (`src/errors/issue-codes.ts`), such as `duplicateRow`. */
  readonly code: InputIssueCode;
  /** What was expected, in words. */
  readonly expected: string;
  /** What was received, quoted, when there was a value. */
  readonly received?: string;
  /** Extra explanation, when the expectation alone is not enough. */
  readonly detail?: string;
}

/**
 * Writes where an issue was found, such as `meters.csv, line 4, field "count"` or
 * `invoice.xlsx, sheet "June", cell F14, field "amount"`.
 */
export function formatLocation(location: IssueLocation): string {
  const parts: string[] = [];
  if (location.source !== undefined) parts.push(location.source);
  if (location.sheet !== undefined) parts.push(`sheet ${JSON.stringify(location.sheet)}`);
  if (location.cell !== undefined) parts.push(`cell ${location.cell}`);
  else if (location.line !== undefined) parts.push(location.sheet === undefined ? `line ${location.line}` : `row ${location.line}`);
  if (location.path !== undefined && location.path.length > 0) {
    parts.push(`at ${formatPath(location.path)}`);
  }
  if (location.field !== undefined) parts.push(`field "${location.field}"`);
  return parts.length === 0 ? 'input' : parts.join(', ');
}

/** Writes a path as `fixedCharges[2].region`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text;
}

/** Writes one issue on one line. */
export function formatIssue(issue: InputIssue): string {
  let text = `${formatLocation(issue)}: expected ${issue.expected}`;
  if (issue.received !== undefined) text += `, received ${issue.received}`;
  if (issue.detail !== undefined) text += ` (${issue.detail})`;
  return text;
}

/** Quotes a received value for a message, shortened when long. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Thrown for bad input; `issues` lists every problem found, in input order. */
export class InputError extends Error {
  /** Every problem found. */
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    const first = issues[0];
    const summary =
      first === undefined
        ? 'invalid input'
        : issues.length === 1
          ? formatIssue(first)
          : `${issues.length} problems; first: ${formatIssue(first)}`;
    super(summary);
    this.name = 'InputError';
    this.issues = issues;
  }
}

/**
 * Runs `read`, moving the issues of an {@link InputError} it throws into `issues` so that
 * the problems of several inputs are reported together.
 * @returns what `read` returned, or `undefined` when it threw an InputError.
 */
export function collectInputIssues<T>(issues: InputIssue[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/** Collects issues while a whole input is checked, then throws them together. */
export class IssueCollector {
  readonly #issues: InputIssue[] = [];

  /** Records one issue. */
  add(issue: InputIssue): void {
    this.#issues.push(issue);
  }

  /** Records several issues. */
  addAll(issues: readonly InputIssue[]): void {
    for (const issue of issues) this.#issues.push(issue);
  }

  /** True when no issue was recorded. */
  get isEmpty(): boolean {
    return this.#issues.length === 0;
  }

  /** Throws an {@link InputError} when any issue was recorded. */
  throwIfAny(): void {
    if (this.#issues.length > 0) throw new InputError([...this.#issues]);
  }
}
