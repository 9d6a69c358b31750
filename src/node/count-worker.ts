/**
 * The second thread of a two-thread file count (Node only; see `registration-files.ts`): it
 * parses the chunks it is sent, each without knowing what came before it
 * (`parseChunkBody`), and sends them back with their bytes. It decides nothing: every check
 * that can reject a row is the counting thread's.
 */
import { closeSync, openSync } from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { GspGroupRegions } from '../registrations/gsp-groups.js';
import { parseChunkBody, type ChunkParse } from '../registrations/parsed-rows.js';
import type { RegistrationColumn } from '../registrations/registration.js';
import { readChunkAt } from './file-chunks.js';

/** What the counting thread gives the parsing thread when it starts it. */
export interface CountWorkerData {
  /** The file, which the parsing thread reads itself. */
  readonly path: string;
  readonly regions: GspGroupRegions;
  readonly header: readonly RegistrationColumn[];
  /**
   * Two Int32s: chunks parsed so far (the counting thread waits on it), and 1 once this
   * thread is ready for chunks.
   */
  readonly parsed: SharedArrayBuffer;
  /** Where the jobs come from and the parses go. */
  readonly port: MessagePort;
}

/** A chunk to read and parse: its number, and where it is in the file. */
export interface CountWorkerJob {
  readonly index: number;
  readonly position: number;
  readonly length: number;
  /** Buffers of chunks already counted, to reuse for the bytes and for the parsed rows. */
  readonly reuse?: { readonly bytes: ArrayBuffer; readonly storage: ArrayBuffer };
}

/** A chunk parsed, or why it could not be read. */
export type CountWorkerResult =
  | { readonly index: number; readonly parse: ChunkParse }
  | { readonly index: number; readonly readError: { readonly code: unknown; readonly message: string } };


/** The buffers of a parse, each once, to move rather than copy them. */
export function transferablesOf(parse: ChunkParse): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([parse.bytes.buffer as ArrayBuffer]);
  const rows = parse.rows;
  if (rows !== undefined) {
    for (const array of [rows.bytes, rows.keys, rows.hashes, rows.cells, rows.froms, rows.tos, rows.enrolledFroms, rows.lines, rows.starts, rows.ends]) {
      buffers.add(array.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

const data = workerData as CountWorkerData | null;
if (data !== null && typeof data === 'object' && 'port' in data) {
  const { port, header, regions } = data;
  const parsed = new Int32Array(data.parsed);
  const fd = openSync(data.path, 'r');
  port.on('close', () => closeSync(fd));
  Atomics.store(parsed, 1, 1);
  Atomics.notify(parsed, 0);
  port.on('message', (job: CountWorkerJob) => {
    let bytes: Uint8Array;
    try {
      bytes = readChunkAt(fd, job.position, job.length, job.reuse?.bytes);
    } catch (error) {
      const readError = { code: (error as { code?: unknown }).code, message: error instanceof Error ? error.message : String(error) };
      port.postMessage({ index: job.index, readError } satisfies CountWorkerResult);
      Atomics.add(parsed, 0, 1);
      Atomics.notify(parsed, 0);
      return;
    }
    const parse = parseChunkBody(bytes, header, regions, job.reuse?.storage);
    port.postMessage({ index: job.index, parse } satisfies CountWorkerResult, transferablesOf(parse));
    Atomics.add(parsed, 0, 1);
    Atomics.notify(parsed, 0);
  });
}
