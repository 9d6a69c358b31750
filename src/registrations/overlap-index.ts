/**
 * The registrations seen so far, by meter point and Charging Group, to find overlapping
 * registrations in one pass (decision 0022). Compact on purpose: a hash index of 32-bit slots
 * over entries kept in typed-array blocks (key, first day, last day, position: 20 bytes each),
 * so memory grows by about 24 to 28 bytes per meter point and never holds the rows themselves.
 */
import { InvariantError } from '../errors/invariant-error.js';

const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;
const MAX_POSITION = 0xffffffff;

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
  #slots = new Int32Array(1 << 16);
  #mask = (1 << 16) - 1;
  #size = 0;
  readonly #keys: Float64Array[] = [];
  readonly #froms: Int32Array[] = [];
  readonly #tos: Int32Array[] = [];
  readonly #positions: Uint32Array[] = [];
  /** Second and later registrations of a key, by the entry of its first (rare). */
  readonly #more = new Map<number, OverlappedRegistration[]>();

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
    const slots = this.#slots;
    let slot = hashOf(key) & mask;
    for (;;) {
      const stored = slots[slot] as number;
      if (stored === 0) break;
      const entry = stored - 1;
      const block = entry >>> BLOCK_BITS;
      const offset = entry & BLOCK_MASK;
      if ((this.#keys[block] as Float64Array)[offset] === key) return this.#addToKey(entry, block, offset, from, to, position);
      slot = (slot + 1) & mask;
    }
    const entry = this.#size;
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
    slots[slot] = entry + 1;
    this.#size = entry + 1;
    if (this.#size * 4 > slots.length * 3) this.#grow();
    return undefined;
  }

  #addToKey(entry: number, block: number, offset: number, from: number, to: number, position: number): OverlappedRegistration | undefined {
    const firstFrom = (this.#froms[block] as Int32Array)[offset] as number;
    const firstTo = (this.#tos[block] as Int32Array)[offset] as number;
    if (from <= firstTo && firstFrom <= to) {
      return { from: firstFrom, to: firstTo, position: (this.#positions[block] as Uint32Array)[offset] as number };
    }
    const more = this.#more.get(entry);
    if (more !== undefined) {
      for (const other of more) if (from <= other.to && other.from <= to) return other;
      more.push({ from, to, position });
    } else {
      this.#more.set(entry, [{ from, to, position }]);
    }
    return undefined;
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.#size; entry += 1) {
      const key = (this.#keys[entry >>> BLOCK_BITS] as Float64Array)[entry & BLOCK_MASK] as number;
      let slot = hashOf(key) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
