/**
 * Checks of the arguments a library function is given, before it reads them: a call with an
 * argument of the wrong kind (nothing, null, a number where an object is expected, a value
 * that is not iterable where rows are expected, an object whose properties cannot be read)
 * gets an {@link InputError} naming the argument and what was expected (decision 0068),
 * never a `TypeError` from deep inside.
 */
import { InputError, type InputIssue } from './input-error.js';

/** The kinds of argument the entry points take. */
export type ArgumentShape =
  | 'object'
  | 'text'
  | 'list'
  | 'iterable'
  | 'textOrTable'
  | 'function'
  | 'boolean'
  | 'number'
  | 'document';

/** What one argument (or one field of an options object) must be. */
export interface ArgumentSpec {
  readonly shape: ArgumentShape;
  /** True when `undefined` is allowed (an optional argument or field). */
  readonly optional?: boolean;
  /** For an object: the fields whose kind is checked too. */
  readonly fields?: Readonly<Record<string, ArgumentSpec>>;
  /** Words for what was expected, when the shape's own are not enough. */
  readonly expected?: string;
}

const EXPECTED: Record<ArgumentShape, string> = {
  object: 'an object',
  text: 'a string',
  list: 'an array',
  iterable: 'an iterable (such as an array) or an async iterable',
  textOrTable: 'a string of text, or a table read from a workbook',
  function: 'a function',
  boolean: 'true or false',
  number: 'a number',
  document: 'an object (the document as parsed JSON)',
};

/** The kind of a value, in words that never run its code (no `toString`, no getters). */
export function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return `the number ${String(value)}`;
    case 'bigint':
      return 'a bigint';
    case 'string':
      return 'a string';
    case 'boolean':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'object':
      return Array.isArray(value) ? 'an array' : 'an object';
    case 'undefined':
      return 'nothing';
  }
  return 'a value';
}

type Read = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** Reads one property, catching what a getter or a Proxy throws. */
function readProperty(target: object, key: PropertyKey): Read {
  try {
    return { ok: true, value: (target as Record<PropertyKey, unknown>)[key] };
  } catch {
    return { ok: false };
  }
}

/** True when the object's own keys can be listed (a Proxy may refuse). */
function keysReadable(target: object): boolean {
  try {
    Reflect.ownKeys(target);
    return true;
  } catch {
    return false;
  }
}

const UNREADABLE = 'an object whose properties could not be read (reading one threw an error)';

function hasShape(value: unknown, shape: ArgumentShape): boolean | 'unreadable' {
  switch (shape) {
    case 'text':
      return typeof value === 'string';
    case 'function':
      return typeof value === 'function';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'object':
    case 'document':
      if (value === null || typeof value !== 'object') return false;
      return keysReadable(value) ? true : 'unreadable';
    case 'list':
      if (!Array.isArray(value)) return false;
      // Only its length is read: listing the keys of a long list would cost as much as the rows.
      return readProperty(value, 'length').ok ? true : 'unreadable';
    case 'iterable': {
      if (value === null || typeof value !== 'object') return false;
      const sync = readProperty(value, Symbol.iterator);
      const async = readProperty(value, Symbol.asyncIterator);
      if (!sync.ok || !async.ok) return 'unreadable';
      return typeof sync.value === 'function' || typeof async.value === 'function';
    }
    case 'textOrTable': {
      if (typeof value === 'string') return true;
      if (value === null || typeof value !== 'object') return false;
      if (!keysReadable(value)) return 'unreadable';
      const header = readProperty(value, 'header');
      const rows = readProperty(value, 'rows');
      const headerAt = readProperty(value, 'headerAt');
      const issues = readProperty(value, 'issues');
      if (!header.ok || !rows.ok || !headerAt.ok || !issues.ok) return 'unreadable';
      return (
        Array.isArray(header.value) &&
        Array.isArray(rows.value) &&
        Array.isArray(issues.value) &&
        typeof headerAt.value === 'object' &&
        headerAt.value !== null
      );
    }
  }
}

function checkOne(fn: string, name: string, value: unknown, spec: ArgumentSpec, issues: InputIssue[]): void {
  if (value === undefined && spec.optional === true) return;
  const shaped = hasShape(value, spec.shape);
  if (shaped !== true) {
    issues.push({
      field: name,
      code: 'invalidArgument',
      expected: spec.expected ?? EXPECTED[spec.shape],
      received: shaped === 'unreadable' ? UNREADABLE : describeKind(value),
      detail: `an argument of ${fn}`,
    });
    return;
  }
  if (spec.fields === undefined) return;
  for (const [field, fieldSpec] of Object.entries(spec.fields)) {
    const read = readProperty(value as object, field);
    if (!read.ok) {
      issues.push({
        field: `${name}.${field}`,
        code: 'invalidArgument',
        expected: fieldSpec.expected ?? EXPECTED[fieldSpec.shape],
        received: 'a property that could not be read (reading it threw an error)',
        detail: `an argument of ${fn}`,
      });
      continue;
    }
    checkOne(fn, `${name}.${field}`, read.value, fieldSpec, issues);
  }
}

/**
 * Checks the arguments of the library function `fn`, each as `[name, value, spec]`, and
 * throws one {@link InputError} listing every argument of the wrong kind.
 */
export function checkArguments(fn: string, args: readonly (readonly [string, unknown, ArgumentSpec])[]): void {
  const issues: InputIssue[] = [];
  for (const [name, value, spec] of args) checkOne(fn, name, value, spec, issues);
  if (issues.length > 0) throw new InputError(issues);
}

/**
 * Checks a document argument (parsed JSON, such as a statement, or a list of rows) of `fn`
 * that its schema will validate: only its kind, and that it can be read. Given a `source`, a problem is located there (the
 * document came from that file); without one, it names the argument.
 */
export function checkDocument(
  fn: string,
  name: string,
  value: unknown,
  source: unknown,
  shape: 'document' | 'list' = 'document',
): void {
  checkArguments(fn, [['source', source, { shape: 'text', optional: true }]]);
  if (source === undefined) {
    checkArguments(fn, [[name, value, { shape }]]);
    return;
  }
  if (value === null || typeof value !== 'object' || keysReadable(value)) return;
  throw new InputError([
    { source: source as string, code: 'invalidArgument', expected: EXPECTED.document, received: UNREADABLE },
  ]);
}

/** An optional `source` label. */
export const SOURCE: ArgumentSpec = { shape: 'text', optional: true };

/** The options of a table reader: `{ source?, format? }`. */
export const TABLE_OPTIONS: ArgumentSpec = {
  shape: 'object',
  optional: true,
  fields: { source: SOURCE, format: { shape: 'text', optional: true } },
};
