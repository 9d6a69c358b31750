/**
 * The overlap check of a large file in bounded memory (Node only; decision 0025). Once the
 * overlap index would pass its budget, the tally sends every registration here instead: each
 * is written as a 32-byte record to one of several temporary files, chosen by the hash of its
 * key (meter point and Charging Group), so that all registrations of a key are in one file.
 * After the pass, each file is read back alone and its registrations are checked in file
 * order with a fresh overlap index: the same rule, so the same rows overlap, naming the same
 * earlier rows, as in one pass. The files are removed in every case.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { InvariantError } from '../errors/invariant-error.js';
import { OverlapIndex, type OverlappedRegistration } from '../registrations/overlap-index.js';
import type { OverlapSpill } from '../registrations/tally.js';

/** Default memory budget of the overlap index before it spills to temporary files (112 MiB). */
export const OVERLAP_SPILL_BUDGET_BYTES = 112 * 1024 * 1024;

/** Bytes of a spilled record: key and position (Float64), from, to, cell, enrolledFrom (Int32). */
const RECORD_BYTES = 32;
/** Records in a partition can be put in order by one numeric sort while fewer than this. */
const ORDER_LIMIT = 2 ** 22;
/** Records buffered per partition before they are written. */
const RECORDS_PER_WRITE = 2048;

/** A registration found, after the pass, to overlap an earlier one. */
export interface LateOverlap {
  readonly position: number;
  readonly from: number;
  readonly to: number;
  readonly cell: number;
  readonly enrolledFrom: number;
  readonly overlapped: OverlappedRegistration;
}

/** Temporary files of spilled registrations, partitioned by key hash; see the module comment. */
export class FileOverlapSpill implements OverlapSpill {
  readonly budgetBytes: number;
  readonly #partitions: number;
  #folder: string | undefined;
  readonly #files: number[] = [];
  readonly #floats: Float64Array[] = [];
  readonly #ints: Int32Array[] = [];
  readonly #filled: number[] = [];

  /**
   * @param budgetBytes - memory the overlap index may use, in one pass and then per partition.
   * @param expectedRows - rows expected in the file, to choose how many partitions (each
   * should fit in the budget when checked).
   */
  constructor(budgetBytes: number, expectedRows: number) {
    this.budgetBytes = budgetBytes;
    // About 40 bytes a registration read back, and about as much again for its index.
    this.#partitions = Math.min(256, Math.max(4, Math.ceil((expectedRows * 160) / budgetBytes)));
  }

  add(key: number, hash: number, from: number, to: number, position: number, cell: number, enrolledFrom: number): void {
    if (this.#folder === undefined) this.#open();
    const partition = (hash >>> 0) % this.#partitions;
    const filled = this.#filled[partition] as number;
    const floats = this.#floats[partition] as Float64Array;
    floats[filled * 4] = key;
    floats[filled * 4 + 1] = position;
    const ints = this.#ints[partition] as Int32Array;
    ints[filled * 8 + 4] = from;
    ints[filled * 8 + 5] = to;
    ints[filled * 8 + 6] = cell;
    ints[filled * 8 + 7] = enrolledFrom;
    this.#filled[partition] = filled + 1;
    if (filled + 1 === RECORDS_PER_WRITE) this.#write(partition);
  }

  /**
   * Frees the buffers of the overlap index let go when spilling starts, without waiting for
   * the garbage collector: they are moved into a message on a channel that is then closed.
   */
  release(buffers: ArrayBuffer[]): void {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(null, [...new Set(buffers)]);
    port1.close();
    port2.close();
  }

  #open(): void {
    this.#folder = mkdtempSync(join(tmpdir(), 'dcc-charges-overlaps-'));
    for (let partition = 0; partition < this.#partitions; partition += 1) {
      this.#files.push(openSync(join(this.#folder, `partition-${partition}.bin`), 'w+'));
      const buffer = new ArrayBuffer(RECORDS_PER_WRITE * RECORD_BYTES);
      this.#floats.push(new Float64Array(buffer));
      this.#ints.push(new Int32Array(buffer));
      this.#filled.push(0);
    }
  }

  #write(partition: number): void {
    const filled = this.#filled[partition] as number;
    if (filled === 0) return;
    writeSync(this.#files[partition] as number, new Uint8Array((this.#floats[partition] as Float64Array).buffer, 0, filled * RECORD_BYTES));
    this.#filled[partition] = 0;
  }

  /**
   * Writes what is still buffered and gives the partition files, to check with
   * {@link checkPartitionFile} (on any thread); none when nothing was spilled.
   */
  finish(): string[] {
    const folder = this.#folder;
    if (folder === undefined) return [];
    for (let partition = 0; partition < this.#partitions; partition += 1) this.#write(partition);
    return Array.from({ length: this.#partitions }, (_, partition) => join(folder, `partition-${partition}.bin`));
  }

  /**
   * Checks each partition's registrations on this thread and lists those that overlap an
   * earlier one, in file order (see {@link checkPartitionFile}).
   */
  resolve(): LateOverlap[] {
    return this.finish().flatMap((path) => checkPartitionFile(path)).sort((a, b) => a.position - b.position);
  }

  /** Closes and removes the temporary files. */
  dispose(): void {
    for (const file of this.#files.splice(0)) closeSync(file);
    if (this.#folder !== undefined) rmSync(this.#folder, { recursive: true, force: true });
    this.#folder = undefined;
  }
}

/**
 * Checks one partition's registrations in file order with a fresh overlap index, and lists
 * those that overlap an earlier one (never one recorded before spilling: those were checked
 * already), in file order.
 * @throws InvariantError if the file is cut short, or if registrations checked before overlap.
 */
export function checkPartitionFile(path: string): LateOverlap[] {
  const late: LateOverlap[] = [];
  const file = openSync(path, 'r');
  let bytes: Uint8Array;
  try {
    const total = fstatSync(file).size;
    bytes = new Uint8Array(total);
    for (let at = 0; at < total; ) {
      const read = readSync(file, bytes, at, total - at, at);
      if (read === 0) throw new InvariantError('overlapSpillCorrupt', `the temporary file ${path} of the overlap check was cut short`);
      at += read;
    }
  } finally {
    closeSync(file);
  }
  const count = bytes.length / RECORD_BYTES;
  // The records as the spill wrote them (typed arrays, so in this machine's byte order).
  const floats = new Float64Array(bytes.buffer, 0, count * 4);
  const ints = new Int32Array(bytes.buffer, 0, count * 8);
  const index = new OverlapIndex(count);
  const check = (record: number) => {
    const position = floats[record * 4 + 1] as number;
    const from = ints[record * 8 + 4] as number;
    const to = ints[record * 8 + 5] as number;
    const overlapped = index.add(floats[record * 4] as number, from, to, position);
    if (overlapped === undefined) return;
    const cell = ints[record * 8 + 6] as number;
    if (cell < 0) throw new InvariantError('overlapSpillCorrupt', `registrations checked before spilling overlap (line ${position})`);
    late.push({ position, from, to, cell, enrolledFrom: ints[record * 8 + 7] as number, overlapped });
  };
  // Records checked before spilling (cell -1) come first, in no order: put them in order and
  // merge them with the rest, which are in file order already.
  let checked = 0;
  while (checked < count && (ints[checked * 8 + 6] as number) < 0) checked += 1;
  const sorted = recordsByPosition(floats, checked);
  let left = 0;
  for (let right = checked; right < count || left < checked; ) {
    if (right >= count || (left < checked && (floats[(sorted[left] as number) * 4 + 1] as number) < (floats[right * 4 + 1] as number))) {
      check(sorted[left] as number);
      left += 1;
    } else {
      check(right);
      right += 1;
    }
  }
  return late;
}

/**
 * The first `count` records in order of position (line). Positions are below 2^31, so a
 * position and a record number pack into one exact double, and one numeric sort orders them.
 */
function recordsByPosition(floats: Float64Array, count: number): Uint32Array {
  const sorted = new Uint32Array(count);
  if (count >= ORDER_LIMIT) {
    for (let record = 0; record < count; record += 1) sorted[record] = record;
    return sorted.sort((a, b) => (floats[a * 4 + 1] as number) - (floats[b * 4 + 1] as number));
  }
  const packed = new Float64Array(count);
  for (let record = 0; record < count; record += 1) packed[record] = (floats[record * 4 + 1] as number) * ORDER_LIMIT + record;
  packed.sort();
  for (let rank = 0; rank < count; rank += 1) sorted[rank] = (packed[rank] as number) % ORDER_LIMIT;
  return sorted;
}
