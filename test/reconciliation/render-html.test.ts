/**
 * The HTML report, opened in headless Chromium with scripts disabled: what a reader sees on
 * screen and in print, that the page is self-contained, and that invoice text is escaped.
 * Set DCC_CHARGES_UPDATE_SCREENSHOTS=1 to rewrite docs/reconciliation-report.png.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, readInvoice, reconcileInvoice } from '../../src/index.js';
import { renderReconciliationHtml } from '../../src/render.js';
import { browserMissing, renderHtml } from '../support/browser.js';
import { titleWithSkip } from '../support/required-tools.js';
import { findRow, invoiceOf, MONTH, repoPath, smallCharges, STATEMENT, withRow } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-html-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const json = (path: string) => (JSON.parse(readFileSync(repoPath(path), 'utf8')) as { rows: never[] }).rows;

/** The shipped example: one difference of each kind. */
const example = reconcileInvoice({
  invoice: readInvoice(readFileSync(repoPath('fixtures', 'invoices', 'dual-fuel-supplier-2025-06.json'), 'utf8'), {
    source: 'fixtures/invoices/dual-fuel-supplier-2025-06.json',
  }),
  expected: calculateMonthlyCharges({
    statements: [STATEMENT as never],
    month: MONTH,
    meters: json('fixtures/examples/dual-fuel-supplier/meters.json'),
    usage: json('fixtures/examples/dual-fuel-supplier/usage.json'),
    elective: json('fixtures/examples/dual-fuel-supplier/elective.json'),
  }),
});
const html = renderReconciliationHtml(example);
const differing = example.lines.filter((line) => line.status !== 'match');

const noBrowser = await browserMissing();

describe.skipIf(noBrowser !== undefined)(titleWithSkip('the HTML report in Chromium', noBrowser), () => {
  it('shows the verdict first, then the money at stake, totals, differences and every line', async () => {
    const screenshot =
      process.env['DCC_CHARGES_UPDATE_SCREENSHOTS'] === '1'
        ? repoPath('docs', 'reconciliation-report.png')
        : join(scratch, 'report.png');
    const page = await renderHtml(html, {
      screenshot,
      width: 1280,
      count: [
        'script',
        'link',
        'img',
        'iframe',
        'table.differences tbody tr',
        'table.lines tbody tr',
        'table.totals tbody tr',
        'section.verdict',
      ],
    });
    expect(page.externalRequests).toEqual([]);
    expect(page.counts).toEqual({
      script: 0,
      link: 0,
      img: 0,
      iframe: 0,
      'table.differences tbody tr': differing.length,
      'table.lines tbody tr': example.lines.length,
      'table.totals tbody tr': 3,
      'section.verdict': 1,
    });
    const order = [
      'Invoice reconciliation for 2025-06',
      'DIFFERENCES FOUND',
      'Money at stake',
      'Totals',
      `Differences (${differing.length})`,
      `All lines (${example.lines.length})`,
    ];
    const positions = order.map((text) => page.text.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.text).toContain(example.moneyAtStake.sumOfAbsoluteDifferences);
    for (const line of differing) expect(page.text).toContain(line.explanation);
    expect(page.text).toContain('NOTE: The invoice is illustrative: its figures are invented.');
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints everything, verdict first, in black on white', async () => {
    const page = await renderHtml(html, { print: true, count: ['table.lines tbody tr'] });
    expect(page.text.indexOf('DIFFERENCES FOUND')).toBeLessThan(page.text.indexOf('Totals'));
    expect(page.counts['table.lines tbody tr']).toBe(example.lines.length);
    expect(html).toMatch(/@media print \{[\s\S]*\.verdict[^}]*background: #fff; color: #000/);
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('shows an all-match verdict', async () => {
    const expected = smallCharges();
    const page = await renderHtml(
      renderReconciliationHtml(reconcileInvoice({ invoice: invoiceOf(expected), expected })),
      {
        count: ['table.differences'],
      },
    );
    expect(page.text).toContain('ALL MATCH');
    expect(page.text).toContain('Every line matches.');
    expect(page.counts['table.differences']).toBe(0);
  });

  it('shows text from the invoice as text, never as markup', async () => {
    const expected = smallCharges();
    const rows = invoiceOf(expected);
    const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
    const hostile = '<script>document.title="x"</script><img src="http://example.invalid/x.png">&amp;';
    const result = reconcileInvoice({
      invoice: [
        ...withRow(rows, at, { amount: '1.00' }),
        {
          month: MONTH,
          kind: 'explicit',
          code: '<b>CODE</b>',
          description: hostile,
          quantity: '1',
          unitPrice: '1.00',
          amount: '1.00',
        },
      ],
      expected,
    });
    const page = await renderHtml(renderReconciliationHtml(result), { count: ['script', 'img', 'b'] });
    expect(page.counts).toEqual({ script: 0, img: 0, b: 0 });
    expect(page.externalRequests).toEqual([]);
    expect(page.text).toContain(hostile);
    expect(page.text).toContain('explicit <b>CODE</b>');
  });
});

describe('the HTML report as text', () => {
  it('is one self-contained document: inline style, no script, no external reference', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });
});
