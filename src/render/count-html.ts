/**
 * The count as one self-contained HTML page (`count --format html`): the meters per month of
 * each Charging Group as a chart, one panel per group, then the tables behind it. No script, no
 * external request; every text escaped. Counts are whole numbers of meters (not money), summed
 * exactly as integers.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RegisteredMeterCounts } from '../registrations/count-options.js';
import {
  CHARGING_GROUP_NAMES,
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  type ChargingGroup,
} from '../vocabulary/charging-groups.js';
import { CHART_CONFIG, CHARTS_ABSENT_NOTE, chartRendererOr, type ChartRenderer } from './chart-svg.js';
import { escapeHtml } from './escape-html.js';
import { htmlFigure, htmlNote, htmlPage, htmlTable } from './html-page.js';

/** A group's label in the count page: symbol and name, `g1 Import Suppliers`. */
export function countGroupLabel(group: ChargingGroup): string {
  return `${CHARGING_GROUP_SYMBOLS[group]} ${CHARGING_GROUP_NAMES[group]}`;
}

/** One point of the chart: a group's meters in a month, over every Region, premises type and enrolment state. */
export interface GroupMonthCount {
  readonly month: string;
  readonly chargingGroup: ChargingGroup;
  readonly meters: number;
}

/** The meters of every group present, per month, in the order of the groups and months. */
export function metersPerMonthByGroup(result: RegisteredMeterCounts): GroupMonthCount[] {
  const present = CHARGING_GROUPS.filter((group) => result.counts.some((row) => row.chargingGroup === group));
  return present.flatMap((group) =>
    result.snapshots.map(({ month }) => ({
      month,
      chargingGroup: group,
      meters: result.counts
        .filter((row) => row.chargingGroup === group && row.month === month)
        .reduce((sum, row) => sum + row.count, 0),
    })),
  );
}

/**
 * Meters per month, one panel per Charging Group (so that two groups with the same counts never
 * hide each other), each point labelled with its exact count, each panel's axis fitted to its own
 * counts (not forced from zero) so that a change from month to month shows.
 */
export function countChartSpec(result: RegisteredMeterCounts): TopLevelSpec {
  const values = metersPerMonthByGroup(result).map((point) => ({
    month: point.month,
    group: countGroupLabel(point.chargingGroup),
    meters: point.meters,
    label: String(point.meters),
  }));
  const groups = [...new Set(values.map((value) => value.group))];
  return {
    description: 'Meters registered per month by Charging Group, every Region, premises type and enrolment state',
    title: 'Meters per month, one row per Charging Group',
    data: { values },
    facet: {
      row: {
        field: 'group',
        type: 'nominal',
        sort: groups,
        title: 'Charging Group',
        header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 11 },
      },
    },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: { step: 64 },
      height: 110,
      layer: [
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'month', type: 'ordinal', title: 'Month', axis: { labelAngle: 0 } },
            y: {
              field: 'meters',
              type: 'quantitative',
              title: 'Meters',
              scale: { zero: false, padding: 18 },
              axis: { tickCount: 4, tickMinStep: 1, format: ',d' },
            },
          },
        },
        {
          mark: { type: 'text', dy: -10, fontSize: 11 },
          encoding: {
            x: { field: 'month', type: 'ordinal' },
            y: { field: 'meters', type: 'quantitative' },
            text: { field: 'label', type: 'nominal' },
          },
        },
      ],
    },
    config: CHART_CONFIG,
  };
}

/** The count's summary: every row read is counted or rejected. */
function summary(result: RegisteredMeterCounts): string {
  const { rowsRead, rowsCounted, rowsRejected } = result.summary;
  return `rows read ${rowsRead} = rows counted ${rowsCounted} + rows rejected ${rowsRejected}`;
}

/**
 * The count report as one HTML page: the chart of meters per month by group, the same figures as
 * a table, every non-zero count row, the rejected rows by issue code (when rows were skipped),
 * and the counting rule. Without a chart renderer (none given, and the optional chart packages
 * not installed) the page says so where the chart would be.
 */
export async function renderCountsHtml(
  result: RegisteredMeterCounts,
  rejectsByCode?: ReadonlyMap<string, number>,
  charts?: ChartRenderer,
): Promise<string> {
  const title = `Registered meters, ${result.from} to ${result.to}`;
  const points = metersPerMonthByGroup(result);
  const months = result.snapshots.map((snapshot) => snapshot.month);
  const groups = [...new Set(points.map((point) => point.chargingGroup))];
  const render = points.length === 0 ? undefined : await chartRendererOr(charts);
  const chart =
    points.length === 0
      ? '<p>No meters were counted.</p>'
      : render === undefined
        ? htmlNote(CHARTS_ABSENT_NOTE)
        : htmlFigure(
            await render(countChartSpec(result)),
            'Meters registered per month in each Charging Group (every Region, premises type and enrolment state), one row per group, each point labelled with its exact count; each row has its own axis, not starting at zero.',
          );
  const byGroup = htmlTable(
    'Meters per month by Charging Group',
    [{ header: 'Charging Group' }, ...months.map((month) => ({ header: month, numeric: true }))],
    groups.map((group) => [
      countGroupLabel(group),
      ...months.map((month) =>
        String(points.find((point) => point.chargingGroup === group && point.month === month)?.meters ?? 0),
      ),
    ]),
  );
  const snapshotOf = new Map(result.snapshots.map((snapshot) => [snapshot.month, snapshot.date]));
  const rows = htmlTable(
    'Counts (zero counts not shown)',
    [
      { header: 'Month' },
      { header: 'Snapshot' },
      { header: 'Charging Group' },
      { header: 'Region' },
      { header: 'Premises' },
      { header: 'Enrolled' },
      { header: 'Count', numeric: true },
    ],
    result.counts
      .filter((row) => row.count > 0)
      .map((row) => [
        row.month ?? '',
        snapshotOf.get(row.month ?? '') ?? '',
        countGroupLabel(row.chargingGroup),
        row.region,
        row.premises,
        row.enrolled ? 'yes' : 'no',
        String(row.count),
      ]),
  );
  const rejected =
    rejectsByCode === undefined || rejectsByCode.size === 0
      ? ''
      : htmlTable(
          'Rejected rows by issue code (a row with several problems counts under each of its codes)',
          [{ header: 'Issue code' }, { header: 'Rows', numeric: true }],
          [...rejectsByCode].map(([code, count]) => [code, String(count)]),
        );
  return htmlPage(
    title,
    [],
    [summary(result), `Snapshot day: ${String(result.snapshotDay)} (${result.clause}).`],
    [
      { heading: 'Chart', html: chart },
      { heading: 'Meters per month', html: `${byGroup}\n${rows}\n${rejected}` },
      { heading: 'Method', html: `<p>${escapeHtml(result.rule)}</p>` },
    ],
  );
}
