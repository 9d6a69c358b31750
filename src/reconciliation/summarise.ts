/**
 * Words every report of a reconciliation shares: the verdict, the money at stake, and the
 * name of a line, so the table, Markdown, CSV and HTML reports say the same thing.
 */
import { formatLocation, type IssueLocation } from '../errors/input-error.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { describeLineKey, type LineKey } from './invoice-line.js';
import {
  LINE_STATUSES,
  type Reconciliation,
  type ReconciliationLine,
  type ReconciliationTotal,
  type TotalName,
} from './reconciliation.js';
import { signedMoney } from './signed.js';

/** Display names of the totals. */
export const TOTAL_LABELS: Record<TotalName, string> = { net: 'Net', vat: 'VAT', gross: 'Gross' };

/** Names of the totals inside a sentence. */
const TOTAL_WORDS: Record<TotalName, string> = { net: 'net', vat: 'VAT', gross: 'gross' };

/** Names a line by its key, such as `fixed g1 national` or `explicit TEST_LAB_DAY`. */
export function lineName(key: LineKey): string {
  return describeLineKey(key, (group) => CHARGING_GROUP_SYMBOLS[group]);
}

/** The lines that are not a `match`, in report order. */
export function differingLines(result: Reconciliation): ReconciliationLine[] {
  return result.lines.filter((line) => line.status !== 'match');
}

/** The totals that differ (neither `match` nor `notStated`). */
export function differingTotals(result: Reconciliation): ReconciliationTotal[] {
  return [result.totals.net, result.totals.vat, result.totals.gross].filter(
    (total) => total.status !== 'match' && total.status !== 'notStated',
  );
}

/** The verdict in capitals, for the first line of a report. */
export function verdictLabel(result: Reconciliation): string {
  return result.verdict === 'allMatch' ? 'ALL MATCH' : 'DIFFERENCES FOUND';
}

/**
 * One sentence after the verdict: how many lines and which totals differ, and the net
 * money at stake.
 */
export function verdictSentence(result: Reconciliation): string {
  const lines = lineCount(result);
  const differing = lines - result.counts.match;
  const totals = differingTotals(result).map((total) => TOTAL_WORDS[total.name]);
  const within = `tolerance ${result.tolerance}`;
  if (result.verdict === 'allMatch') {
    return `All ${lines} line${lines === 1 ? '' : 's'} and the totals the invoice states agree with the expected charges (${within}).`;
  }
  const parts: string[] = [];
  if (differing > 0)
    parts.push(`${differing} of ${lines} line${lines === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}`);
  if (totals.length > 0) parts.push(`the ${joinWords(totals)} total${totals.length === 1 ? ' differs' : 's differ'}`);
  return `${capitalise(parts.join('; '))} (${within}).`;
}

/** How many lines the reconciliation has, listed or not. */
export function lineCount(result: Reconciliation): number {
  return LINE_STATUSES.reduce((sum, status) => sum + result.counts[status], 0);
}

/**
 * What a report says of the lines it does not list: with listing `differing`, how many lines
 * match and are left out; undefined when every line is listed.
 */
export function unlistedSentence(result: Reconciliation): string | undefined {
  switch (result.listing) {
    case 'all':
      return undefined;
    case 'differing': {
      const matching = result.counts.match;
      return `Only the lines that differ are listed: the ${matching} line${matching === 1 ? '' : 's'} that match${matching === 1 ? 'es' : ''} exactly or within the tolerance ${matching === 1 ? 'is' : 'are'} counted, not listed.`;
    }
  }
}

/** The money at stake in one sentence. */
export function moneyAtStakeSentence(result: Reconciliation): string {
  const money = result.moneyAtStake;
  const gross =
    money.grossDifference === undefined
      ? 'gross not stated on the invoice'
      : `gross ${signedMoney(money.grossDifference)}`;
  return (
    `Money at stake: net ${signedMoney(money.netDifference)}, ${gross} (invoiced minus expected); ` +
    `overcharged ${money.overcharged}, undercharged ${money.undercharged}, sum of absolute differences ${money.sumOfAbsoluteDifferences}.`
  );
}

/** Notes a report must carry: invented figures on either side. */
export function illustrativeNotes(result: Reconciliation): string[] {
  const notes: string[] = [];
  const note = result.statement.provenanceNote;
  if (note !== undefined && !result.statement.illustrative) notes.push(note.charAt(0).toUpperCase() + note.slice(1));
  if (result.statement.illustrative)
    notes.push(`The Charging Statement "${result.statement.id}" is illustrative: its figures are invented.`);
  if (result.invoice.illustrative) notes.push('The invoice is illustrative: its figures are invented.');
  return notes;
}

/**
 * Where an invoice row is inside the invoice, such as `line 4` or `at rows[3]` (the file is
 * named once in the report), or an empty text.
 */
export function placeInInvoice(location: IssueLocation | undefined): string {
  if (location === undefined) return '';
  const { source: _source, ...inside } = location;
  return formatLocation(inside);
}

/** Where the invoice row of a line is inside the invoice, or an empty text. */
export function invoiceRowOf(line: ReconciliationLine): string {
  return placeInInvoice(line.invoiced?.location);
}

/** Joins words as `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The figures of one line as report cells, expected beside invoiced: quantity, unit price,
 * amount, then the signed difference; `-` where a side has no line.
 */
export function lineFigureCells(line: ReconciliationLine): string[] {
  return [
    line.expected?.quantity ?? '-',
    line.invoiced?.quantity ?? '-',
    line.expected?.unitPrice ?? '-',
    line.invoiced?.unitPrice ?? '-',
    line.expected?.amount ?? '-',
    line.invoiced?.amount ?? '-',
    signedMoney(line.difference.amount),
  ];
}
