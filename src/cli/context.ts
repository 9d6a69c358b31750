/** What every command is given: where to write, and where to leave its exit code. */
import type { CliIo } from './io.js';

/** Shared state of one command-line run. */
export interface CliContext {
  readonly io: CliIo;
  /** The exit code a command asks for when it finishes normally (default 0). */
  exitCode: number;
}

/** Writes JSON with two-space indentation and a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
