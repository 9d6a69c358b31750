/**
 * Renders a statement comparison: a readable table, Markdown, or CSV. Every view shows the same
 * sections (terms, rates, explicit prices, portfolio impact) built once.
 */
import type { StatementComparison } from '../budget/compare-statements.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { renderTextTable, type TextColumn } from './text-table.js';
import { writeCsv } from '../tables/csv-write.js';
import { visibleText } from './visible-text.js';

/** One section of the comparison: a title, columns and rows of text. */
export interface DiffSection {
  readonly title: string;
  readonly columns: readonly TextColumn[];
  readonly rows: readonly (readonly string[])[];
}

/** Display names of the per-meter charge types. */
export const CHARGE_LABEL = { fixed: 'Fixed', fixedCh: 'Fixed CH', fixedAltHan: 'Fixed Alt HAN' } as const;

const TOTAL_LABEL = {
  fixed: 'Fixed Charges',
  fixedCh: 'Fixed CH Charges',
  fixedAltHan: 'Fixed Alt HAN Charges',
  explicit: 'Explicit Charges',
  elective: 'Elective Charges',
  net: 'Net',
  vat: 'VAT',
  gross: 'Gross',
} as const;

/** A signed change for reading: `+0.04`, `-1.50`, `0`. */
export function signed(value: string | null): string {
  if (value === null) return '-';
  return value.startsWith('-') || /^0(\.0*)?$/.test(value) ? value : `+${value}`;
}

/** A percentage for reading: `+10.00%`, or `n/a` where undefined. */
export function percent(value: string | null, defined: boolean): string {
  if (!defined) return '-';
  return value === null ? 'n/a' : `${signed(value)}%`;
}

const FIGURE_COLUMNS: TextColumn[] = [
  { header: 'Before', align: 'right' },
  { header: 'After', align: 'right' },
  { header: 'Change', align: 'right' },
  { header: 'Change %', align: 'right' },
  { header: 'Status' },
];

function figureCells(row: {
  before: string | null;
  after: string | null;
  change: string | null;
  changePercent: string | null;
  status: string;
}): string[] {
  return [
    row.before ?? '-',
    row.after ?? '-',
    signed(row.change),
    percent(row.changePercent, row.change !== null),
    row.status,
  ];
}

/** The heading lines of a comparison: what is compared, the counts of changes, the illustrative note. */
export function diffHeading(comparison: StatementComparison): string[] {
  const { a, b, counts } = comparison;
  const lines = [
    `Comparing "${a.title}" (${a.id}, ${a.regulatoryYear}) with "${b.title}" (${b.id}, ${b.regulatoryYear})`,
    `${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed; ${comparison.terms.length} terms differ.`,
  ];
  if (a.illustrative || b.illustrative) lines.push('NOTE: illustrative figures (invented) in at least one statement.');
  return lines;
}

/** The sections of a comparison, in reading order; empty sections are left out. */
export function diffSections(comparison: StatementComparison): DiffSection[] {
  const sections: DiffSection[] = [];
  if (comparison.terms.length > 0) {
    sections.push({
      title: 'Terms',
      columns: [{ header: 'Term' }, { header: 'Before' }, { header: 'After' }],
      rows: comparison.terms.map((term) => [term.term, term.before, term.after]),
    });
  }
  sections.push({
    title: 'Rates per meter per month (GBP)',
    columns: [{ header: 'Charge' }, { header: 'Group' }, { header: 'Region' }, ...FIGURE_COLUMNS],
    rows: comparison.rates.map((row) => [
      CHARGE_LABEL[row.kind],
      CHARGING_GROUP_SYMBOLS[row.chargingGroup],
      row.region,
      ...figureCells(row),
    ]),
  });
  if (comparison.explicitPrices.length > 0) {
    sections.push({
      title: 'Explicit Charges (GBP per unit)',
      columns: [{ header: 'Code' }, { header: 'Unit' }, ...FIGURE_COLUMNS],
      rows: comparison.explicitPrices.map((row) => [
        row.code,
        row.unitBefore !== null && row.unitAfter !== null && row.unitBefore !== row.unitAfter
          ? `${row.unitBefore} -> ${row.unitAfter}`
          : (row.unitAfter ?? row.unitBefore ?? ''),
        ...figureCells(row),
      ]),
    });
  }
  const impact = comparison.impact;
  if (impact !== undefined) {
    sections.push({
      title:
        `Impact on the portfolio (GBP): one month (${impact.monthA} under a, ${impact.monthB} under b) and the months each statement is in force ` +
        `(a: ${comparison.a.effectiveFrom} to ${comparison.a.effectiveTo}, ${impact.monthsInForceA} months; b: ${comparison.b.effectiveFrom} to ${comparison.b.effectiveTo}, ${impact.monthsInForceB} months)`,
      columns: [
        { header: 'Total' },
        { header: 'Month a', align: 'right' },
        { header: 'Month b', align: 'right' },
        { header: 'Change', align: 'right' },
        { header: 'Change %', align: 'right' },
        { header: `In force a (${impact.monthsInForceA} months)`, align: 'right' },
        { header: `In force b (${impact.monthsInForceB} months)`, align: 'right' },
        { header: 'Change', align: 'right' },
        { header: 'Change %', align: 'right' },
      ],
      rows: impact.monthly.map((month, index) => {
        const year = impact.inForce[index]!;
        return [
          TOTAL_LABEL[month.item],
          month.before,
          month.after,
          signed(month.change),
          percent(month.changePercent, true),
          year.before,
          year.after,
          signed(year.change),
          percent(year.changePercent, true),
        ];
      }),
    });
  }
  return sections;
}

/** The comparison as readable text tables. */
export function renderDiffTable(comparison: StatementComparison): string {
  const parts = [`${diffHeading(comparison).map(visibleText).join('\n')}\n`];
  for (const section of diffSections(comparison))
    parts.push(`${section.title}\n${renderTextTable(section.columns, section.rows)}`);
  return `${parts.join('\n')}`;
}

/** Text in Markdown: shown through `visibleText`, then backslashes and pipes escaped. */
function markdownCell(text: string): string {
  return visibleText(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** A Markdown table, numbers aligned right. */
export function markdownTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    line(columns.map((column) => column.header)),
    `|${columns.map((column) => (column.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((row) => line(columns.map((_, index) => row[index] ?? ''))),
  ].join('\n');
}

/** The comparison as Markdown: a heading, then one table per section. */
export function renderDiffMarkdown(comparison: StatementComparison): string {
  const [title, ...rest] = diffHeading(comparison);
  const parts = [`## ${markdownCell(title ?? '')}`, '', ...rest.map((line) => `${markdownCell(line)}\n`)];
  for (const section of diffSections(comparison)) {
    parts.push(`### ${markdownCell(section.title)}`, '', markdownTable(section.columns, section.rows), '');
  }
  return `${parts.join('\n')}`;
}

/** The comparison as CSV: one row per compared figure, exact values. */
export function renderDiffCsv(comparison: StatementComparison): string {
  const header = [
    'section',
    'kind',
    'chargingGroup',
    'region',
    'code',
    'unit',
    'before',
    'after',
    'change',
    'changePercent',
    'status',
  ];
  const rows: string[][] = [];
  for (const term of comparison.terms)
    rows.push(['term', term.term, '', '', '', '', term.before, term.after, '', '', 'changed']);
  for (const row of comparison.rates) {
    rows.push([
      'rate',
      row.kind,
      row.chargingGroup,
      row.region,
      '',
      'per meter per month',
      row.before ?? '',
      row.after ?? '',
      row.change ?? '',
      row.changePercent ?? '',
      row.status,
    ]);
  }
  for (const row of comparison.explicitPrices) {
    const unit =
      row.unitBefore !== null && row.unitAfter !== null && row.unitBefore !== row.unitAfter
        ? `${row.unitBefore} -> ${row.unitAfter}`
        : (row.unitAfter ?? row.unitBefore ?? '');
    rows.push([
      'explicitPrice',
      'explicit',
      '',
      '',
      row.code,
      unit,
      row.before ?? '',
      row.after ?? '',
      row.change ?? '',
      row.changePercent ?? '',
      row.status,
    ]);
  }
  const impact = comparison.impact;
  if (impact !== undefined) {
    for (const [section, list] of [
      ['impactMonthly', impact.monthly],
      ['impactInForce', impact.inForce],
    ] as const) {
      for (const row of list)
        rows.push([
          section,
          row.item,
          '',
          '',
          '',
          'GBP',
          row.before,
          row.after,
          row.change,
          row.changePercent ?? '',
          '',
        ]);
    }
  }
  return writeCsv(header, rows);
}
