/**
 * The Users of a count by User (decision 0081): each User ID met gets a small index, in the
 * order first met, from its text or straight from the bytes of a CSV field (no string made
 * for a User already known). The tally keeps one block of counts per index.
 */

/** Most distinct Users one count by User takes (the tally's cell numbers must fit 16 bits). */
export const MAX_COUNT_USERS = 1000;

/** Users by index, and the index of each User ID. */
export class UserTable {
  /** The User IDs, by index. */
  readonly ids: string[] = [];
  readonly #indexOf = new Map<string, number>();
  /** By hash of the ID's bytes: indexes whose IDs have that hash (usually one). */
  readonly #byHash = new Map<number, number[]>();
  readonly #bytes: Uint8Array[] = [];
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();

  /** Users so far. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * The index of a User ID, added if new.
   * @returns the index, or -1 when the table already holds {@link MAX_COUNT_USERS} others.
   */
  indexOf(id: string): number {
    const known = this.#indexOf.get(id);
    if (known !== undefined) return known;
    const bytes = this.#encoder.encode(id);
    return this.#add(id, bytes, hashOfBytes(bytes, 0, bytes.length));
  }

  /**
   * The index of the User ID written (in ASCII) in `bytes[start, end)`, added if new.
   * @returns the index, or -1 when the table is full.
   */
  indexOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashOfBytes(bytes, start, end);
    const candidates = this.#byHash.get(hash);
    if (candidates !== undefined) {
      for (const index of candidates) {
        const known = this.#bytes[index] as Uint8Array;
        if (known.length !== end - start) continue;
        let at = 0;
        while (at < known.length && known[at] === bytes[start + at]) at += 1;
        if (at === known.length) return index;
      }
    }
    // A copy (a Node Buffer's `slice` is a view of memory that the next chunk reuses).
    const copy = Uint8Array.prototype.slice.call(bytes, start, end);
    return this.#add(this.#decoder.decode(copy), copy, hash);
  }

  #add(id: string, bytes: Uint8Array, hash: number): number {
    if (this.ids.length >= MAX_COUNT_USERS) return -1;
    const index = this.ids.length;
    this.ids.push(id);
    this.#indexOf.set(id, index);
    this.#bytes.push(bytes);
    const candidates = this.#byHash.get(hash);
    if (candidates === undefined) this.#byHash.set(hash, [index]);
    else candidates.push(index);
    return index;
  }
}

/** FNV-1a of some bytes. */
function hashOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ (bytes[at] as number), 0x01000193);
  return hash | 0;
}
