/**
 * The reconciliation as a readable text report: the verdict and the money at stake first,
 * then the totals, why each difference arose, and every line.
 */
import type { Reconciliation } from '../reconciliation/reconciliation.js';
import {
  differingLines,
  unlistedSentence,
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
import {
  countedByLegend,
  countSectionSentence,
  describeMoves,
  disputeName,
  disputeSentence,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';

/** The count section as text lines: the register, then each dispute with how its count moves and the meter points that differ. */
export function countSectionLines(section: RegistrationCountCheck): string[] {
  const out = [oneLine(countSectionSentence(section))];
  for (const dispute of section.disputes) {
    out.push(`- ${oneLine(disputeName(dispute))}: ${oneLine(disputeSentence(dispute))}`);
    out.push('  How the count moves, by snapshot day of the month:');
    for (const line of describeMoves(dispute)) out.push(`    ${line}`);
    const points = dispute.differingMeterPoints;
    if (dispute.reproducedBy !== undefined) {
      const shown = points.listed.length < points.count ? ` (the first ${points.listed.length})` : '';
      out.push(`  Meter points that differ${shown}; ${oneLine(countedByLegend(dispute))}:`);
      for (const point of points.listed) {
        out.push(
          `    ${oneLine(point.meterPoint)} line ${point.line} ${point.countedBy} (${oneLine(point.premises)}, registered ${oneLine(point.registeredFrom)} to ${oneLine(point.registeredTo) || 'now'}, enrolled ${oneLine(point.enrolledFrom) || 'never'})`,
        );
      }
    }
  }
  return out;
}

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
  out.push(
    `Invoice${result.invoice.source === undefined ? '' : ` ${oneLine(result.invoice.source)}`} for ${result.month} against "${oneLine(result.statement.title)}" (${oneLine(result.statement.id)}).`,
  );
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
      totals.map((total) => [
        TOTAL_LABELS[total.name],
        total.status,
        total.expected,
        total.invoiced ?? '-',
        total.difference === undefined ? '-' : signedMoney(total.difference),
      ]),
    ),
  );
  const why = [
    ...differingLines(result).map(
      (line) => `- ${oneLine(lineName(line.key))} (${line.status}): ${oneLine(line.explanation)}`,
    ),
    ...totals
      .filter((total) => total.status !== 'match')
      .map((total) => `- ${TOTAL_LABELS[total.name]} (${total.status}): ${oneLine(total.explanation)}`),
  ];
  if (why.length > 0) out.push('Why', ...why, '');
  if (result.registrations !== undefined) out.push('Meter counts', ...countSectionLines(result.registrations), '');
  const unlisted = unlistedSentence(result);
  if (unlisted !== undefined) out.push(oneLine(unlisted), '');
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
      result.lines.map((line) => [line.status, oneLine(lineName(line.key)), ...lineFigureCells(line)]),
    ).trimEnd(),
  );
  return `${out.join('\n')}\n`;
}
