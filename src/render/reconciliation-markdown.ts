/**
 * The reconciliation as Markdown: the verdict and the money at stake first, then the
 * totals, the differences with their explanations, and every line.
 */
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import {
  differingLines,
  unlistedSentence,
  illustrativeNotes,
  invoiceRowOf,
  lineFigureCells,
  lineName,
  moneyAtStakeSentence,
  TOTAL_LABELS,
  verdictLabel,
  verdictSentence,
} from '../reconciliation/summarise.js';
import { signedMoney } from '../reconciliation/signed.js';
import { markdownText, visibleText } from './visible-text.js';
import {
  countedByLegend,
  countMoveRows,
  countSectionSentence,
  describeDays,
  describeMeterPoint,
  disputeName,
  disputeSentence,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';
import { describeRule } from '../reconciliation/count-readings.js';

/**
 * Makes text safe inside a Markdown table cell: control and format characters are shown
 * escaped, and characters Markdown would read as markup (pipes, emphasis, links, HTML) are
 * escaped (see `markdownText`).
 */
export function markdownCell(text: string): string {
  return markdownText(text);
}

function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const rule = header.map((_, index) => (right.includes(index) ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** The count comparison: the register, then per dispute how the count moves and the meter points that differ. */
function countSection(section: RegistrationCountCheck): string[] {
  const out = ['## Meter counts', '', markdownCell(countSectionSentence(section)), '', markdownCell(section.method)];
  for (const dispute of section.disputes) {
    out.push('', `### ${markdownCell(disputeName(dispute))}`, '', markdownCell(disputeSentence(dispute)), '');
    out.push(
      table(
        ['Rule', 'Snapshot days', 'Count', 'Invoiced', 'Reading'],
        countMoveRows(dispute).map((move) => [
          markdownCell(describeRule(move.rule)),
          describeDays(move),
          String(move.count),
          markdownCell(dispute.invoiced),
          move.reproduces ? 'reproduces the invoice' : move.ours ? 'ours' : '',
        ]),
        [2, 3],
      ),
    );
    const points = dispute.differingMeterPoints;
    if (dispute.reproducedBy !== undefined) {
      const shown =
        points.listed.length < points.count ? ` (the first ${points.listed.length} of ${points.count})` : '';
      out.push('', `Meter points that differ${shown}; ${markdownCell(countedByLegend(dispute))}.`, '');
      out.push(
        table(
          ['Meter point', 'Register line', 'Counted by', 'Registration'],
          points.listed.map((point) => [
            markdownCell(point.meterPoint),
            String(point.line),
            point.countedBy,
            markdownCell(describeMeterPoint(point)),
          ]),
          [1],
        ),
      );
    }
  }
  return out;
}

/** The Markdown report of a reconciliation. */
export function renderReconciliationMarkdown(result: Reconciliation): string {
  const out: string[] = [];
  out.push(`# Invoice reconciliation for ${result.month}`, '');
  out.push(`**${verdictLabel(result)}**: ${markdownCell(verdictSentence(result))}`, '');
  out.push(markdownCell(moneyAtStakeSentence(result)), '');
  const source =
    result.invoice.source === undefined
      ? 'The invoice'
      : `The invoice \`${visibleText(result.invoice.source).replace(/`/g, "'")}\``;
  out.push(
    `${source} is compared with the charges computed from "${markdownCell(result.statement.title)}" (${markdownCell(result.statement.id)}).`,
  );
  for (const note of illustrativeNotes(result)) out.push('', `> NOTE: ${markdownCell(note)}`);
  out.push('', '## Totals', '');
  const totals = [result.totals.net, result.totals.vat, result.totals.gross];
  out.push(
    table(
      ['Total', 'Status', 'Expected', 'Invoiced', 'Difference', 'Why'],
      totals.map((total) => [
        TOTAL_LABELS[total.name],
        total.status,
        total.expected,
        total.invoiced ?? '-',
        total.difference === undefined ? '-' : signedMoney(total.difference),
        markdownCell(total.explanation),
      ]),
      [2, 3, 4],
    ),
  );
  const differing = differingLines(result);
  out.push('', '## Differences', '');
  if (differing.length === 0) {
    out.push('Every line matches.');
  } else {
    out.push(
      table(
        ['Status', 'Line', 'Expected', 'Invoiced', 'Difference', 'Invoice row', 'Why'],
        differing.map((line) => [
          line.status,
          markdownCell(lineName(line.key)),
          line.expected?.amount ?? '-',
          line.invoiced?.amount ?? '-',
          signedMoney(line.difference.amount),
          markdownCell(invoiceRowOf(line)) || '-',
          markdownCell(line.explanation),
        ]),
        [2, 3, 4],
      ),
    );
  }
  if (result.registrations !== undefined) out.push('', ...countSection(result.registrations));
  const unlisted = unlistedSentence(result);
  out.push('', unlisted === undefined ? '## All lines' : '## Lines listed', '');
  if (unlisted !== undefined) out.push(markdownCell(unlisted), '');
  out.push(
    table(
      [
        'Status',
        'Line',
        'Description',
        'Quantity expected',
        'Quantity invoiced',
        'Unit price expected',
        'Unit price invoiced',
        'Expected',
        'Invoiced',
        'Difference',
      ],
      result.lines.map((line) => [
        line.status,
        markdownCell(lineName(line.key)),
        markdownCell(line.description),
        ...lineFigureCells(line),
      ]),
      [3, 4, 5, 6, 7, 8, 9],
    ),
  );
  out.push(
    '',
    `Tolerance ${result.tolerance} per line amount and per total; quantities and unit prices compared exactly; rounding ${result.rounding}.`,
  );
  return `${out.join('\n')}\n`;
}
