/**
 * First step of `bench/reconcile.ts`, in a process of its own so that the measured child holds
 * only what reading and reconciling need: writes the CSV invoice that the benchmark's expected
 * charges imply (`dcc-charges charges --format csv` columns) to the file given.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { benchExpectedCharges } from './reconcile-inputs.js';

const [library, linesText, file] = process.argv.slice(2) as [string, string, string];
const dcc = (await import(pathToFileURL(join(library, 'index.js')).href)) as typeof import('../src/index.js');
const rows = dcc.invoiceLinesFromCharges(benchExpectedCharges(dcc, library, Number(linesText)));
const columns = [
  'month',
  'kind',
  'chargingGroup',
  'region',
  'code',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'clause',
] as const;
const cell = (value: unknown) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const out = createWriteStream(file);
out.write(`${columns.join(',')}\n`);
for (const row of rows) {
  const text = `${columns.map((name) => cell((row as Record<string, unknown>)[name])).join(',')}\n`;
  if (!out.write(text)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
