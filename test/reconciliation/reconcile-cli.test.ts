/** `dcc-charges reconcile`: exit codes, formats, the column mapping, and bad input. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../src/index.js';
import { readCsv } from '../../src/tables/csv.js';
import { RECONCILIATION_CSV_HEADER } from '../../src/render/reconciliation-csv.js';
import { runCliCapture } from '../support/cli.js';
import { D, repoPath } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-reconcile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STATEMENT = repoPath('fixtures', 'statements', 'illustrative-2025-26.json');
const DUAL = (file: string) => repoPath('fixtures', 'examples', 'dual-fuel-supplier', file);
const NETWORK = (file: string) => repoPath('fixtures', 'examples', 'network-operator', file);
const INVOICES = (file: string) => repoPath('fixtures', 'invoices', file);

const dualInputs = [
  '--statement',
  STATEMENT,
  '--month',
  '2025-06',
  '--meters',
  DUAL('meters.json'),
  '--usage',
  DUAL('usage.json'),
  '--elective',
  DUAL('elective.json'),
];
const networkInputs = [
  '--statement',
  STATEMENT,
  '--month',
  '2025-06',
  '--meters',
  NETWORK('meters.json'),
  '--usage',
  NETWORK('usage.json'),
];

async function chargesCsv(month: string): Promise<string> {
  const run = await runCliCapture([
    'charges',
    ...dualInputs.map((arg) => (arg === '2025-06' ? month : arg)),
    '--format',
    'csv',
  ]);
  expect(run.code).toBe(0);
  const path = join(scratch, `charges-${month}.csv`);
  writeFileSync(path, run.stdout);
  return path;
}

describe('dcc-charges reconcile', () => {
  it('reconciles the charges CSV of a month against itself as all match, exit 0', async () => {
    for (const month of ['2025-04', '2025-06', '2026-03']) {
      const invoice = await chargesCsv(month);
      const run = await runCliCapture([
        'reconcile',
        '--invoice',
        invoice,
        ...dualInputs.map((arg) => (arg === '2025-06' ? month : arg)),
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as Reconciliation;
      expect(result.verdict).toBe('allMatch');
      expect(result.month).toBe(month);
      expect(new Set(result.lines.map((line) => line.status))).toEqual(new Set(['match']));
      expect([result.totals.net.status, result.totals.vat.status, result.totals.gross.status]).toEqual([
        'match',
        'match',
        'match',
      ]);
      // Every row of the CSV (lines, vat, total) is shown once.
      expect(result.invoice.rows).toBe(readCsv(readFileSync(invoice, 'utf8')).rows.length);
    }
  });

  it('reconciles a charges CSV whose elective reference the CSV writer had to neutralise', async () => {
    const elective = join(scratch, 'elective-formula.csv');
    writeFileSync(elective, 'reference,description,amount\n-EA-17,"=credit, agreed",-100.00\n');
    const inputs = [...dualInputs.slice(0, -2), '--elective', elective];
    const csv = await runCliCapture(['charges', ...inputs, '--format', 'csv']);
    expect(csv.stdout).toContain(`'-EA-17,"'=credit, agreed"`);
    const invoice = join(scratch, 'charges-neutralised.csv');
    writeFileSync(invoice, csv.stdout);
    const run = await runCliCapture(['reconcile', '--invoice', invoice, ...inputs, '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Reconciliation).verdict).toBe('allMatch');
  });

  it('exits 1 when differences are found, leading with the verdict and the money at stake', async () => {
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICES('dual-fuel-supplier-2025-06.json'),
      ...dualInputs,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const fixture = JSON.parse(readFileSync(INVOICES('dual-fuel-supplier-2025-06.json'), 'utf8')) as {
      rows: { kind: string; amount: string }[];
    };
    const invoicedGross = fixture.rows.find((row) => row.kind === 'total')?.amount ?? '';
    const expectedGross = (
      JSON.parse((await runCliCapture(['charges', ...dualInputs, '--format', 'json'])).stdout) as {
        totals: { gross: string };
      }
    ).totals.gross;
    const [verdict, money] = run.stdout.split('\n');
    expect(verdict).toMatch(
      /^DIFFERENCES FOUND: 5 of 23 lines differ; the net, VAT and gross totals differ \(tolerance 0\.00\)\.$/,
    );
    // The example invoice: +10 meters at 0.03, +0.01 arithmetic, 12 hubs at 0.09 less, TEST_LAB_DAY missing, 120 x 0.1825 unexpected.
    const over = D(10).times('0.03').plus('0.01').plus(D(120).times('0.1825'));
    const under = D(12).times('0.09').plus(D('2.5').times('512.40'));
    expect(money).toBe(
      `Money at stake: net ${over.minus(under).toFixed(2)}, gross ${D(invoicedGross).minus(expectedGross).toFixed(2)} (invoiced minus expected); ` +
        `overcharged ${over.toFixed(2)}, undercharged ${under.toFixed(2)}, sum of absolute differences ${over.plus(under).toFixed(2)}.`,
    );
    for (const status of [
      'quantityDiffers',
      'unitPriceDiffers',
      'amountDiffers',
      'missingFromInvoice',
      'unexpectedOnInvoice',
    ]) {
      expect(run.stdout).toContain(status);
    }
  });

  it('reads an export with its own headers through --columns; a truncated penny is within --tolerance 0.01', async () => {
    const args = [
      'reconcile',
      '--invoice',
      INVOICES('network-operator-2025-06-export.json'),
      '--columns',
      INVOICES('export-columns.json'),
      ...networkInputs,
    ];
    const strict = await runCliCapture(args);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('fixed g4 north (amountDiffers)');
    const tolerant = await runCliCapture([...args, '--tolerance', '0.01']);
    expect(tolerant.code).toBe(0);
    expect(tolerant.stdout.split('\n')[0]).toBe(
      'ALL MATCH: All 7 lines and the totals the invoice states agree with the expected charges (tolerance 0.01).',
    );
  });

  it('writes every format; CSV rows are the lines then the three totals', async () => {
    const args = ['reconcile', '--invoice', INVOICES('dual-fuel-supplier-2025-06.json'), ...dualInputs];
    const json = JSON.parse((await runCliCapture([...args, '--format', 'json'])).stdout) as Reconciliation;
    const csv = readCsv((await runCliCapture([...args, '--format', 'csv'])).stdout);
    expect(csv.issues).toEqual([]);
    expect(csv.header).toEqual([...RECONCILIATION_CSV_HEADER]);
    expect(csv.rows).toHaveLength(json.lines.length + 3);
    expect(csv.rows.map((row) => row.cells[1])).toEqual([
      ...json.lines.map((line) => line.status),
      'differs',
      'differs',
      'differs',
    ]);
    const md = (await runCliCapture([...args, '--format', 'md'])).stdout;
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# Invoice reconciliation for 2025-06',
      '',
      expect.stringMatching(/^\*\*DIFFERENCES FOUND\*\*: /),
    ]);
    expect(md).toContain('## Differences');
    expect(
      md.match(/^\| (quantityDiffers|unitPriceDiffers|amountDiffers|missingFromInvoice|unexpectedOnInvoice) \|/gm),
    ).toHaveLength(5 * 2);
    const html = await runCliCapture([...args, '--format', 'html']);
    expect(html.code).toBe(1);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('writes the report to --out and prints the verdict', async () => {
    const out = join(scratch, 'report.html');
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICES('dual-fuel-supplier-2025-06.json'),
      ...dualInputs,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `wrote ${out}\nDIFFERENCES FOUND: 5 of 23 lines differ; the net, VAT and gross totals differ (tolerance 0.00).\n`,
    );
    expect(readFileSync(out, 'utf8')).toContain('<title>Invoice reconciliation 2025-06: differences found</title>');
  });

  it('exits 2 for an invoice of another month, naming the file and line', async () => {
    const invoice = await chargesCsv('2025-05');
    const run = await runCliCapture(['reconcile', '--invoice', invoice, ...dualInputs]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: ${invoice}, line 2, field "month": expected an invoice line for 2025-06, the month reconciled, received "2025-05"`,
    );
  });

  it('exits 2 and reports the problems of every file together', async () => {
    const invoice = join(scratch, 'bad-invoice.csv');
    writeFileSync(invoice, 'month,kind,amount\n2025-06,fixed,12\n');
    const meters = join(scratch, 'bad-meters.csv');
    writeFileSync(meters, 'chargingGroup,region,premises,enrolled,count\ng9,north,domestic,true,1\n');
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      invoice,
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      meters,
      '--tolerance',
      '-1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('field "--tolerance"');
    expect(run.stderr).toContain(`${meters}, line 2, field "chargingGroup"`);
    expect(run.stderr).toContain(`${invoice}, line 2, field "chargingGroup"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a mapping that names a missing header, and for a missing file', async () => {
    const mapping = join(scratch, 'columns.json');
    writeFileSync(mapping, JSON.stringify({ amount: 'Net (EUR)' }));
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICES('dual-fuel-supplier-2025-06.json'),
      '--columns',
      mapping,
      ...dualInputs,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected the header "Net (EUR)", which the column mapping names for "amount"');
    const missing = await runCliCapture(['reconcile', '--invoice', join(scratch, 'nowhere.csv'), ...dualInputs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.csv: expected a readable file, received no such file');
  });

  it('lists only the lines that differ with --listing differing, counting and totalling every line', async () => {
    const args = ['reconcile', '--invoice', INVOICES('dual-fuel-supplier-2025-06.json'), ...dualInputs];
    const all = JSON.parse((await runCliCapture([...args, '--format', 'json'])).stdout) as Reconciliation;
    const run = await runCliCapture([...args, '--listing', 'differing', '--format', 'json']);
    expect(run.code).toBe(1);
    const differing = JSON.parse(run.stdout) as Reconciliation;
    expect(all.listing).toBe('all');
    expect(differing).toEqual({
      ...all,
      listing: 'differing',
      lines: all.lines.filter((line) => line.status !== 'match'),
    });
    expect(differing.lines).toHaveLength(5);
    const matching = all.lines.length - 5;
    const sentence = `Only the lines that differ are listed: the ${matching} lines that match exactly or within the tolerance are counted, not listed.`;
    const table = await runCliCapture([...args, '--listing', 'differing']);
    expect(table.stdout.split('\n')[0]).toBe(
      'DIFFERENCES FOUND: 5 of 23 lines differ; the net, VAT and gross totals differ (tolerance 0.00).',
    );
    expect(table.stdout).toContain(sentence);
    const markdown = (await runCliCapture([...args, '--listing', 'differing', '--format', 'md'])).stdout;
    expect(markdown).toContain(`## Lines listed\n\n${sentence}`);
    const html = (await runCliCapture([...args, '--listing', 'differing', '--format', 'html'])).stdout;
    expect(html).toContain(`<h2>Lines listed (5 of 23)</h2><p>${sentence}</p>`);
    // Every line of a CSV invoice read a chunk at a time matches: none is listed.
    const invoice = await chargesCsv('2025-06');
    const csv = await runCliCapture([
      'reconcile',
      '--invoice',
      invoice,
      ...dualInputs,
      '--listing',
      'differing',
      '--format',
      'json',
    ]);
    expect(csv.code).toBe(0);
    const matched = JSON.parse(csv.stdout) as Reconciliation;
    const everyLine = JSON.parse(
      (await runCliCapture(['reconcile', '--invoice', invoice, ...dualInputs, '--format', 'json'])).stdout,
    ) as Reconciliation;
    expect(matched.lines).toEqual([]);
    expect(matched.counts).toEqual(everyLine.counts);
    expect(matched.counts.match).toBe(everyLine.lines.length);
  });

  it('reads an invoice from a pipe whole (its first bytes are not looked at twice)', async () => {
    const invoice = await chargesCsv('2025-06');
    const fifo = join(scratch, 'invoice-pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$0" > "$1"', invoice, fifo]);
    const run = await runCliCapture(['reconcile', '--invoice', fifo, ...dualInputs, '--format', 'json']);
    await new Promise((resolve) => writer.on('close', resolve));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Reconciliation).invoice.rows).toBe(
      readCsv(readFileSync(invoice, 'utf8')).rows.length,
    );
  });

  it('exits 2 for a listing that is neither all nor differing', async () => {
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICES('dual-fuel-supplier-2025-06.json'),
      ...dualInputs,
      '--listing',
      'every',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('every');
    expect(run.stdout).toBe('');
  });

  it('exits 2 for an unknown format', async () => {
    const run = await runCliCapture([
      'reconcile',
      '--invoice',
      INVOICES('dual-fuel-supplier-2025-06.json'),
      ...dualInputs,
      '--format',
      'pdf',
    ]);
    expect(run.code).toBe(2);
  });
});
