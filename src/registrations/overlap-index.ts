/**
 * The registrations seen so far, by meter point and Charging Group, to find overlapping
 * registrations in one pass (decision 0022). Compact on purpose, since it is the one part of a
 * count that grows with the input: a hash table of 32-bit slots (an entry number and 7 bits of
 * the key's hash) over entries kept in typed-array blocks of 10 bytes each: the key in 48 bits,
 * and the first and last day as 16-bit offsets from 1900-01-01 (dates outside 1900 to 2079 kept
 * exactly on the side). Positions (lines) are kept as the few places where they stop following
 * the entry numbers. About 15 to 20 bytes per meter point; the rows themselves are never kept.
 */
import { InvariantError } from '../errors/invariant-error.js';
import { OPEN_END } from './registration.js';

const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;
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
/** Most of the table that the expected keys may fill when it is sized up front. */
const TARGET_LOAD = 0.65;

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

/** The home slot of a hash in a table of `capacity` slots (a power of two). */
function homeSlot(hash: number, capacity: number): number {
  return hash & (capacity - 1);
}

/** Registration intervals by key, answering "does this one overlap one already seen?". */
export class OverlapIndex {
  /** Open addressing, linear probing: `(entry + 1) << 7 | tag`, 0 when empty; tag = top hash bits. */
  #table: Uint32Array;
  /** Slots of the table, a power of two; it doubles when more than 0.8 of them are used. */
  #capacity: number;
  #size = 0;
  readonly #keyLows: Uint32Array[] = [];
  readonly #keyHighs: Uint16Array[] = [];
  readonly #froms: Uint16Array[] = [];
  readonly #tos: Uint16Array[] = [];
  /**
   * Positions, stored as changes: entries are made in input order, so an entry's position is
   * its number plus an offset that changes only where a row makes no entry (a rejected row, a
   * second registration, a blank line). Each change: the first entry with the new offset, and it.
   */
  #offsetEntries = new Float64Array(1024);
  #offsetValues = new Float64Array(1024);
  #offsetCount = 0;
  /** Exact first and last days of entries whose dates do not fit the 16-bit offsets. */
  readonly #exact = new Map<number, readonly [number, number]>();
  /** Second and later registrations of a key: the first overflow record of each entry that has any. */
  readonly #overflowHead = new Map<number, number>();
  /** Overflow records: first day, last day and next record (-1 at the end); and their positions. */
  #overflow = new Int32Array(3 * 1024);
  #overflowPositions = new Float64Array(1024);
  #overflowSize = 0;
  /** What the read-ahead loops saw; kept only so that their reads are not optimised away. */
  #touched = 0;

  /**
   * @param expectedKeys - how many distinct keys to make room for at once (the table still
   * grows past them); a good guess saves rehashing as the table grows.
   */
  constructor(expectedKeys = 0) {
    let capacity = 1 << 16;
    while (capacity * TARGET_LOAD < expectedKeys && capacity < 1 << 30) capacity *= 2;
    this.#table = new Uint32Array(capacity);
    this.#capacity = capacity;
  }

  /** Number of distinct keys recorded. */
  get size(): number {
    return this.#size;
  }

  /**
   * About how many bytes the index holds: its table, entry blocks, position changes, exact
   * dates and second registrations (a Map entry counted as 48 bytes).
   */
  get byteSize(): number {
    return (
      this.#table.byteLength +
      this.#keyLows.length * BLOCK_SIZE * 10 +
      this.#offsetEntries.byteLength * 2 +
      this.#overflow.byteLength +
      this.#overflowPositions.byteLength +
      (this.#overflowHead.size + this.#exact.size) * 48
    );
  }

  /** The buffers of the index's arrays (to free them at once when the index is let go). */
  buffers(): ArrayBuffer[] {
    const arrays = [
      this.#table,
      ...this.#keyLows,
      ...this.#keyHighs,
      ...this.#froms,
      ...this.#tos,
      this.#offsetEntries,
      this.#offsetValues,
      this.#overflow,
      this.#overflowPositions,
    ];
    return arrays.map((array) => array.buffer as ArrayBuffer);
  }

  /**
   * {@link byteSize} once `extraKeys` more keys are added: with the table doubled if they
   * would make it grow, and 10 bytes an entry.
   */
  byteSizeWith(extraKeys: number): number {
    const grows = (this.#size + extraKeys) * 5 > this.#capacity * 4;
    return this.byteSize + (grows ? this.#table.byteLength * 2 : 0) + extraKeys * 10;
  }

  /**
   * Calls `visit` with every registration recorded (first and later ones of each key), in no
   * particular order.
   */
  forEachRegistration(visit: (key: number, from: number, to: number, position: number) => void): void {
    let change = 0;
    for (let entry = 0; entry < this.#size; entry += 1) {
      while (change + 1 < this.#offsetCount && (this.#offsetEntries[change + 1] as number) <= entry) change += 1;
      const block = entry >>> BLOCK_BITS;
      const offset = entry & BLOCK_MASK;
      const fromCode = (this.#froms[block] as Uint16Array)[offset] as number;
      const toCode = (this.#tos[block] as Uint16Array)[offset] as number;
      const exact = fromCode === EXACT_CODE ? this.#exact.get(entry) : undefined;
      const from = exact === undefined ? fromCode + DAY_BASE : exact[0];
      const to = exact === undefined ? (toCode === OPEN_CODE ? OPEN_END : toCode + DAY_BASE) : exact[1];
      visit(this.#keyAt(block, offset), from, to, entry + (this.#offsetValues[change] as number));
    }
    for (const [entry, head] of this.#overflowHead) {
      const key = this.#keyAt(entry >>> BLOCK_BITS, entry & BLOCK_MASK);
      for (let record = head; record >= 0; record = this.#overflow[record * 3 + 2] as number) {
        visit(
          key,
          this.#overflow[record * 3] as number,
          this.#overflow[record * 3 + 1] as number,
          this.#overflowPositions[record] as number,
        );
      }
    }
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
   * Reads the table slots of a batch of keys' hashes (`count` of them from `start`) before
   * they are added, so that their memory loads overlap instead of waiting one after the other.
   */
  touch(hashes: Int32Array, count: number, start = 0): void {
    const table = this.#table;
    const capacity = this.#capacity;
    let seen = 0;
    for (let index = start; index < start + count; index += 1)
      seen ^= table[homeSlot(hashes[index] as number, capacity)] as number;
    this.#touched ^= seen;
  }

  /** A number made from every slot read ahead (it keeps those reads from being optimised away). */
  get touched(): number {
    return this.#touched;
  }

  /** {@link add} with the key's {@link hashOf} already computed. */
  addHashed(key: number, hash: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    if (key >= 2 ** 48 || key < 0) throw new InvariantError('overlapIndexLimit', `key ${key} is beyond 48 bits`);
    const capacity = this.#capacity;
    const table = this.#table;
    const tag = hash >>> (32 - TAG_BITS);
    let slot = homeSlot(hash, capacity);
    for (;;) {
      const stored = table[slot] as number;
      if (stored === 0) break;
      if ((stored & TAG_MASK) === tag) {
        const entry = (stored >>> TAG_BITS) - 1;
        const block = entry >>> BLOCK_BITS;
        const offset = entry & BLOCK_MASK;
        if (this.#keyAt(block, offset) === key) return this.#addToKey(entry, block, offset, from, to, position);
      }
      slot = (slot + 1) & (capacity - 1);
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
    this.#notePosition(entry, position);
    table[slot] = (((entry + 1) << TAG_BITS) | tag) >>> 0;
    this.#size = entry + 1;
    if (this.#size * 5 > capacity * 4) this.#grow();
    return undefined;
  }

  #keyAt(block: number, offset: number): number {
    return (
      ((this.#keyHighs[block] as Uint16Array)[offset] as number) * TWO_32 +
      ((this.#keyLows[block] as Uint32Array)[offset] as number)
    );
  }

  #notePosition(entry: number, position: number): void {
    const count = this.#offsetCount;
    const offset = position - entry;
    if (count > 0 && this.#offsetValues[count - 1] === offset) return;
    if (count === this.#offsetEntries.length) {
      const entries = new Float64Array(count * 2);
      entries.set(this.#offsetEntries);
      this.#offsetEntries = entries;
      const values = new Float64Array(count * 2);
      values.set(this.#offsetValues);
      this.#offsetValues = values;
    }
    this.#offsetEntries[count] = entry;
    this.#offsetValues[count] = offset;
    this.#offsetCount = count + 1;
  }

  #positionOf(entry: number): number {
    let low = 0;
    let high = this.#offsetCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.#offsetEntries[middle] as number) <= entry) low = middle;
      else high = middle - 1;
    }
    return entry + (this.#offsetValues[low] as number);
  }

  #addToKey(
    entry: number,
    block: number,
    offset: number,
    from: number,
    to: number,
    position: number,
  ): OverlappedRegistration | undefined {
    const fromCode = (this.#froms[block] as Uint16Array)[offset] as number;
    const toCode = (this.#tos[block] as Uint16Array)[offset] as number;
    const exact = fromCode === EXACT_CODE ? this.#exact.get(entry) : undefined;
    const firstFrom = exact === undefined ? fromCode + DAY_BASE : exact[0];
    const firstTo = exact === undefined ? (toCode === OPEN_CODE ? OPEN_END : toCode + DAY_BASE) : exact[1];
    if (from <= firstTo && firstFrom <= to) {
      return { from: firstFrom, to: firstTo, position: this.#positionOf(entry) };
    }
    const head = this.#overflowHead.get(entry);
    const overflow = this.#overflow;
    for (let record = head ?? -1; record >= 0; record = overflow[record * 3 + 2] as number) {
      const otherFrom = overflow[record * 3] as number;
      const otherTo = overflow[record * 3 + 1] as number;
      if (from <= otherTo && otherFrom <= to)
        return { from: otherFrom, to: otherTo, position: this.#overflowPositions[record] as number };
    }
    const record = this.#overflowSize;
    if (record === this.#overflowPositions.length) {
      const size = Math.ceil(record * 1.5);
      const grown = new Int32Array(size * 3);
      grown.set(this.#overflow);
      this.#overflow = grown;
      const positions = new Float64Array(size);
      positions.set(this.#overflowPositions);
      this.#overflowPositions = positions;
    }
    this.#overflow[record * 3] = from;
    this.#overflow[record * 3 + 1] = to;
    this.#overflow[record * 3 + 2] = head ?? -1;
    this.#overflowPositions[record] = position;
    this.#overflowHead.set(entry, record);
    this.#overflowSize = record + 1;
    return undefined;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const table = new Uint32Array(capacity);
    const hashes = new Int32Array(GROW_BATCH);
    for (let first = 0; first < this.#size; first += GROW_BATCH) {
      const count = Math.min(GROW_BATCH, this.#size - first);
      let seen = 0;
      for (let index = 0; index < count; index += 1) {
        const entry = first + index;
        const hash = hashOf(this.#keyAt(entry >>> BLOCK_BITS, entry & BLOCK_MASK));
        hashes[index] = hash;
        seen ^= table[homeSlot(hash, capacity)] as number;
      }
      this.#touched ^= seen;
      for (let index = 0; index < count; index += 1) {
        const hash = hashes[index] as number;
        let slot = homeSlot(hash, capacity);
        while (table[slot] !== 0) slot = (slot + 1) & (capacity - 1);
        table[slot] = (((first + index + 1) << TAG_BITS) | (hash >>> (32 - TAG_BITS))) >>> 0;
      }
    }
    this.#table = table;
    this.#capacity = capacity;
  }
}
