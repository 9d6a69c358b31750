/**
 * `npm run bench:startup [--runs N]`: how long the built command line takes to print `--help`,
 * against bare `node -e 0` in the same run, alternating, each a process of its own. Prints the
 * median and the fastest wall time of each and the difference of the medians.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const index = process.argv.indexOf('--runs');
const runs = index >= 0 ? Number(process.argv[index + 1]) : 15;
if (!Number.isSafeInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:startup [--runs N]\n');
  process.exit(2);
}
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function wallSeconds(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(result.status)}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const help: number[] = [];
const bare: number[] = [];
wallSeconds([cli, '--help']);
for (let run = 0; run < runs; run += 1) {
  help.push(wallSeconds([cli, '--help']));
  bare.push(wallSeconds(['-e', '0']));
}
const row = (name: string, values: readonly number[]): string =>
  `${name.padEnd(28)} median ${median(values).toFixed(3)} s   fastest ${Math.min(...values).toFixed(3)} s`;
process.stdout.write(`${row('dcc-charges --help', help)}\n${row('node -e 0', bare)}\n`);
process.stdout.write(
  `difference of the medians: ${(median(help) - median(bare)).toFixed(3)} s over ${runs} runs each\n`,
);
