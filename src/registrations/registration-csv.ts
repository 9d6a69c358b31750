/**
 * Registration files in CSV, read as a stream of bytes (brief section 6): a fast path that
 * turns each plain one-line record straight into numbers (no strings, no regular expressions),
 * and the reference validator for every other record, which also gives each rejected row its
 * reasons. The fast path only ever accepts what the reference validator accepts; rows it does
 * not accept go to the reference validator.
 */
import { describeReceived, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import { CHARGING_GROUPS, CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { REGIONS } from '../vocabulary/regions.js';
import { dayNumberOf } from './dates.js';
import { DNO_GSP_GROUPS, GSP_GROUPS, type GspGroupRegions } from './gsp-groups.js';
import { MPAN_CHECK_WEIGHTS } from './meter-points.js';
import {
  checkRegistration,
  isElectricityGroupIndex,
  OPEN_END,
  REGISTRATION_COLUMNS,
  type RegistrationColumn,
  type RegistrationRow,
} from './registration.js';
import {
  countResult,
  rejectOverlap,
  resolveCountOptions,
  type CountRegisteredMetersOptions,
  type RegisteredMeterCounts,
  type ResolvedCountOptions,
} from './count-options.js';
import { RegistrationTally } from './tally.js';
import { hashOf } from './overlap-index.js';
import { CsvRecordSplitter, splitCsvRecord, type CsvRecordSink } from './csv-records.js';

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

const ALL_COLUMNS: readonly RegistrationColumn[] = [...REGISTRATION_COLUMNS.required, ...REGISTRATION_COLUMNS.optional];
const ROLE = { meterPoint: 0, chargingGroup: 1, premises: 2, registeredFrom: 3, registeredTo: 4, enrolledFrom: 5, region: 6, gspGroup: 7 } as const;

/** The columns of a header, checked: every required column once, no unknown column. */
export function readRegistrationHeader(text: string, line: number, at: IssueLocation): RegistrationColumn[] {
  const { cells } = splitCsvRecord(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = cells.map((cell) => cell.trim());
  const issues: InputIssue[] = [];
  for (const name of REGISTRATION_COLUMNS.required) {
    if (!header.includes(name)) {
      issues.push({ ...at, line, code: 'missingColumn', expected: `a header with the column "${name}" (columns: ${ALL_COLUMNS.join(', ')})`, received: describeReceived(header.join(',')) });
    }
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (!(ALL_COLUMNS as readonly string[]).includes(name)) {
      issues.push({ ...at, line, code: 'unknownColumn', expected: `only the columns ${ALL_COLUMNS.join(', ')}`, received: `the column ${describeReceived(name)}` });
    } else if (seen.has(name)) {
      issues.push({ ...at, line, code: 'repeatedColumn', expected: 'each column once', received: `the column "${name}" twice` });
    }
    seen.add(name);
  }
  if (issues.length > 0) throw new InputError(issues);
  return header as RegistrationColumn[];
}

/** A few words as bytes, for matching a field's bytes without making a string. */
class ByteWords {
  readonly #words: { readonly bytes: Uint8Array; readonly value: number }[] = [];

  constructor(words: readonly (readonly [string, number])[]) {
    const encoder = new TextEncoder();
    for (const [word, value] of words) this.#words.push({ bytes: encoder.encode(word), value });
  }

  /**
   * The word at `bytes[start]` that ends at `end` or at a comma.
   * @returns `length << 8 | value` of the word, or -1 when none matches.
   */
  matchAt(bytes: Uint8Array, start: number, end: number): number {
    const first = bytes[start];
    for (const word of this.#words) {
      const letters = word.bytes;
      const length = letters.length;
      const stop = start + length;
      if (letters[0] !== first || stop > end) continue;
      let index = 1;
      while (index < length && letters[index] === bytes[start + index]) index += 1;
      if (index < length || (stop !== end && bytes[stop] !== COMMA)) continue;
      return (length << 8) | word.value;
    }
    return -1;
  }
}

const COMMA = 44;
/** Fast rows counted together (see `RegistrationCountSink.flush`). */
const BATCH = 256;
const GROUP_WORDS = new ByteWords([
  ...CHARGING_GROUPS.map((group, index) => [group, index] as const),
  ...CHARGING_GROUPS.map((group, index) => [CHARGING_GROUP_SYMBOLS[group], index] as const),
]);
const PREMISES_WORDS = new ByteWords(PREMISES_TYPES.map((premises, index) => [premises, index] as const));
const REGION_WORDS = new ByteWords(REGIONS.map((region, index) => [region, index] as const));
const GSP_WORDS = new ByteWords(GSP_GROUPS.map((gsp, index) => [gsp, index] as const));
const WEIGHTS = Int32Array.from(MPAN_CHECK_WEIGHTS);
const DNO_GSP_INDEX = new Int8Array(100).fill(-1);
for (const [id, gsp] of Object.entries(DNO_GSP_GROUPS)) DNO_GSP_INDEX[Number(id)] = GSP_GROUPS.indexOf(gsp);
const ELECTRICITY_GROUP = Uint8Array.from(CHARGING_GROUPS, (_, index) => (isElectricityGroupIndex(index) ? 1 : 0));
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The day number of a `YYYY-MM-DD` date at `bytes[start]`, or -1 when it is not a real date. */
export function dateAt(bytes: Uint8Array, start: number): number {
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return -1;
  const y0 = (bytes[start] as number) - 48;
  const y1 = (bytes[start + 1] as number) - 48;
  const y2 = (bytes[start + 2] as number) - 48;
  const y3 = (bytes[start + 3] as number) - 48;
  const m0 = (bytes[start + 5] as number) - 48;
  const m1 = (bytes[start + 6] as number) - 48;
  const d0 = (bytes[start + 8] as number) - 48;
  const d1 = (bytes[start + 9] as number) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) {
    return -1;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1) return -1;
  const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return -1;
  if (year >= 1970 && year < 2100) {
    // Leap years from 1970 to year - 1 (2000 is one; 2100 is outside this branch).
    const leapsBefore = (year - 1969) >> 2;
    return (year - 1970) * 365 + leapsBefore + (CUMULATIVE_DAYS[month - 1] as number) + (month > 2 && leap ? 1 : 0) + day - 1;
  }
  return dayNumberOf(year, month, day);
}


/**
 * The fast path: reads one plain record (no quotes, on one line) from its bytes into numbers,
 * or says no. It never rejects: a record it does not take goes to the reference validator.
 */
class FastRowParser {
  readonly #roles: Int8Array;
  readonly #gspRegion: Int8Array;
  /** The last record read: its key, cell, first and last day, and first day enrolled. */
  key = 0;
  cell = 0;
  from = 0;
  to = 0;
  enrolledFrom = 0;

  /**
   * @param header - the file's columns, in order.
   * @param regions - the GSP Group to Region table.
   */
  constructor(header: readonly RegistrationColumn[], regions: GspGroupRegions) {
    this.#roles = Int8Array.from(header, (name) => ROLE[name]);
    this.#gspRegion = Int8Array.from(GSP_GROUPS, (gsp) => REGIONS.indexOf(regions[gsp]));
  }

  /**
   * Reads the record `bytes[start, end)` (without its line end; not empty).
   * @returns true, with the numbers in this parser's fields, when the record is valid on its
   * own (overlaps are the caller's); false when the reference validator must see it.
   */
  parse(bytes: Uint8Array, start: number, end: number): boolean {
    const roles = this.#roles;
    const columns = roles.length;
    let meterStart = -1;
    let meterEnd = -1;
    let meterValue = 0;
    let checkSum = 0;
    let group = -1;
    let premises = -1;
    let from = -1;
    let to = OPEN_END;
    let enrolledFrom = OPEN_END;
    let region = -1;
    let gsp = -1;
    let position = start;
    for (let column = 0; ; column += 1) {
      let next = position;
      switch (roles[column]) {
        case ROLE.meterPoint: {
          while (next < end) {
            const digit = (bytes[next] as number) - 48;
            if (digit < 0 || digit > 9) break;
            meterValue = meterValue * 10 + digit;
            const place = next - position;
            if (place < 12) checkSum += digit * (WEIGHTS[place] as number);
            next += 1;
          }
          if (next - position < 6 || next - position > 13) return false;
          meterStart = position;
          meterEnd = next;
          break;
        }
        case ROLE.chargingGroup: {
          const match = position < end ? GROUP_WORDS.matchAt(bytes, position, end) : -1;
          if (match < 0) return false;
          group = match & 0xff;
          next = position + (match >>> 8);
          break;
        }
        case ROLE.premises: {
          const match = position < end ? PREMISES_WORDS.matchAt(bytes, position, end) : -1;
          if (match < 0) return false;
          premises = match & 0xff;
          next = position + (match >>> 8);
          break;
        }
        case ROLE.registeredFrom:
          if (position + 10 > end) return false;
          from = dateAt(bytes, position);
          if (from < 0) return false;
          next = position + 10;
          break;
        case ROLE.registeredTo:
          if (position < end && bytes[position] !== COMMA) {
            if (position + 10 > end) return false;
            to = dateAt(bytes, position);
            if (to < 0) return false;
            next = position + 10;
          }
          break;
        case ROLE.enrolledFrom:
          if (position < end && bytes[position] !== COMMA) {
            if (position + 10 > end) return false;
            enrolledFrom = dateAt(bytes, position);
            if (enrolledFrom < 0) return false;
            next = position + 10;
          }
          break;
        case ROLE.region:
          if (position < end && bytes[position] !== COMMA) {
            const match = REGION_WORDS.matchAt(bytes, position, end);
            if (match < 0) return false;
            region = match & 0xff;
            next = position + (match >>> 8);
          }
          break;
        case ROLE.gspGroup:
          if (position < end && bytes[position] !== COMMA) {
            const match = GSP_WORDS.matchAt(bytes, position, end);
            if (match < 0) return false;
            gsp = match & 0xff;
            next = position + (match >>> 8);
          }
          break;
        default:
          return false;
      }
      if (next >= end) {
        if (column !== columns - 1) return false;
        break;
      }
      if (bytes[next] !== COMMA || column === columns - 1) return false;
      position = next + 1;
    }
    if (to < from) return false;
    const meterLength = meterEnd - meterStart;
    if (ELECTRICITY_GROUP[group] === 1) {
      if (meterLength !== 13 || (checkSum % 11) % 10 !== (bytes[meterEnd - 1] as number) - 48) return false;
      const dno = DNO_GSP_INDEX[((bytes[meterStart] as number) - 48) * 10 + (bytes[meterStart + 1] as number) - 48] as number;
      if (gsp >= 0) {
        if (dno >= 0 && gsp !== dno) return false;
      } else {
        if (dno < 0) return false;
        gsp = dno;
      }
      const derived = this.#gspRegion[gsp] as number;
      if (region >= 0 && region !== derived) return false;
      region = derived;
    } else {
      if (meterLength > 10 || bytes[meterStart] === 48 || gsp >= 0 || region < 0) return false;
    }
    this.key = meterValue * 8 + group;
    this.cell = ((group * 3 + region) * 2 + premises) * 2;
    this.from = from;
    this.to = to;
    this.enrolledFrom = enrolledFrom;
    return true;
  }
}

/** Counts the records of a registration CSV stream into a tally. */
class RegistrationCountSink implements CsvRecordSink {
  readonly #tally: RegistrationTally;
  readonly #resolved: ResolvedCountOptions;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #header: RegistrationColumn[] | undefined;
  #parser: FastRowParser | undefined;
  /** Fast rows held back for a batch: their numbers, and where their bytes are in the chunk. */
  #held = 0;
  readonly #keys = new Float64Array(BATCH);
  readonly #hashes = new Int32Array(BATCH);
  readonly #cells = new Int16Array(BATCH);
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
      const overlapped = tally.countHashed(keys[index] as number, hashes[index] as number, this.#cells[index] as number, from, to, this.#enrolledFroms[index] as number, line);
      if (overlapped !== undefined) {
        const record = this.#decoder.decode(this.#bytes.subarray(this.#starts[index] as number, this.#ends[index] as number));
        rejectOverlap(tally, { ...this.#resolved.at, line }, from, to, overlapped, true, record);
      }
    }
  }

  slow(text: string, line: number): void {
    const at = this.#resolved.at;
    const body = text;
    if (body === '') return;
    if (this.#header === undefined) {
      this.#header = readRegistrationHeader(body, line, at);
      this.#parser = new FastRowParser(this.#header, this.#resolved.regions);
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
        issues: [{ ...location, code: 'raggedRow', expected: `${header.length} cells, as in the header`, received: `${cells.length} cell${cells.length === 1 ? '' : 's'}` }],
      });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = cells[index] as string;
    });
    const check = checkRegistration(values, location, this.#resolved.regions);
    if (!check.ok) {
      tally.reject({ location, record: body, issues: check.issues });
      return;
    }
    const r = check.registration;
    const overlapped = tally.count(r.key, r.group, r.region, r.premises, r.from, r.to, r.enrolledFrom, line);
    if (overlapped !== undefined) rejectOverlap(tally, location, r.from, r.to, overlapped, true, body);
  }
}

/**
 * Counts registered meter points from a registration CSV given as a stream of byte chunks
 * (UTF-8; a byte-order mark and CRLF line ends are fine), in memory that does not grow with
 * the file: see {@link countRegisteredMeters} for the rule and the result.
 *
 * @clause K4-K6 (the meter counts behind per-meter charges; rule of brief section 6 [R], decisions 0020-0023)
 * @param chunks - the file's bytes in chunks of any size: an iterable or async iterable of
 * `Uint8Array` (a Node `Buffer` is one).
 * @param options - as {@link countRegisteredMeters}, plus `onProgress`.
 * @throws InputError for an empty file or a bad header (missing, unknown or repeated column);
 * in strict mode for the first invalid rows (lines numbered from the header, line 1).
 */
export async function countRegistrationCsv(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: CountRegistrationCsvOptions,
): Promise<RegisteredMeterCounts> {
  const resolved = resolveCountOptions(options);
  const tally = new RegistrationTally(resolved);
  const sink = new RegistrationCountSink(tally, resolved);
  const splitter = new CsvRecordSplitter(sink);
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
    throw new InputError([{ ...resolved.at, line: 1, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty file' }]);
  }
  return countResult(resolved, tally);
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
      throw new InputError([{ ...location, code: 'raggedRow', expected: `${this.#header.length} cells, as in the header`, received: `${cells.length} cell${cells.length === 1 ? '' : 's'}` }]);
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
  const at = options.source === undefined ? {} : { source: options.source };
  const sink = new RegistrationRowSink(at);
  const splitter = new CsvRecordSplitter(sink);
  for await (const chunk of chunks) {
    splitter.push(chunk);
    yield* sink.rows.splice(0);
  }
  splitter.end();
  if (!sink.hasHeader) throw new InputError([{ ...at, line: 1, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty file' }]);
  yield* sink.rows.splice(0);
}
