/**
 * The count report as a reader sees it: opened in headless Chromium with scripts disabled, its
 * chart shows every Charging Group (Import and Gas Suppliers have the same counts every month, so
 * a shared panel would hide one), every point labelled, no two labels overlapping, none smaller
 * than 10px. The screenshot goes to a temporary folder; `npm run screenshots`
 * (DCC_CHARGES_UPDATE_SCREENSHOTS=1) writes docs/count-report.png instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCountsHtml } from '../../src/render/count-html.js';
import { overlaps, renderHtml } from '../support/browser.js';
import { ROOT } from '../support/fixtures.js';
import { EXPORT, GROWING, reportCounts } from './count-report-rows.js';

const scratch = mkdtempSync(join(tmpdir(), 'dcc-count-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the count report in a browser', () => {
  it('shows every group in its own panel, every point labelled legibly, and keeps a screenshot', async () => {
    const html = await renderCountsHtml(reportCounts());
    const screenshot =
      process.env['DCC_CHARGES_UPDATE_SCREENSHOTS'] === '1'
        ? join(ROOT, 'docs', 'count-report.png')
        : join(scratch, 'report.png');
    const page = await renderHtml(html, {
      screenshot,
      svgTexts: true,
      count: ['figure svg', 'figure svg g.mark-symbol.role-mark path', 'figure svg g.mark-line.role-mark path'],
    });
    expect(page.externalRequests).toEqual([]);
    expect(page.counts).toEqual({
      'figure svg': 1,
      'figure svg g.mark-symbol.role-mark path': 3 * 6, // a point per group and month
      'figure svg g.mark-line.role-mark path': 3, // a line per group
    });
    const texts = page.svgTexts;
    for (const group of ['g1 Import Suppliers', 'g2 Export Suppliers', 'g3 Gas Suppliers']) {
      expect(texts.filter((text) => text.text === group)).toHaveLength(1);
    }
    // The point labels, panel by panel in the groups' order: g1 and g3 both show, though equal.
    const labels = texts.filter((text) => text.role.startsWith('mark-text role-mark'));
    expect(labels.map((label) => label.text)).toEqual([...GROWING, ...EXPORT, ...GROWING]);
    for (const [index, label] of labels.entries()) {
      for (const other of labels.slice(index + 1))
        expect(overlaps(label, other), `${label.text} and ${other.text}`).toBe(false);
    }
    for (const text of texts) expect(text.fontSize, text.text).toBeGreaterThanOrEqual(10);
    // Each panel's axis fits its own counts: g1's labels 10 to 15 spread over its panel's height.
    const g1 = labels.slice(0, 6);
    expect(g1[0]!.y - g1[5]!.y).toBeGreaterThan(40);
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
