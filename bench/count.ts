/**
 * `npm run bench:count [rows] [--from YYYY-MM] [--to YYYY-MM] [--runs N]`: counts a
 * deterministic synthetic register (default 5,000,000 rows) with this library and with DuckDB
 * (two SQL formulations, see count-duckdb.mjs), on the same file in the same run, each in a
 * child process of its own; prints rows per second for each, the ratios, peak memory (maxRSS of
 * each process), and whether the results are identical (exit code 1 when any is not).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GSP_GROUP_REGIONS, DNO_GSP_GROUPS } from '../src/registrations/gsp-groups.js';
import { snapshotsOf } from '../src/registrations/snapshots.js';
import { generateRegistrations } from './generate-registrations.js';

interface ChildResult {
  readonly seconds: number;
  readonly rows: number;
  readonly maxRssKb: number;
  readonly counts: string[];
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const rows = Number((process.argv[2] ?? '').startsWith('--') ? 5_000_000 : (process.argv[2] ?? 5_000_000));
const from = argument('--from', '2025-04');
const to = argument('--to', '2026-03');
const runs = Number(argument('--runs', '3'));
if (!Number.isSafeInteger(rows) || rows < 1 || !Number.isSafeInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:count [rows] [--from YYYY-MM] [--to YYYY-MM] [--runs N]\n');
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(tmpdir(), 'dcc-charges-bench');
mkdirSync(folder, { recursive: true });
const file = join(folder, `registrations-${rows}.csv`);
if (!existsSync(file)) {
  const started = Date.now();
  generateRegistrations(file, rows);
  process.stdout.write(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
const megabytes = statSync(file).size / 1e6;

const snapshots = snapshotsOf(from, to).map((snapshot) => [snapshot.month, snapshot.date]);

function runChild(script: string, args: string[]): ChildResult {
  const output = execFileSync(process.execPath, [join(here, script), ...args], { maxBuffer: 1 << 28, encoding: 'utf8' });
  return JSON.parse(output) as ChildResult;
}

function best(results: ChildResult[]): ChildResult {
  return results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const duckArgs = (variant: string) => [file, JSON.stringify(snapshots), JSON.stringify(DEFAULT_GSP_GROUP_REGIONS), JSON.stringify(DNO_GSP_GROUPS), String(rows), variant];
const ours: ChildResult[] = [];
const joinRuns: ChildResult[] = [];
const pivotRuns: ChildResult[] = [];
for (let run = 0; run < runs; run += 1) {
  ours.push(runChild('count-ours.mjs', [file, from, to]));
  joinRuns.push(runChild('count-duckdb.mjs', duckArgs('join')));
  pivotRuns.push(runChild('count-duckdb.mjs', duckArgs('pivot')));
}
const oursBest = best(ours);
const oursSorted = [...oursBest.counts].sort();
const rate = (result: ChildResult) => rows / result.seconds;
const format = (value: number) => Math.round(value).toLocaleString('en-GB');
const peakMb = (results: ChildResult[]) => Math.max(...results.map((result) => result.maxRssKb)) / 1024;
const line = (label: string, results: ChildResult[]) => {
  const fastest = best(results);
  return `${label.padEnd(16)} ${fastest.seconds.toFixed(2)} s, ${format(rate(fastest)).padStart(9)} rows/s, peak memory ${peakMb(results).toFixed(0)} MB (runs: ${results.map((r) => r.seconds.toFixed(2)).join(', ')} s)`;
};

const report = [
  `file: ${file} (${format(rows)} rows, ${megabytes.toFixed(0)} MB), months ${from} to ${to}, best of ${runs} run(s), node ${process.version}, DuckDB on 2 threads`,
  line('dcc-charges:', ours),
  line('DuckDB (join):', joinRuns),
  line('DuckDB (pivot):', pivotRuns),
];
let allIdentical = true;
for (const [label, results] of [['join', joinRuns], ['pivot', pivotRuns]] as const) {
  const fastest = best(results);
  const theirs = [...fastest.counts].sort();
  const identical = oursSorted.length === theirs.length && oursSorted.every((row, index) => row === theirs[index]);
  allIdentical &&= identical;
  report.push(
    `ratio dcc-charges / DuckDB (${label}) in rows/s: ${(rate(oursBest) / rate(fastest)).toFixed(2)}; results identical: ${identical ? 'yes' : 'NO'} (${oursSorted.length} and ${theirs.length} non-zero count rows)`,
  );
  if (!identical) {
    const onlyOurs = oursSorted.filter((row) => !theirs.includes(row)).slice(0, 5);
    const onlyTheirs = theirs.filter((row) => !oursSorted.includes(row)).slice(0, 5);
    report.push(`  only in dcc-charges: ${onlyOurs.join(' | ')}`, `  only in DuckDB (${label}): ${onlyTheirs.join(' | ')}`);
  }
}
process.stdout.write(`${report.join('\n')}\n`);
if (!allIdentical) process.exitCode = 1;
