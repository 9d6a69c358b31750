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
  else if (location.line !== undefined)
    parts.push(location.sheet === undefined ? `line ${location.line}` : `row ${location.line}`);
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

/**
 * The most problems an {@link InputError} lists, in every reader: past it, one more issue
 * (`tooManyProblems`) says how many more there were (decision 0063). A user can fix the first
 * problems and run again; tens of megabytes of messages help nobody.
 */
export const MAX_LISTED_ISSUES = 20;

/** Problems not listed that a `tooManyProblems` issue made by {@link capIssues} stands for. */
const unlistedBehind = new WeakMap<InputIssue, number>();

/**
 * The number of problems an issue stands for: 1, or the problems a summary made by
 * {@link capIssues} counted (a summary of a reader that stopped early counts as 1: at least one).
 */
function problemsIn(issue: InputIssue): number {
  return unlistedBehind.get(issue) ?? 1;
}

/** How {@link capIssues} words its summary. */
export interface CapOptions {
  /** Where the summary is placed (default: the file of the first issue not listed). */
  readonly at?: IssueLocation;
  /** Its expectation (default: at most so many problems listed). */
  readonly expected?: string;
  /** Where the problems are, such as `in the header`. */
  readonly within?: string;
}

/**
 * The first `limit` issues, and, when there were more, one `tooManyProblems` issue saying how
 * many (counting the problems that an earlier summary among them stood for). Never spreads
 * the list into arguments, so that any number of issues is fine.
 */
export function capIssues(
  issues: readonly InputIssue[],
  limit: number = MAX_LISTED_ISSUES,
  options: CapOptions = {},
): InputIssue[] {
  const listed: InputIssue[] = [];
  // A list capped already (its last issue the summary) stays as it is.
  const last = issues[issues.length - 1];
  const alreadyCapped = issues.length === limit + 1 && last?.code === 'tooManyProblems';
  let more = 0;
  let firstCut: InputIssue | undefined;
  for (let index = 0; index < issues.length; index += 1) {
    const issue = issues[index] as InputIssue;
    if (index < limit || alreadyCapped) listed.push(issue);
    else {
      firstCut ??= issue;
      more += problemsIn(issue);
    }
  }
  if (firstCut === undefined) return listed;
  const summary: InputIssue = {
    ...(firstCut.source === undefined ? {} : { source: firstCut.source }),
    ...(options.at ?? {}),
    code: 'tooManyProblems',
    expected: options.expected ?? `at most ${limit} problems listed (fix these and run again)`,
    received: `${more} more problem${more === 1 ? '' : 's'}${options.within === undefined ? '' : ` ${options.within}`}, not listed`,
  };
  unlistedBehind.set(summary, more);
  listed.push(summary);
  return listed;
}

/**
 * Thrown for bad input; `issues` lists the problems found, in input order: at most
 * {@link MAX_LISTED_ISSUES} of them (or the `limit` given), then one `tooManyProblems` issue
 * saying how many more there were.
 */
export class InputError extends Error {
  /** The problems listed (see the class comment). */
  readonly issues: readonly InputIssue[];
  /** Every problem found, those not listed included. */
  readonly problemCount: number;

  constructor(issues: readonly InputIssue[], options: { readonly limit?: number } = {}) {
    const listed = capIssues(issues, options.limit ?? MAX_LISTED_ISSUES);
    let problemCount = 0;
    for (const issue of listed) problemCount += problemsIn(issue);
    const first = listed[0];
    const summary =
      first === undefined
        ? 'invalid input'
        : problemCount <= 1
          ? formatIssue(first)
          : `${problemCount} problems; first: ${formatIssue(first)}`;
    super(summary);
    this.name = 'InputError';
    this.issues = listed;
    this.problemCount = problemCount;
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
    for (const issue of error.issues) issues.push(issue);
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
