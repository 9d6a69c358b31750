/**
 * A progress bar on standard error, for long reads: rows, rows per second and share of the
 * file. Drawn only when standard error is a terminal; silent otherwise (pipes, files, CI).
 */
import type { CliIo } from '../io.js';

/** What a progress bar shows. */
export interface ProgressState {
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/** A progress bar that is updated as reading goes on and finished once. */
export interface ProgressBar {
  update(state: ProgressState): void;
  finish(): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;

/** Writes one progress line (without line end) for `state` after `seconds`. */
export function renderProgressLine(state: ProgressState, seconds: number): string {
  const share = state.totalBytes > 0 ? Math.min(1, state.bytesRead / state.totalBytes) : 1;
  const filled = Math.round(share * WIDTH);
  const rate = seconds > 0 ? Math.round(state.rowsRead / seconds) : 0;
  const number = (value: number) => value.toLocaleString('en-GB');
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${number(state.rowsRead)} rows  ${number(rate)} rows/s`;
}

/**
 * A progress bar on `io.stderr` when `io.stderrIsTty`, else one that draws nothing.
 * @param now - the clock, in milliseconds (tests pass their own).
 */
export function createProgressBar(io: CliIo, now: () => number = Date.now): ProgressBar {
  if (!io.stderrIsTty) return { update: () => undefined, finish: () => undefined };
  const started = now();
  let drawn = -Infinity;
  let last: ProgressState | undefined;
  const draw = (state: ProgressState) => {
    io.stderr(`\r${renderProgressLine(state, (now() - started) / 1000)}`);
  };
  return {
    update(state) {
      last = state;
      const time = now();
      if (time - drawn < REDRAW_MS) return;
      drawn = time;
      draw(state);
    },
    finish() {
      if (last !== undefined) {
        draw(last);
        io.stderr('\n');
      }
    },
  };
}
