/**
 * The registrations seen so far, by meter point and Charging Group, to find overlapping
 * registrations in one pass (decision 0022). Compact on purpose, since it is the one part of a
 * count that grows with the input: a hash table of 32-bit slots (an entry number and 7 bits of
 * the key's hash) over entries kept in typed-array blocks (key, first day, last day, position:
 * 20 bytes each). About 24 to 28 bytes per meter point; the rows themselves are never kept.
 */
import { InvariantError } from '../errors/invariant-error.js';

const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;
const MAX_POSITION = 0xffffffff;
const TAG_BITS = 7;
const TAG_MASK = (1 << TAG_BITS) - 1;
/** Most distinct keys the 32-bit slots can address (2^25 - 1, 33 million meter points). */
export const MAX_OVERLAP_KEYS = 2 ** (32 - TAG_BITS) - 1;

/** An earlier registration that a new one overlaps. */
export interface OverlappedRegistration {
  /** Its first day, as a day number. */
  readonly from: number;
  /** Its last day, as a day number (or the open end). */
  readonly to: number;
  /** Its position: the line in the file, or the row's index. */
  readonly position: number;
}

function hashOf(key: number): number {
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
  #table = new Uint32Array(1 << 16);
  #mask = (1 << 16) - 1;
  #size = 0;
  readonly #keys: Float64Array[] = [];
  readonly #froms: Int32Array[] = [];
  readonly #tos: Int32Array[] = [];
  readonly #positions: Uint32Array[] = [];
  /** Second and later registrations of a key: the first overflow record of each entry that has any. */
  readonly #overflowHead = new Map<number, number>();
  /** Overflow records: first day, last day, position, next record (-1 at the end), four numbers each. */
  #overflow = new Float64Array(4 * 1024);
  #overflowSize = 0;

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
    if (position > MAX_POSITION) throw new InvariantError('positionOutOfRange', `row position ${position} is beyond ${MAX_POSITION}`);
    const mask = this.#mask;
    const table = this.#table;
    const hash = hashOf(key);
    const tag = hash >>> (32 - TAG_BITS);
    let slot = hash & mask;
    for (;;) {
      const stored = table[slot] as number;
      if (stored === 0) break;
      if ((stored & TAG_MASK) === tag) {
        const entry = (stored >>> TAG_BITS) - 1;
        const block = entry >>> BLOCK_BITS;
        const offset = entry & BLOCK_MASK;
        if ((this.#keys[block] as Float64Array)[offset] === key) return this.#addToKey(entry, block, offset, from, to, position);
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.#size;
    if (entry >= MAX_OVERLAP_KEYS) {
      throw new InvariantError('positionOutOfRange', `more than ${MAX_OVERLAP_KEYS} meter points for the overlap check`);
    }
    const block = entry >>> BLOCK_BITS;
    const offset = entry & BLOCK_MASK;
    if (offset === 0) {
      this.#keys.push(new Float64Array(BLOCK_SIZE));
      this.#froms.push(new Int32Array(BLOCK_SIZE));
      this.#tos.push(new Int32Array(BLOCK_SIZE));
      this.#positions.push(new Uint32Array(BLOCK_SIZE));
    }
    (this.#keys[block] as Float64Array)[offset] = key;
    (this.#froms[block] as Int32Array)[offset] = from;
    (this.#tos[block] as Int32Array)[offset] = to;
    (this.#positions[block] as Uint32Array)[offset] = position;
    table[slot] = (((entry + 1) << TAG_BITS) | tag) >>> 0;
    this.#size = entry + 1;
    if (this.#size * 4 > (mask + 1) * 3) this.#grow();
    return undefined;
  }

  #addToKey(entry: number, block: number, offset: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    const firstFrom = (this.#froms[block] as Int32Array)[offset] as number;
    const firstTo = (this.#tos[block] as Int32Array)[offset] as number;
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
    for (let entry = 0; entry < this.#size; entry += 1) {
      const hash = hashOf((this.#keys[entry >>> BLOCK_BITS] as Float64Array)[entry & BLOCK_MASK] as number);
      let slot = hash & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = (((entry + 1) << TAG_BITS) | (hash >>> (32 - TAG_BITS))) >>> 0;
    }
    this.#table = table;
    this.#mask = mask;
  }
}
