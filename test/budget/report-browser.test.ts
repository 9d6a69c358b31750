/**
 * The budget report as a reader sees it: opened in headless Chromium with scripts disabled, it
 * shows the charts and tables, makes no external request and prints. Its screenshot goes to a
 * temporary folder; `npm run screenshots` (DCC_CHARGES_UPDATE_SCREENSHOTS=1) writes
 * docs/budget-report.png instead, so that the test run changes no tracked file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetFromFile } from '../../src/cli/commands/budget.js';
import { renderBudgetHtml } from '../../src/cli/render/budget-html.js';
import { loadChartRenderer } from '../../src/cli/render/budget-charts.js';
import { browserMissing, renderHtml } from '../support/browser.js';
import { titleWithSkip } from '../support/required-tools.js';
import { fixture, ROOT } from '../support/fixtures.js';

const scenario = fixture('budget', 'illustrative-budget.json');
const scratch = mkdtempSync(join(tmpdir(), 'dcc-budget-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const noBrowser = await browserMissing();

describe.skipIf(noBrowser !== undefined)(titleWithSkip('the budget report in a browser', noBrowser), () => {
  it('shows the charts and tables of the illustrative budget, self-contained, and keeps a screenshot', async () => {
    const projection = budgetFromFile(scenario);
    const html = await renderBudgetHtml(projection, await loadChartRenderer());
    const screenshot =
      process.env['DCC_CHARGES_UPDATE_SCREENSHOTS'] === '1'
        ? join(ROOT, 'docs', 'budget-report.png')
        : join(scratch, 'report.png');
    const page = await renderHtml(html, { screenshot, count: ['figure svg', 'table', 'figcaption', '.note'] });
    expect(page.externalRequests).toEqual([]);
    expect(page.counts).toEqual({
      'figure svg': 3,
      table: 4 + projection.cases.length * projection.cases[0]!.years.length,
      figcaption: 3,
      '.note': 1,
    });
    expect(page.text).toContain(projection.scenario.title);
    expect(page.text).toContain('NOTE: illustrative figures (invented)');
    for (const budgetCase of projection.cases) expect(page.text).toContain(budgetCase.label);
    const base = projection.cases[0]!;
    for (const year of base.years) expect(page.text).toContain(year.annual.net);
    expect(page.text).toContain(base.total.gross);
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('prints every section', async () => {
    const html = await renderBudgetHtml(budgetFromFile(scenario), await loadChartRenderer());
    const page = await renderHtml(html, { print: true });
    for (const heading of [
      'Statements',
      'Charts',
      'Charges per year',
      'Per-meter charges',
      'Month by month',
      'Method',
    ]) {
      expect(page.text).toContain(heading);
    }
  });
});
