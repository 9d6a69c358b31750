/**
 * The budget report's charts, as Vega-Lite specifications rendered to SVG by Vega's headless
 * renderer (no browser, no canvas; decision 0040). Figures are turned into numbers here only to
 * place marks; every figure a reader reads as text comes from the exact strings.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetProjection } from '../../budget/projection.js';
import { CHARGING_GROUP_NAMES, CHARGING_GROUP_SYMBOLS, CHARGING_GROUPS } from '../../vocabulary/charging-groups.js';
import { REGIONS } from '../../vocabulary/regions.js';

/** Display names of the charge types in the charts, in stacking order. */
export const CHARGE_TYPE_LABELS = {
  fixed: 'Fixed',
  fixedCh: 'Fixed CH',
  fixedAltHan: 'Fixed Alt HAN',
  explicit: 'Explicit',
  elective: 'Elective',
} as const;

const GROUP_LABELS = CHARGING_GROUPS.map((group) => `${CHARGING_GROUP_SYMBOLS[group]} ${CHARGING_GROUP_NAMES[group]}`);

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#cccccc' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
} as const;

/** A figure for drawing only (never for arithmetic). */
function plotted(text: string): number {
  return Number(text);
}

/**
 * Per-meter charges by Charging Group over the years, one panel per Region: what one chargeable
 * meter pays per month (Fixed + Fixed CH + Fixed Alt HAN) in the base case.
 */
export function perMeterChargesSpec(projection: BudgetProjection): TopLevelSpec {
  const base = projection.cases[0];
  const values = (base?.years ?? []).flatMap((year) =>
    year.perMeterCharges.map((charge) => ({
      year: year.regulatoryYear,
      group: `${CHARGING_GROUP_SYMBOLS[charge.chargingGroup]} ${CHARGING_GROUP_NAMES[charge.chargingGroup]}`,
      region: charge.region,
      perMeter: plotted(charge.total),
    })),
  );
  return {
    description: 'Charge per chargeable meter per month by Charging Group, Region and Regulatory Year (base case)',
    title: 'Charge per chargeable meter per month (base case)',
    data: { values },
    facet: { column: { field: 'region', type: 'nominal', sort: [...REGIONS], title: 'Region' } },
    spec: {
      width: 230,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: 'Regulatory Year', axis: { labelAngle: 0 } },
        y: { field: 'perMeter', type: 'quantitative', title: 'GBP per meter per month', axis: { format: ',.2f' } },
        color: { field: 'group', type: 'nominal', title: 'Charging Group', sort: GROUP_LABELS },
      },
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
      color: { field: 'chargeType', type: 'nominal', title: 'Charge type', sort: kinds.map((kind) => CHARGE_TYPE_LABELS[kind]) },
      order: { field: 'order', type: 'quantitative' },
    },
    config: CONFIG,
  };
}

/** The net per year of every case side by side. */
export function sensitivitySpec(projection: BudgetProjection): TopLevelSpec {
  const values = projection.cases.flatMap((budgetCase) =>
    budgetCase.years.map((year) => ({ year: year.regulatoryYear, case: budgetCase.label, net: plotted(year.annual.net) })),
  );
  return {
    description: 'Net charges per Regulatory Year for the base case and each sensitivity case',
    title: 'Net charges per year by case',
    data: { values },
    width: 420,
    height: 260,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Regulatory Year', axis: { labelAngle: 0 } },
      xOffset: { field: 'case', type: 'nominal', sort: projection.cases.map((budgetCase) => budgetCase.label) },
      y: { field: 'net', type: 'quantitative', title: 'GBP per year', axis: { format: ',.0f' } },
      color: { field: 'case', type: 'nominal', title: 'Case', sort: projection.cases.map((budgetCase) => budgetCase.label) },
    },
    config: CONFIG,
  };
}

/**
 * Renders a Vega-Lite specification to an SVG document with Vega's headless renderer
 * (`renderer: 'none'`, then `toSVG`). The libraries are loaded only when a chart is drawn.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
