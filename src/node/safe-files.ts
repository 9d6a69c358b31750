/**
 * Files written whole or not at all, and temporary paths that never outlive the process.
 *
 * Every file the command line or the Node entry writes goes through {@link AtomicFile}: the bytes go
 * to a temporary file beside the target, which is renamed over the target only once it is complete.
 * An interrupted or failed run therefore leaves the old file or the complete new one, never half of
 * one. Every temporary path is tracked: on SIGINT or SIGTERM the tracked paths are removed and, when
 * no other listener handles the signal, the signal is raised again so that the process ends with the
 * conventional status (130 or 143). They are also removed when the process exits.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, type InputIssue } from '../errors/input-error.js';
import { describeFsError } from './fs-errors.js';

const tracked = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let installed = false;

function removeTracked(): void {
  for (const path of tracked) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done for a path that cannot be removed while the process ends.
    }
  }
  tracked.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTracked();
  uninstall();
  // Raised again only when nobody else listens, so that a host program keeps its own handling.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', removeTracked);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', removeTracked);
}

/**
 * Tracks a temporary file or folder: it is removed (recursively) on SIGINT, SIGTERM or exit.
 * @returns a function that stops tracking it (call it once the path is removed or renamed).
 */
export function trackTemporary(path: string): () => void {
  const absolute = resolve(path);
  tracked.add(absolute);
  install();
  return () => {
    tracked.delete(absolute);
    if (tracked.size === 0) uninstall();
  };
}

/** The number of temporary paths tracked now (for tests). */
export function trackedTemporaryCount(): number {
  return tracked.size;
}

function unwritable(path: string, error: unknown): InputError {
  return new InputError([
    { source: path, code: 'unwritableFile', expected: 'a writable file path', received: describeFsError(error) },
  ]);
}

/** The file a write to `path` lands in: the target of a symbolic link, so that the link stays. */
function landingPath(path: string): string {
  const absolute = resolve(path);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

/** A file being written: nothing is at the target until {@link AtomicFile.commit}. */
export class AtomicFile {
  readonly #target: string;
  readonly #temporary: string;
  readonly #untrack: () => void;
  #fd: number | undefined;

  private constructor(target: string, temporary: string, fd: number, untrack: () => void) {
    this.#target = target;
    this.#temporary = temporary;
    this.#fd = fd;
    this.#untrack = untrack;
  }

  /**
   * Starts writing `path` through a temporary file in the same folder.
   * @throws InputError naming the path when the folder cannot be written.
   */
  static open(path: string): AtomicFile {
    const target = landingPath(path);
    const temporary = join(
      dirname(target),
      `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
    );
    const untrack = trackTemporary(temporary);
    try {
      return new AtomicFile(target, temporary, openSync(temporary, 'wx'), untrack);
    } catch (error) {
      untrack();
      throw unwritable(path, error);
    }
  }

  /** The file this writes. */
  get path(): string {
    return this.#target;
  }

  /**
   * Appends text (UTF-8) or bytes.
   * @throws InputError when the write fails (a full disk, say); the temporary file is removed.
   */
  write(chunk: string | Uint8Array): void {
    const fd = this.#openFd();
    try {
      if (typeof chunk === 'string') writeSync(fd, chunk, null, 'utf8');
      else {
        let offset = 0;
        while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset);
      }
    } catch (error) {
      this.abort();
      throw unwritable(this.#target, error);
    }
  }

  /** Puts the complete file in place of the target. */
  commit(): void {
    const fd = this.#openFd();
    this.#fd = undefined;
    try {
      closeSync(fd);
      renameSync(this.#temporary, this.#target);
    } catch (error) {
      rmSync(this.#temporary, { force: true });
      throw unwritable(this.#target, error);
    } finally {
      this.#untrack();
    }
  }

  /** Removes the temporary file; the target is left as it was. Safe to call more than once. */
  abort(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    try {
      closeSync(fd);
    } finally {
      rmSync(this.#temporary, { force: true });
      this.#untrack();
    }
  }

  #openFd(): number {
    if (this.#fd === undefined) throw new Error(`${this.#target} is no longer open for writing`);
    return this.#fd;
  }
}

/**
 * Writes a whole file atomically.
 * @throws InputError naming the path when it cannot be written; the target is then unchanged.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const file = AtomicFile.open(path);
  try {
    file.write(content);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}

/** A path given for an option, such as `{ option: '--out', path: 'report.csv' }`. */
export interface NamedPath {
  readonly option: string;
  readonly path: string;
}

/** The identity of a path: its device and inode when it exists, and its real absolute path. */
interface PathIdentity {
  readonly inode: string | undefined;
  readonly real: string;
}

function identityOf(path: string): PathIdentity {
  const absolute = resolve(path);
  try {
    const stats = statSync(absolute);
    return { inode: `${stats.dev}:${stats.ino}`, real: realpathSync(absolute) };
  } catch {
    // A path that does not exist yet: its folder may still be reached through a link.
    let folder: string;
    try {
      folder = realpathSync(dirname(absolute));
    } catch {
      folder = dirname(absolute);
    }
    return { inode: undefined, real: join(folder, basename(absolute)) };
  }
}

function samePath(a: PathIdentity, b: PathIdentity): boolean {
  return (a.inode !== undefined && a.inode === b.inode) || a.real === b.real;
}

/** The standard streams' name in path options. */
export const STANDARD_STREAM = '-';

/**
 * Refuses, before any work, an output that is one of the inputs (compared by real path and by
 * device and inode, so that a symbolic or hard link is caught), two outputs on one path, and
 * standard input or output named twice.
 * @throws InputError naming both options of each clash.
 */
export function refuseClashingPaths(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  const issues: InputIssue[] = [];
  const stdinUsers = inputs.filter((input) => input.path === STANDARD_STREAM);
  if (stdinUsers.length > 1) {
    issues.push({
      field: stdinUsers[1]?.option ?? '-',
      code: 'repeatedStandardStream',
      expected: 'standard input ("-") for one input at most',
      received: `"-" for ${stdinUsers.map((input) => input.option).join(' and ')}`,
    });
  }
  const stdoutUsers = outputs.filter((output) => output.path === STANDARD_STREAM);
  if (stdoutUsers.length > 1) {
    issues.push({
      field: stdoutUsers[1]?.option ?? '-',
      code: 'repeatedStandardStream',
      expected: 'standard output ("-") for one output at most',
      received: `"-" for ${stdoutUsers.map((output) => output.option).join(' and ')}`,
    });
  }
  const inputIds = inputs
    .filter((input) => input.path !== STANDARD_STREAM)
    .map((input) => ({ ...input, id: identityOf(input.path) }));
  const outputIds: (NamedPath & { id: PathIdentity })[] = [];
  for (const output of outputs) {
    if (output.path === STANDARD_STREAM) continue;
    const id = identityOf(output.path);
    const input = inputIds.find((candidate) => samePath(candidate.id, id));
    if (input !== undefined) {
      issues.push({
        field: output.option,
        code: 'outputIsInput',
        expected: `an output path that is not one of the inputs (${output.option} would overwrite ${input.option})`,
        received: `${JSON.stringify(output.path)}, the same file as ${input.option} ${JSON.stringify(input.path)}`,
      });
    }
    const earlier = outputIds.find((candidate) => samePath(candidate.id, id));
    if (earlier !== undefined) {
      issues.push({
        field: output.option,
        code: 'repeatedOutput',
        expected: `a path of its own for each output (${earlier.option} and ${output.option} name the same file)`,
        received: JSON.stringify(output.path),
      });
    }
    outputIds.push({ ...output, id });
  }
  if (issues.length > 0) throw new InputError(issues);
}
