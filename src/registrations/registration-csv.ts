/**
 * Registration files in CSV, read as a stream of bytes (docs/registrations.md): the fast path
 * (`fast-row-parser.ts`) for each plain one-line record, batched into the tally, and the
 * reference validator for every other record, which also gives each rejected row its
 * reasons. The fast path only ever accepts what the reference validator accepts; rows it does
 * not accept go to the reference validator.
 */
import { COUNT_OPTION_FIELDS } from './count-options.js';
import { checkArguments, SOURCE } from '../errors/arguments.js';
import { headerIssues } from '../tables/header-check.js';
import {
  capIssues,
  InputError,
  MAX_LISTED_ISSUES,
  type InputIssue,
  type IssueLocation,
} from '../errors/input-error.js';
import {
  checkRegistration,
  REGISTRATION_COLUMNS,
  REGISTRATION_EXPECTED,
  type RegistrationColumn,
  type RegistrationRow,
} from './registration.js';
import {
  countResult,
  countResultByUser,
  rejectOverlap,
  resolveCountOptions,
  tooManyUsersIssue,
  type CountByUserOptions,
  type RegisteredMeterCountsByUser,
  type CountRegisteredMetersOptions,
  type RegisteredMeterCounts,
  type ResolvedCountOptions,
} from './count-options.js';
import { CELLS_PER_MONTH, RegistrationTally } from './tally.js';
import { userIndexOfValue } from './count-registered-meters.js';
import { hashOf } from './overlap-index.js';
import { CsvRecordSplitter, splitCsvRecord, type CsvRecordSink } from '../tables/csv-records.js';
import { FastRowParser } from './fast-row-parser.js';
import type { ParsedRows } from './parsed-rows.js';

/** Progress of a streaming count, reported after each chunk. */
export interface CountProgress {
  readonly bytesRead: number;
  readonly rowsRead: number;
}

/** Options of {@link countRegistrationCsv}. */
export interface CountRegistrationCsvOptions extends CountRegisteredMetersOptions {
  /** Called after each chunk. */
  readonly onProgress?: (progress: CountProgress) => void;
}

/**
 * The columns of a header, checked: every required column once, no unknown column; in a
 * count by User (`byUser`), the `user` column too (decision 0081).
 */
export function readRegistrationHeader(
  text: string,
  line: number,
  at: IssueLocation,
  byUser = false,
): RegistrationColumn[] {
  const { cells, problems } = splitCsvRecord(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = cells.map((cell) => cell.trim());
  const issues: InputIssue[] = problems.map((problem) => ({ ...at, line, ...problem }));
  for (const issue of headerIssues(header, REGISTRATION_COLUMNS, { ...at, line })) issues.push(issue);
  if (byUser && problems.length === 0 && !header.includes('user')) {
    issues.push({
      ...at,
      line,
      field: 'user',
      code: 'missingColumn',
      expected: REGISTRATION_EXPECTED.userByUser,
      received: 'a header without a user column',
    });
  }
  if (issues.length > 0) {
    throw new InputError(
      capIssues(issues, MAX_LISTED_ISSUES, {
        at: { ...at, line },
        expected: 'a header naming the columns',
        within: 'in the header',
      }),
    );
  }
  return header as RegistrationColumn[];
}

/** Fast rows counted together (see `RegistrationCountSink.flush`). */
const BATCH = 256;
/**
 * Counts the records of a registration CSV stream into a tally: split here from bytes, or
 * parsed elsewhere and given as {@link ParsedRows} (see {@link countParsed}).
 */
export class RegistrationCountSink implements CsvRecordSink {
  readonly #tally: RegistrationTally;
  readonly #resolved: ResolvedCountOptions;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #header: RegistrationColumn[] | undefined;
  #parser: FastRowParser | undefined;
  /** Fast rows held back for a batch: their numbers, and where their bytes are in the chunk. */
  #held = 0;
  readonly #keys = new Float64Array(BATCH);
  readonly #hashes = new Int32Array(BATCH);
  readonly #cells = new Int32Array(BATCH);
  readonly #froms = new Int32Array(BATCH);
  readonly #tos = new Int32Array(BATCH);
  readonly #enrolledFroms = new Int32Array(BATCH);
  readonly #lines = new Float64Array(BATCH);
  readonly #starts = new Int32Array(BATCH);
  readonly #ends = new Int32Array(BATCH);
  #bytes: Uint8Array = new Uint8Array(0);

  constructor(tally: RegistrationTally, resolved: ResolvedCountOptions) {
    this.#tally = tally;
    this.#resolved = resolved;
  }

  /** True once a header was read. */
  get hasHeader(): boolean {
    return this.#header !== undefined;
  }

  fast(bytes: Uint8Array, start: number, newline: number, line: number): boolean {
    const parser = this.#parser;
    if (parser === undefined) return false;
    let end = newline;
    if (end > start && bytes[end - 1] === 13) end -= 1;
    if (end === start) return true;
    if (!parser.parse(bytes, start, end)) return false;
    this.#tally.rowsRead += 1;
    const held = this.#held;
    this.#keys[held] = parser.key;
    this.#cells[held] = parser.cell;
    this.#froms[held] = parser.from;
    this.#tos[held] = parser.to;
    this.#enrolledFroms[held] = parser.enrolledFrom;
    this.#lines[held] = line;
    this.#starts[held] = start;
    this.#ends[held] = end;
    this.#bytes = bytes;
    this.#held = held + 1;
    if (held + 1 === BATCH) this.flush();
    return true;
  }

  /**
   * Counts the rows held back, in file order. They are held in batches so that the overlap
   * index's memory for a whole batch is read ahead at once (see `OverlapIndex.touch`).
   */
  flush(): void {
    const count = this.#held;
    if (count === 0) return;
    this.#held = 0;
    const tally = this.#tally;
    const keys = this.#keys;
    const hashes = this.#hashes;
    for (let index = 0; index < count; index += 1) hashes[index] = hashOf(keys[index] as number);
    tally.touch(hashes, count);
    for (let index = 0; index < count; index += 1) {
      const from = this.#froms[index] as number;
      const to = this.#tos[index] as number;
      const line = this.#lines[index] as number;
      const overlapped = tally.countHashed(
        keys[index] as number,
        hashes[index] as number,
        this.#cells[index] as number,
        from,
        to,
        this.#enrolledFroms[index] as number,
        line,
      );
      if (overlapped !== undefined) {
        const record = this.#decoder.decode(
          this.#bytes.subarray(this.#starts[index] as number, this.#ends[index] as number),
        );
        rejectOverlap(
          tally,
          { ...this.#resolved.at, line },
          from,
          to,
          overlapped,
          true,
          record,
          RegistrationTally.userOfCell(this.#cells[index] as number),
        );
      }
    }
  }

  /**
   * Counts a batch parsed by a `ParsedRowsCollector`, its text records in their places: the
   * same counts and rejections, in the same order, as splitting the chunk here. `lineOffset`
   * is added to the batch's line numbers (a batch parsed from the middle of a file counts its
   * lines from 1).
   */
  countParsed(rows: ParsedRows, lineOffset = 0): void {
    this.flush();
    let first = 0;
    for (const record of rows.texts) {
      this.#countParsedRange(rows, first, record.after, lineOffset);
      first = record.after;
      this.slow(record.text, record.line + lineOffset);
    }
    this.#countParsedRange(rows, first, rows.count, lineOffset);
  }

  /** The header's columns, once read. */
  get header(): readonly RegistrationColumn[] | undefined {
    return this.#header;
  }

  #countParsedRange(rows: ParsedRows, first: number, end: number, lineOffset: number): void {
    const tally = this.#tally;
    const { keys, hashes, cells, froms, tos, enrolledFroms, lines } = rows;
    // A batch parsed by User has its own table of Users: its cells are mapped to this tally's.
    const users =
      rows.users.length === 0 ? undefined : Int32Array.from(rows.users, (user) => tally.users.indexOf(user));
    tally.rowsRead += end - first;
    for (let start = first; start < end; start += BATCH) {
      const stop = Math.min(start + BATCH, end);
      tally.touch(hashes, stop - start, start);
      for (let index = start; index < stop; index += 1) {
        const from = froms[index] as number;
        const to = tos[index] as number;
        const line = (lines[index] as number) + lineOffset;
        let cell = cells[index] as number;
        if (users !== undefined) {
          const local = RegistrationTally.userOfCell(cell);
          const user = users[local] as number;
          if (user < 0) {
            const record = this.#decoder.decode(
              rows.bytes.subarray(rows.starts[index] as number, rows.ends[index] as number),
            );
            const location = { ...this.#resolved.at, line };
            tally.reject({ location, record, issues: [tooManyUsersIssue(location, rows.users[local] as string)] });
            continue;
          }
          cell += (user - local) * CELLS_PER_MONTH;
        }
        const overlapped = tally.countHashed(
          keys[index] as number,
          hashes[index] as number,
          cell,
          from,
          to,
          enrolledFroms[index] as number,
          line,
        );
        if (overlapped !== undefined) {
          const record = this.#decoder.decode(
            rows.bytes.subarray(rows.starts[index] as number, rows.ends[index] as number),
          );
          rejectOverlap(
            tally,
            { ...this.#resolved.at, line },
            from,
            to,
            overlapped,
            true,
            record,
            RegistrationTally.userOfCell(cell),
          );
        }
      }
    }
  }

  slow(text: string, line: number): void {
    const at = this.#resolved.at;
    const body = text;
    if (body === '') return;
    if (this.#header === undefined) {
      const byUser = this.#resolved.byUser;
      this.#header = readRegistrationHeader(body, line, at, byUser);
      this.#parser = new FastRowParser(this.#header, this.#resolved.regions, byUser ? this.#tally.users : undefined);
      return;
    }
    const tally = this.#tally;
    tally.rowsRead += 1;
    const location: IssueLocation = { ...at, line };
    const { cells, problems } = splitCsvRecord(body);
    if (problems.length > 0) {
      tally.reject({ location, record: body, issues: problems.map((problem) => ({ ...location, ...problem })) });
      return;
    }
    const header = this.#header;
    if (cells.length !== header.length) {
      tally.reject({
        location,
        record: body,
        issues: [
          {
            ...location,
            code: 'raggedRow',
            expected: `${header.length} cells, as in the header`,
            received: `${cells.length} cell${cells.length === 1 ? '' : 's'}`,
          },
        ],
      });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = cells[index] as string;
    });
    const byUser = this.#resolved.byUser;
    const check = checkRegistration(values, location, this.#resolved.regions, byUser);
    if (!check.ok) {
      tally.reject(
        { location, record: body, issues: check.issues },
        byUser ? userIndexOfValue(tally, values['user']) : -1,
      );
      return;
    }
    const r = check.registration;
    let user = 0;
    if (byUser) {
      user = tally.users.indexOf(r.user as string);
      if (user < 0) {
        tally.reject({ location, record: body, issues: [tooManyUsersIssue(location, r.user as string)] });
        return;
      }
    }
    const overlapped = tally.count(r.key, r.group, r.region, r.premises, r.from, r.to, r.enrolledFrom, line, user);
    if (overlapped !== undefined) rejectOverlap(tally, location, r.from, r.to, overlapped, true, body, user);
  }
}

/**
 * Counts registered meter points from a registration CSV given as a stream of byte chunks
 * (UTF-8; a byte-order mark and CRLF line ends are fine), in memory that does not grow with
 * the file: see {@link countRegisteredMeters} for the rule and the result.
 *
 * @clause K4-K6 (the meter counts behind per-meter charges; our counting rule [R], docs/registrations.md, decisions 0020-0023)
 * @param chunks - the file's bytes in chunks of any size: an iterable or async iterable of
 * `Uint8Array` (a Node `Buffer` is one).
 * @param options - as {@link countRegisteredMeters}, plus `onProgress`.
 * @throws InputError for an empty file or a bad header (missing, unknown or repeated column);
 * in strict mode for the first invalid rows (lines numbered from the header, line 1).
 */
export async function countRegistrationCsv(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: CountByUserOptions<CountRegistrationCsvOptions>,
): Promise<RegisteredMeterCountsByUser>;
export async function countRegistrationCsv(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: CountRegistrationCsvOptions,
): Promise<RegisteredMeterCounts>;
export async function countRegistrationCsv(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: CountRegistrationCsvOptions,
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  checkArguments('countRegistrationCsv', [
    [
      'chunks',
      chunks,
      { shape: 'iterable', expected: 'the bytes: an iterable or async iterable of Uint8Array chunks' },
    ],
    [
      'options',
      options,
      { shape: 'object', fields: { ...COUNT_OPTION_FIELDS, onProgress: { shape: 'function', optional: true } } },
    ],
  ]);
  const resolved = resolveCountOptions(options);
  const tally = new RegistrationTally(resolved);
  const sink = new RegistrationCountSink(tally, resolved);
  const splitter = new CsvRecordSplitter(sink, resolved.at);
  const onProgress = options.onProgress;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk);
    bytesRead += chunk.length;
    onProgress?.({ bytesRead, rowsRead: tally.rowsRead });
  }
  splitter.end();
  sink.flush();
  if (!sink.hasHeader) {
    throw new InputError([
      {
        ...resolved.at,
        line: 1,
        code: 'emptyFile',
        expected: 'a header row naming the columns',
        received: 'an empty file',
      },
    ]);
  }
  return resolved.byUser ? countResultByUser(resolved, tally) : countResult(resolved, tally);
}

/** Collects a registration CSV's rows as objects. */
class RegistrationRowSink implements CsvRecordSink {
  readonly rows: RegistrationRow[] = [];
  readonly #at: IssueLocation;
  #header: RegistrationColumn[] | undefined;

  constructor(at: IssueLocation) {
    this.#at = at;
  }

  get hasHeader(): boolean {
    return this.#header !== undefined;
  }

  fast(): boolean {
    return false;
  }

  slow(text: string, line: number): void {
    const body = text;
    if (body === '') return;
    if (this.#header === undefined) {
      this.#header = readRegistrationHeader(body, line, this.#at);
      return;
    }
    const location = { ...this.#at, line };
    const { cells, problems } = splitCsvRecord(body);
    if (problems.length > 0) throw new InputError(problems.map((problem) => ({ ...location, ...problem })));
    if (cells.length !== this.#header.length) {
      throw new InputError([
        {
          ...location,
          code: 'raggedRow',
          expected: `${this.#header.length} cells, as in the header`,
          received: `${cells.length} cell${cells.length === 1 ? '' : 's'}`,
        },
      ]);
    }
    const row: Record<string, string | number> = { line };
    this.#header.forEach((name, index) => {
      const cell = cells[index] as string;
      if (cell !== '' || (REGISTRATION_COLUMNS.required as readonly string[]).includes(name)) row[name] = cell;
    });
    this.rows.push(row as unknown as RegistrationRow);
  }
}

/**
 * Reads a registration CSV stream as row objects, one at a time, each with its `line`: the
 * streaming reader to pair with {@link countRegisteredMeters} (the values are not checked
 * here; counting checks them). Memory holds one chunk's rows at a time.
 * @param chunks - the file's bytes, as for {@link countRegistrationCsv}.
 * @throws InputError for an empty file, a bad header, a ragged row or a malformed quote.
 */
export async function* readRegistrationCsvRows(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: { readonly source?: string } = {},
): AsyncGenerator<RegistrationRow, void, undefined> {
  checkArguments('readRegistrationCsvRows', [
    [
      'chunks',
      chunks,
      { shape: 'iterable', expected: 'the bytes: an iterable or async iterable of Uint8Array chunks' },
    ],
    ['options', options, { shape: 'object', fields: { source: SOURCE } }],
  ]);
  const at = options.source === undefined ? {} : { source: options.source };
  const sink = new RegistrationRowSink(at);
  const splitter = new CsvRecordSplitter(sink, at);
  for await (const chunk of chunks) {
    splitter.push(chunk);
    yield* sink.rows.splice(0);
  }
  splitter.end();
  if (!sink.hasHeader)
    throw new InputError([
      { ...at, line: 1, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty file' },
    ]);
  yield* sink.rows.splice(0);
}
