/** The comparison's HTML page and its chart of rate changes: every rate in the chart, every text escaped. */
import { describe, expect, it } from 'vitest';
import { rateChangeLabel, rateChangesSpec, rateLabel, renderDiffHtml } from '../../src/render/diff-html.js';
import { renderDiff } from '../../src/cli/commands/diff.js';
import { EXPECTED_RATES, HOSTILE_TITLE, reportComparison } from './diff-report-statements.js';

const comparison = reportComparison();

describe('the chart of rate changes', () => {
  it('has one row per rate, labelled with the exact change, also where two changes are equal', () => {
    expect(comparison.rates.map((rate) => [rateLabel(rate), rateChangeLabel(rate)])).toEqual(EXPECTED_RATES);
    const spec = rateChangesSpec(comparison) as unknown as {
      data: { values: { rate: string; change: number; label: string; status: string }[] };
      hconcat: { encoding?: { y: { sort: string[] } }; layer?: { encoding: { y?: { sort: string[] } } }[] }[];
    };
    expect(spec.data.values.map((value) => [value.rate, value.label])).toEqual(EXPECTED_RATES);
    // Every row is its own category on the y scale, in the comparison's order: none draws on another.
    const order = EXPECTED_RATES.map(([rate]) => rate);
    expect(new Set(order).size).toBe(order.length);
    expect(spec.hconcat[0]!.layer![0]!.encoding.y!.sort).toEqual(order);
    expect(spec.hconcat[1]!.encoding!.y.sort).toEqual(order);
    // Plotted: the exact change read as a number; added and removed rates on the zero line.
    expect(spec.data.values.map((value) => value.change)).toEqual([
      0.0223, 0, 0.0223, -0.0112, 0, 0, 0, 0, -0.272, -0.417,
    ]);
    expect(spec.data.values.map((value) => value.status)).toEqual([
      'changed',
      'unchanged',
      'changed',
      'changed',
      'removed',
      'added',
      'added',
      'added',
      'changed',
      'changed',
    ]);
  });
});

describe('the diff page', () => {
  it('is self-contained: one chart, every section as a table, no script, no external reference', async () => {
    const html = await renderDiffHtml(comparison);
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|<[^>]*\s(src|href)=/i);
    expect(html).toContain('<caption>Rates per meter per month (GBP)</caption>');
    expect(html).toContain('NOTE: illustrative figures (invented) in at least one statement.');
    for (const [rate, label] of EXPECTED_RATES) {
      expect(html).toContain(`>${rate}<`);
      expect(html).toContain(`>${label}<`);
    }
  });

  it("escapes the statements' text, in the page and in the chart", async () => {
    const html = await renderDiffHtml(comparison);
    expect(html).not.toContain('<img');
    expect(html).toContain('Test 2026/27 &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
    expect(HOSTILE_TITLE).toContain('<img');
  });

  it('is what diff --format html writes', async () => {
    expect(await renderDiff(comparison, 'html')).toBe(await renderDiffHtml(comparison));
  });
});
