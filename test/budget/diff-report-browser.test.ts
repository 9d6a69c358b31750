/**
 * The diff report as a reader sees it: opened in headless Chromium with scripts disabled, its
 * chart shows every rate on a row of its own (two rates with the same change both show), each
 * with its exact change beside it, no two labels overlapping, none smaller than 10px. The
 * screenshot goes to a temporary folder; `npm run screenshots` (DCC_CHARGES_UPDATE_SCREENSHOTS=1)
 * writes docs/diff-report.png instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiffHtml } from '../../src/render/diff-html.js';
import { overlaps, renderHtml } from '../support/browser.js';
import { ROOT } from '../support/fixtures.js';
import { EXPECTED_RATES, HOSTILE_TITLE, reportComparison } from './diff-report-statements.js';

const scratch = mkdtempSync(join(tmpdir(), 'dcc-diff-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the diff report in a browser', () => {
  it('shows every rate and its change, legibly, and keeps a screenshot', async () => {
    const html = await renderDiffHtml(reportComparison());
    const screenshot =
      process.env['DCC_CHARGES_UPDATE_SCREENSHOTS'] === '1'
        ? join(ROOT, 'docs', 'diff-report.png')
        : join(scratch, 'report.png');
    const page = await renderHtml(html, {
      screenshot,
      svgTexts: true,
      count: ['figure svg', 'figure svg g.mark-symbol.role-mark path', 'figure svg g.mark-rect.role-mark path', 'img'],
    });
    expect(page.externalRequests).toEqual([]);
    expect(page.counts).toEqual({
      'figure svg': 1,
      'figure svg g.mark-symbol.role-mark path': EXPECTED_RATES.length, // a point per rate
      'figure svg g.mark-rect.role-mark path': EXPECTED_RATES.length, // a bar per rate (zero long when no change)
      img: 0, // the markup in a title shows as text
    });
    expect(page.text).toContain(HOSTILE_TITLE);
    const texts = page.svgTexts;
    const rateNames = texts.filter(
      (text) =>
        text.role.startsWith('mark-text role-axis-label') && EXPECTED_RATES.some(([rate]) => rate === text.text),
    );
    expect(rateNames.map((text) => text.text)).toEqual(EXPECTED_RATES.map(([rate]) => rate));
    const changes = texts.filter((text) => text.role.startsWith('mark-text role-mark'));
    expect(changes.map((text) => text.text)).toEqual(EXPECTED_RATES.map(([, change]) => change));
    // Each change is on its rate's row.
    for (const [index, change] of changes.entries()) expect(Math.abs(change.y - rateNames[index]!.y)).toBeLessThan(4);
    const labels = [...rateNames, ...changes];
    for (const [index, label] of labels.entries()) {
      for (const other of labels.slice(index + 1))
        expect(overlaps(label, other), `${label.text} and ${other.text}`).toBe(false);
    }
    for (const text of texts) expect(text.fontSize, text.text).toBeGreaterThanOrEqual(10);
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
