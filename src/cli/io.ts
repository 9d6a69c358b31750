/**
 * The command line's contact with the outside: reading input files, writing output.
 * A missing or unreadable file is bad input (exit 2), reported with its path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors/input-error.js';
import { describeFsError, unreadableFileError } from '../node/fs-errors.js';

/** Where a command writes. Tests pass collectors; the real CLI passes the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when standard error is a terminal (progress display). */
  readonly stderrIsTty: boolean;
}


/**
 * Reads a UTF-8 text file.
 * @throws InputError naming the file when it cannot be read.
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
}

/**
 * Writes a UTF-8 text file.
 * @throws InputError naming the file when it cannot be written.
 */
export function writeTextFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, 'utf8');
  } catch (error) {
    throw new InputError([
      { source: path, code: 'unwritableFile', expected: 'a writable file path', received: describeFsError(error) },
    ]);
  }
}

/** Table format of a file from its extension, or undefined to detect from the content. */
export function tableFormatOfPath(path: string): 'csv' | 'json' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}
