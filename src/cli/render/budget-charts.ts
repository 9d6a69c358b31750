/**
 * The budget report's charts, as Vega-Lite specifications drawn to SVG by the reports' one chart
 * renderer (`src/render/chart-svg.ts`, decision 0040). Figures are turned into numbers here only to
 * place marks; every figure a reader reads as text comes from the exact strings.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetProjection } from '../../budget/projection.js';
import { CHARGING_GROUP_NAMES, CHARGING_GROUP_SYMBOLS, CHARGING_GROUPS } from '../../vocabulary/charging-groups.js';
import { REGIONS } from '../../vocabulary/regions.js';
import { CHART_CONFIG as CONFIG, plotted } from '../../render/chart-svg.js';

/** The drawing function, shared with the other chart pages. */
export {
  CHART_PACKAGES_INSTALL,
  CHARTS_ABSENT_NOTE,
  CHARTS_ABSENT_REASON,
  loadChartRenderer,
  type ChartRenderer,
} from '../../render/chart-svg.js';

/** Display names of the charge types in the charts, in stacking order. */
export const CHARGE_TYPE_LABELS = {
  fixed: 'Fixed',
  fixedCh: 'Fixed CH',
  fixedAltHan: 'Fixed Alt HAN',
  explicit: 'Explicit',
  elective: 'Elective',
} as const;

const GROUP_LABELS = CHARGING_GROUPS.map((group) => `${CHARGING_GROUP_SYMBOLS[group]} ${CHARGING_GROUP_NAMES[group]}`);

/**
 * Per-meter charges over the years, one panel per Charging Group (rows) and Region (columns):
 * what one chargeable meter pays per month (Fixed + Fixed CH + Fixed Alt HAN) in the base case.
 * One panel per group, so two groups with equal charges never hide each other; each point is
 * labelled with its exact figure; each group's axis starts near its own figures (not at zero),
 * so that a change shows.
 */
export function perMeterChargesSpec(projection: BudgetProjection): TopLevelSpec {
  const base = projection.cases[0];
  const values = (base?.years ?? []).flatMap((year) =>
    year.perMeterCharges.map((charge) => ({
      year: year.regulatoryYear,
      group: `${CHARGING_GROUP_SYMBOLS[charge.chargingGroup]} ${CHARGING_GROUP_NAMES[charge.chargingGroup]}`,
      region: charge.region,
      perMeter: plotted(charge.total),
      label: charge.total,
    })),
  );
  return {
    description: 'Charge per chargeable meter per month by Charging Group, Region and Regulatory Year (base case)',
    title: 'Charge per chargeable meter per month (base case), one row per Charging Group',
    data: { values },
    facet: {
      row: {
        field: 'group',
        type: 'nominal',
        sort: GROUP_LABELS,
        title: 'Charging Group',
        header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 11 },
      },
      column: { field: 'region', type: 'nominal', sort: [...REGIONS], title: 'Region', header: { labelFontSize: 11 } },
    },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 200,
      height: 110,
      layer: [
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'year', type: 'ordinal', title: 'Regulatory Year', axis: { labelAngle: 0 } },
            y: {
              field: 'perMeter',
              type: 'quantitative',
              title: 'GBP',
              scale: { zero: false, padding: 12 },
              axis: { tickCount: 4 },
            },
          },
        },
        {
          mark: { type: 'text', dy: -9, fontSize: 10 },
          encoding: {
            x: { field: 'year', type: 'ordinal' },
            y: { field: 'perMeter', type: 'quantitative' },
            text: { field: 'label', type: 'nominal' },
          },
        },
      ],
    },
    config: CONFIG,
  };
}

/** The User's cost by charge type per year, stacked (base case, net of VAT). */
export function costByChargeTypeSpec(projection: BudgetProjection): TopLevelSpec {
  const base = projection.cases[0];
  const kinds = Object.keys(CHARGE_TYPE_LABELS) as (keyof typeof CHARGE_TYPE_LABELS)[];
  const values = (base?.years ?? []).flatMap((year) =>
    kinds.map((kind, order) => ({
      year: year.regulatoryYear,
      chargeType: CHARGE_TYPE_LABELS[kind],
      order,
      amount: plotted(year.annual[kind]),
    })),
  );
  return {
    description: "The User's charges by charge type per Regulatory Year, net of VAT (base case)",
    title: "The User's charges by charge type per year (base case, net of VAT)",
    data: { values },
    width: 420,
    height: 260,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Regulatory Year', axis: { labelAngle: 0 } },
      y: { field: 'amount', type: 'quantitative', title: 'GBP per year', stack: 'zero', axis: { format: ',.0f' } },
      color: {
        field: 'chargeType',
        type: 'nominal',
        title: 'Charge type',
        sort: kinds.map((kind) => CHARGE_TYPE_LABELS[kind]),
      },
      order: { field: 'order', type: 'quantitative' },
    },
    config: CONFIG,
  };
}

/**
 * Every sensitivity case as its change from the base case, per year: the net of the case minus
 * the base case's net (exact, from the projection), with the change in per cent as the label.
 * The base case is the zero line.
 */
export function sensitivitySpec(projection: BudgetProjection): TopLevelSpec {
  const cases = projection.cases.slice(1);
  const values = cases.flatMap((budgetCase) =>
    budgetCase.years.map((year) => {
      const change = year.netFromBase;
      const percent = change?.changePercent;
      return {
        year: year.regulatoryYear,
        case: budgetCase.label,
        change: plotted(change?.change ?? '0'),
        label: `${change?.change ?? '0'}${percent === null || percent === undefined ? '' : ` (${percent.startsWith('-') ? '' : '+'}${percent}%)`}`,
      };
    }),
  );
  const order = cases.map((budgetCase) => budgetCase.label);
  return {
    description: 'Net charges per Regulatory Year of each sensitivity case, as the change from the base case',
    title: 'Net charges per year: change from the base case, by case',
    data: { values },
    width: 520,
    height: 280,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'year', type: 'ordinal', title: 'Regulatory Year', axis: { labelAngle: 0 } },
          xOffset: { field: 'case', type: 'nominal', sort: order },
          y: {
            field: 'change',
            type: 'quantitative',
            title: 'GBP per year, case minus base case',
            axis: { format: ',.0f' },
          },
          color: { field: 'case', type: 'nominal', title: 'Case', sort: order },
          tooltip: { field: 'label', type: 'nominal' },
        },
      },
      {
        mark: { type: 'rule', color: '#333333' },
        encoding: { y: { datum: 0 } },
      },
    ],
    config: CONFIG,
  };
}
