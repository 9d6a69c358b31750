/**
 * First step of `bench/reconcile.ts`, in a process of its own so that the measured processes
 * hold only what reading and reconciling need: writes, to the folder given, the benchmark's
 * inputs as files (`meters.csv`, `elective.csv` with N agreements) and the CSV invoice that
 * their expected charges imply (`dcc-charges charges --format csv` columns), with the amount of
 * D rows, spread evenly, one penny too high (so that the report has lines that differ); with
 * `shuffled`, its rows in an order of their own (a fixed pseudo-random permutation), as an
 * invoice written by another system may list them.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { INVOICE_FIELDS } from '../src/vocabulary.js';
import { benchElectiveRows, benchExpectedCharges, BENCH_METERS } from './reconcile-inputs.js';

const [library, linesText, differencesText, folder, order] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  'expected' | 'shuffled',
];
const lines = Number(linesText);
const dcc = (await import(pathToFileURL(join(library, 'index.js')).href)) as typeof import('../src/index.js');

const cell = (value: unknown) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Writes a CSV file a row at a time, waiting for the stream to drain. */
async function writeCsvFile(file: string, columns: readonly string[], rows: Iterable<readonly unknown[]>) {
  const out = createWriteStream(file);
  out.write(`${columns.join(',')}\n`);
  for (const row of rows) {
    if (!out.write(`${row.map(cell).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const meter = BENCH_METERS;
writeFileSync(
  join(folder, 'meters.csv'),
  `chargingGroup,region,premises,enrolled,count\n${meter.chargingGroup},${meter.region},${meter.premises},${meter.enrolled},${meter.count}\n`,
);
await writeCsvFile(
  join(folder, 'elective.csv'),
  ['reference', 'description', 'amount'],
  benchElectiveRows(lines).map((row) => [row.reference, row.description, row.amount]),
);

const rows = dcc.invoiceLinesFromCharges(benchExpectedCharges(dcc, library, lines));
const differences = Number(differencesText);
const step = differences > 0 ? Math.floor(rows.length / differences) : 0;
const columns = INVOICE_FIELDS;
const invoiceRows = rows.map((row, index) => {
  const values = columns.map((name) => (row as Record<string, unknown>)[name]);
  // A penny too much on every step-th elective row: its amount differs, and so does its arithmetic.
  if (step > 0 && index % step === step - 1 && row.kind === 'elective') {
    const amount = columns.indexOf('amount');
    values[amount] = pennyMore(String(values[amount]));
  }
  return values;
});
if (order === 'shuffled') shuffle(invoiceRows);
await writeCsvFile(join(folder, 'invoice.csv'), columns, invoiceRows);

/** Shuffles a list in place (Fisher-Yates), with a fixed linear congruential sequence: the same order every run. */
function shuffle(list: unknown[]): void {
  let state = 20261204;
  for (let index = list.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [list[index], list[other]] = [list[other], list[index]];
  }
}

/** An amount of two decimal places, one penny more (exact: by its digits). */
function pennyMore(amount: string): string {
  const pence = BigInt(amount.replace('.', '')) + 1n;
  const digits = pence.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
