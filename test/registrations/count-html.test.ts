/** The count's HTML page and its chart specification: every group in the chart, every text escaped. */
import { describe, expect, it } from 'vitest';
import { countChartSpec, metersPerMonthByGroup, renderCountsHtml } from '../../src/render/count-html.js';
import { renderCounts } from '../../src/cli/commands/count.js';
import { EXPORT, GROWING, reportCounts } from './count-report-rows.js';

const counts = reportCounts();
const MONTHS = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'];

describe('the count chart', () => {
  it('has one series per Charging Group present, one point a month, summed over Regions, premises and enrolment', () => {
    const points = metersPerMonthByGroup(counts);
    const series = (group: string) =>
      points.filter((point) => point.chargingGroup === group).map((point) => String(point.meters));
    expect(series('importSupplier')).toEqual(GROWING);
    expect(series('gasSupplier')).toEqual(GROWING);
    expect(series('exportSupplier')).toEqual(EXPORT);
    expect(points.map((point) => point.month)).toEqual([...MONTHS, ...MONTHS, ...MONTHS]);
    // Groups with no registration at all are not drawn.
    expect(new Set(points.map((point) => point.chargingGroup))).toEqual(
      new Set(['importSupplier', 'exportSupplier', 'gasSupplier']),
    );
  });

  it('gives every group a panel of its own, its own axis not forced from zero, and labels every point', () => {
    const spec = countChartSpec(counts) as unknown as {
      data: { values: { group: string; label: string; meters: number }[] };
      facet: { row: { field: string; sort: string[] } };
      resolve: unknown;
      spec: {
        layer: { mark: { type: string }; encoding: { y: { scale?: { zero: boolean } }; text?: { field: string } } }[];
      };
    };
    expect(spec.facet.row.field).toBe('group');
    expect(spec.facet.row.sort).toEqual(['g1 Import Suppliers', 'g2 Export Suppliers', 'g3 Gas Suppliers']);
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    expect(spec.spec.layer[0]!.encoding.y.scale?.zero).toBe(false);
    expect(spec.spec.layer[1]!.encoding.text?.field).toBe('label');
    expect(spec.data.values).toHaveLength(3 * 6);
    // The label is the exact count; the plotted number is the same count.
    for (const value of spec.data.values) expect(value.label).toBe(String(value.meters));
  });
});

describe('the count page', () => {
  it('is self-contained: one chart, the tables, no script, no external reference', async () => {
    const html = await renderCountsHtml(counts);
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|<[^>]*\s(src|href)=/i);
    expect(html).toContain('rows read 34 = rows counted 34 + rows rejected 0'); // 15 import + 15 gas + 4 export
    for (const group of ['g1 Import Suppliers', 'g2 Export Suppliers', 'g3 Gas Suppliers'])
      expect(html).toContain(group);
    // The table of the chart's figures: g1's row reads 10 to 15.
    expect(html).toContain(
      `<td>g1 Import Suppliers</td>${GROWING.map((count) => `<td class="num">${count}</td>`).join('')}`,
    );
  });

  it('escapes every text it shows', async () => {
    const html = await renderCountsHtml(counts, new Map([['<img src=x onerror="alert(1)">', 2]]));
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).not.toContain('<img');
  });

  it('is what count --format html writes', async () => {
    const written = await renderCounts(counts, 'html');
    expect(written).toBe(await renderCountsHtml(counts));
  });

  it('says so when nothing was counted, with no chart', async () => {
    const html = await renderCountsHtml({ ...counts, counts: [] });
    expect(html).toContain('No meters were counted.');
    expect(html).not.toContain('<svg');
  });
});
