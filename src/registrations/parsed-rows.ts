/**
 * Registration CSV records parsed apart from their counting: the fast path's numbers for one
 * chunk's plain records, in typed arrays, with the other records (the header, quoted or split
 * records, anything the fast path does not take) as text in their place in the file's order.
 * This lets one thread parse while another counts (the Node entry's two-thread count) without
 * changing what is counted or rejected: the counting side takes the parsed rows and the text
 * records in the same order as the one-thread count does.
 */
import { InputError } from '../errors/input-error.js';
import { CsvRecordSplitter, type CsvRecordSink } from '../tables/csv-records.js';
import { FastRowParser } from './fast-row-parser.js';
import type { GspGroupRegions } from './gsp-groups.js';
import { hashOf } from './overlap-index.js';
import { readRegistrationHeader } from './registration-csv.js';
import type { RegistrationColumn } from './registration.js';
import { UserTable } from './user-table.js';

/** A record the fast path did not take, as text, and how many parsed rows come before it. */
export interface TextRecord {
  /** Parsed rows of the same batch that come before this record in the file. */
  readonly after: number;
  readonly text: string;
  readonly line: number;
}

/** One chunk's records: its plain records as numbers, the others as text. */
export interface ParsedRows {
  /** The chunk's bytes (a parsed row's record text is `bytes[starts[i], ends[i])`). */
  readonly bytes: Uint8Array;
  /** Parsed rows in the arrays below. */
  readonly count: number;
  /** Meter point key (meter point x 8 + Charging Group index) of each row. */
  readonly keys: Float64Array;
  /** The key's 32-bit hash (`hashOf`). */
  readonly hashes: Int32Array;
  /** The row's not-enrolled tally cell: `((group x 3 + region) x 2 + premises) x 2`. */
  readonly cells: Int32Array;
  /** First day, last day and first day enrolled, as day numbers. */
  readonly froms: Int32Array;
  readonly tos: Int32Array;
  readonly enrolledFroms: Int32Array;
  /** The row's line in the file. */
  readonly lines: Float64Array;
  /** Where the row's bytes start and end in `bytes`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The records not parsed, in file order. */
  readonly texts: readonly TextRecord[];
  /**
   * In a count by User: the User IDs of the batch's own table, by index; each cell is then
   * `local User index x CELLS_PER_MONTH + cell`, which the counting side maps to its own
   * table's index. Empty in a count not by User.
   */
  readonly users: readonly string[];
}

/** Bytes per row of a batch's arrays: two Float64 and seven Int32. */
const BYTES_PER_ROW = 2 * 8 + 7 * 4;

/**
 * A {@link CsvRecordSink} that parses plain records into {@link ParsedRows} and keeps every
 * other record as text. It rejects nothing: whatever it does not parse is the counting side's
 * to check. Call {@link begin} before each chunk is split and {@link take} after.
 */

export class ParsedRowsCollector implements CsvRecordSink {
  readonly #regions: GspGroupRegions;
  #parser: FastRowParser | undefined;
  #headerSeen = false;
  #bytes: Uint8Array = new Uint8Array(0);
  #count = 0;
  #capacity = 0;
  #keys = new Float64Array(0);
  #hashes = new Int32Array(0);
  #cells = new Int32Array(0);
  #froms = new Int32Array(0);
  #tos = new Int32Array(0);
  #enrolledFroms = new Int32Array(0);
  #lines = new Float64Array(0);
  #starts = new Int32Array(0);
  #ends = new Int32Array(0);
  #texts: TextRecord[] = [];
  readonly #users: UserTable | undefined;

  /**
   * @param regions - the GSP Group to Region table.
   * @param header - the file's columns when known (the records then have no header row).
   * @param byUser - true in a count by User (see {@link ParsedRows.users}).
   */
  constructor(regions: GspGroupRegions, header?: readonly RegistrationColumn[], byUser = false) {
    this.#regions = regions;
    this.#users = byUser ? new UserTable() : undefined;
    if (header !== undefined) {
      this.#headerSeen = true;
      this.#parser = new FastRowParser(header, regions, this.#users);
    }
  }

  /**
   * Starts a batch for the chunk `bytes` (to be given to the splitter next).
   * @param storage - memory for the batch's arrays, to reuse (see {@link storageOf}); a new
   * one is made when it is missing or too small.
   */
  begin(bytes: Uint8Array, storage?: ArrayBuffer): void {
    this.#bytes = bytes;
    this.#count = 0;
    this.#texts = [];
    // Room for records of 48 bytes (a plain record is 50 or more); the arrays grow if needed.
    this.#allocate(Math.ceil(bytes.length / 48) + 16, storage);
  }

  /**
   * Makes the arrays, all in one buffer (`storage` when big enough), keeping the rows so far.
   */
  #allocate(capacity: number, storage?: ArrayBuffer): void {
    const count = this.#count;
    const buffer =
      storage !== undefined && storage.byteLength >= capacity * BYTES_PER_ROW
        ? storage
        : new ArrayBuffer(capacity * BYTES_PER_ROW);
    const float64 = (slot: number, old: Float64Array) => {
      const fresh = new Float64Array(buffer, slot * capacity, capacity);
      if (count > 0) fresh.set(old.subarray(0, count));
      return fresh;
    };
    const int32 = (slot: number, old: Int32Array) => {
      const fresh = new Int32Array(buffer, slot * capacity, capacity);
      if (count > 0) fresh.set(old.subarray(0, count));
      return fresh;
    };
    this.#keys = float64(0, this.#keys);
    this.#lines = float64(8, this.#lines);
    this.#hashes = int32(16, this.#hashes);
    this.#cells = int32(20, this.#cells);
    this.#froms = int32(24, this.#froms);
    this.#tos = int32(28, this.#tos);
    this.#enrolledFroms = int32(32, this.#enrolledFroms);
    this.#starts = int32(36, this.#starts);
    this.#ends = int32(40, this.#ends);
    this.#capacity = capacity;
  }

  /** The batch since {@link begin}; the collector lets go of its arrays. */
  take(): ParsedRows {
    const count = this.#count;
    const rows: ParsedRows = {
      bytes: this.#bytes,
      count,
      keys: this.#keys,
      hashes: this.#hashes,
      cells: this.#cells,
      froms: this.#froms,
      tos: this.#tos,
      enrolledFroms: this.#enrolledFroms,
      lines: this.#lines,
      starts: this.#starts,
      ends: this.#ends,
      texts: this.#texts,
      users: this.#users === undefined ? [] : [...this.#users.ids],
    };
    this.#bytes = new Uint8Array(0);
    this.#count = 0;
    this.#texts = [];
    this.#capacity = 0;
    this.#keys = new Float64Array(0);
    this.#hashes = new Int32Array(0);
    this.#cells = new Int32Array(0);
    this.#froms = new Int32Array(0);
    this.#tos = new Int32Array(0);
    this.#enrolledFroms = new Int32Array(0);
    this.#lines = new Float64Array(0);
    this.#starts = new Int32Array(0);
    this.#ends = new Int32Array(0);
    return rows;
  }

  fast(bytes: Uint8Array, start: number, newline: number, line: number): boolean {
    const parser = this.#parser;
    if (parser === undefined) return false;
    let end = newline;
    if (end > start && bytes[end - 1] === 13) end -= 1;
    if (end === start) return true;
    if (!parser.parse(bytes, start, end)) return false;
    const index = this.#count;
    if (index === this.#capacity) this.#allocate(this.#capacity * 2 + 16);
    const key = parser.key;
    this.#keys[index] = key;
    this.#hashes[index] = hashOf(key);
    this.#cells[index] = parser.cell;
    this.#froms[index] = parser.from;
    this.#tos[index] = parser.to;
    this.#enrolledFroms[index] = parser.enrolledFrom;
    this.#lines[index] = line;
    this.#starts[index] = start;
    this.#ends[index] = end;
    this.#count = index + 1;
    return true;
  }

  slow(text: string, line: number): void {
    if (text === '') return;
    if (!this.#headerSeen) {
      this.#headerSeen = true;
      let header: RegistrationColumn[] | undefined;
      try {
        header = readRegistrationHeader(text, line, {});
      } catch {
        // A bad header is the counting side's to report; with none, nothing is parsed here.
      }
      if (header !== undefined) this.#parser = new FastRowParser(header, this.#regions, this.#users);
    }
    this.#texts.push({ after: this.#count, text, line });
  }
}

/**
 * A chunk cut from the middle of a file, parsed without knowing what came before it: the
 * bytes up to its first line feed (`headEnd`) and after its last (`bodyEnd`) are left to the
 * reader that has the rest of those records; the lines between, the body, are parsed into
 * `rows` when the body has no quote (so that, when the reader is at a record start after the
 * head, each line is one record). With a quote in the body, `rows` is undefined and the
 * reader splits the body itself.
 */
export interface ChunkParse {
  readonly bytes: Uint8Array;
  readonly headEnd: number;
  readonly bodyEnd: number;
  /** Lines in the body (its line feeds). */
  readonly bodyLines: number;
  /** The body's records, their lines counted from 1 at the body's start. */
  readonly rows: ParsedRows | undefined;
}

const LINE_FEED = 10;
const QUOTE = 34;

/**
 * The buffer holding a batch's arrays (they share one, to be made and moved at once and
 * reused through {@link ParsedRowsCollector.begin}).
 */
export function storageOf(rows: ParsedRows): ArrayBuffer {
  return rows.keys.buffer as ArrayBuffer;
}

/**
 * Parses the body of a chunk cut from the middle of a file (see {@link ChunkParse}).
 * @param bytes - the chunk.
 * @param header - the file's columns.
 * @param regions - the GSP Group to Region table.
 * @param storage - memory for the parsed rows' arrays, to reuse (see {@link storageOf}).
 * @param byUser - true in a count by User (see {@link ParsedRows.users}).
 */
export function parseChunkBody(
  bytes: Uint8Array,
  header: readonly RegistrationColumn[],
  regions: GspGroupRegions,
  storage?: ArrayBuffer,
  byUser = false,
): ChunkParse {
  const first = bytes.indexOf(LINE_FEED);
  if (first < 0) return { bytes, headEnd: bytes.length, bodyEnd: bytes.length, bodyLines: 0, rows: undefined };
  const last = bytes.lastIndexOf(LINE_FEED);
  const headEnd = first + 1;
  const bodyEnd = last + 1;
  const quote = bytes.indexOf(QUOTE, headEnd);
  if (quote >= 0 && quote < bodyEnd) return { bytes, headEnd, bodyEnd, bodyLines: -1, rows: undefined };
  const body = bytes.subarray(headEnd, bodyEnd);
  const collector = new ParsedRowsCollector(regions, header, byUser);
  const splitter = new CsvRecordSplitter(collector, {}, { midStream: true });
  collector.begin(body, storage);
  try {
    splitter.push(body);
  } catch (error) {
    // Text that is not UTF-8: the reader splits the body itself and reports it at its line.
    if (!(error instanceof InputError)) throw error;
    collector.take();
    return { bytes, headEnd, bodyEnd, bodyLines: -1, rows: undefined };
  }
  return { bytes, headEnd, bodyEnd, bodyLines: splitter.line - 1, rows: collector.take() };
}
