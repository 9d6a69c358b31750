/**
 * `npm run bench:by-user -- --rows N --users U [--from YYYY-MM] [--to YYYY-MM] [--runs R] [--keep]`:
 * generates a deterministic synthetic whole-market register (default 2,000,000 rows, 60 Users;
 * `bench/generate-registrations.ts` with its `user` column), then, alternating, R rounds
 * (default 3), each a whole process timed from its start to its end with its peak resident
 * memory taken by `/usr/bin/time`:
 * - `dcc-charges count` of the file (every User together), the reference;
 * - `dcc-charges count --by-user` of the same file;
 * - the library's count by User over the months (default 2025-04 to 2026-03, twelve) and every
 *   User's charges for each month (`bench/by-user-child.mjs`).
 * Prints the best round of each, the ratios to the plain count, the load average before and
 * after (another job on the machine shows there), and whether the counts summed over Users equal
 * the plain count and every total equals the sum of its parts (exit code 1 when not). The file is
 * removed at the end unless `--keep` is given (it is then reused by the next run).
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedInput } from './cached-input.js';
import { generateRegistrations } from './generate-registrations.js';
import { runTimedNode, type TimedProcess } from './timed-process.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const rows = Number(argument('--rows', '2000000'));
const users = Number(argument('--users', '60'));
const from = argument('--from', '2025-04');
const to = argument('--to', '2026-03');
const runs = Number(argument('--runs', '3'));
const keep = process.argv.includes('--keep');
if (
  !Number.isSafeInteger(rows) ||
  rows < 1 ||
  !Number.isSafeInteger(users) ||
  users < 1 ||
  users > 1000 ||
  !Number.isSafeInteger(runs) ||
  runs < 1
) {
  process.stderr.write(
    'usage: npm run bench:by-user -- --rows N --users U (1 to 1000) [--from YYYY-MM] [--to YYYY-MM] [--runs R] [--keep]\n',
  );
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const statement = join(root, 'fixtures/statements/illustrative-2025-26.json');
const started = Date.now();
const input = cachedInput(`registrations-${rows}-u${users}.csv`, keep, (path) =>
  generateRegistrations(path, rows, undefined, users),
);
const file = input.file;
const out = input.scratch('by-user.csv');
if (input.generated) process.stdout.write(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const megabytes = statSync(file).size / 1e6;
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('bench:by-user needs /usr/bin/time (GNU time) for the peak memory of each process\n');
  process.exit(2);
}

/** Runs `node ARGS` as a whole process: wall time from start to end, and peak resident memory. */
const runProcess = (args: readonly string[]): TimedProcess => runTimedNode(args, root);

/** The non-zero counts of a count CSV, as `month,group,region,premises,enrolled,count` keys summed over any user column. */
function nonZeroCounts(csv: string, byUser: boolean): string[] {
  const summed = new Map<string, number>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const cells = line.split(',');
    const [month, group, region, premises, enrolled, count] = byUser ? cells.slice(1) : cells;
    if (count === '0') continue;
    const key = [month, group, region, premises, enrolled].join(',');
    summed.set(key, (summed.get(key) ?? 0) + Number(count));
  }
  return [...summed].map(([key, count]) => `${key},${count}`).sort();
}

const cli = join(root, 'dist/cli.js');
const best: Record<'plain' | 'byUser' | 'charges', TimedProcess | undefined> = {
  plain: undefined,
  byUser: undefined,
  charges: undefined,
};
const keepBest = (name: keyof typeof best, run: TimedProcess) => {
  const held = best[name];
  if (held === undefined || run.seconds < held.seconds) best[name] = run;
};
let plainCounts: string[] = [];
let byUserCounts: string[] = [];
let child:
  | {
      countSeconds: number;
      chargesSeconds: number;
      users: number;
      months: number;
      consistent: boolean;
      counts: string[];
    }
  | undefined;
const loadBefore = loadavg();
for (let round = 0; round < runs; round += 1) {
  rmSync(out, { force: true });
  keepBest('plain', runProcess([cli, 'count', '--registrations', file, '--from', from, '--to', to, '--out', out]));
  plainCounts = nonZeroCounts(readFileSync(out, 'utf8'), false);
  rmSync(out, { force: true });
  keepBest(
    'byUser',
    runProcess([cli, 'count', '--by-user', '--registrations', file, '--from', from, '--to', to, '--out', out]),
  );
  byUserCounts = nonZeroCounts(readFileSync(out, 'utf8'), true);
  const charges = runProcess([join(here, 'by-user-child.mjs'), file, from, to, statement]);
  keepBest('charges', charges);
  child = JSON.parse(charges.stdout) as typeof child;
}
const loadAfter = loadavg();
input.release();

const plain = best.plain as TimedProcess;
const line = (label: string, run: TimedProcess) =>
  `${label.padEnd(44)} ${run.seconds.toFixed(2).padStart(7)} s  ${(rows / run.seconds / 1e6).toFixed(2).padStart(5)} M rows/s  ${(run.maxRssKb / 1024).toFixed(0).padStart(5)} MiB peak RSS  x${(run.seconds / plain.seconds).toFixed(2)} time of the plain count`;
const sameCounts =
  JSON.stringify(plainCounts) === JSON.stringify(byUserCounts) &&
  JSON.stringify(plainCounts) === JSON.stringify(child?.counts);
process.stdout.write(
  [
    `register: ${rows} rows, ${users} Users, ${megabytes.toFixed(0)} MB; months ${from} to ${to}; best of ${runs}; ${cpus().length} cores; node ${process.version}`,
    `load average before ${loadBefore.map((value) => value.toFixed(2)).join(' ')}, after ${loadAfter.map((value) => value.toFixed(2)).join(' ')}`,
    line('dcc-charges count (all Users together)', plain),
    line('dcc-charges count --by-user', best.byUser as TimedProcess),
    line(`count by User + charges of ${child?.users} Users x ${child?.months} months`, best.charges as TimedProcess),
    `  in the last round's process: the count ${child?.countSeconds.toFixed(2)} s and the ${(child?.users ?? 0) * (child?.months ?? 0)} monthly charges ${child?.chargesSeconds.toFixed(2)} s `,
    `counts summed over Users equal the plain count: ${sameCounts ? 'yes' : 'NO'}; every total the sum of its parts: ${child?.consistent === true ? 'yes' : 'NO'}`,
    '',
  ].join('\n'),
);
if (!sameCounts || child?.consistent !== true) process.exit(1);
