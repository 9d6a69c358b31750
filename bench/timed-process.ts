/** Whole-process timings for the benchmarks that compare runs of `node`, with the peak memory that `/usr/bin/time` reports. */
import { spawnSync } from 'node:child_process';

/** What one timed process gave. */
export interface TimedProcess {
  /** Wall time from start to end. */
  readonly seconds: number;
  /** Peak resident memory in kB, from `/usr/bin/time` (NaN when it printed none). */
  readonly maxRssKb: number;
  readonly stdout: string;
}

/**
 * Runs `node ARGS` as a whole process under `/usr/bin/time` (GNU time), in `cwd`.
 * @throws when the process exits with a status not in `okStatuses` (default: 0 only), with its standard error.
 */
export function runTimedNode(args: readonly string[], cwd: string, okStatuses: readonly number[] = [0]): TimedProcess {
  const started = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', 'bench-max-rss-kb %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status === null || !okStatuses.includes(child.status)) {
    throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  }
  const measured = /bench-max-rss-kb (\d+)/.exec(child.stderr);
  return { seconds, maxRssKb: measured === null ? Number.NaN : Number(measured[1]), stdout: child.stdout };
}
