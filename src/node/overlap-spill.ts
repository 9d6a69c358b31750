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
  const view = new DataView(bytes.buffer);
  const order = recordsInFileOrder(view, count);
  const index = new OverlapIndex(count);
  for (const record of order) {
    const base = record * RECORD_BYTES;
    const key = view.getFloat64(base, true);
    const position = view.getFloat64(base + 8, true);
    const from = view.getInt32(base + 16, true);
    const to = view.getInt32(base + 20, true);
    const cell = view.getInt32(base + 24, true);
    const overlapped = index.add(key, from, to, position);
    if (overlapped === undefined) continue;
    if (cell < 0) throw new InvariantError('overlapSpillCorrupt', `registrations checked before spilling overlap (line ${position})`);
    late.push({ position, from, to, cell, enrolledFrom: view.getInt32(base + 28, true), overlapped });
  }
  return late;
}

/**
 * The records of a partition in file order. Those recorded when spilling started come first,
 * in no order; the rest follow in file order already. Positions (lines) are below 2^31, so a
 * position and a record number pack into one exact double, and one numeric sort orders them.
 */
function recordsInFileOrder(view: DataView, count: number): Uint32Array {
  const positionOf = (record: number) => view.getFloat64(record * RECORD_BYTES + 8, true);
  // Records checked before spilling (cell -1) come first, in no order; the rest are in order.
  let checked = 0;
  while (checked < count && view.getInt32(checked * RECORD_BYTES + 24, true) < 0) checked += 1;
  const sorted = new Uint32Array(checked);
  if (checked >= ORDER_LIMIT) {
    for (let record = 0; record < checked; record += 1) sorted[record] = record;
    sorted.sort((a, b) => positionOf(a) - positionOf(b));
  } else {
    const packed = new Float64Array(checked);
    for (let record = 0; record < checked; record += 1) packed[record] = positionOf(record) * ORDER_LIMIT + record;
    packed.sort();
    for (let index = 0; index < checked; index += 1) sorted[index] = (packed[index] as number) % ORDER_LIMIT;
  }
  const order = new Uint32Array(count);
  let left = 0;
  let right = checked;
  for (let index = 0; index < count; index += 1) {
    if (right >= count || (left < checked && positionOf(sorted[left] as number) < positionOf(right))) {
      order[index] = sorted[left] as number;
      left += 1;
    } else {
      order[index] = right;
      right += 1;
    }
  }
  return order;
}
