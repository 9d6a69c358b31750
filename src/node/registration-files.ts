/**
 * Registration files on disk (Node only): counted or read as a stream, in memory that does
 * not grow with the file.
 */
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads';
import { InputError } from '../errors/input-error.js';
import { countResult, rejectOverlap, resolveCountOptions, type RegisteredMeterCounts, type ResolvedCountOptions } from '../registrations/count-options.js';
import {
  countRegistrationCsv,
  readRegistrationCsvRows,
  RegistrationCountSink,
  type CountProgress,
  type CountRegistrationCsvOptions,
} from '../registrations/registration-csv.js';
import type { RegistrationRow } from '../registrations/registration.js';
import { RegistrationTally } from '../registrations/tally.js';
import { CsvRecordSplitter, type CsvRecordSink } from '../registrations/csv-records.js';
import { parseChunkBody, storageOf, type ChunkParse } from '../registrations/parsed-rows.js';
import type { CountWorkerData, CountWorkerJob, CountWorkerResult } from './count-worker.js';
import { readChunkAt } from './file-chunks.js';
import { FileOverlapSpill, OVERLAP_SPILL_BUDGET_BYTES, type LateOverlap } from './overlap-spill.js';
import { unreadableFileError } from './fs-errors.js';

/** Bytes per row assumed when guessing a file's rows from its size (to size the overlap index). */
export const GUESSED_BYTES_PER_ROW = 64;

/** Bytes read from the file at a time. */
export const REGISTRATION_FILE_CHUNK_BYTES = 1 << 20;

/**
 * Files from this size up are counted on two threads (one parses, one counts) when the
 * machine has two cores or more; smaller files are counted on one (a thread costs more to
 * start than it saves on them).
 */
export const TWO_THREAD_MIN_BYTES = 16 << 20;


/** Progress of a file count: bytes and rows so far, and the file's size. */
export interface FileCountProgress extends CountProgress {
  readonly totalBytes: number;
}

/** Options of {@link countRegistrationsFile}. */
export interface CountRegistrationsFileOptions extends Omit<CountRegistrationCsvOptions, 'onProgress' | 'source'> {
  /** Called after each chunk read, with the share of the file so far. */
  readonly onProgress?: (progress: FileCountProgress) => void;
  /** A label for messages; default the path. */
  readonly source?: string;
  /**
   * Threads to count with: 2 parses on a second thread while this one counts (the same
   * counts and rejections, in the same order); 1 does all on this thread. Default: 2 for a
   * file of {@link TWO_THREAD_MIN_BYTES} or more on a machine of two cores or more, else 1.
   */
  readonly threads?: 1 | 2;
  /**
   * Memory the overlap index may hold, in bytes, for a file of {@link TWO_THREAD_MIN_BYTES}
   * or more: past it, the overlap check goes on through temporary files and is finished after
   * the pass (slower, in bounded memory; decision 0025). Default
   * {@link OVERLAP_SPILL_BUDGET_BYTES} (112 MiB); `Infinity` keeps the whole index in memory.
   */
  readonly overlapMemoryBytes?: number;
}


function sizeOf(path: string): number {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    return stats.size;
  } catch (error) {
    throw unreadableFileError(path, error);
  }
}

async function* chunksOf(path: string): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: REGISTRATION_FILE_CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadableFileError(path, error);
  } finally {
    stream.destroy();
  }
}

/**
 * Counts the registered meter points of a registration CSV file, streaming it: see
 * `countRegisteredMeters` (in `dcc-charges`) for the rule and the result.
 * @clause K4-K6 (the meter counts behind per-meter charges; rule of brief section 6 [R])
 * @param path - the file, UTF-8 CSV with a header row (a byte-order mark and CRLF are fine).
 * @param options - the months and settings; `onProgress` gets the share of the file read.
 * @throws InputError for an unreadable or empty file, a bad header, bad options, and in
 * strict mode the first invalid rows with their lines (the header being line 1).
 * @example
 * const counts = await countRegistrationsFile('registrations.csv', { from: '2025-04', to: '2026-03' });
 */
export async function countRegistrationsFile(path: string, options: CountRegistrationsFileOptions): Promise<RegisteredMeterCounts> {
  const totalBytes = sizeOf(path);
  const { onProgress, threads, overlapMemoryBytes, ...rest } = options;
  if (overlapMemoryBytes !== undefined && !(overlapMemoryBytes > 0)) {
    throw new InputError([{ field: 'overlapMemoryBytes', code: 'invalidValue', expected: 'a number of bytes above 0 (or Infinity)', received: JSON.stringify(overlapMemoryBytes) ?? String(overlapMemoryBytes) }]);
  }
  const worker = countWorkerFile();
  const twoThreads = threads === undefined ? totalBytes >= TWO_THREAD_MIN_BYTES && availableParallelism() >= 2 : threads === 2;
  if ((twoThreads && worker !== undefined) || totalBytes >= TWO_THREAD_MIN_BYTES) {
    return countOnTwoThreads(path, twoThreads ? worker : undefined, totalBytes, {
      ...rest,
      source: options.source ?? path,
      expectedRows: options.expectedRows ?? Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
      ...(onProgress === undefined ? {} : { onProgress: (progress: CountProgress) => onProgress({ ...progress, totalBytes }) }),
    }, { ...DEFAULT_TUNING, overlapBudgetBytes: overlapMemoryBytes ?? OVERLAP_SPILL_BUDGET_BYTES });
  }
  return countRegistrationCsv(chunksOf(path), {
    ...rest,
    source: options.source ?? path,
    expectedRows: options.expectedRows ?? Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
    ...(onProgress === undefined ? {} : { onProgress: (progress: CountProgress) => onProgress({ ...progress, totalBytes }) }),
  });
}

/** The parsing thread's script: its path, and whether it is TypeScript source. */
interface WorkerScript {
  readonly path: string;
  readonly fromSource: boolean;
}

/**
 * The parsing thread's script, next to this module: the built `.js`, or the `.ts` source when
 * run from source (tests; it is then loaded through `tsx`). Undefined where this module has no
 * file URL or the script is missing: such counts run on one thread.
 */
function countWorkerFile(): WorkerScript | undefined {
  const here: unknown = import.meta.url;
  if (typeof here !== 'string' || !here.startsWith('file:')) return undefined;
  const fromSource = here.endsWith('.ts');
  const path = fileURLToPath(new URL(fromSource ? './count-worker.ts' : './count-worker.js', here));
  if (!existsSync(path)) return undefined;
  return { path, fromSource };
}

/** Starts the parsing thread. */
function startWorker(script: WorkerScript, options: WorkerOptions): Worker {
  if (!script.fromSource) return new Worker(script.path, options);
  const url = JSON.stringify(pathToFileURL(script.path).href);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** Settings of a two-thread count that tests change (see {@link countRegistrationsFileOnTwoThreads}). */
interface TwoThreadTuning {
  /** Bytes per chunk. */
  readonly chunkBytes: number;
  /** Wait for the worker to be ready before the first chunk after the header's (else this thread goes on alone meanwhile). */
  readonly waitForWorker: boolean;
  /** Memory the overlap index may hold before it spills to temporary files. */
  readonly overlapBudgetBytes: number;
}

const DEFAULT_TUNING: TwoThreadTuning = { chunkBytes: REGISTRATION_FILE_CHUNK_BYTES, waitForWorker: false, overlapBudgetBytes: OVERLAP_SPILL_BUDGET_BYTES };

/**
 * The two-thread count with its tuning open, for tests (not in the package's entry): small
 * chunks put many chunk ends in a small file, and waiting for the worker makes it take part
 * however quickly this thread could go alone.
 * @throws InputError as {@link countRegistrationsFile}; an `Error` where this module has no
 * worker script next to it.
 */
export function countRegistrationsFileOnTwoThreads(
  path: string,
  options: CountRegistrationCsvOptions,
  tuning: Partial<TwoThreadTuning> & { readonly threads?: 1 | 2 } = {},
): Promise<RegisteredMeterCounts> {
  const script = countWorkerFile();
  if (script === undefined) throw new Error('no worker script next to registration-files');
  return countOnTwoThreads(path, tuning.threads === 1 ? undefined : script, sizeOf(path), { ...options, source: options.source ?? path }, { ...DEFAULT_TUNING, ...tuning });
}

/** Chunks the parsing thread is given ahead of the counting. */
const WORKER_CHUNKS_AHEAD = 4;
/** Most chunks read and not yet counted (parsed on either thread, or being parsed). */
const MOST_CHUNKS_IN_FLIGHT = 8;
/** How long the counting thread waits for the parsing thread before checking on it, in ms. */
const WAIT_MS = 50;

/**
 * Counts a file on two threads. Both parse: the file is read in chunks, and the body of each
 * chunk (its whole lines) is parsed on whichever thread is free (`parseChunkBody`, which knows
 * nothing of the chunks before). This thread counts the chunks in file order: it splits the
 * bytes around each body itself (the rest of the record begun in the chunk before), and
 * counts the body's parsed rows (`countParsed`) when it is at a record start and the body has
 * no quote, else splits the body itself. So the counts, rejections and messages are those of
 * the one-thread count.
 */
async function countOnTwoThreads(
  path: string,
  script: WorkerScript | undefined,
  totalBytes: number,
  options: CountRegistrationCsvOptions,
  tuning: TwoThreadTuning,
): Promise<RegisteredMeterCounts> {
  const resolved = resolveCountOptions(options);
  const spill = new FileOverlapSpill(tuning.overlapBudgetBytes, resolved.expectedRows || Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW));
  try {
    return await countInChunks(path, script, totalBytes, resolved, options, tuning, spill);
  } finally {
    spill.dispose();
  }
}

/** {@link countOnTwoThreads} with its options checked and its spill made. */
async function countInChunks(
  path: string,
  script: WorkerScript | undefined,
  totalBytes: number,
  resolved: ResolvedCountOptions,
  options: CountRegistrationCsvOptions,
  tuning: TwoThreadTuning,
  spill: FileOverlapSpill,
): Promise<RegisteredMeterCounts> {
  const tally = new RegistrationTally({ ...resolved, overlapSpill: spill });
  const sink = new RegistrationCountSink(tally, resolved);
  const splitter = new CsvRecordSplitter(sink, resolved.at);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  let bytesCounted = 0;
  let position = 0;
  /** The place of the next chunk to read, or undefined at the end of the file. */
  const nextChunk = (): ChunkPlace | undefined => {
    const length = Math.min(tuning.chunkBytes, totalBytes - position);
    if (length <= 0) return undefined;
    const at = { position, length };
    position += length;
    return at;
  };
  /** Buffers of chunks counted, to reuse: for bytes, and for parsed rows. */
  const spareBytes: ArrayBuffer[] = [];
  const spareStorage: ArrayBuffer[] = [];
  const read = (at: ChunkPlace): Uint8Array => {
    try {
      return readChunkAt(fd, at.position, at.length, spareBytes.pop());
    } catch (error) {
      throw unreadableFileError(path, error);
    }
  };
  const readChunk = (): Uint8Array | undefined => {
    const at = nextChunk();
    return at === undefined ? undefined : read(at);
  };
  const counted = (bytes: number) => {
    bytesCounted += bytes;
    options.onProgress?.({ bytesRead: bytesCounted, rowsRead: tally.rowsRead });
  };
  let worker: Worker | undefined;
  let channel: MessageChannel | undefined;
  try {
    // This thread alone, until the header is read.
    let chunk = readChunk();
    while (chunk !== undefined && (sink.header === undefined || script === undefined)) {
      splitter.push(chunk);
      counted(chunk.length);
      spareBytes.push(chunk.buffer as ArrayBuffer);
      chunk = readChunk();
    }
    const header = sink.header;
    if (chunk !== undefined && header !== undefined && script !== undefined) {
      channel = new MessageChannel();
      const parsedCount = new Int32Array(new SharedArrayBuffer(8));
      const data: CountWorkerData = { path, regions: resolved.regions, header, parsed: parsedCount.buffer as SharedArrayBuffer, port: channel.port2 };
      let failure: unknown;
      worker = startWorker(script, { workerData: data, transferList: [channel.port2] });
      worker.on('error', (error) => {
        failure = error;
      });
      while (tuning.waitForWorker && Atomics.load(parsedCount, 1) !== 1) {
        if (Atomics.wait(parsedCount, 1, 0, WAIT_MS) === 'timed-out') {
          await new Promise((resolve) => setImmediate(resolve));
          if (failure !== undefined) throw failure;
        }
      }
      const port = channel.port1;
      /**
       * The chunks read or placed and not yet counted, by number: parsed; or this thread's to
       * parse (its bytes, or its place in the file); or the worker's, still being parsed (null).
       */
      const slots = new Map<number, ChunkParse | Uint8Array | ChunkPlace | null>([[0, chunk]]);
      let chunksPlaced = 1;
      let chunksCounted = 0;
      let withWorker = 0;
      let ended = false;
      /** Parses a chunk of this thread's, by number. */
      const parseHere = (index: number, slot: Uint8Array | ChunkPlace): ChunkParse => {
        const parse = parseChunkBody(slot instanceof Uint8Array ? slot : read(slot), header, resolved.regions, spareStorage.pop());
        slots.set(index, parse);
        return parse;
      };
      for (;;) {
        const seen = Atomics.load(parsedCount, 0);
        // Place the next chunks: on the worker while it has room (once it is ready: it takes
        // a while to start), else on this thread, so that the share of each follows its speed.
        const workerReady = Atomics.load(parsedCount, 1) === 1;
        while (!ended && chunksPlaced - chunksCounted < MOST_CHUNKS_IN_FLIGHT) {
          const at = nextChunk();
          if (at === undefined) ended = true;
          else if (workerReady && withWorker < WORKER_CHUNKS_AHEAD) {
            const bytes = spareBytes.pop();
            const storage = spareStorage.pop();
            if (bytes !== undefined && storage !== undefined) {
              const job: CountWorkerJob = { index: chunksPlaced, position: at.position, length: at.length, reuse: { bytes, storage } };
              port.postMessage(job, [bytes, storage]);
            } else {
              if (bytes !== undefined) spareBytes.push(bytes);
              if (storage !== undefined) spareStorage.push(storage);
              port.postMessage({ index: chunksPlaced, position: at.position, length: at.length } satisfies CountWorkerJob);
            }
            slots.set(chunksPlaced, null);
            withWorker += 1;
            chunksPlaced += 1;
          } else {
            slots.set(chunksPlaced, at);
            chunksPlaced += 1;
          }
        }
        for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
          const result = received.message as CountWorkerResult;
          if ('readError' in result) throw unreadableFileError(path, Object.assign(new Error(result.readError.message), { code: result.readError.code }));
          slots.set(result.index, result.parse);
          withWorker -= 1;
        }
        if (ended && chunksCounted === chunksPlaced) break;
        const head = slots.get(chunksCounted);
        if (head !== null && head !== undefined) {
          const parse = 'headEnd' in head ? head : parseHere(chunksCounted, head);
          slots.delete(chunksCounted);
          countChunk(splitter, sink, parse);
          chunksCounted += 1;
          counted(parse.bytes.length);
          if (spareBytes.length < MOST_CHUNKS_IN_FLIGHT) {
            spareBytes.push(parse.bytes.buffer as ArrayBuffer);
            if (parse.rows !== undefined) spareStorage.push(storageOf(parse.rows));
          }
          if (chunksCounted % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        // The worker has the next chunk: parse one of this thread's meanwhile, if any.
        let parsedHere = false;
        for (let index = chunksCounted + 1; index < chunksPlaced && !parsedHere; index += 1) {
          const slot = slots.get(index);
          if (slot !== null && slot !== undefined && !('headEnd' in slot)) {
            parseHere(index, slot);
            parsedHere = true;
          }
        }
        if (parsedHere) continue;
        if (Atomics.wait(parsedCount, 0, seen, WAIT_MS) === 'timed-out') {
          // Let the worker's events in: an error there would otherwise go unseen.
          await new Promise((resolve) => setImmediate(resolve));
          if (failure !== undefined) throw failure;
        }
      }
    }
    splitter.end();
    sink.flush();
  } catch (error) {
    if (worker !== undefined) void worker.terminate();
    throw error;
  } finally {
    closeSync(fd);
    // Closing the channel ends the worker (it has nothing else to wait for).
    channel?.port1.close();
    worker?.unref();
  }
  if (!sink.hasHeader) {
    throw new InputError([{ ...resolved.at, line: 1, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty file' }]);
  }
  if (tally.spilled) rejectLateOverlaps(path, tally, spill.resolve(), resolved);
  return countResult(resolved, tally);
}

/**
 * Takes the registrations found after the pass to overlap earlier ones out of the count, and
 * rejects their rows, in file order, as one pass would have (decision 0022), with their
 * records read again from the file.
 */
function rejectLateOverlaps(path: string, tally: RegistrationTally, late: readonly LateOverlap[], resolved: ResolvedCountOptions): void {
  if (late.length === 0) return;
  for (const overlap of late) tally.uncount(overlap.cell, overlap.from, overlap.to, overlap.enrolledFrom);
  const records = recordsAtLines(path, new Set(late.map((overlap) => overlap.position)));
  for (const overlap of late) {
    rejectOverlap(tally, { ...resolved.at, line: overlap.position }, overlap.from, overlap.to, overlap.overlapped, true, records.get(overlap.position) ?? '');
  }
}

/** Keeps the text of the records that start on the lines asked for, split as the count splits them. */
class RecordCapture implements CsvRecordSink {
  readonly records = new Map<number, string>();
  readonly #lines: ReadonlySet<number>;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(lines: ReadonlySet<number>) {
    this.#lines = lines;
  }

  fast(bytes: Uint8Array, start: number, newline: number, line: number): boolean {
    const quote = bytes.indexOf(34, start);
    if (quote >= 0 && quote < newline) return false;
    if (this.#lines.has(line)) {
      const end = newline > start && bytes[newline - 1] === 13 ? newline - 1 : newline;
      this.records.set(line, this.#decoder.decode(bytes.subarray(start, end)));
    }
    return true;
  }

  slow(text: string, line: number): void {
    if (this.#lines.has(line)) this.records.set(line, text);
  }
}

/** The records of a file that start on the given lines (one more pass over the file). */
function recordsAtLines(path: string, lines: ReadonlySet<number>): Map<number, string> {
  const capture = new RecordCapture(lines);
  const splitter = new CsvRecordSplitter(capture, { source: path });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  try {
    const buffer = Buffer.allocUnsafeSlow(REGISTRATION_FILE_CHUNK_BYTES);
    for (let position = 0; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      splitter.push(buffer.subarray(0, read));
      position += read;
    }
    splitter.end();
  } catch (error) {
    throw unreadableFileError(path, error);
  } finally {
    closeSync(fd);
  }
  return capture.records;
}

/** Where a chunk is in the file. */
interface ChunkPlace {
  readonly position: number;
  readonly length: number;
}

/**
 * Counts one chunk parsed by `parseChunkBody`: its head completes the record begun before it,
 * its body is counted from its parsed rows when they can be trusted (this thread is at a
 * record start after the head, and the body has no quote) or split here, and its tail begins
 * the next record.
 */
function countChunk(splitter: CsvRecordSplitter, sink: RegistrationCountSink, parse: ChunkParse): void {
  // As a Buffer, like the chunks this thread reads: the splitter and parser then see one kind of array.
  const bytes = Buffer.from(parse.bytes.buffer, parse.bytes.byteOffset, parse.bytes.length);
  splitter.push(bytes.subarray(0, parse.headEnd));
  if (parse.rows !== undefined && splitter.atRecordStart) {
    sink.countParsed(parse.rows, splitter.line - 1);
    splitter.skipLines(parse.bodyLines);
  } else {
    splitter.push(bytes.subarray(parse.headEnd, parse.bodyEnd));
  }
  splitter.push(bytes.subarray(parse.bodyEnd));
}

/**
 * Reads a registration CSV file as row objects, one at a time, each with its `line`; pair it
 * with `countRegisteredMeters` or any processing of your own.
 * @throws InputError for an unreadable or empty file, a bad header, a ragged row or a malformed quote.
 * @example
 * for await (const row of readRegistrationsFile('registrations.csv')) console.log(row.meterPoint);
 */
export function readRegistrationsFile(path: string, options: { readonly source?: string } = {}): AsyncGenerator<RegistrationRow, void, undefined> {
  sizeOf(path);
  return readRegistrationCsvRows(chunksOf(path), { source: options.source ?? path });
}
