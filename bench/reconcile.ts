/**
 * `npm run bench:reconcile -- --lines N [--differences D] [--shuffled] [--runs R] [--baseline DIR]`:
 * reconciles an invoice of N elective lines (plus the per-meter lines of a small User), D of
 * them a penny too high (default 10), listed in the order of the expected lines or, with
 * `--shuffled`, in an order of their own, three ways, alternating, best of R (default 3):
 *
 * - `library`: the library held in memory (`readInvoice`, then `reconcileInvoice` listing every
 *   line), in a child process of its own (`reconcile-child.ts`) that builds the expected
 *   charges first; reading the file is part of the time measured. With `--baseline DIR`, the
 *   same with the build in DIR (another version's `dist`), for comparison in the same run.
 * - `cli all`: the whole `dcc-charges reconcile` process on the files (statement, meters,
 *   elective lines, invoice), writing the CSV report of every line;
 * - `cli differing`: the same with `--listing differing`, writing the JSON report of the lines
 *   that differ.
 *
 * The input files are written first, once, by another process (`reconcile-invoice.ts`), in a
 * temporary folder removed at the end (also on Ctrl-C). Prints the time, the time per line,
 * the peak resident memory of each process (from `/usr/bin/time`) and whether the three agree
 * (the same counts of each status).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, tmpdir } from 'node:os';
import { trackTemporary } from '../src/node/safe-files.js';
import { BENCH_MONTH, BENCH_STATEMENT } from './reconcile-inputs.js';
import { runTimedNode } from './timed-process.js';

interface Measured {
  readonly label: string;
  readonly seconds: number;
  readonly maxRssKb: number;
  /** How many lines of each status, as the run reports them. */
  readonly counts: string;
  readonly detail?: string;
}

function argument(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const lines = Number(argument('--lines', '1000000'));
const differences = Number(argument('--differences', '10'));
const runs = Number(argument('--runs', '3'));
const baseline = argument('--baseline', undefined);
const order = process.argv.includes('--shuffled') ? 'shuffled' : 'expected';
if (
  !Number.isSafeInteger(lines) ||
  lines < 1 ||
  !Number.isSafeInteger(differences) ||
  differences < 0 ||
  differences > lines ||
  !Number.isSafeInteger(runs) ||
  runs < 1
) {
  process.stderr.write(
    'usage: npm run bench:reconcile -- --lines N [--differences D] [--shuffled] [--runs R] [--baseline DIST_FOLDER]\n',
  );
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('bench:reconcile needs /usr/bin/time (GNU time) for the peak memory of each process\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const ours = join(root, 'dist');
const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-bench-reconcile-'));
const untrack = trackTemporary(folder);
const file = (name: string) => join(folder, name);

const writer = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(here, 'reconcile-invoice.ts'), ours, String(lines), String(differences), folder, order],
  { encoding: 'utf8' },
);
if (writer.status !== 0) throw new Error(`writing the inputs failed (${writer.status}): ${writer.stderr}`);

/** The counts of a reconciliation as one comparable text. */
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');

function runLibrary(library: string, label: string): Measured {
  const run = runTimedNode(
    ['--expose-gc', '--import', 'tsx', join(here, 'reconcile-child.ts'), library, String(lines), file('invoice.csv')],
    root,
  );
  const result = JSON.parse(run.stdout) as {
    readSeconds: number;
    reconcileSeconds: number;
    counts: Record<string, number>;
  };
  return {
    label,
    seconds: run.seconds,
    maxRssKb: run.maxRssKb,
    counts: countsText(result.counts),
    detail: `in the process: read ${result.readSeconds.toFixed(2)} s + reconcile ${result.reconcileSeconds.toFixed(2)} s, after building the expected charges`,
  };
}

function runCli(listing: 'all' | 'differing'): Measured {
  const report = file(listing === 'all' ? 'report.csv' : 'report.json');
  rmSync(report, { force: true });
  const run = runTimedNode(
    [
      join(root, 'dist/cli.js'),
      'reconcile',
      '--invoice',
      file('invoice.csv'),
      '--statement',
      BENCH_STATEMENT,
      '--month',
      BENCH_MONTH,
      '--meters',
      file('meters.csv'),
      '--elective',
      file('elective.csv'),
      '--listing',
      listing,
      '--out',
      report,
    ],
    root,
    [0, 1],
  );
  return { label: `cli ${listing}`, seconds: run.seconds, maxRssKb: run.maxRssKb, counts: reportCounts(report) };
}

/** The counts of each status in a report: from the JSON's counts, or the CSV's `line` rows. */
function reportCounts(report: string): string {
  if (report.endsWith('.json')) {
    return countsText((JSON.parse(readFileSync(report, 'utf8')) as { counts: Record<string, number> }).counts);
  }
  const counts: Record<string, number> = {
    match: 0,
    quantityDiffers: 0,
    unitPriceDiffers: 0,
    amountDiffers: 0,
    missingFromInvoice: 0,
    unexpectedOnInvoice: 0,
  };
  for (const row of readFileSync(report, 'utf8').split('\n')) {
    if (!row.startsWith('line,')) continue;
    const status = row.slice(5, row.indexOf(',', 5));
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return countsText(counts);
}

const results = new Map<string, Measured[]>();
const keep = (measured: Measured) => results.set(measured.label, [...(results.get(measured.label) ?? []), measured]);
for (let round = 0; round < runs; round += 1) {
  keep(runLibrary(ours, 'library'));
  if (baseline !== undefined) keep(runLibrary(resolve(baseline), 'baseline'));
  keep(runCli('all'));
  keep(runCli('differing'));
}
rmSync(folder, { recursive: true, force: true });
untrack();

const best = (list: readonly Measured[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const rows = [...results.values()].map((list) => {
  const fastest = best(list);
  const peak = Math.max(...list.map((measured) => measured.maxRssKb));
  return (
    `${fastest.label.padEnd(14)} ${fastest.seconds.toFixed(2)} s, ${((fastest.seconds / lines) * 1e6).toFixed(2)} us a line, ` +
    `peak RSS ${(peak / 1024).toFixed(0)} MiB (runs ${list.map((measured) => measured.seconds.toFixed(2)).join(', ')} s)` +
    `${fastest.detail === undefined ? '' : `\n${''.padEnd(15)}${fastest.detail}`}`
  );
});
const counts = new Set([...results.values()].flatMap((list) => list.map((measured) => measured.counts)));
process.stdout.write(
  [
    `invoice of ${lines.toLocaleString('en-GB')} elective rows (${differences} a penny too high) plus per-meter lines, in ${order === 'shuffled' ? 'an order of their own' : 'the expected order'}; ` +
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}; best of ${runs}, whole processes, alternating; peak RSS by /usr/bin/time`,
    ...rows,
    `counts agree: ${counts.size === 1 ? 'yes' : 'NO'} (${[...counts].join(' | ')})`,
  ].join('\n') + '\n',
);
if (counts.size !== 1) process.exitCode = 1;
