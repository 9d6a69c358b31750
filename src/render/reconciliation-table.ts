/**
 * The reconciliation as a readable text report: the verdict and the money at stake first,
 * then the totals, why each difference arose, and every line.
 */
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import {
  differingLines,
  illustrativeNotes,
  lineFigureCells,
  lineName,
  moneyAtStakeSentence,
  TOTAL_LABELS,
  verdictLabel,
  verdictSentence,
} from '../reconciliation/summarise.js';
import { signedMoney } from '../reconciliation/signed.js';
import { renderTextTable } from './text-table.js';
import { visibleText } from './visible-text.js';

/** Keeps a text on one line and visible: control and format characters are shown escaped. */
export function oneLine(text: string): string {
  return visibleText(text);
}

/** The text report of a reconciliation. */
export function renderReconciliationTable(result: Reconciliation): string {
  const out: string[] = [];
  out.push(oneLine(`${verdictLabel(result)}: ${verdictSentence(result)}`));
  out.push(oneLine(moneyAtStakeSentence(result)));
  out.push('');
  out.push(`Invoice${result.invoice.source === undefined ? '' : ` ${oneLine(result.invoice.source)}`} for ${result.month} against "${oneLine(result.statement.title)}" (${oneLine(result.statement.id)}).`);
  for (const note of illustrativeNotes(result)) out.push(`NOTE: ${oneLine(note)}`);
  out.push('');
  const totals = [result.totals.net, result.totals.vat, result.totals.gross];
  out.push(
    renderTextTable(
      [
        { header: 'Total' },
        { header: 'Status' },
        { header: 'Expected', align: 'right' },
        { header: 'Invoiced', align: 'right' },
        { header: 'Difference', align: 'right' },
      ],
      totals.map((total) => [TOTAL_LABELS[total.name], total.status, total.expected, total.invoiced ?? '-', total.difference === undefined ? '-' : signedMoney(total.difference)]),
    ),
  );
  const why = [
    ...differingLines(result).map((line) => `- ${oneLine(lineName(line.key))} (${line.status}): ${oneLine(line.explanation)}`),
    ...totals
      .filter((total) => total.status !== 'match')
      .map((total) => `- ${TOTAL_LABELS[total.name]} (${total.status}): ${oneLine(total.explanation)}`),
  ];
  if (why.length > 0) out.push('Why', ...why, '');
  out.push(
    renderTextTable(
      [
        { header: 'Status' },
        { header: 'Line' },
        { header: 'Qty expected', align: 'right' },
        { header: 'Qty invoiced', align: 'right' },
        { header: 'Price expected', align: 'right' },
        { header: 'Price invoiced', align: 'right' },
        { header: 'Expected', align: 'right' },
        { header: 'Invoiced', align: 'right' },
        { header: 'Difference', align: 'right' },
      ],
      result.lines.map((line) => [
        line.status,
        oneLine(lineName(line.key)),
        ...lineFigureCells(line),
      ]),
    ).trimEnd(),
  );
  return `${out.join('\n')}\n`;
}
