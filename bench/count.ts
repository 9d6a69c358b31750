/**
 * `npm run bench:count -- --rows N [--registrations-per-point K] [--from YYYY-MM] [--to YYYY-MM]
 * [--runs R] [--keep]`: generates a deterministic synthetic register (default 5,000,000 rows;
 * K = 1: about one registration per meter point, a few returning; K > 1, such as 2.5: K per
 * meter point on average, spread over the file), then counts it with `dcc-charges count` and
 * with DuckDB's two SQL formulations (see count-duckdb.mjs), alternating, R rounds (default 3).
 * Each is a whole process, timed from its start to its end, its peak resident memory taken by
 * `/usr/bin/time` (or, where that is missing, reported by the process itself). Prints, for the
 * best of the runs, time, rows per second, peak memory and cores kept busy (CPU time over wall
 * time, from `/usr/bin/time`) of each, the ratio of ours to each
 * DuckDB query, and whether the results are identical (exit code 1 when any is not). The file
 * is removed at the end unless `--keep` is given (it is then reused by the next run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GSP_GROUP_REGIONS, DNO_GSP_GROUPS } from '../src/registrations/gsp-groups.js';
import { snapshotsOf } from '../src/registrations/snapshots.js';
import { cachedInput } from './cached-input.js';
import { generateRegistrations, generateRepeatedRegistrations } from './generate-registrations.js';

interface RunResult {
  readonly seconds: number;
  readonly maxRssKb: number;
  /** User and system CPU time of the whole process (from `/usr/bin/time`; NaN without it). */
  readonly cpuSeconds: number;
  readonly counts: readonly string[];
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const rows = Number(argument('--rows', '5000000'));
const perPoint = Number(argument('--registrations-per-point', '1'));
const from = argument('--from', '2025-04');
const to = argument('--to', '2026-03');
const runs = Number(argument('--runs', '3'));
const keep = process.argv.includes('--keep');
if (
  !Number.isSafeInteger(rows) ||
  rows < 1 ||
  !Number.isSafeInteger(runs) ||
  runs < 1 ||
  !(perPoint >= 1 && perPoint <= 10)
) {
  process.stderr.write(
    'usage: npm run bench:count -- --rows N [--registrations-per-point K (1 to 10)] [--from YYYY-MM] [--to YYYY-MM] [--runs R] [--keep]\n',
  );
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const started = Date.now();
const input = cachedInput(`registrations-${rows}-k${perPoint}.csv`, keep, (path) => {
  if (perPoint === 1) generateRegistrations(path, rows);
  else generateRepeatedRegistrations(path, rows, perPoint);
});
const file = input.file;
const out = input.scratch('counts.csv');
if (input.generated) process.stdout.write(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const megabytes = statSync(file).size / 1e6;
const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command as a whole process: wall time from start to end, peak resident memory (from
 * `/usr/bin/time`, else from the JSON line the process prints, if any) and CPU time (user and
 * system, from `/usr/bin/time`).
 */
function runProcess(args: readonly string[]): {
  seconds: number;
  maxRssKb: number;
  cpuSeconds: number;
  stdout: string;
} {
  const command =
    timer === undefined
      ? [process.execPath, ...args]
      : [timer, '-f', 'bench-max-rss-kb %M bench-cpu-s %U %S', process.execPath, ...args];
  const started = process.hrtime.bigint();
  const child = spawnSync(command[0] as string, command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  const measured = /bench-max-rss-kb (\d+)/.exec(child.stderr);
  const cpu = /bench-cpu-s ([\d.]+) ([\d.]+)/.exec(child.stderr);
  const cpuSeconds = cpu === null ? Number.NaN : Number(cpu[1]) + Number(cpu[2]);
  let maxRssKb = measured === null ? Number.NaN : Number(measured[1]);
  if (measured === null && child.stdout.startsWith('{'))
    maxRssKb = (JSON.parse(child.stdout) as { maxRssKb: number }).maxRssKb;
  return { seconds, maxRssKb, cpuSeconds, stdout: child.stdout };
}

function runOurs(): RunResult {
  rmSync(out, { force: true });
  const run = runProcess([
    join(root, 'dist/cli.js'),
    'count',
    '--registrations',
    file,
    '--from',
    from,
    '--to',
    to,
    '--out',
    out,
  ]);
  const counts = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter((line) => !line.endsWith(',0'));
  rmSync(out, { force: true });
  return { seconds: run.seconds, maxRssKb: run.maxRssKb, cpuSeconds: run.cpuSeconds, counts };
}

const snapshots = snapshotsOf(from, to).map((snapshot) => [snapshot.month, snapshot.date]);
const duckArgs = (variant: string) => [
  join(here, 'count-duckdb.mjs'),
  file,
  JSON.stringify(snapshots),
  JSON.stringify(DEFAULT_GSP_GROUP_REGIONS),
  JSON.stringify(DNO_GSP_GROUPS),
  String(rows),
  variant,
];
function runDuckDb(variant: 'pivot' | 'join'): RunResult {
  const run = runProcess(duckArgs(variant));
  const reported = JSON.parse(run.stdout) as { counts: string[] };
  return { seconds: run.seconds, maxRssKb: run.maxRssKb, cpuSeconds: run.cpuSeconds, counts: reported.counts };
}

const results: Record<'ours' | 'pivot' | 'join', RunResult[]> = { ours: [], pivot: [], join: [] };
for (let run = 0; run < runs; run += 1) {
  // Alternating, so that a change in the machine's load falls on all of them alike.
  results.ours.push(runOurs());
  results.pivot.push(runDuckDb('pivot'));
  results.join.push(runDuckDb('join'));
}

const best = (list: readonly RunResult[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const peakMib = (list: readonly RunResult[]) => Math.max(...list.map((result) => result.maxRssKb)) / 1024;
const format = (value: number) => Math.round(value).toLocaleString('en-GB');
const line = (label: string, list: readonly RunResult[]) => {
  const fastest = best(list);
  // CPU time over wall time: how many of the cores the process kept busy on average (2.00: both, all the time).
  const cores = Number.isNaN(fastest.cpuSeconds) ? '  n/a' : (fastest.cpuSeconds / fastest.seconds).toFixed(2);
  return `${label.padEnd(24)} ${fastest.seconds.toFixed(2).padStart(6)} s ${format(rows / fastest.seconds).padStart(10)} rows/s  peak RSS ${peakMib(list).toFixed(0).padStart(4)} MiB  cores busy ${cores}  (runs ${list.map((r) => r.seconds.toFixed(2)).join(', ')} s)`;
};
const oursBest = best(results.ours);
const oursRows = [...oursBest.counts].sort();
const report = [
  `${file}: ${format(rows)} rows, ${megabytes.toFixed(0)} MB, ${perPoint} registration(s) per meter point; months ${from} to ${to}`,
  `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(
      ' ',
    )} at the end; best of ${runs}, whole processes, alternating; DuckDB on 2 threads; peak RSS ${timer === undefined ? 'reported by each process' : 'by /usr/bin/time'}`,
  line('dcc-charges count', results.ours),
  line('DuckDB, one-scan pivot', results.pivot),
  line('DuckDB, join', results.join),
];
let identical = true;
for (const variant of ['pivot', 'join'] as const) {
  const fastest = best(results[variant]);
  const theirs = [...fastest.counts].sort();
  const same = oursRows.length === theirs.length && oursRows.every((row, index) => row === theirs[index]);
  identical &&= same;
  report.push(
    `ours / DuckDB ${variant}: time ${(oursBest.seconds / fastest.seconds).toFixed(2)}, peak RSS ${(peakMib(results.ours) / peakMib(results[variant])).toFixed(2)}; results identical: ${same ? 'yes' : 'NO'} (${oursRows.length} and ${theirs.length} non-zero counts)`,
  );
  if (!same) {
    report.push(
      `  only ours: ${oursRows
        .filter((row) => !theirs.includes(row))
        .slice(0, 5)
        .join(' | ')}`,
    );
    report.push(
      `  only DuckDB ${variant}: ${theirs
        .filter((row) => !oursRows.includes(row))
        .slice(0, 5)
        .join(' | ')}`,
    );
  }
}
process.stdout.write(`${report.join('\n')}\n`);
input.release();
if (!identical) process.exitCode = 1;
