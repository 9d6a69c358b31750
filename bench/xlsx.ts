/**
 * `npm run bench:xlsx -- [--lines 100000] [--runs 3]`: the time and peak memory to write and to
 * read an invoice-like table of N lines as a workbook, against the same table as CSV, in the
 * same run. Four tasks, each in a child process of its own (so that the peak RSS is the task's):
 * write the workbook (`writeWorkbook`, amounts as number cells) and write the CSV (`writeCsv`),
 * each to a file; read the workbook as an invoice (`readInvoice(readWorkbookTable(bytes))`) and
 * read the CSV as an invoice (`readInvoice(text)`). A fifth child only loads the library (the
 * floor of the peak RSS). The tasks alternate, best of R (default 3). Prints one table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ChildResult {
  readonly seconds: number;
  readonly lines: number;
  readonly maxRssKb: number;
}

function argument(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , task, library, file, linesText] = process.argv as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const lines = Number(linesText);
  const dcc = (await import(pathToFileURL(join(library, 'index.js')).href)) as typeof import('../src/index.js');
  const xlsx = (await import(pathToFileURL(join(library, 'xlsx.js')).href)) as typeof import('../src/xlsx.js');
  const { writeCsv } = await import('../src/tables/csv-write.js');
  const { INVOICE_COLUMNS, NUMBER_COLUMNS, invoiceRow } = await import('./generate-workbook.js');
  const { readFileSync, writeFileSync } = await import('node:fs');
  // The rows to write are made before the clock starts: both formats get the same strings.
  const rows = task.startsWith('write') ? Array.from({ length: lines }, (_, index) => invoiceRow(index)) : [];
  const started = process.hrtime.bigint();
  let count = lines;
  switch (task) {
    case 'load':
      count = 0;
      break;
    case 'write-xlsx': {
      const numeric = INVOICE_COLUMNS.map((name) => NUMBER_COLUMNS.has(name));
      const sheetRows = [
        INVOICE_COLUMNS.map((name) => ({ value: name, style: 'header' as const })),
        ...rows.map((cells) =>
          cells.map((value, column) =>
            value === ''
              ? undefined
              : numeric[column] === true
                ? { value: Number(value), style: 'pence' as const }
                : { value },
          ),
        ),
      ];
      writeFileSync(file, xlsx.writeWorkbook([{ name: 'Invoice', rows: sheetRows, freezeRows: 1 }]));
      break;
    }
    case 'write-csv':
      writeFileSync(file, writeCsv([...INVOICE_COLUMNS], rows));
      break;
    case 'read-xlsx':
      count = dcc.readInvoice(xlsx.readWorkbookTable(readFileSync(file), { source: 'invoice.xlsx' }), {
        source: 'invoice.xlsx',
      }).lines.length;
      break;
    case 'read-csv':
      count = dcc.readInvoice(readFileSync(file, 'utf8'), { source: 'invoice.csv' }).lines.length;
      break;
    default:
      throw new Error(`unknown task ${task}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ seconds, lines: count, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  process.exit(0);
}

const lines = Number(argument('--lines', '100000'));
const runs = Number(argument('--runs', '3'));
if (!Number.isSafeInteger(lines) || lines < 1 || lines > 1_048_575 || !Number.isSafeInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:xlsx -- [--lines N (at most 1048575)] [--runs R]\n');
  process.exit(2);
}
const library = resolve(here, '..', 'dist');
const folder = mkdtempSync(join(tmpdir(), 'dcc-bench-xlsx-'));
const files = { xlsx: join(folder, 'invoice.xlsx'), csv: join(folder, 'invoice.csv') };
const tasks = [
  { label: 'load the library only', task: 'load', file: files.csv },
  { label: 'write workbook', task: 'write-xlsx', file: files.xlsx },
  { label: 'write CSV', task: 'write-csv', file: files.csv },
  { label: 'read workbook as invoice', task: 'read-xlsx', file: files.xlsx },
  { label: 'read CSV as invoice', task: 'read-csv', file: files.csv },
] as const;
try {
  const results = new Map<string, ChildResult[]>();
  for (let round = 0; round < runs; round += 1) {
    for (const { task, file } of tasks) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(here, 'xlsx.ts'), '--child', task, library, file, String(lines)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (child.status !== 0) throw new Error(`${task} failed (${child.status}): ${child.stderr}`);
      results.set(task, [...(results.get(task) ?? []), JSON.parse(child.stdout) as ChildResult]);
    }
  }
  const best = (task: string) => (results.get(task) ?? []).reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
  const report = [
    `invoice-like table of ${lines.toLocaleString('en-GB')} lines x 10 columns: workbook ${(statSync(files.xlsx).size / 2 ** 20).toFixed(1)} MiB, CSV ${(statSync(files.csv).size / 2 ** 20).toFixed(1)} MiB; node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; best of ${runs}, alternating, each task in its own process`,
    `${'task'.padEnd(26)} ${'time'.padStart(9)} ${'peak RSS'.padStart(9)}  runs (s)`,
    ...tasks.map(({ label, task }) => {
      const fastest = best(task);
      return `${label.padEnd(26)} ${`${fastest.seconds.toFixed(2)} s`.padStart(9)} ${mib(fastest.maxRssKb).padStart(9)}  ${(results.get(task) ?? []).map((result) => result.seconds.toFixed(2)).join(', ')}`;
    }),
    `workbook / CSV: write ${(best('write-xlsx').seconds / best('write-csv').seconds).toFixed(1)}x the time, ${(best('write-xlsx').maxRssKb / best('write-csv').maxRssKb).toFixed(1)}x the peak RSS; read ${(best('read-xlsx').seconds / best('read-csv').seconds).toFixed(1)}x the time, ${(best('read-xlsx').maxRssKb / best('read-csv').maxRssKb).toFixed(1)}x the peak RSS`,
  ];
  process.stdout.write(`${report.join('\n')}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
