/**
 * Registration files on disk (Node only): counted or read as a stream, in memory that does
 * not grow with the file.
 */
import { COUNT_OPTION_FIELDS } from '../registrations/count-options.js';
import { checkArguments, SOURCE } from '../errors/arguments.js';
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InputError } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import {
  countResult,
  countResultByUser,
  rejectOverlap,
  resolveCountOptions,
  type CountByUserOptions,
  type RegisteredMeterCounts,
  type RegisteredMeterCountsByUser,
  type ResolvedCountOptions,
} from '../registrations/count-options.js';
import {
  countRegistrationCsv,
  readRegistrationCsvRows,
  RegistrationCountSink,
  type CountProgress,
  type CountRegistrationCsvOptions,
} from '../registrations/registration-csv.js';
import type { RegistrationColumn, RegistrationRow } from '../registrations/registration.js';
import { RegistrationTally } from '../registrations/tally.js';
import { CsvRecordSplitter, type CsvRecordSink } from '../tables/csv-records.js';
import { parseChunkBody, storageOf, type ChunkParse } from '../registrations/parsed-rows.js';
import { CountHelper, countWorkerScript, helperCheckError, type WorkerScript } from './count-helper.js';
import { FileChunks, readFileInChunks, type ChunkPlace } from './file-chunks.js';
import {
  checkPartitions,
  FileOverlapSpill,
  OVERLAP_SPILL_BUDGET_BYTES,
  PartitionQueue,
  type LateOverlap,
  type SpillSettings,
} from './overlap-spill.js';
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
   * {@link OVERLAP_SPILL_BUDGET_BYTES} (16 MiB); `Infinity` keeps the whole index in memory.
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
 * @clause K4-K6 (the meter counts behind per-meter charges; our counting rule [R], docs/registrations.md)
 * @param path - the file, UTF-8 CSV with a header row (a byte-order mark and CRLF are fine).
 * @param options - the months and settings; `onProgress` gets the share of the file read.
 * @throws InputError for an unreadable or empty file, a bad header, bad options, and in
 * strict mode the first invalid rows with their lines (the header being line 1).
 * @example
 * const counts = await countRegistrationsFile('registrations.csv', { from: '2025-04', to: '2026-03' });
 */
export async function countRegistrationsFile(
  path: string,
  options: CountByUserOptions<CountRegistrationsFileOptions>,
): Promise<RegisteredMeterCountsByUser>;
export async function countRegistrationsFile(
  path: string,
  options: CountRegistrationsFileOptions,
): Promise<RegisteredMeterCounts>;
export async function countRegistrationsFile(
  path: string,
  options: CountRegistrationsFileOptions,
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  checkArguments('countRegistrationsFile', [
    ['path', path, { shape: 'text', expected: 'the path of a registration CSV file' }],
    [
      'options',
      options,
      {
        shape: 'object',
        fields: {
          ...COUNT_OPTION_FIELDS,
          onProgress: { shape: 'function', optional: true },
          threads: { shape: 'number', optional: true, expected: '1 or 2' },
          overlapMemoryBytes: { shape: 'number', optional: true },
        },
      },
    ],
  ]);
  const totalBytes = sizeOf(path);
  const { onProgress, threads, overlapMemoryBytes, ...rest } = options;
  if (overlapMemoryBytes !== undefined && !(overlapMemoryBytes > 0)) {
    throw new InputError([
      {
        field: 'overlapMemoryBytes',
        code: 'invalidValue',
        expected: 'a number of bytes above 0 (or Infinity)',
        received: JSON.stringify(overlapMemoryBytes) ?? String(overlapMemoryBytes),
      },
    ]);
  }
  const worker = countWorkerScript();
  const twoThreads =
    threads === undefined ? totalBytes >= TWO_THREAD_MIN_BYTES && availableParallelism() >= 2 : threads === 2;
  if ((twoThreads && worker !== undefined) || totalBytes >= TWO_THREAD_MIN_BYTES) {
    return countOnTwoThreads(
      path,
      twoThreads ? worker : undefined,
      totalBytes,
      {
        ...rest,
        source: options.source ?? path,
        expectedRows: options.expectedRows ?? Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
        ...(onProgress === undefined
          ? {}
          : { onProgress: (progress: CountProgress) => onProgress({ ...progress, totalBytes }) }),
      },
      { ...DEFAULT_TUNING, overlapBudgetBytes: overlapMemoryBytes ?? OVERLAP_SPILL_BUDGET_BYTES },
    );
  }
  return countRegistrationCsv(chunksOf(path), {
    ...rest,
    source: options.source ?? path,
    expectedRows: options.expectedRows ?? Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
    ...(onProgress === undefined
      ? {}
      : { onProgress: (progress: CountProgress) => onProgress({ ...progress, totalBytes }) }),
  });
}

/** Settings of a two-thread count that tests change (see {@link countRegistrationsFileOnTwoThreads}). */
interface TwoThreadTuning {
  /** Bytes per chunk. */
  readonly chunkBytes: number;
  /** Wait for the worker to be ready before the first chunk after the header's (else this thread goes on alone meanwhile). */
  readonly waitForWorker: boolean;
  /** Memory the overlap index may hold before it spills to temporary files. */
  readonly overlapBudgetBytes: number;
  /** Where the spill writes, and the free space it sees there. */
  readonly spill?: SpillSettings;
}

const DEFAULT_TUNING: TwoThreadTuning = {
  chunkBytes: REGISTRATION_FILE_CHUNK_BYTES,
  waitForWorker: false,
  overlapBudgetBytes: OVERLAP_SPILL_BUDGET_BYTES,
};

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
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  const script = countWorkerScript();
  if (script === undefined) throw new Error('no worker script next to registration-files');
  return countOnTwoThreads(
    path,
    tuning.threads === 1 ? undefined : script,
    sizeOf(path),
    { ...options, source: options.source ?? path },
    { ...DEFAULT_TUNING, ...tuning },
  );
}

/** Chunks the parsing thread is given ahead of the counting. */
const WORKER_CHUNKS_AHEAD = 4;
/** Most chunks read and not yet counted (parsed on either thread, or being parsed). */
const MOST_CHUNKS_IN_FLIGHT = 8;
/** Chunks counted between two turns of the event loop (a signal is handled there). */
const CHUNKS_BETWEEN_TURNS = 64;

/**
 * Counts a file in chunks, on two threads when `script` is given (decision 0025): the steps
 * are {@link countUntilHeader} (this thread alone), {@link countWithHelper} (both threads
 * parse, this one counts in file order), and, when the overlap check spilled,
 * {@link checkSpilledOverlaps} (both threads check partitions) and {@link rejectLateOverlaps}.
 * The counts, rejections and messages are those of the one-thread count.
 */
async function countOnTwoThreads(
  path: string,
  script: WorkerScript | undefined,
  totalBytes: number,
  options: CountRegistrationCsvOptions,
  tuning: TwoThreadTuning,
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  const resolved = resolveCountOptions(options);
  const spill = new FileOverlapSpill(
    tuning.overlapBudgetBytes,
    resolved.expectedRows || Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
    tuning.spill,
  );
  try {
    return await countInChunks(path, script, totalBytes, resolved, options, tuning, spill);
  } finally {
    spill.dispose();
  }
}

/** The counting side of a chunked count: the tally, and the record splitter feeding it. */
interface ChunkCounter {
  readonly tally: RegistrationTally;
  readonly sink: RegistrationCountSink;
  readonly splitter: CsvRecordSplitter;
  /** Reports the bytes of a chunk counted. */
  readonly counted: (bytes: number) => void;
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
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  const tally = new RegistrationTally({ ...resolved, overlapSpill: spill });
  const sink = new RegistrationCountSink(tally, resolved);
  let bytesCounted = 0;
  const counter: ChunkCounter = {
    tally,
    sink,
    splitter: new CsvRecordSplitter(sink, resolved.at),
    counted: (bytes) => {
      bytesCounted += bytes;
      options.onProgress?.({ bytesRead: bytesCounted, rowsRead: tally.rowsRead });
    },
  };
  const file = FileChunks.open(path, totalBytes, tuning.chunkBytes);
  let helper: CountHelper | undefined;
  let failed = false;
  try {
    const first = await countUntilHeader(file, counter, script === undefined);
    const header = sink.header;
    if (first !== undefined && header !== undefined && script !== undefined) {
      helper = CountHelper.start(script, path, header, resolved.regions, resolved.byUser);
      if (tuning.waitForWorker) await helper.waitUntilReady();
      await countWithHelper(file, counter, helper, first, header, resolved);
    }
    counter.splitter.end();
    sink.flush();
    if (!sink.hasHeader) {
      throw new InputError([
        {
          ...resolved.at,
          line: 1,
          code: 'emptyFile',
          expected: 'a header row naming the columns',
          received: 'an empty file',
        },
      ]);
    }
    if (tally.spilled) rejectLateOverlaps(path, tally, await checkSpilledOverlaps(spill, helper), resolved);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    file.close();
    helper?.stop(failed);
  }
  return resolved.byUser ? countResultByUser(resolved, tally) : countResult(resolved, tally);
}

/**
 * Counts chunks on this thread alone: all of them when `alone`, else until the header is
 * read (the second thread needs it).
 * @returns the first chunk not counted, or undefined at the end of the file.
 */
async function countUntilHeader(
  file: FileChunks,
  counter: ChunkCounter,
  alone: boolean,
): Promise<Uint8Array | undefined> {
  let chunk = file.readNext();
  for (let chunks = 1; chunk !== undefined && (alone || counter.sink.header === undefined); chunks += 1) {
    counter.splitter.push(chunk);
    counter.counted(chunk.length);
    file.spare.push(chunk.buffer as ArrayBuffer);
    if (chunks % CHUNKS_BETWEEN_TURNS === 0) await turn();
    chunk = file.readNext();
  }
  return chunk;
}

/** Lets the event loop take a turn (a signal handler, a thread's messages). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The chunks read or placed and not yet counted, by number: parsed; this thread's to parse
 * (its bytes, or its place in the file); or the second thread's, being parsed (null).
 */
type ChunkSlot = ChunkParse | Uint8Array | ChunkPlace | null;

/**
 * Counts the rest of the file with the second thread (see {@link countOnTwoThreads}). Each
 * step places chunks (on the second thread while it has fewer than
 * {@link WORKER_CHUNKS_AHEAD}, so that the share of each thread follows its speed), takes the
 * parses it sent, then counts the next chunk in file order if it is parsed (parsing it here
 * first if it is this thread's); if the second thread has it, this thread parses one of its
 * own meanwhile, or waits.
 */
async function countWithHelper(
  file: FileChunks,
  counter: ChunkCounter,
  helper: CountHelper,
  first: Uint8Array,
  header: readonly RegistrationColumn[],
  resolved: ResolvedCountOptions,
): Promise<void> {
  const slots = new Map<number, ChunkSlot>([[0, first]]);
  /** Buffers for parsed rows of chunks counted, to reuse. */
  const spareStorage: ArrayBuffer[] = [];
  let placed = 1;
  let counted = 0;
  let withHelper = 0;
  let ended = false;
  const parseHere = (index: number, slot: Uint8Array | ChunkPlace): ChunkParse => {
    const parse = parseChunkBody(
      slot instanceof Uint8Array ? slot : file.read(slot),
      header,
      resolved.regions,
      spareStorage.pop(),
      resolved.byUser,
    );
    slots.set(index, parse);
    return parse;
  };
  const place = () => {
    while (!ended && placed - counted < MOST_CHUNKS_IN_FLIGHT) {
      const at = file.next();
      if (at === undefined) ended = true;
      else if (helper.ready && withHelper < WORKER_CHUNKS_AHEAD) {
        postParse(helper, placed, at, file.spare, spareStorage);
        slots.set(placed, null);
        withHelper += 1;
      } else slots.set(placed, at);
      if (!ended) placed += 1;
    }
  };
  const takeParsed = () => {
    for (let result = helper.receive(); result !== undefined; result = helper.receive()) {
      if (result.kind === 'readError')
        throw unreadableFileError(
          file.path,
          Object.assign(new Error(result.readError.message), { code: result.readError.code }),
        );
      if (result.kind !== 'parsed') throw new InvariantError('unreachable', `a ${result.kind} result while parsing`);
      slots.set(result.index, result.parse);
      withHelper -= 1;
    }
  };
  const parseOneAhead = (): boolean => {
    for (let index = counted + 1; index < placed; index += 1) {
      const slot = slots.get(index);
      if (slot !== null && slot !== undefined && !('headEnd' in slot)) {
        parseHere(index, slot);
        return true;
      }
    }
    return false;
  };
  for (;;) {
    const seen = helper.sent;
    place();
    takeParsed();
    if (ended && counted === placed) return;
    const head = slots.get(counted);
    if (head !== null && head !== undefined) {
      const parse = 'headEnd' in head ? head : parseHere(counted, head);
      slots.delete(counted);
      countChunk(counter.splitter, counter.sink, parse);
      counted += 1;
      counter.counted(parse.bytes.length);
      if (file.spare.length < MOST_CHUNKS_IN_FLIGHT) {
        file.spare.push(parse.bytes.buffer as ArrayBuffer);
        if (parse.rows !== undefined) spareStorage.push(storageOf(parse.rows));
      }
      if (counted % CHUNKS_BETWEEN_TURNS === 0) await turn();
    } else if (!parseOneAhead()) {
      await helper.wait(seen);
    }
  }
}

/** Gives the second thread a chunk to parse, with spare buffers to reuse when there are both. */
function postParse(
  helper: CountHelper,
  index: number,
  at: ChunkPlace,
  spareBytes: ArrayBuffer[],
  spareStorage: ArrayBuffer[],
): void {
  const bytes = spareBytes.pop();
  const storage = spareStorage.pop();
  if (bytes !== undefined && storage !== undefined) {
    helper.post({ kind: 'parse', index, position: at.position, length: at.length, reuse: { bytes, storage } }, [
      bytes,
      storage,
    ]);
    return;
  }
  if (bytes !== undefined) spareBytes.push(bytes);
  if (storage !== undefined) spareStorage.push(storage);
  helper.post({ kind: 'parse', index, position: at.position, length: at.length });
}

/**
 * Checks the spilled partitions, on both threads when there is a second one (each takes the
 * next partition from a shared counter), and lists the registrations found to overlap an
 * earlier one, in file order.
 */
async function checkSpilledOverlaps(spill: FileOverlapSpill, helper: CountHelper | undefined): Promise<LateOverlap[]> {
  const paths = spill.finish();
  const next = new Int32Array(new SharedArrayBuffer(4));
  helper?.post({ kind: 'check', paths, next: next.buffer as SharedArrayBuffer });
  const late = await checkPartitions(new PartitionQueue(paths, next), turn);
  if (helper !== undefined) {
    const result = await helper.next();
    if (result.kind === 'checkError') throw helperCheckError(result.message);
    if (result.kind !== 'checked') throw new InvariantError('unreachable', `a ${result.kind} result while checking`);
    for (const overlap of result.late) late.push(overlap);
  }
  return late.sort((a, b) => a.position - b.position);
}

/**
 * Takes the registrations found after the pass to overlap earlier ones out of the count, and
 * rejects their rows, in file order, as one pass would have (decision 0022), with their
 * records read again from the file.
 */
function rejectLateOverlaps(
  path: string,
  tally: RegistrationTally,
  late: readonly LateOverlap[],
  resolved: ResolvedCountOptions,
): void {
  if (late.length === 0) return;
  for (const overlap of late) tally.uncount(overlap.cell, overlap.from, overlap.to, overlap.enrolledFrom);
  const records = recordsAtLines(path, new Set(late.map((overlap) => overlap.position)));
  for (const overlap of late) {
    const record = records.get(overlap.position) ?? '';
    rejectOverlap(
      tally,
      { ...resolved.at, line: overlap.position },
      overlap.from,
      overlap.to,
      overlap.overlapped,
      true,
      record,
      RegistrationTally.userOfCell(overlap.cell),
    );
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
  readFileInChunks(path, REGISTRATION_FILE_CHUNK_BYTES, (chunk) => splitter.push(chunk));
  splitter.end();
  return capture.records;
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
export function readRegistrationsFile(
  path: string,
  options: { readonly source?: string } = {},
): AsyncGenerator<RegistrationRow, void, undefined> {
  checkArguments('readRegistrationsFile', [
    ['path', path, { shape: 'text', expected: 'the path of a registration CSV file' }],
    ['options', options, { shape: 'object', fields: { source: SOURCE } }],
  ]);
  sizeOf(path);
  return readRegistrationCsvRows(chunksOf(path), { source: options.source ?? path });
}
