/**
 * The budget report: one self-contained HTML page (no script, no external request) with the
 * charts drawn as inline SVG and every figure also in a table.
 */
import type { BudgetCase, BudgetProjection } from '../../budget/projection.js';
import { CHARGING_GROUP_NAMES, CHARGING_GROUP_SYMBOLS } from '../../vocabulary/charging-groups.js';
import { budgetHeading, describeAdjustments, describeYearBasis } from '../../render/budget.js';
import {
  CHARTS_ABSENT_NOTE,
  costByChargeTypeSpec,
  perMeterChargesSpec,
  sensitivitySpec,
  type ChartRenderer,
} from './budget-charts.js';
import { percent } from '../../render/diff.js';
import { escapeHtml } from '../../render/escape-html.js';
import {
  CHART_PAGE_STYLE,
  htmlFigure as figure,
  htmlNote,
  htmlTable as table,
  type HtmlColumn,
} from '../../render/html-page.js';

const MONEY_COLUMNS: HtmlColumn[] = [
  { header: 'Fixed', numeric: true },
  { header: 'Fixed CH', numeric: true },
  { header: 'Fixed Alt HAN', numeric: true },
  { header: 'Explicit', numeric: true },
  { header: 'Elective', numeric: true },
  { header: 'Net', numeric: true },
  { header: 'VAT', numeric: true },
  { header: 'Gross', numeric: true },
];

function annualTable(budgetCase: BudgetCase): string {
  const t = budgetCase.total;
  return table(
    `${budgetCase.label}: charges per year (GBP)`,
    [{ header: 'Regulatory Year' }, { header: 'Meters (April)', numeric: true }, ...MONEY_COLUMNS],
    budgetCase.years.map((year) => {
      const a = year.annual;
      return [
        year.regulatoryYear,
        String(year.months[0]?.meters ?? 0),
        a.fixed,
        a.fixedCh,
        a.fixedAltHan,
        a.explicit,
        a.elective,
        a.net,
        a.vat,
        a.gross,
      ];
    }),
    ['Total', '', t.fixed, t.fixedCh, t.fixedAltHan, t.explicit, t.elective, t.net, t.vat, t.gross],
  );
}

function monthlyTable(budgetCase: BudgetCase): string {
  return budgetCase.years
    .map((year) =>
      table(
        `${budgetCase.label}: ${year.regulatoryYear} month by month (GBP), under ${year.statement.id}`,
        [{ header: 'Month' }, { header: 'Meters', numeric: true }, ...MONEY_COLUMNS],
        year.months.map((month) => {
          const t = month.totals;
          return [
            month.month,
            String(month.meters),
            t.fixed,
            t.fixedCh,
            t.fixedAltHan,
            t.explicit,
            t.elective,
            t.net,
            t.vat,
            t.gross,
          ];
        }),
        (() => {
          const a = year.annual;
          return [
            year.regulatoryYear,
            '',
            a.fixed,
            a.fixedCh,
            a.fixedAltHan,
            a.explicit,
            a.elective,
            a.net,
            a.vat,
            a.gross,
          ];
        })(),
      ),
    )
    .join('\n');
}

/**
 * The budget report as one HTML page: heading and illustrative notice, the statement of each
 * year, charts (per-meter charges by group over the years; the User's cost by charge type per
 * year; every case's net per year), then the tables behind them and the method. Without a chart
 * renderer (the optional chart packages are not installed) the page says so where the charts
 * would be; every figure is in the tables either way.
 */
export async function renderBudgetHtml(
  projection: BudgetProjection,
  render: ChartRenderer | undefined,
): Promise<string> {
  const base = projection.cases[0];
  if (base === undefined) throw new RangeError('a projection has a base case');
  const [heading, ...intro] = budgetHeading(projection);
  const charts: string[] = [];
  if (render === undefined) {
    charts.push(htmlNote(CHARTS_ABSENT_NOTE));
  } else {
    charts.push(
      figure(
        await render(costByChargeTypeSpec(projection)),
        "The User's charges by charge type per Regulatory Year, net of VAT (base case).",
      ),
      figure(
        await render(perMeterChargesSpec(projection)),
        'What one chargeable meter pays per month, Fixed + Fixed CH + Fixed Alt HAN (national plus regional rates), one row per Charging Group and one column per Region, each point labelled with its exact figure (base case).',
      ),
    );
    if (projection.cases.length > 1) {
      charts.push(
        figure(
          await render(sensitivitySpec(projection)),
          'Net charges per Regulatory Year of each sensitivity case, as the change from the base case (the zero line).',
        ),
      );
    }
  }
  const statements = table(
    'The Charging Statement of each year',
    [
      { header: 'Regulatory Year' },
      { header: 'Statement' },
      { header: 'Title' },
      { header: 'Basis' },
      { header: 'Illustrative' },
    ],
    base.years.map((year) => [
      year.regulatoryYear,
      year.statement.id,
      year.statement.title,
      describeYearBasis(year),
      year.statement.illustrative ? 'yes' : 'no',
    ]),
  );
  const sensitivity =
    projection.cases.length > 1
      ? table(
          'Net charges per year by case (GBP), with the change from the base case',
          [
            { header: 'Case' },
            { header: 'Changes' },
            ...base.years.map((year) => ({ header: year.regulatoryYear, numeric: true })),
            { header: 'Total', numeric: true },
          ],
          projection.cases.map((budgetCase) => [
            budgetCase.label,
            describeAdjustments(budgetCase),
            ...budgetCase.years.map((year) =>
              year.netFromBase === undefined
                ? year.annual.net
                : `${year.annual.net} (${percent(year.netFromBase.changePercent, true)})`,
            ),
            budgetCase.netFromBase === undefined
              ? budgetCase.total.net
              : `${budgetCase.total.net} (${percent(budgetCase.netFromBase.changePercent, true)})`,
          ]),
        )
      : '';
  const perMeter = table(
    'Charge per chargeable meter per month (GBP), base case',
    [
      { header: 'Charging Group' },
      { header: 'Region' },
      ...base.years.map((year) => ({ header: year.regulatoryYear, numeric: true })),
    ],
    (base.years[0]?.perMeterCharges ?? []).map((charge, index) => [
      `${CHARGING_GROUP_SYMBOLS[charge.chargingGroup]} ${CHARGING_GROUP_NAMES[charge.chargingGroup]}`,
      charge.region,
      ...base.years.map((year) => year.perMeterCharges[index]?.total ?? ''),
    ]),
  );
  const notice = intro.filter((line) => line.startsWith('NOTE:'));
  const rest = intro.filter((line) => !line.startsWith('NOTE:'));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading ?? 'Budget')}</title>
<style>${CHART_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading ?? 'Budget')}</h1>
${notice.map((line) => `<p class="note" role="note">${escapeHtml(line)}</p>`).join('\n')}
${rest.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</header>
<main>
<section><h2>Statements</h2>
${statements}
</section>
<section><h2>Charts</h2>
${charts.join('\n')}
</section>
<section><h2>Charges per year</h2>
${annualTable(base)}
${sensitivity}
</section>
<section><h2>Per-meter charges</h2>
${perMeter}
</section>
<section><h2>Month by month</h2>
${projection.cases.map((budgetCase) => `<details${budgetCase === base ? ' open' : ''}><summary>${escapeHtml(budgetCase.label)}</summary>\n${monthlyTable(budgetCase)}\n</details>`).join('\n')}
</section>
<section><h2>Method</h2>
<ul>
${projection.method.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join('\n')}
</ul>
</section>
</main>
</body>
</html>
`;
}
