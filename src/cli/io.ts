/**
 * The command line's contact with the outside: reading input files, writing output.
 * A missing or unreadable file is bad input (exit 2), reported with its path.
 */
import { readFileSync } from 'node:fs';
import { readFileInChunks } from '../node/file-chunks.js';
import { InputError } from '../errors/input-error.js';
import { unreadableFileError } from '../node/fs-errors.js';
import { decodeUtf8File } from '../text/encoding.js';
import { STANDARD_STREAM, type NamedPath } from '../node/safe-files.js';
import type { CsvChunks } from '../tables/csv-chunks.js';

/** Where a command writes. Tests pass collectors; the real CLI passes the process streams. */
export interface CliIo {
  /** Standard output: text, or the bytes of a binary report written with `--out -`. */
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  /** True when standard error is a terminal (progress display). */
  readonly stderrIsTty: boolean;
  /** True when standard output is a terminal (a binary report is never written to one). */
  readonly stdoutIsTty?: boolean;
  /** Reads all of standard input (its bytes, or text already decoded); the real CLI reads file descriptor 0. */
  readonly readStdin?: () => string | Uint8Array;
}

/** Every file read by the run under way, so that no output lands on one of them. */
const inputsRead: NamedPath[] = [];
let stdinReader: (() => string | Uint8Array) | undefined;

/** Starts a run: forgets the inputs of the last one. Called by `runCli`. */
export function beginRun(io: CliIo): void {
  inputsRead.length = 0;
  stdinReader = io.readStdin;
}

/** The files read so far in this run. */
export function inputsOfRun(): readonly NamedPath[] {
  return inputsRead;
}

/**
 * Reads a UTF-8 text file, or standard input for `-`, and records it as an input of the run.
 * @throws InputError naming the file when it cannot be read, when `-` is read twice, or when
 * the text is not UTF-8 (`invalidEncoding`, naming the encoding found; decision 0061).
 */
export function readTextFile(path: string): string {
  const content = readInputFile(path);
  return typeof content === 'string' ? content : decodeUtf8File(content, path);
}

/**
 * Reads a file as bytes (a workbook or text, told apart by the caller), or standard input for
 * `-` as text, and records it as an input of the run.
 * @throws InputError naming the file when it cannot be read, or when `-` is read twice.
 */
export function readInputFile(path: string): Uint8Array | string {
  if (path === STANDARD_STREAM) {
    if (inputsRead.some((input) => input.path === STANDARD_STREAM) || stdinReader === undefined) {
      throw new InputError([
        {
          source: '-',
          code: 'repeatedStandardStream',
          expected:
            stdinReader === undefined
              ? 'a file path (standard input cannot be read here)'
              : 'standard input ("-") for one input at most',
        },
      ]);
    }
    inputsRead.push({ option: 'standard input', path });
    const input = stdinReader();
    return typeof input === 'string' ? input : decodeUtf8File(input, 'standard input');
  }
  inputsRead.push({ option: path, path });
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadableFileError(path, error);
  }
}

/** The size of the chunks a CSV file read a chunk at a time is read in. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file to read a chunk at a time (a CSV table too large to hold), recorded as an input of
 * the run. The file is opened when it is read, and closed after, whatever happens.
 * @throws InputError (when read) naming the file when it cannot be opened or read.
 */
export function readInputChunks(path: string): CsvChunks {
  inputsRead.push({ option: path, path });
  return {
    kind: 'csvChunks',
    source: path,
    // One buffer for every chunk: the splitter copies the part of a record it keeps for the next.
    read: (take) => readFileInChunks(path, CHUNK_BYTES, take),
  };
}

/** Table format of a file from its extension, or undefined to detect from the content. */
export function tableFormatOfPath(path: string): 'csv' | 'json' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}
