/**
 * The overlap check of a large file in bounded memory (Node only; decision 0025). When the
 * overlap index would not fit its budget (known from the file's size up front, or found when
 * the index reaches it), the tally sends every registration here instead: each is written as a
 * 24-byte record to one of many small temporary files, chosen by the hash of its key (meter
 * point and Charging Group), so that all registrations of a key are in one file. After the
 * pass each file is read back alone and its registrations are checked in file order with a
 * fresh overlap index, small enough to stay in the processor's cache: the same rule, so the
 * same rows overlap, naming the same earlier rows, as in one pass. Both threads check files
 * (see {@link PartitionQueue}). The files are removed in every case, on SIGINT and SIGTERM too.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { InputError } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { hashOf, type OverlappedRegistration } from '../registrations/overlap-index.js';
import type { OverlapSpill } from '../registrations/tally.js';
import { describeFsError } from './fs-errors.js';
import { trackTemporary } from './safe-files.js';

/** Default memory budget of the overlap index before it spills to temporary files (16 MiB). */
export const OVERLAP_SPILL_BUDGET_BYTES = 16 * 1024 * 1024;

/** Bytes of the overlap index per meter point, as planned when choosing to spill up front. */
export const INDEX_BYTES_PER_KEY = 20;

/**
 * Bytes of a spilled record, six Int32: key low 32 bits; key high 16 bits and (tally cell + 1)
 * above them; first day; last day; position (line, unsigned); first day enrolled.
 */
export const SPILL_RECORD_BYTES = 24;
const RECORD_INTS = SPILL_RECORD_BYTES / 4;
/** Records per partition aimed at: its table and records then take about 2.4 MB (cache-sized). */
const RECORDS_PER_PARTITION = 1 << 16;
/** Memory for the records buffered before they are written, shared by the partitions. */
const WRITE_BUFFER_BYTES = 12 << 20;
/** Records buffered per partition before they are written: at most 1024. */
const MOST_RECORDS_PER_WRITE = 1024;
/** Records in a partition can be put in order by one numeric sort while fewer than this. */
const ORDER_LIMIT = 2 ** 22;
const TWO_32 = 4294967296;

/** A registration found, after the pass, to overlap an earlier one. */
export interface LateOverlap {
  readonly position: number;
  readonly from: number;
  readonly to: number;
  readonly cell: number;
  readonly enrolledFrom: number;
  readonly overlapped: OverlappedRegistration;
}

/** Where and how the spill writes; tests change these. */
export interface SpillSettings {
  /** Folder in which the spill's own folder is made; default the system's temporary folder. */
  readonly folder?: string;
  /** Free bytes in that folder; default from the file system (`statfs`). */
  readonly freeBytes?: (folder: string) => number;
}

/** The input error of a spill that does not fit the temporary folder: what it needed, what was free. */
function noSpaceError(folder: string, needed: number, free: number | undefined, cause?: unknown): InputError {
  const megabytes = (bytes: number) => `${Math.ceil(bytes / 1e6).toLocaleString('en-GB')} MB`;
  return new InputError([
    {
      source: folder,
      code: 'notEnoughSpace',
      expected: `about ${megabytes(needed)} free in the temporary folder for the overlap check of this file (set TMPDIR to a folder with more room, or count with more memory: overlapMemoryBytes)`,
      received:
        cause === undefined
          ? `${megabytes(free ?? 0)} free`
          : `the disk filled up (${describeFsError(cause)})${free === undefined ? '' : `; ${megabytes(free)} free at the start`}`,
    },
  ]);
}

/** Temporary files of spilled registrations, partitioned by key hash; see the module comment. */
export class FileOverlapSpill implements OverlapSpill {
  readonly budgetBytes: number;
  readonly startSpilled: boolean;
  readonly #bits: number;
  readonly #partitions: number;
  readonly #recordsPerWrite: number;
  readonly #neededBytes: number;
  readonly #settings: SpillSettings;
  #folder: string | undefined;
  #untrack: (() => void) | undefined;
  #freeAtStart: number | undefined;
  readonly #files: number[] = [];
  readonly #buffers: Int32Array[] = [];
  readonly #filled: number[] = [];

  /**
   * @param budgetBytes - memory the overlap index may use in one pass.
   * @param expectedRows - rows expected in the file: they choose the number of partitions, the
   * space asked of the temporary folder, and whether to spill from the first row (when their
   * index would not fit the budget anyway).
   */
  constructor(budgetBytes: number, expectedRows: number, settings: SpillSettings = {}) {
    this.budgetBytes = budgetBytes;
    this.startSpilled = expectedRows * INDEX_BYTES_PER_KEY > budgetBytes;
    let bits = 2;
    while (bits < 12 && (1 << bits) * RECORDS_PER_PARTITION < expectedRows) bits += 1;
    this.#bits = bits;
    this.#partitions = 1 << bits;
    this.#recordsPerWrite = Math.min(
      MOST_RECORDS_PER_WRITE,
      Math.floor(WRITE_BUFFER_BYTES / SPILL_RECORD_BYTES / this.#partitions),
    );
    this.#neededBytes = expectedRows * SPILL_RECORD_BYTES;
    this.#settings = settings;
  }

  /** The partition of a key's hash: top bits of a second mix, independent of the index's slot and tag bits. */
  #partitionOf(hash: number): number {
    return Math.imul(hash ^ (hash >>> 16), 0x2c1b3c6d) >>> (32 - this.#bits);
  }

  add(key: number, hash: number, from: number, to: number, position: number, cell: number, enrolledFrom: number): void {
    if (this.#folder === undefined) this.#open();
    const partition = this.#partitionOf(hash);
    const filled = this.#filled[partition] as number;
    const ints = this.#buffers[partition] as Int32Array;
    const at = filled * RECORD_INTS;
    const high = Math.floor(key / TWO_32);
    ints[at] = key - high * TWO_32;
    ints[at + 1] = high | ((cell + 1) << 16);
    ints[at + 2] = from;
    ints[at + 3] = to;
    ints[at + 4] = position;
    ints[at + 5] = enrolledFrom;
    this.#filled[partition] = filled + 1;
    if (filled + 1 === this.#recordsPerWrite) this.#write(partition);
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

  /**
   * Makes the folder and files (tracked, so that a signal removes them).
   * @throws InputError when the temporary folder has less room than the file's records need.
   */
  #open(): void {
    const parent = this.#settings.folder ?? tmpdir();
    let free: number | undefined;
    try {
      free = this.#settings.freeBytes?.(parent) ?? freeBytesOf(parent);
    } catch {
      free = undefined;
    }
    this.#freeAtStart = free;
    if (free !== undefined && free < this.#neededBytes) throw noSpaceError(parent, this.#neededBytes, free);
    const folder = mkdtempSync(join(parent, 'dcc-charges-overlaps-'));
    this.#folder = folder;
    this.#untrack = trackTemporary(folder);
    for (let partition = 0; partition < this.#partitions; partition += 1) {
      this.#files.push(openSync(join(folder, `partition-${partition}.bin`), 'w+'));
      this.#buffers.push(new Int32Array(this.#recordsPerWrite * RECORD_INTS));
      this.#filled.push(0);
    }
  }

  #write(partition: number): void {
    const filled = this.#filled[partition] as number;
    if (filled === 0) return;
    const bytes = new Uint8Array((this.#buffers[partition] as Int32Array).buffer, 0, filled * SPILL_RECORD_BYTES);
    try {
      let offset = 0;
      while (offset < bytes.length)
        offset += writeSync(this.#files[partition] as number, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOSPC' || code === 'EDQUOT')
        throw noSpaceError(this.#settings.folder ?? tmpdir(), this.#neededBytes, this.#freeAtStart, error);
      throw error;
    }
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

  /** Closes and removes the temporary files. */
  dispose(): void {
    for (const file of this.#files.splice(0)) closeSync(file);
    if (this.#folder !== undefined) rmSync(this.#folder, { recursive: true, force: true });
    this.#untrack?.();
    this.#untrack = undefined;
    this.#folder = undefined;
  }
}

/** Free bytes for this user in a folder's file system. */
function freeBytesOf(folder: string): number {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
}

/**
 * Partition files shared out between threads: each thread takes the next file to check by
 * one atomic add on a shared counter, so the faster thread checks more of them.
 */
export class PartitionQueue {
  readonly #next: Int32Array;
  readonly #paths: readonly string[];

  /** @param next - an Int32 on shared memory, 0 at the start, shared by every thread checking `paths`. */
  constructor(paths: readonly string[], next: Int32Array) {
    this.#paths = paths;
    this.#next = next;
  }

  /** The next file to check, or undefined when all are taken. */
  take(): string | undefined {
    const index = Atomics.add(this.#next, 0, 1);
    return this.#paths[index];
  }
}

/** Reads a whole partition file into `reuse` when big enough. */
function readPartition(path: string, reuse: Uint8Array | undefined): Uint8Array {
  const file = openSync(path, 'r');
  try {
    const total = fstatSync(file).size;
    const bytes =
      reuse !== undefined && reuse.byteLength >= total
        ? reuse.subarray(0, total)
        : new Uint8Array(Math.ceil(total * 1.25));
    for (let at = 0; at < total; ) {
      const read = readSync(file, bytes, at, total - at, at);
      if (read === 0)
        throw new InvariantError(
          'overlapSpillCorrupt',
          `the temporary file ${path} of the overlap check was cut short`,
        );
      at += read;
    }
    return bytes.subarray(0, total);
  } finally {
    closeSync(file);
  }
}

/**
 * Checks partition files until the queue is empty and lists the registrations found to overlap
 * an earlier one (in no order across files).
 * @param between - called between two files (to let events in).
 */
export async function checkPartitions(queue: PartitionQueue, between?: () => Promise<void>): Promise<LateOverlap[]> {
  const late: LateOverlap[] = [];
  const table = new PartitionTable();
  let buffer: Uint8Array | undefined;
  for (let path = queue.take(); path !== undefined; path = queue.take()) {
    const bytes = readPartition(path, buffer);
    if (buffer === undefined || bytes.buffer.byteLength > buffer.byteLength) buffer = new Uint8Array(bytes.buffer);
    for (const overlap of checkPartitionRecords(bytes, path, table)) late.push(overlap);
    await between?.();
  }
  return late;
}

/**
 * Checks one partition file (see {@link checkPartitionRecords}).
 * @throws InvariantError if the file is cut short, or if registrations checked before overlap.
 */
export function checkPartitionFile(path: string): LateOverlap[] {
  return checkPartitionRecords(readPartition(path, undefined), path);
}

/**
 * The memory of a partition check, reused from one partition to the next: an open-addressing
 * table from key to the record of its first registration, and for each record the next one to
 * look at among the later registrations of its key.
 */
class PartitionTable {
  keys = new Float64Array(0);
  heads = new Int32Array(0);
  next = new Int32Array(0);
  mask = 0;

  /** Makes room for `count` records, the table at most half full, and empties it. */
  prepare(count: number): void {
    let capacity = 1024;
    while (capacity < count * 2) capacity *= 2;
    if (this.heads.length < capacity) {
      this.keys = new Float64Array(capacity);
      this.heads = new Int32Array(capacity);
    } else this.heads.fill(0, 0, capacity);
    if (this.next.length < count) this.next = new Int32Array(Math.ceil(count * 1.25));
    this.mask = capacity - 1;
  }
}

/**
 * Checks one partition's registrations in file order, and lists those that overlap an earlier
 * one of the same key (never one recorded before spilling: those were checked already), in
 * file order. The rule is the overlap index's (`OverlapIndex.add`), and so is the earlier
 * registration named: a key's first registration is looked at first, then its later ones from
 * the newest; an overlapping registration is not kept.
 * @throws InvariantError if registrations checked before spilling overlap.
 */
function checkPartitionRecords(bytes: Uint8Array, path: string, table = new PartitionTable()): LateOverlap[] {
  const late: LateOverlap[] = [];
  const count = bytes.length / SPILL_RECORD_BYTES;
  if (!Number.isInteger(count))
    throw new InvariantError('overlapSpillCorrupt', `the temporary file ${path} of the overlap check was cut short`);
  // The records as the spill wrote them (typed arrays, so in this machine's byte order).
  const ints = new Int32Array(bytes.buffer, bytes.byteOffset, count * RECORD_INTS);
  table.prepare(count);
  const { keys, heads, next, mask } = table;
  /** The registration of `record` that `from`..`to` overlaps, as a record number, or -1. */
  const overlapping = (first: number, from: number, to: number): number => {
    for (
      let record = first;
      record >= 0;
      record = record === first ? (next[first] as number) - 1 : (next[record] as number) - 1
    ) {
      const at = record * RECORD_INTS;
      if (from <= (ints[at + 3] as number) && (ints[at + 2] as number) <= to) return record;
    }
    return -1;
  };
  const check = (record: number) => {
    const at = record * RECORD_INTS;
    const high = ints[at + 1] as number;
    const key = (high & 0xffff) * TWO_32 + ((ints[at] as number) >>> 0);
    const from = ints[at + 2] as number;
    const to = ints[at + 3] as number;
    let slot = hashOf(key) & mask;
    for (;;) {
      const head = heads[slot] as number;
      if (head === 0) {
        keys[slot] = key;
        heads[slot] = record + 1;
        next[record] = 0;
        return;
      }
      if (keys[slot] === key) break;
      slot = (slot + 1) & mask;
    }
    const first = (heads[slot] as number) - 1;
    const earlier = overlapping(first, from, to);
    if (earlier < 0) {
      // Kept as the newest later registration of the key.
      next[record] = next[first] as number;
      next[first] = record + 1;
      return;
    }
    const position = (ints[at + 4] as number) >>> 0;
    const cell = (high >>> 16) - 1;
    if (cell < 0)
      throw new InvariantError(
        'overlapSpillCorrupt',
        `registrations checked before spilling overlap (line ${position})`,
      );
    const was = earlier * RECORD_INTS;
    const overlapped = {
      from: ints[was + 2] as number,
      to: ints[was + 3] as number,
      position: (ints[was + 4] as number) >>> 0,
    };
    late.push({ position, from, to, cell, enrolledFrom: ints[at + 5] as number, overlapped });
  };
  // Records checked before spilling (cell -1) come first, in no order: put them in order and
  // merge them with the rest, which are in file order already.
  let checked = 0;
  while (checked < count && (ints[checked * RECORD_INTS + 1] as number) >>> 16 === 0) checked += 1;
  const positionOf = (record: number) => (ints[record * RECORD_INTS + 4] as number) >>> 0;
  if (checked === 0) {
    for (let record = 0; record < count; record += 1) check(record);
    return late;
  }
  const sorted = recordsByPosition(positionOf, checked);
  let left = 0;
  for (let right = checked; right < count || left < checked; ) {
    if (right >= count || (left < checked && positionOf(sorted[left] as number) < positionOf(right))) {
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
function recordsByPosition(positionOf: (record: number) => number, count: number): Uint32Array {
  const sorted = new Uint32Array(count);
  if (count >= ORDER_LIMIT) {
    for (let record = 0; record < count; record += 1) sorted[record] = record;
    return sorted.sort((a, b) => positionOf(a) - positionOf(b));
  }
  const packed = new Float64Array(count);
  for (let record = 0; record < count; record += 1) packed[record] = positionOf(record) * ORDER_LIMIT + record;
  packed.sort();
  for (let rank = 0; rank < count; rank += 1) sorted[rank] = (packed[rank] as number) % ORDER_LIMIT;
  return sorted;
}
