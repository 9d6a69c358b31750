/**
 * Splitting a stream of CSV bytes into records without holding the stream: records that are
 * one line with no quote go to a fast path over the bytes themselves; any other record
 * (quoted fields, line breaks inside quotes, a record split across chunks) is decoded to text
 * and split by the RFC 4180 rules of the foundation's CSV reader.
 *
 * The text is checked to be UTF-8 as it goes (decision 0061): the start of the stream for a
 * UTF-16 or UTF-32 byte-order mark or zero bytes, and each record decoded to text strictly (a
 * record the fast path takes is ASCII, byte by byte). A UTF-8 byte-order mark is skipped here,
 * before any record, as the in-memory reader skips it.
 */
import { InputError, type IssueLocation } from '../errors/input-error.js';
import { foreignEncodingIssue, invalidUtf8Issue, sniffEncoding, SNIFF_BYTES } from '../text/encoding.js';
export { splitCsvRecord, type SplitRecord } from './csv.js';

/** Receives the records of a CSV stream, in order. */
export interface CsvRecordSink {
  /**
   * Offered every one-line record first: the bytes `[start, end)` of `bytes`, `end` being the
   * index of its line feed (a carriage return before it is the sink's to drop).
   * @returns true when the record was taken; false to get it as text through {@link slow}.
   */
  fast(bytes: Uint8Array, start: number, end: number, line: number): boolean;
  /** A record as text, without its line end (LF or CRLF), starting on `line`. */
  slow(text: string, line: number): void;
  /**
   * Called before each {@link slow} record and at the end of each chunk: a sink that holds
   * fast records back (to batch their work) must finish them here, to keep the file's order.
   */
  flush?(): void;
}

const LINE_FEED = 10;
const QUOTE = 34;
const COMMA = 44;
const CARRIAGE_RETURN = 13;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * The longest record the splitter holds while it waits for the record's end. A longer one is a
 * file problem (an unclosed quote, or line ends that are neither LF nor CRLF), reported at the
 * record's first line, so that memory never grows with the file.
 */
export const MAX_RECORD_BYTES = 65_536;

/** Splits byte chunks into CSV records for a {@link CsvRecordSink}; see the module comment. */
export class CsvRecordSplitter {
  readonly #sink: CsvRecordSink;
  readonly #at: IssueLocation;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  #pending = new Uint8Array(4096);
  #pendingLength = 0;
  /** Offset in the stream of the pending record's first byte. */
  #pendingOffset = 0;
  /** Bytes taken before the current chunk. */
  #offset = 0;
  /** True until the stream's first bytes are checked (see `#sniffStart`). */
  #atStreamStart: boolean;
  /** The stream's first bytes while fewer than the check needs. */
  #start: Uint8Array | undefined;
  /** True when offsets are the file's (the bytes start at the file's start). */
  readonly #offsetsKnown: boolean;
  /** Where the record being assembled is: at a field's start, in an unquoted or quoted field, or just after a quote in one. */
  #state = FIELD_START;
  #line = 1;

  /**
   * @param at - where the bytes come from (the file), for messages.
   * @param options - `midStream`: the bytes start in the middle of a file (no byte-order mark
   * or encoding check at their start; offsets in messages are not the file's).
   */
  constructor(sink: CsvRecordSink, at: IssueLocation = {}, options: { readonly midStream?: boolean } = {}) {
    this.#sink = sink;
    this.#at = at;
    this.#atStreamStart = options.midStream !== true;
    this.#offsetsKnown = this.#atStreamStart;
  }

  /** Takes the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    if (this.#atStreamStart) {
      const start = this.#sniffStart(chunk, false);
      if (start === undefined) return;
      chunk = start;
    }
    const length = chunk.length;
    const offset = this.#offset;
    this.#offset = offset + length;
    let position = 0;
    if (this.#pendingLength > 0) {
      const end = this.#scanRecordEnd(chunk, 0);
      if (end < 0) {
        this.#append(chunk, 0, length);
        return;
      }
      this.#append(chunk, 0, end);
      this.#emit(
        this.#pending,
        0,
        this.#pendingLength - (this.#pending[this.#pendingLength - 1] === CARRIAGE_RETURN ? 1 : 0),
        this.#pendingOffset,
      );
      this.#pendingLength = 0;
      position = end + 1;
    }
    const sink = this.#sink;
    while (position < length) {
      const newline = chunk.indexOf(LINE_FEED, position);
      if (newline >= 0 && sink.fast(chunk, position, newline, this.#line)) {
        this.#line += 1;
        position = newline + 1;
        continue;
      }
      this.#state = FIELD_START;
      const end =
        newline >= 0 && !this.#hasQuote(chunk, position, newline) ? newline : this.#scanRecordEnd(chunk, position);
      if (end < 0) {
        this.#pendingOffset = offset + position;
        this.#append(chunk, position, length);
        break;
      }
      this.#emit(
        chunk,
        position,
        end - (end > position && chunk[end - 1] === CARRIAGE_RETURN ? 1 : 0),
        offset + position,
      );
      position = end + 1;
    }
    sink.flush?.();
  }

  /** True when no record is partly read (the bytes so far end with a record's line end). */
  get atRecordStart(): boolean {
    return this.#pendingLength === 0;
  }

  /** The line the next record starts on. */
  get line(): number {
    return this.#line;
  }

  /**
   * Moves past `count` lines whose records were split elsewhere (only at a record start: see
   * {@link atRecordStart}); the next record then starts `count` lines further on.
   */
  skipLines(count: number): void {
    this.#line += count;
  }

  /** Ends the stream: a last record without a line end is taken as it is. */
  end(): void {
    if (this.#atStreamStart) {
      const start = this.#sniffStart(new Uint8Array(0), true);
      if (start !== undefined && start.length > 0) this.push(start);
    }
    if (this.#pendingLength > 0) {
      this.#emit(this.#pending, 0, this.#pendingLength, this.#pendingOffset);
      this.#pendingLength = 0;
    }
  }

  /**
   * Checks the stream's first bytes for UTF-16 or UTF-32 and skips a UTF-8 byte-order mark,
   * holding chunks back until there are enough bytes to tell (or the stream ends).
   * @returns the bytes to split, or undefined while held back.
   * @throws InputError (`invalidEncoding`) for UTF-16 or UTF-32 text.
   */
  #sniffStart(chunk: Uint8Array, ended: boolean): Uint8Array | undefined {
    let bytes = chunk;
    if (this.#start !== undefined) {
      bytes = new Uint8Array(this.#start.length + chunk.length);
      bytes.set(this.#start);
      bytes.set(chunk, this.#start.length);
    }
    if (bytes.length < SNIFF_BYTES && !ended) {
      this.#start = bytes === chunk ? new Uint8Array(chunk) : bytes;
      return undefined;
    }
    this.#start = undefined;
    this.#atStreamStart = false;
    const sniff = sniffEncoding(bytes);
    if (sniff !== undefined) throw new InputError([foreignEncodingIssue(sniff, this.#at)]);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.#offset = 3;
      return bytes.subarray(3);
    }
    return bytes;
  }

  #hasQuote(bytes: Uint8Array, start: number, end: number): boolean {
    const at = bytes.indexOf(QUOTE, start);
    return at >= 0 && at < end;
  }

  /**
   * Index of the line feed that ends the record, or -1 when the bytes end first (the state is
   * kept for the next chunk). Quotes follow the foundation's CSV reader: a quote opens a quoted
   * field only at the start of a field, and a doubled quote inside one stands for a quote.
   */
  #scanRecordEnd(bytes: Uint8Array, from: number): number {
    let state = this.#state;
    for (let index = from; index < bytes.length; index += 1) {
      const byte = bytes[index];
      if (state === QUOTED) {
        if (byte === QUOTE) state = QUOTE_IN_QUOTED;
      } else if (state === QUOTE_IN_QUOTED && byte === QUOTE) {
        state = QUOTED;
      } else if (byte === LINE_FEED) {
        this.#state = FIELD_START;
        return index;
      } else if (byte === COMMA) {
        state = FIELD_START;
      } else {
        state = state === FIELD_START && byte === QUOTE ? QUOTED : UNQUOTED;
      }
    }
    this.#state = state;
    return -1;
  }

  #append(bytes: Uint8Array, start: number, end: number): void {
    const needed = this.#pendingLength + (end - start);
    if (needed > MAX_RECORD_BYTES) {
      throw new InputError([
        {
          ...this.#at,
          line: this.#line,
          code: 'malformedCsv',
          expected: `a record of at most ${MAX_RECORD_BYTES} bytes that ends with a line feed`,
          received: `a record that runs on past ${MAX_RECORD_BYTES} bytes (a quote that is never closed, or line ends that are not LF or CRLF)`,
        },
      ]);
    }
    if (needed > this.#pending.length) {
      const grown = new Uint8Array(Math.max(needed, this.#pending.length * 2));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes.subarray(start, end), this.#pendingLength);
    this.#pendingLength = needed;
  }

  #emit(bytes: Uint8Array, start: number, end: number, offset: number): void {
    this.#sink.flush?.();
    let text: string;
    try {
      text = this.#decoder.decode(bytes.subarray(start, end));
    } catch {
      throw new InputError([
        invalidUtf8Issue(bytes, start, end, this.#at, this.#line, this.#offsetsKnown ? offset : undefined),
      ]);
    }
    const line = this.#line;
    let breaks = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks += 1;
    this.#line += breaks + 1;
    this.#sink.slow(text, line);
  }
}
