/**
 * The one JSON reader of every JSON input (statements, methodology inputs, scenarios, column
 * mappings, JSON tables; decision 0062). Before `JSON.parse`, one scan of the text, in a loop
 * with its own stack (never recursion), checks what `JSON.parse` lets through:
 * - a key repeated in one object is a problem at its path (`JSON.parse` keeps the last value
 *   silently: a count of 5 would become 500);
 * - nesting deeper than {@link MAX_JSON_DEPTH} is a problem (nothing deeper is ever needed,
 *   and deep nesting would overflow the stack of whatever walks the value next).
 * It also keeps the text of each number that `JSON.parse` cannot give back as written (21
 * digits become `1e+21`), so that a message quotes the number as the file has it
 * ({@link writtenNumber}, decision 0068).
 */
import { InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { checkDecodedText } from './encoding.js';

/** The deepest nesting of objects and arrays accepted (the formats need 6 at most). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const LINE_FEED = 10;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** Characters a JSON number token is made of. */
function isNumberChar(char: number): boolean {
  return (
    (char >= DIGIT_0 && char <= DIGIT_9) || char === MINUS || char === 43 || char === 46 || char === 69 || char === 101
  );
}

/** The text of the numbers whose double does not read back as written, by parent and key. */
const WRITTEN_NUMBERS = new WeakMap<object, Map<string, string>>();

/**
 * The number at `parent[key]` as its JSON text wrote it, when that differs from how the
 * parsed double prints (such as `123456789012345678901` for 123456789012345680000).
 */
export function writtenNumber(parent: unknown, key: PropertyKey): string | undefined {
  if (parent === null || typeof parent !== 'object' || typeof key === 'symbol') return undefined;
  return WRITTEN_NUMBERS.get(parent)?.get(String(key));
}

/** Carries the written text of `from[fromKey]`, if kept, to `to[toKey]` (a copied field). */
export function copyWrittenNumber(from: object, fromKey: string, to: object, toKey: string): void {
  const written = writtenNumber(from, fromKey);
  if (written === undefined) return;
  let keys = WRITTEN_NUMBERS.get(to);
  if (keys === undefined) WRITTEN_NUMBERS.set(to, (keys = new Map()));
  keys.set(toKey, written);
}

/** A number token whose double prints otherwise, at its path. */
interface InexactNumber {
  readonly path: (string | number)[];
  readonly text: string;
}

/** One open object or array of the scan. */
interface Level {
  object: boolean;
  /** The keys seen in this object. */
  readonly keys: Set<string>;
  /** The key or index of the value being read in it. */
  at: string | number;
  /** True where the next string of an object is a key. */
  expectKey: boolean;
}

/** What a scan found: repeated keys, or where the nesting went too deep. */
interface JsonScan {
  readonly repeated: InputIssue[];
  readonly tooDeep: InputIssue | undefined;
  readonly inexact: InexactNumber[];
}

function pathOf(levels: readonly Level[], depth: number): (string | number)[] {
  const path: (string | number)[] = [];
  for (let index = 0; index < depth; index += 1) path.push((levels[index] as Level).at);
  return path;
}

/**
 * Scans JSON text for repeated keys and nesting past the bound. It assumes nothing of the
 * text: on text that is not JSON it may find nothing, and `JSON.parse` then says why.
 */
function scanJson(text: string, at: IssueLocation): JsonScan {
  const levels: Level[] = [];
  const repeated: InputIssue[] = [];
  const inexact: InexactNumber[] = [];
  let depth = 0;
  let line = 1;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      let end = text.indexOf('"', index + 1);
      while (end > 0) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) return { repeated, tooDeep: undefined, inexact };
      const level = depth > 0 ? (levels[depth - 1] as Level) : undefined;
      if (level?.object && level.expectKey) {
        let key = text.slice(index + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(index, end + 1)) as string;
          } catch {
            return { repeated, tooDeep: undefined, inexact };
          }
        }
        level.at = key;
        level.expectKey = false;
        if (level.keys.has(key)) {
          repeated.push({
            ...at,
            line,
            path: pathOf(levels, depth),
            code: 'repeatedJsonKey',
            expected: 'each key once in an object',
            received: `the key ${JSON.stringify(key)} again (JSON readers differ on which value they keep, so neither is taken)`,
          });
        } else level.keys.add(key);
      }
      index = end;
    } else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      if (depth === MAX_JSON_DEPTH) {
        return {
          repeated,
          inexact,
          tooDeep: {
            ...at,
            line,
            path: pathOf(levels, depth),
            code: 'nestingTooDeep',
            expected: `objects and arrays nested at most ${MAX_JSON_DEPTH} deep`,
            received: `${char === OPEN_OBJECT ? 'an object' : 'an array'} nested ${MAX_JSON_DEPTH + 1} deep`,
          },
        };
      }
      let level = levels[depth];
      if (level === undefined) {
        level = { object: false, keys: new Set(), at: 0, expectKey: false };
        levels.push(level);
      }
      level.object = char === OPEN_OBJECT;
      level.keys.clear();
      level.at = 0;
      level.expectKey = level.object;
      depth += 1;
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      if (depth > 0) depth -= 1;
    } else if (char === COMMA) {
      const level = levels[depth - 1];
      if (level !== undefined && depth > 0) {
        if (level.object) level.expectKey = true;
        else level.at = (level.at as number) + 1;
      }
    } else if (char === COLON) {
      const level = levels[depth - 1];
      if (level !== undefined && depth > 0) level.expectKey = false;
    } else if (char === LINE_FEED) {
      line += 1;
    } else if (char === MINUS || (char >= DIGIT_0 && char <= DIGIT_9)) {
      let end = index + 1;
      while (end < length && isNumberChar(text.charCodeAt(end))) end += 1;
      const written = text.slice(index, end);
      if (depth > 0 && String(Number(written)) !== written)
        inexact.push({ path: pathOf(levels, depth), text: written });
      index = end - 1;
    }
  }
  return { repeated, tooDeep: undefined, inexact };
}

/**
 * Parses JSON text (a leading byte-order mark is skipped), checked as the module comment says.
 * @param source - a label for messages, such as the file name.
 * @throws InputError: `invalidEncoding` (see `checkDecodedText`), `nestingTooDeep`,
 * `malformedJson` with the parser's message, or a `repeatedJsonKey` for each repeated key.
 */
export function parseJsonText(text: string, source?: string): unknown {
  const at: IssueLocation = source === undefined ? {} : { source };
  checkDecodedText(text, source);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scan = scanJson(body, at);
  if (scan.tooDeep !== undefined) throw new InputError([scan.tooDeep]);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InputError([
      {
        ...at,
        code: 'malformedJson',
        expected: 'well-formed JSON',
        received: error instanceof Error ? error.message : String(error),
      },
    ]);
  }
  if (scan.repeated.length > 0) throw new InputError(scan.repeated);
  for (const number of scan.inexact) keepWritten(value, number);
  return value;
}

/** Records the written text of one inexact number under its parent in the parsed value. */
function keepWritten(value: unknown, number: InexactNumber): void {
  let parent: unknown = value;
  for (let index = 0; index < number.path.length - 1; index += 1) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string, unknown>)[number.path[index] as string];
  }
  const key = number.path[number.path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined) return;
  let keys = WRITTEN_NUMBERS.get(parent);
  if (keys === undefined) WRITTEN_NUMBERS.set(parent, (keys = new Map()));
  keys.set(String(key), number.text);
}
