/**
 * The comparison of two Charging Statements as one self-contained HTML page
 * (`diff --format html`): a chart of every rate's change from the earlier statement (a) to the
 * later one (b), then the tables of every section. No script, no external request; every text
 * escaped; every figure a reader reads is the exact decimal string of the comparison.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RateComparison, StatementComparison } from '../budget/compare-statements.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { CHART_CONFIG, CHARTS_ABSENT_NOTE, chartRendererOr, plotted, type ChartRenderer } from './chart-svg.js';
import { CHARGE_LABEL, diffHeading, diffSections, percent, signed } from './diff.js';
import { htmlFigure, htmlNote, htmlPage, htmlTable } from './html-page.js';

/** A rate's name in the chart: charge type, group symbol and Region, `Fixed g1 national`. */
export function rateLabel(rate: RateComparison): string {
  return `${CHARGE_LABEL[rate.kind]} ${CHARGING_GROUP_SYMBOLS[rate.chargingGroup]} ${rate.region}`;
}

/** What the chart writes beside a rate: the exact change and per cent, or what was added or removed. */
export function rateChangeLabel(rate: RateComparison): string {
  switch (rate.status) {
    case 'added':
      return `added: ${rate.after ?? ''}`;
    case 'removed':
      return `removed: was ${rate.before ?? ''}`;
    case 'changed':
    case 'unchanged':
      return `${signed(rate.change)} (${percent(rate.changePercent, rate.change !== null)}): ${rate.before ?? ''} to ${rate.after ?? ''}`;
  }
}

const ROW_STEP = 18;

/**
 * Every rate's change, b minus a, one row per rate (so that equal changes never draw on top of
 * each other): a bar from zero to the change, a point at its end (also for a change of zero),
 * and, in a column of its own beside the bars, the exact change with its per cent. A rate added
 * or removed has no change: its point sits on the zero line, coloured by status, and the column
 * says which.
 */
export function rateChangesSpec(comparison: StatementComparison): TopLevelSpec {
  const values = comparison.rates.map((rate) => ({
    rate: rateLabel(rate),
    status: rate.status,
    change: plotted(rate.change ?? '0'),
    label: rateChangeLabel(rate),
  }));
  const order = values.map((value) => value.rate);
  const y = { field: 'rate', type: 'nominal', sort: order, title: null } as const;
  const height = { step: ROW_STEP };
  return {
    description: `Change of every rate per meter per month from ${comparison.a.id} to ${comparison.b.id}`,
    title: `Rates per meter per month: change from ${comparison.a.id} (a) to ${comparison.b.id} (b), GBP`,
    data: { values },
    hconcat: [
      {
        width: 380,
        height,
        layer: [
          {
            mark: { type: 'bar', color: '#9db7d5' },
            encoding: {
              y: { ...y, axis: { labelFontSize: 11, labelLimit: 240 } },
              x: { field: 'change', type: 'quantitative', title: 'Change, b minus a (GBP per meter per month)' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 40 },
            encoding: {
              y,
              x: { field: 'change', type: 'quantitative' },
              color: {
                field: 'status',
                type: 'nominal',
                title: 'Status',
                scale: {
                  domain: ['changed', 'unchanged', 'added', 'removed'],
                  range: ['#1f4e8c', '#777777', '#2a8a3a', '#b03030'],
                },
              },
            },
          },
          { mark: { type: 'rule', color: '#333333' }, encoding: { x: { datum: 0 } } },
        ],
      },
      {
        width: 260,
        height,
        mark: { type: 'text', align: 'left', fontSize: 11 },
        encoding: {
          y: { ...y, axis: null },
          x: { value: 4 },
          text: { field: 'label', type: 'nominal' },
        },
        view: { stroke: null },
      },
    ],
    config: CHART_CONFIG,
  };
}

/**
 * The comparison as one HTML page: the heading (with the illustrative note when a statement is
 * illustrative), the chart of rate changes, then every section of the comparison as a table.
 * Without a chart renderer (none given, and the optional chart packages not installed) the
 * page says so where the chart would be.
 */
export async function renderDiffHtml(comparison: StatementComparison, charts?: ChartRenderer): Promise<string> {
  const [title, ...rest] = diffHeading(comparison);
  const notes = rest.filter((line) => line.startsWith('NOTE:'));
  const intro = rest.filter((line) => !line.startsWith('NOTE:'));
  const render = comparison.rates.length === 0 ? undefined : await chartRendererOr(charts);
  const chart =
    comparison.rates.length === 0
      ? '<p>Neither statement has a rate per meter.</p>'
      : render === undefined
        ? htmlNote(CHARTS_ABSENT_NOTE)
        : htmlFigure(
            await render(rateChangesSpec(comparison)),
            'Every rate per meter per month as its change from statement a to statement b (GBP), one row per rate, each labelled with the exact change and per cent; a rate added or removed sits on the zero line, coloured by its status.',
          );
  const tables = diffSections(comparison)
    .map((section) =>
      htmlTable(
        section.title,
        section.columns.map((column) => ({ header: column.header, numeric: column.align === 'right' })),
        section.rows,
      ),
    )
    .join('\n');
  return htmlPage(title ?? 'Statements compared', notes, intro, [
    { heading: 'Chart', html: chart },
    { heading: 'Comparison', html: tables },
  ]);
}
