/**
 * `npm run bench:reconcile -- --lines N [--baseline DIR] [--runs R]`: reads and reconciles an
 * invoice of N elective lines (plus the per-meter lines of a small User, VAT and total) against
 * the expected charges that imply it, in a child process of its own (`reconcile-child.ts`), with
 * this tree's build; with `--baseline DIR` also with the build in DIR (another version's `dist`,
 * for comparison in the same run), alternating, best of R (default 3). The invoice file is
 * written first, once, by another process (`reconcile-invoice.ts`), to the system's temporary
 * folder, so that the measured child holds only the expected charges and what reading and
 * reconciling need; reading the file is part of the time measured. Prints the time to read and
 * to reconcile, the time per line, the peak memory of each child as a whole and while reading
 * and reconciling, and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, tmpdir } from 'node:os';

interface ChildResult {
  readonly lines: number;
  readonly readSeconds: number;
  readonly reconcileSeconds: number;
  readonly seconds: number;
  readonly verdict: string;
  readonly maxRssKb: number;
  readonly startRssKb: number;
  readonly startHeapKb: number;
  readonly endHeapKb: number;
  readonly measuredPeakRssKb?: number;
}

function argument(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const lines = Number(argument('--lines', '1000000'));
const runs = Number(argument('--runs', '3'));
const baseline = argument('--baseline', undefined);
if (!Number.isSafeInteger(lines) || lines < 1 || !Number.isSafeInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:reconcile -- --lines N [--baseline DIST_FOLDER] [--runs R]\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const ours = resolve(here, '..', 'dist');
const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-bench-reconcile-'));
const invoiceFile = join(folder, 'invoice.csv');
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const writer = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(here, 'reconcile-invoice.ts'), ours, String(lines), invoiceFile],
  { encoding: 'utf8' },
);
if (writer.status !== 0) throw new Error(`writing the invoice failed (${writer.status}): ${writer.stderr}`);

function run(library: string): ChildResult {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'reconcile-child.ts'), library, String(lines), invoiceFile],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (child.status !== 0) throw new Error(`reconcile child failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildResult;
}

const results: Record<string, ChildResult[]> = { ours: [], baseline: [] };
for (let round = 0; round < runs; round += 1) {
  results['ours']?.push(run(ours));
  if (baseline !== undefined) results['baseline']?.push(run(resolve(baseline)));
}
const best = (list: readonly ChildResult[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const describe = (label: string, list: readonly ChildResult[]) => {
  const fastest = best(list);
  const mib = (select: (result: ChildResult) => number | undefined) => {
    const values = list.map(select).filter((value): value is number => value !== undefined);
    return values.length === 0 ? 'n/a' : `${(Math.max(...values) / 1024).toFixed(0)} MiB`;
  };
  return (
    `${label.padEnd(10)} read ${fastest.readSeconds.toFixed(2)} s + reconcile ${fastest.reconcileSeconds.toFixed(2)} s = ${fastest.seconds.toFixed(2)} s, ` +
    `${((fastest.seconds / fastest.lines) * 1e6).toFixed(2)} us a line, verdict ${fastest.verdict} (runs ${list.map((result) => result.seconds.toFixed(2)).join(', ')} s)\n` +
    `${''.padEnd(10)} peak RSS: process ${mib((result) => result.maxRssKb)}, while reading and reconciling ${mib((result) => result.measuredPeakRssKb)}; ` +
    `at the start of reading: RSS ${mib((result) => result.startRssKb)}, heap used ${mib((result) => result.startHeapKb)} (the expected charges), ` +
    `at the end ${mib((result) => result.endHeapKb)} (with the invoice and the reconciliation)`
  );
};
const report = [
  `invoice of ${best(results['ours'] ?? []).lines.toLocaleString('en-GB')} rows; node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; best of ${runs}, alternating`,
  describe('this tree', results['ours'] ?? []),
];
if (baseline !== undefined) {
  const a = best(results['ours'] ?? []);
  const b = best(results['baseline'] ?? []);
  report.push(describe('baseline', results['baseline'] ?? []));
  report.push(`baseline / this tree, time a line: ${(b.seconds / b.lines / (a.seconds / a.lines)).toFixed(1)}`);
}
process.stdout.write(`${report.join('\n')}\n`);
