/**
 * `npm run bench:charges -- [--users 60] [--months 12] [--baseline DIST]`: the monthly charges
 * of many Users over many months from one meter table each (a whole market billed from one
 * count, as `validateMeterTable` allows): for each User a table of 12 months x 5 Charging Groups
 * x 3 Regions x 2 premises x 2 enrolment states; `calculateMonthlyCharges` for every User and
 * month, given the raw rows (validated on every call) and given the table validated once. Each
 * variant runs in a child process of its own; prints time and peak memory, and the same with
 * the build in `--baseline` (raw rows only: an older version has no validateMeterTable).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function argument(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , library, variant, usersText, monthsText] = process.argv;
  const dcc = (await import(
    pathToFileURL(join(library as string, 'index.js')).href
  )) as typeof import('../src/index.js');
  const { readFileSync } = await import('node:fs');
  const statement = dcc.readChargingStatement(
    readFileSync(join(library as string, '..', 'fixtures/statements/illustrative-2025-26.json'), 'utf8'),
    'statement',
  );
  const users = Number(usersText);
  const months = Array.from(
    { length: Number(monthsText) },
    (_, index) => `${2025 + Math.floor((index + 3) / 12)}-${String(((index + 3) % 12) + 1).padStart(2, '0')}`,
  );
  const groups = ['g1', 'g2', 'g3', 'g4', 'g5'] as const;
  const regions = ['north', 'central', 'south'] as const;
  const tables = Array.from({ length: users }, (_, user) =>
    months.flatMap((month) =>
      groups.flatMap((chargingGroup) =>
        regions.flatMap((region) =>
          (['domestic', 'nonDomestic'] as const).flatMap((premises) =>
            [false, true].map((enrolled) => ({
              month,
              chargingGroup,
              region,
              premises,
              enrolled,
              count: 1000 + user * 37 + (enrolled ? 500 : 0),
            })),
          ),
        ),
      ),
    ),
  );
  const started = process.hrtime.bigint();
  let net = 0;
  for (const rows of tables) {
    const meters = variant === 'validated' ? dcc.validateMeterTable(rows) : rows;
    for (const month of months) {
      const charges = dcc.calculateMonthlyCharges({ statements: [statement], month, meters });
      net += charges.lines.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${JSON.stringify({ seconds, runs: users * months.length, lines: net, maxRssKb: process.resourceUsage().maxRSS })}\n`,
  );
} else {
  const users = argument('--users', '60') as string;
  const months = argument('--months', '12') as string;
  const baseline = argument('--baseline', undefined);
  const run = (library: string, variant: string) => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', library, variant, users, months],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout) as { seconds: number; runs: number; lines: number; maxRssKb: number };
  };
  const ours = resolve(here, '..', 'dist');
  const line = (label: string, result: ReturnType<typeof run>) =>
    `${label.padEnd(34)} ${result.seconds.toFixed(3)} s for ${result.runs} User-months (${((result.seconds / result.runs) * 1e3).toFixed(2)} ms each, ${result.lines} lines), peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MiB`;
  const report = [
    line('this tree, raw rows every call', run(ours, 'raw')),
    line('this tree, validateMeterTable once', run(ours, 'validated')),
  ];
  if (baseline !== undefined) report.push(line('baseline, raw rows every call', run(resolve(baseline), 'raw')));
  process.stdout.write(`${report.join('\n')}\n`);
}
