/**
 * The registrations seen so far, by meter point and Charging Group, to find overlapping
 * registrations in one pass (decision 0022). Compact on purpose, since it is the one part of a
 * count that grows with the input: a hash table of 32-bit slots (an entry number and 7 bits of
 * the key's hash) over entries kept in typed-array blocks of 14 bytes each: the key in 48 bits,
 * the first and last day as 16-bit offsets from 1900-01-01 (dates outside 1900 to 2079 kept
 * exactly on the side), and the position. About 18 to 22 bytes per meter point; the rows
 * themselves are never kept.
 */
import { InvariantError } from '../errors/invariant-error.js';
import { OPEN_END } from './registration.js';

const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;
const MAX_POSITION = 0xffffffff;
const TAG_BITS = 7;
const TAG_MASK = (1 << TAG_BITS) - 1;
/** Most distinct keys the 32-bit slots can address (2^25 - 1, 33 million meter points). */
export const MAX_OVERLAP_KEYS = 2 ** (32 - TAG_BITS) - 1;

/** Day number of 1900-01-01, the zero of the 16-bit day offsets. */
const DAY_BASE = -25567;
/** Offset standing for the open end (still registered). */
const OPEN_CODE = 0xfffe;
/** Offset standing for "the exact days are on the side" (a date outside 1900 to 2079). */
const EXACT_CODE = 0xffff;
const TWO_32 = 4294967296;
/** Entries moved together when the table grows (their slots are read ahead as a batch). */
const GROW_BATCH = 256;

/** An earlier registration that a new one overlaps. */
export interface OverlappedRegistration {
  /** Its first day, as a day number. */
  readonly from: number;
  /** Its last day, as a day number (or the open end). */
  readonly to: number;
  /** Its position: the line in the file, or the row's index. */
  readonly position: number;
}

/** The 32-bit hash of a key. */
export function hashOf(key: number): number {
  const low = key >>> 0;
  const high = (key / 4294967296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/** Registration intervals by key, answering "does this one overlap one already seen?". */
export class OverlapIndex {
  /** Open addressing, linear probing: `(entry + 1) << 7 | tag`, 0 when empty; tag = top hash bits. */
  #table: Uint32Array;
  #mask: number;
  #size = 0;
  readonly #keyLows: Uint32Array[] = [];
  readonly #keyHighs: Uint16Array[] = [];
  readonly #froms: Uint16Array[] = [];
  readonly #tos: Uint16Array[] = [];
  readonly #positions: Uint32Array[] = [];
  /** Exact first and last days of entries whose dates do not fit the 16-bit offsets. */
  readonly #exact = new Map<number, readonly [number, number]>();
  /** Second and later registrations of a key: the first overflow record of each entry that has any. */
  readonly #overflowHead = new Map<number, number>();
  /** Overflow records: first day, last day, position, next record (-1 at the end), four numbers each. */
  #overflow = new Float64Array(4 * 1024);
  #overflowSize = 0;
  /** What the read-ahead loops saw; kept only so that their reads are not optimised away. */
  #touched = 0;

  /**
   * @param expectedKeys - how many distinct keys to make room for at once (the table still
   * grows past them); a good guess saves rehashing as the table grows.
   */
  constructor(expectedKeys = 0) {
    let capacity = 1 << 16;
    while (capacity * 3 < expectedKeys * 4 && capacity < 1 << 30) capacity *= 2;
    this.#table = new Uint32Array(capacity);
    this.#mask = capacity - 1;
  }

  /** Number of distinct keys recorded. */
  get size(): number {
    return this.#size;
  }

  /**
   * Records the registration `[from, to]` (inclusive day numbers) of `key`, unless it overlaps
   * one already recorded for the same key.
   * @returns `undefined` when recorded; otherwise the earlier registration it overlaps.
   */
  add(key: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    return this.addHashed(key, hashOf(key), from, to, position);
  }

  /**
   * Reads the table slots of a batch of keys' hashes before they are added, so that their
   * memory loads overlap instead of waiting one after the other.
   */
  touch(hashes: Int32Array, count: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let seen = 0;
    for (let index = 0; index < count; index += 1) seen ^= table[(hashes[index] as number) & mask] as number;
    this.#touched ^= seen;
  }

  /** A number made from every slot read ahead (it keeps those reads from being optimised away). */
  get touched(): number {
    return this.#touched;
  }

  /** {@link add} with the key's {@link hashOf} already computed. */
  addHashed(key: number, hash: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    if (key >= 2 ** 48 || key < 0) throw new InvariantError('overlapIndexLimit', `key ${key} is beyond 48 bits`);
    if (position > MAX_POSITION) throw new InvariantError('overlapIndexLimit', `row position ${position} is beyond ${MAX_POSITION}`);
    const mask = this.#mask;
    const table = this.#table;
    const tag = hash >>> (32 - TAG_BITS);
    let slot = hash & mask;
    for (;;) {
      const stored = table[slot] as number;
      if (stored === 0) break;
      if ((stored & TAG_MASK) === tag) {
        const entry = (stored >>> TAG_BITS) - 1;
        const block = entry >>> BLOCK_BITS;
        const offset = entry & BLOCK_MASK;
        if (this.#keyAt(block, offset) === key) return this.#addToKey(entry, block, offset, from, to, position);
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.#size;
    if (entry >= MAX_OVERLAP_KEYS) {
      throw new InvariantError('overlapIndexLimit', `more than ${MAX_OVERLAP_KEYS} meter points for the overlap check`);
    }
    const block = entry >>> BLOCK_BITS;
    const offset = entry & BLOCK_MASK;
    if (offset === 0) {
      this.#keyLows.push(new Uint32Array(BLOCK_SIZE));
      this.#keyHighs.push(new Uint16Array(BLOCK_SIZE));
      this.#froms.push(new Uint16Array(BLOCK_SIZE));
      this.#tos.push(new Uint16Array(BLOCK_SIZE));
      this.#positions.push(new Uint32Array(BLOCK_SIZE));
    }
    (this.#keyLows[block] as Uint32Array)[offset] = key >>> 0;
    (this.#keyHighs[block] as Uint16Array)[offset] = (key / TWO_32) >>> 0;
    const fromCode = from - DAY_BASE;
    const toCode = to === OPEN_END ? OPEN_CODE : to - DAY_BASE;
    if (fromCode >= 0 && fromCode < OPEN_CODE && (to === OPEN_END || (toCode >= 0 && toCode < OPEN_CODE))) {
      (this.#froms[block] as Uint16Array)[offset] = fromCode;
      (this.#tos[block] as Uint16Array)[offset] = toCode;
    } else {
      (this.#froms[block] as Uint16Array)[offset] = EXACT_CODE;
      this.#exact.set(entry, [from, to]);
    }
    (this.#positions[block] as Uint32Array)[offset] = position;
    table[slot] = (((entry + 1) << TAG_BITS) | tag) >>> 0;
    this.#size = entry + 1;
    if (this.#size * 4 > (mask + 1) * 3) this.#grow();
    return undefined;
  }

  #keyAt(block: number, offset: number): number {
    return ((this.#keyHighs[block] as Uint16Array)[offset] as number) * TWO_32 + ((this.#keyLows[block] as Uint32Array)[offset] as number);
  }

  #addToKey(entry: number, block: number, offset: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    const fromCode = (this.#froms[block] as Uint16Array)[offset] as number;
    const toCode = (this.#tos[block] as Uint16Array)[offset] as number;
    const exact = fromCode === EXACT_CODE ? this.#exact.get(entry) : undefined;
    const firstFrom = exact === undefined ? fromCode + DAY_BASE : exact[0];
    const firstTo = exact === undefined ? (toCode === OPEN_CODE ? OPEN_END : toCode + DAY_BASE) : exact[1];
    if (from <= firstTo && firstFrom <= to) {
      return { from: firstFrom, to: firstTo, position: (this.#positions[block] as Uint32Array)[offset] as number };
    }
    const head = this.#overflowHead.get(entry);
    const overflow = this.#overflow;
    for (let record = head ?? -1; record >= 0; record = overflow[record * 4 + 3] as number) {
      const otherFrom = overflow[record * 4] as number;
      const otherTo = overflow[record * 4 + 1] as number;
      if (from <= otherTo && otherFrom <= to) return { from: otherFrom, to: otherTo, position: overflow[record * 4 + 2] as number };
    }
    const record = this.#overflowSize;
    if ((record + 1) * 4 > this.#overflow.length) {
      const grown = new Float64Array(this.#overflow.length * 2);
      grown.set(this.#overflow);
      this.#overflow = grown;
    }
    this.#overflow.set([from, to, position, head ?? -1], record * 4);
    this.#overflowHead.set(entry, record);
    this.#overflowSize = record + 1;
    return undefined;
  }

  #grow(): void {
    const table = new Uint32Array(this.#table.length * 2);
    const mask = table.length - 1;
    const hashes = new Int32Array(GROW_BATCH);
    for (let first = 0; first < this.#size; first += GROW_BATCH) {
      const count = Math.min(GROW_BATCH, this.#size - first);
      let seen = 0;
      for (let index = 0; index < count; index += 1) {
        const entry = first + index;
        const hash = hashOf(this.#keyAt(entry >>> BLOCK_BITS, entry & BLOCK_MASK));
        hashes[index] = hash;
        seen ^= table[hash & mask] as number;
      }
      this.#touched ^= seen;
      for (let index = 0; index < count; index += 1) {
        const hash = hashes[index] as number;
        let slot = hash & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = (((first + index + 1) << TAG_BITS) | (hash >>> (32 - TAG_BITS))) >>> 0;
      }
    }
    this.#table = table;
    this.#mask = mask;
  }

}
