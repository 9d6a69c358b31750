/**
 * The second thread of a two-thread file count (Node only; see `registration-files.ts`): it
 * parses the chunks it is sent, each without knowing what came before it
 * (`parseChunkBody`), and sends them back with their bytes; after the pass, it checks spilled
 * overlap partitions alongside the counting thread. It decides nothing: every check that can
 * reject a row is the counting thread's, and overlaps found in partitions go back to it.
 */
import { closeSync, openSync } from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { GspGroupRegions } from '../registrations/gsp-groups.js';
import { parseChunkBody, type ChunkParse } from '../registrations/parsed-rows.js';
import type { RegistrationColumn } from '../registrations/registration.js';
import { readChunkAt } from './file-chunks.js';
import { checkPartitions, PartitionQueue, type LateOverlap } from './overlap-spill.js';

/** What the counting thread gives the parsing thread when it starts it. */
export interface CountWorkerData {
  /** The file, which the parsing thread reads itself. */
  readonly path: string;
  readonly regions: GspGroupRegions;
  readonly header: readonly RegistrationColumn[];
  /** True in a count by User (decision 0081). */
  readonly byUser: boolean;
  /**
   * Two Int32s: results sent so far (the counting thread waits on it), and 1 once this
   * thread is ready for jobs.
   */
  readonly parsed: SharedArrayBuffer;
  /** Where the jobs come from and the results go. */
  readonly port: MessagePort;
}

/** A job: a chunk to read and parse (its number and place), or overlap partitions to check. */
export type CountWorkerJob =
  | {
      readonly kind: 'parse';
      readonly index: number;
      readonly position: number;
      readonly length: number;
      /** Buffers of chunks already counted, to reuse for the bytes and for the parsed rows. */
      readonly reuse?: { readonly bytes: ArrayBuffer; readonly storage: ArrayBuffer };
    }
  | {
      readonly kind: 'check';
      /** The partition files, shared out through `next` (see `PartitionQueue`). */
      readonly paths: readonly string[];
      readonly next: SharedArrayBuffer;
    };

/** A result: a chunk parsed or why it could not be read; partitions checked or why not. */
export type CountWorkerResult =
  | { readonly kind: 'parsed'; readonly index: number; readonly parse: ChunkParse }
  | {
      readonly kind: 'readError';
      readonly index: number;
      readonly readError: { readonly code: unknown; readonly message: string };
    }
  | { readonly kind: 'checked'; readonly late: readonly LateOverlap[] }
  | { readonly kind: 'checkError'; readonly message: string };

/** The buffers of a parse, each once, to move rather than copy them. */
export function transferablesOf(parse: ChunkParse): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([parse.bytes.buffer as ArrayBuffer]);
  const rows = parse.rows;
  if (rows !== undefined) {
    for (const array of [
      rows.bytes,
      rows.keys,
      rows.hashes,
      rows.cells,
      rows.froms,
      rows.tos,
      rows.enrolledFroms,
      rows.lines,
      rows.starts,
      rows.ends,
    ]) {
      buffers.add(array.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

const data = workerData as CountWorkerData | null;
if (data !== null && typeof data === 'object' && 'port' in data) {
  const { port, header, regions, byUser } = data;
  const parsed = new Int32Array(data.parsed);
  const fd = openSync(data.path, 'r');
  port.on('close', () => closeSync(fd));
  const send = (result: CountWorkerResult, transfer: ArrayBuffer[] = []) => {
    port.postMessage(result, transfer);
    Atomics.add(parsed, 0, 1);
    Atomics.notify(parsed, 0);
  };
  Atomics.store(parsed, 1, 1);
  Atomics.notify(parsed, 0);
  port.on('message', (job: CountWorkerJob) => {
    if (job.kind === 'check') {
      checkPartitions(new PartitionQueue(job.paths, new Int32Array(job.next))).then(
        (late) => send({ kind: 'checked', late }),
        (error: unknown) =>
          send({ kind: 'checkError', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = readChunkAt(fd, job.position, job.length, job.reuse?.bytes);
    } catch (error) {
      const readError = {
        code: (error as { code?: unknown }).code,
        message: error instanceof Error ? error.message : String(error),
      };
      send({ kind: 'readError', index: job.index, readError });
      return;
    }
    const parse = parseChunkBody(bytes, header, regions, job.reuse?.storage, byUser);
    send({ kind: 'parsed', index: job.index, parse }, transferablesOf(parse));
  });
}
