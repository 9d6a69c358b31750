/**
 * Registration files on disk (Node only): counted or read as a stream, in memory that does
 * not grow with the file.
 */
import { createReadStream, statSync } from 'node:fs';
import { InputError } from '../errors/input-error.js';
import type { RegisteredMeterCounts } from '../registrations/count-options.js';
import {
  countRegistrationCsv,
  readRegistrationCsvRows,
  type CountProgress,
  type CountRegistrationCsvOptions,
} from '../registrations/registration-csv.js';
import type { RegistrationRow } from '../registrations/registration.js';

/** Bytes per row assumed when guessing a file's rows from its size (to size the overlap index). */
export const GUESSED_BYTES_PER_ROW = 64;

/** Bytes read from the file at a time. */
export const REGISTRATION_FILE_CHUNK_BYTES = 1 << 20;

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
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function unreadable(path: string, error: unknown): InputError {
  return new InputError([{ source: path, code: 'unreadableFile', expected: 'a readable file', received: describeFsError(error) }]);
}

function sizeOf(path: string): number {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    return stats.size;
  } catch (error) {
    throw unreadable(path, error);
  }
}

async function* chunksOf(path: string): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: REGISTRATION_FILE_CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(path, error);
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
  const { onProgress, ...rest } = options;
  return countRegistrationCsv(chunksOf(path), {
    ...rest,
    source: options.source ?? path,
    expectedRows: options.expectedRows ?? Math.ceil(totalBytes / GUESSED_BYTES_PER_ROW),
    ...(onProgress === undefined ? {} : { onProgress: (progress: CountProgress) => onProgress({ ...progress, totalBytes }) }),
  });
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
