/** File-system failures as input problems: the path, and what went wrong in words. */
import { InputError } from '../errors/input-error.js';

/** Says in words why a file could not be used. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The input error for a file that could not be read. */
export function unreadableFileError(path: string, error: unknown): InputError {
  return new InputError([
    { source: path, code: 'unreadableFile', expected: 'a readable file', received: describeFsError(error) },
  ]);
}
