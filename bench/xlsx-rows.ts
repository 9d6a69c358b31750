/**
 * `npm run bench:xlsx-rows -- [--rows 1000000] [--shared] [--baseline DIST] [--runs 1]`: the
 * memory of reading one very large sheet. Writes a workbook of N invoice-like rows in bounded
 * memory (`generate-workbook.ts`; inline strings, or shared strings with `--shared`) and the
 * same rows as CSV, then, each in a child process of its own: loads the file's bytes and nothing
 * else (the floor), reads the sheet with `readWorkbookTable` (this tree's build, and the build in
 * `--baseline` for comparison), reads the CSV with `readCsv`. Prints the peak RSS of each
 * process, the heap still held by the table once read (after a full collection), the time, and
 * the size of the sheet's XML, so that one can see whether the inflated XML is held.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ChildResult {
  readonly task: string;
  readonly rows: number;
  readonly seconds: number;
  readonly heldMiB: number;
  readonly maxRssKb: number;
  readonly largestPendingXml?: number;
}

function argument(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , task, library, file] = process.argv as [string, string, string, string, string, string];
  const { readFileSync } = await import('node:fs');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const before = process.memoryUsage();
  const started = process.hrtime.bigint();
  let rows = 0;
  let largestPendingXml: number | undefined;
  let held: unknown;
  const bytes = readFileSync(file);
  if (task === 'bytes') {
    rows = bytes.length > 0 ? 0 : -1;
  } else if (task === 'csv') {
    // The CSV table reader is internal (not an entry of the package), so it is loaded from the source.
    const csv = await import('../src/tables/csv.js');
    const table = csv.readCsv(bytes.toString('utf8'), 'invoice.csv');
    rows = table.rows.length;
    held = table;
  } else {
    const xlsx = (await import(pathToFileURL(join(library, 'xlsx.js')).href)) as typeof import('../src/xlsx.js');
    const table = xlsx.readWorkbookTable(bytes, { source: 'invoice.xlsx' });
    rows = table.rows.length;
    largestPendingXml = table.largestPendingXml;
    held = table;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  gc();
  const after = process.memoryUsage();
  const heldMiB = (after.heapUsed + after.external - (before.heapUsed + before.external)) / 1024 / 1024; // external includes array buffers
  process.stdout.write(
    `${JSON.stringify({ task, rows, seconds, heldMiB, maxRssKb: process.resourceUsage().maxRSS, ...(largestPendingXml === undefined ? {} : { largestPendingXml }) })}\n`,
  );
  if (held === undefined && task !== 'bytes') process.exit(1);
  process.exit(0);
}

const rows = Number(argument('--rows', '1000000'));
const runs = Number(argument('--runs', '1'));
const shared = process.argv.includes('--shared');
const baseline = argument('--baseline', undefined);
if (!Number.isSafeInteger(rows) || rows < 1 || rows > 1_048_575 || !Number.isSafeInteger(runs) || runs < 1) {
  process.stderr.write(
    'usage: npm run bench:xlsx-rows -- [--rows N (at most 1048575)] [--shared] [--baseline DIST_FOLDER] [--runs R]\n',
  );
  process.exit(2);
}
const { writeSyntheticCsv, writeSyntheticWorkbook } = await import('./generate-workbook.js');
const folder = mkdtempSync(join(tmpdir(), 'dcc-xlsx-rows-'));
try {
  const workbook = join(folder, 'invoice.xlsx');
  const csv = join(folder, 'invoice.csv');
  const xmlBytes = writeSyntheticWorkbook(workbook, rows, shared);
  writeSyntheticCsv(csv, rows);
  const ours = resolve(here, '..', 'dist');
  const tasks: [string, string, string, string][] = [
    ['file bytes only (.xlsx)', 'bytes', ours, workbook],
    ['readWorkbookTable, this tree', 'xlsx', ours, workbook],
    ...(baseline === undefined
      ? []
      : ([['readWorkbookTable, baseline', 'xlsx', resolve(baseline), workbook]] as [string, string, string, string][])),
    ['readCsv (the CSV path)', 'csv', ours, csv],
  ];
  const results = new Map<string, ChildResult[]>();
  for (let round = 0; round < runs; round += 1) {
    for (const [label, task, library, file] of tasks) {
      const child = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          '--max-old-space-size=8192',
          '--import',
          'tsx',
          join(here, 'xlsx-rows.ts'),
          '--child',
          task,
          library,
          file,
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${label} failed (${child.status}): ${child.stderr}`);
      results.set(label, [...(results.get(label) ?? []), JSON.parse(child.stdout) as ChildResult]);
    }
  }
  const lines = [
    `sheet of ${rows.toLocaleString('en-GB')} rows x 10 columns (${shared ? 'shared' : 'inline'} strings): .xlsx ${(statSync(workbook).size / 2 ** 20).toFixed(1)} MiB, sheet XML ${(xmlBytes / 2 ** 20).toFixed(1)} MiB inflated, CSV ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB; node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; ${runs === 1 ? 'one run' : `best of ${runs}, alternating`}`,
    `${'task'.padEnd(30)} ${'peak RSS'.padStart(10)} ${'held after'.padStart(11)} ${'time'.padStart(8)}  rows`,
  ];
  for (const [label] of tasks) {
    const list = results.get(label) ?? [];
    const best = list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const peak = Math.min(...list.map((result) => result.maxRssKb)) / 1024;
    lines.push(
      `${label.padEnd(30)} ${`${peak.toFixed(0)} MiB`.padStart(10)} ${`${best.heldMiB.toFixed(0)} MiB`.padStart(11)} ${`${best.seconds.toFixed(2)} s`.padStart(8)}  ${best.rows}${best.largestPendingXml === undefined ? '' : ` (largest XML text held between pieces: ${best.largestPendingXml} chars)`}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
