/**
 * Benchmark child of `bench/reconcile.ts`: builds a month's expected charges with N elective
 * lines (and a small meter table), writes the invoice they imply as CSV text, then times
 * reading that invoice and reconciling it, and prints one JSON line: seconds (read, reconcile,
 * both), lines, the verdict, and the process's peak memory. The library is loaded from the
 * folder given (a build of this tree, or of another version for comparison).
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [library, linesText] = process.argv.slice(2) as [string, string];
const lines = Number(linesText);
const dcc = (await import(pathToFileURL(join(library, 'index.js')).href)) as typeof import('../src/index.js');
const { readFileSync } = await import('node:fs');
const statement = dcc.readChargingStatement(readFileSync(join(library, '..', 'fixtures/statements/illustrative-2025-26.json'), 'utf8'), 'statement');
const elective = Array.from({ length: lines }, (_, index) => ({
  reference: `EA-${String(index + 1).padStart(7, '0')}`,
  description: `Elective service ${index + 1}`,
  amount: `${(index % 9973) + 1}.${String(index % 100).padStart(2, '0')}`,
}));
const expected = dcc.calculateMonthlyCharges({
  statements: [statement],
  month: '2025-06',
  meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
  elective,
});
const rows = dcc.invoiceLinesFromCharges(expected);
const columns = ['month', 'kind', 'chargingGroup', 'region', 'code', 'description', 'quantity', 'unitPrice', 'amount', 'clause'] as const;
const cell = (value: unknown) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csv = `${columns.join(',')}\n${rows.map((row) => columns.map((name) => cell((row as Record<string, unknown>)[name])).join(',')).join('\n')}\n`;
const started = process.hrtime.bigint();
const invoice = dcc.readInvoice(csv, { source: 'invoice.csv' });
const read = process.hrtime.bigint();
const reconciliation = dcc.reconcileInvoice({ invoice, expected });
const done = process.hrtime.bigint();
process.stdout.write(
  `${JSON.stringify({
    lines: invoice.lines.length,
    readSeconds: Number(read - started) / 1e9,
    reconcileSeconds: Number(done - read) / 1e9,
    seconds: Number(done - started) / 1e9,
    verdict: reconciliation.verdict,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
