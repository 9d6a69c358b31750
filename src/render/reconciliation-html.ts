/**
 * The reconciliation as one self-contained HTML page: inline CSS, no scripts, no external
 * assets, so it can be mailed, archived or printed as it is. The verdict comes first, then
 * the money at stake, the totals, the differences with their explanations, and every line.
 * A print stylesheet keeps it readable on paper (black on white, headers repeated, rows
 * not split). Every text from the inputs is escaped.
 */
import { formatLocation } from '../errors/input-error.js';
import { escapeHtml } from './escape-html.js';
import type { Reconciliation, ReconciliationLine, ReconciliationTotal } from '../reconciliation/reconciliation.js';
import { signedMoney } from '../reconciliation/signed.js';
import {
  differingLines,
  lineCount,
  unlistedSentence,
  illustrativeNotes,
  invoiceRowOf,
  lineName,
  TOTAL_LABELS,
  verdictLabel,
  verdictSentence,
} from '../reconciliation/summarise.js';
import {
  countedByLegend,
  countMoveRows,
  countSectionSentence,
  describeDays,
  describeMeterPoint,
  disputeName,
  disputeSentence,
  disputeStatus,
  type RegistrationCountCheck,
} from '../reconciliation/count-check.js';
import { describeRule } from '../reconciliation/count-readings.js';

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --ok: #116329; --ok-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9; --warn-bg: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.verdict { border: 3px solid; border-radius: 8px; padding: 14px 18px; margin: 12px 0 16px; }
.verdict h2 { margin: 0 0 4px; font-size: 1.6rem; letter-spacing: .02em; }
.verdict p { margin: 0; font-size: 1.05rem; }
.verdict.all-match { border-color: var(--ok); background: var(--ok-bg); color: var(--ok); }
.verdict.differences { border-color: var(--bad); background: var(--bad-bg); color: var(--bad); }
.stake { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 0; }
.stake div { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
.stake dt { color: var(--muted); font-size: .85rem; }
.stake dd { margin: 2px 0 0; font-size: 1.25rem; font-variant-numeric: tabular-nums; font-weight: 600; }
.note { background: var(--warn-bg); border-left: 4px solid #9a6700; padding: 6px 12px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding: 4px 0; caption-side: bottom; }
th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
thead th { white-space: normal; vertical-align: bottom; }
.table-wrap { overflow-x: auto; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.status { display: inline-block; border: 1px solid; border-radius: 10px; padding: 0 8px; font-size: .8rem; white-space: nowrap; }
.status.match, .status.notStated { color: var(--ok); border-color: var(--ok); }
.status.differs, .status.quantityDiffers, .status.unitPriceDiffers, .status.amountDiffers, .status.missingFromInvoice, .status.unexpectedOnInvoice { color: var(--bad); border-color: var(--bad); font-weight: 600; }
.status.notStated { color: var(--muted); border-color: var(--muted); }
.status.reproduced, .status.reproduces { color: var(--ok); border-color: var(--ok); }
.status.unexplained { color: var(--bad); border-color: var(--bad); font-weight: 600; }
h3 { font-size: 1rem; margin: 18px 0 6px; }
tr.differs td { background: #fff5f5; }
.why { min-width: 280px; max-width: 520px; }
.desc { display: block; font-weight: 400; color: var(--muted); font-size: .85em; }
table.lines { font-size: .85rem; }
footer { margin-top: 28px; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: 10px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .verdict, .verdict.all-match, .verdict.differences { background: #fff; color: #000; border-color: #000; }
  .status { color: #000 !important; border-color: #000 !important; }
  tr.differs td { background: #fff; font-weight: 600; }
  th { background: #fff; border-bottom: 2px solid #000; }
  thead { display: table-header-group; }
  tr, .verdict, .stake div { break-inside: avoid; }
  h2 { break-after: avoid; }
  .note { background: #fff; border-left-color: #000; }
  .table-wrap { overflow: visible; }
}
`;

function statusBadge(status: string): string {
  return `<span class="status ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
}

function num(text: string | undefined): string {
  return `<td class="num">${escapeHtml(text ?? '-')}</td>`;
}

function totalRow(total: ReconciliationTotal): string {
  const differs = total.status !== 'match' && total.status !== 'notStated';
  return (
    `<tr${differs ? ' class="differs"' : ''}><th scope="row">${TOTAL_LABELS[total.name]}</th><td>${statusBadge(total.status)}</td>` +
    `${num(total.expected)}${num(total.invoiced)}${num(total.difference === undefined ? undefined : signedMoney(total.difference))}` +
    `<td class="why">${escapeHtml(total.explanation)}</td></tr>`
  );
}

function differenceRow(line: ReconciliationLine): string {
  return (
    `<tr class="differs"><td>${statusBadge(line.status)}</td><th scope="row">${escapeHtml(lineName(line.key))}</th>` +
    `${num(line.expected?.amount)}${num(line.invoiced?.amount)}${num(signedMoney(line.difference.amount))}` +
    `<td>${escapeHtml(invoiceRowOf(line) || '-')}</td><td class="why">${escapeHtml(line.explanation)}</td></tr>`
  );
}

function lineRow(line: ReconciliationLine): string {
  return (
    `<tr${line.status === 'match' ? '' : ' class="differs"'}><td>${statusBadge(line.status)}</td>` +
    `<th scope="row">${escapeHtml(lineName(line.key))}<span class="desc">${escapeHtml(line.description)}</span></th>` +
    `${num(line.expected?.quantity)}${num(line.invoiced?.quantity)}${num(line.expected?.unitPrice)}${num(line.invoiced?.unitPrice)}` +
    `${num(line.expected?.amount)}${num(line.invoiced?.amount)}${num(signedMoney(line.difference.amount))}</tr>`
  );
}

/** The count comparison: the register, then per dispute how the count moves and the meter points that differ. */
function countSection(section: RegistrationCountCheck): string[] {
  const parts = ['<section class="counts" aria-label="Meter counts">', '<h2>Meter counts</h2>'];
  parts.push(
    `<p>${escapeHtml(countSectionSentence(section))}</p>`,
    `<p class="subtitle">${escapeHtml(section.method)}</p>`,
  );
  for (const dispute of section.disputes) {
    parts.push(
      `<h3>${escapeHtml(disputeName(dispute))} ${statusBadge(disputeStatus(dispute))}</h3>`,
      `<p>${escapeHtml(disputeSentence(dispute))}</p>`,
    );
    parts.push(
      '<div class="table-wrap"><table class="count-moves"><caption>How the count moves, by snapshot day of the month</caption>',
    );
    parts.push(
      '<thead><tr><th scope="col">Rule</th><th scope="col">Snapshot days</th><th scope="col" class="num">Count</th>' +
        '<th scope="col" class="num">Invoiced</th><th scope="col">Reading</th></tr></thead><tbody>',
    );
    for (const move of countMoveRows(dispute)) {
      const reading = move.reproduces ? statusBadge('reproduces') : move.ours ? 'ours' : '';
      parts.push(
        `<tr><th scope="row">${escapeHtml(describeRule(move.rule))}</th><td>${escapeHtml(describeDays(move))}</td>` +
          `${num(String(move.count))}${num(dispute.invoiced)}<td>${reading}</td></tr>`,
      );
    }
    parts.push('</tbody></table></div>');
    const points = dispute.differingMeterPoints;
    if (dispute.reproducedBy !== undefined) {
      const shown =
        points.listed.length < points.count ? ` (the first ${points.listed.length} of ${points.count})` : '';
      parts.push(`<p>Meter points that differ${shown}; ${escapeHtml(countedByLegend(dispute))}.</p>`);
      parts.push('<div class="table-wrap"><table class="meter-points">');
      parts.push(
        '<thead><tr><th scope="col">Meter point</th><th scope="col" class="num">Register line</th><th scope="col">Counted by</th><th scope="col">Registration</th></tr></thead><tbody>',
      );
      for (const point of points.listed) {
        parts.push(
          `<tr><th scope="row">${escapeHtml(point.meterPoint)}</th>${num(String(point.line))}<td>${escapeHtml(point.countedBy)}</td><td>${escapeHtml(describeMeterPoint(point))}</td></tr>`,
        );
      }
      parts.push('</tbody></table></div>');
    }
  }
  parts.push('</section>');
  return parts;
}

function stakeItem(label: string, value: string): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;
}

/**
 * Writes the self-contained HTML report of a reconciliation.
 * @param result - a result of `reconcileInvoice`.
 * @returns a complete HTML document (UTF-8), with no script and no external reference.
 */
export function renderReconciliationHtml(result: Reconciliation): string {
  const allMatch = result.verdict === 'allMatch';
  const money = result.moneyAtStake;
  const differing = differingLines(result);
  const totals = [result.totals.net, result.totals.vat, result.totals.gross];
  const invoiceName = result.invoice.source === undefined ? 'The invoice' : `The invoice ${result.invoice.source}`;
  const title = `Invoice reconciliation ${result.month}: ${allMatch ? 'all match' : 'differences found'}`;
  const parts: string[] = [];
  parts.push('<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${escapeHtml(title)}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>', '<main>');
  parts.push(`<h1>Invoice reconciliation for ${escapeHtml(result.month)}</h1>`);
  parts.push(
    `<section class="verdict ${allMatch ? 'all-match' : 'differences'}" aria-label="Verdict">` +
      `<h2>${escapeHtml(verdictLabel(result))}</h2><p>${escapeHtml(verdictSentence(result))}</p></section>`,
  );
  parts.push(
    `<p class="subtitle">${escapeHtml(invoiceName)} compared with the charges computed from ` +
      `&ldquo;${escapeHtml(result.statement.title)}&rdquo; (${escapeHtml(result.statement.id)}).</p>`,
  );
  for (const note of illustrativeNotes(result)) parts.push(`<p class="note">NOTE: ${escapeHtml(note)}</p>`);
  const unlisted = unlistedSentence(result);
  parts.push('<h2>Money at stake</h2>', '<dl class="stake">');
  parts.push(stakeItem('Net difference', signedMoney(money.netDifference)));
  parts.push(
    stakeItem(
      'Gross difference',
      money.grossDifference === undefined ? 'not stated' : signedMoney(money.grossDifference),
    ),
  );
  parts.push(stakeItem('Overcharged', money.overcharged));
  parts.push(stakeItem('Undercharged', money.undercharged));
  parts.push(stakeItem('Sum of absolute differences', money.sumOfAbsoluteDifferences));
  parts.push(
    '</dl>',
    '<p class="subtitle">Differences are invoiced minus expected: positive where the invoice asks for more.</p>',
  );
  parts.push('<h2>Totals</h2>', '<div class="table-wrap"><table class="totals">');
  parts.push(
    '<thead><tr><th scope="col">Total</th><th scope="col">Status</th><th scope="col" class="num">Expected</th>' +
      '<th scope="col" class="num">Invoiced</th><th scope="col" class="num">Difference</th><th scope="col">Why</th></tr></thead>',
  );
  parts.push(`<tbody>${totals.map(totalRow).join('')}</tbody></table></div>`);
  parts.push(`<h2>Differences (${differing.length})</h2>`);
  if (differing.length === 0) {
    parts.push('<p>Every line matches.</p>');
  } else {
    parts.push('<div class="table-wrap"><table class="differences">');
    parts.push(
      '<thead><tr><th scope="col">Status</th><th scope="col">Line</th><th scope="col" class="num">Expected</th>' +
        '<th scope="col" class="num">Invoiced</th><th scope="col" class="num">Difference</th><th scope="col">Invoice row</th>' +
        '<th scope="col">Why</th></tr></thead>',
    );
    parts.push(`<tbody>${differing.map(differenceRow).join('')}</tbody></table></div>`);
  }
  if (result.registrations !== undefined) parts.push(...countSection(result.registrations));
  parts.push(
    unlisted === undefined
      ? `<h2>All lines (${result.lines.length})</h2>`
      : `<h2>Lines listed (${result.lines.length} of ${lineCount(result)})</h2><p>${escapeHtml(unlisted)}</p>`,
    '<div class="table-wrap"><table class="lines">',
  );
  parts.push(
    '<thead><tr><th scope="col">Status</th><th scope="col">Line and description</th>' +
      '<th scope="col" class="num">Qty expected</th><th scope="col" class="num">Qty invoiced</th>' +
      '<th scope="col" class="num">Price expected</th><th scope="col" class="num">Price invoiced</th>' +
      '<th scope="col" class="num">Expected</th><th scope="col" class="num">Invoiced</th><th scope="col" class="num">Difference</th></tr></thead>',
  );
  parts.push(`<tbody>${result.lines.map(lineRow).join('')}</tbody></table></div>`);
  parts.push(
    `<footer><p>Tolerance ${escapeHtml(result.tolerance)} in pounds per line amount and per total; quantities, unit prices and the VAT rate ` +
      `are compared exactly. Invoice arithmetic checked with rounding ${escapeHtml(result.rounding)}. VAT rate ${escapeHtml(result.vatRate)}. ` +
      `Differences are invoiced minus expected. ${result.invoice.rows} invoice row${result.invoice.rows === 1 ? '' : 's'} reconciled` +
      `${result.invoice.source === undefined ? '' : ` from ${escapeHtml(formatLocation({ source: result.invoice.source }))}`}. ` +
      'Written by dcc-charges.</p></footer>',
  );
  parts.push('</main>', '</body>', '</html>');
  return `${parts.join('\n')}\n`;
}
