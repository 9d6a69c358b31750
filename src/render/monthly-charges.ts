/** Renders monthly charges as a readable table or as CSV lines. */
import { chargeKeyColumns, type ChargeLine, type MonthlyCharges } from '../charges/charge-line.js';
import type { MonthlyChargesByUser } from '../charges/charges-by-user.js';
import type { ChargingGroup } from '../vocabulary/charging-groups.js';
import { CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { renderTextTable } from './text-table.js';
import { writeCsv } from '../tables/csv-write.js';
import { visibleText } from './visible-text.js';

/** The cells of one line, the group written by `writeGroup`. */
function lineCells(line: ChargeLine, writeGroup: (group: ChargingGroup) => string): string[] {
  const key = chargeKeyColumns(line);
  return [
    line.kind,
    key.chargingGroup === undefined ? '' : writeGroup(key.chargingGroup),
    key.region ?? '',
    key.code ?? '',
    line.description,
    line.quantity,
    line.unitPrice,
    line.amount,
    line.clause,
  ];
}

/** The readable table: heading, one row per line, then totals. */
export function renderMonthlyChargesTable(charges: MonthlyCharges): string {
  const headingLines = [`Charges for ${charges.month} under "${charges.statement.title}" (${charges.statement.id})`];
  if (charges.statement.provenance === 'reported' && charges.statement.provenanceNote !== undefined) {
    headingLines.push(`NOTE: ${charges.statement.provenanceNote}`);
  } else if (charges.statement.illustrative) {
    headingLines.push('NOTE: this statement is illustrative; its figures are invented.');
  }
  const heading = headingLines.map(visibleText).join('\n');
  const rows = charges.lines.map((line) => lineCells(line, (group) => CHARGING_GROUP_SYMBOLS[group]));
  const lines = renderTextTable(
    [
      { header: 'Kind' },
      { header: 'Group' },
      { header: 'Region' },
      { header: 'Code' },
      { header: 'Description' },
      { header: 'Quantity', align: 'right' },
      { header: 'Unit price', align: 'right' },
      { header: 'Amount', align: 'right' },
      { header: 'Clause' },
    ],
    rows,
  );
  const t = charges.totals;
  const totals = renderTextTable(
    [{ header: 'Total' }, { header: 'GBP', align: 'right' }],
    [
      ['Fixed Charges', t.fixed],
      ['Fixed CH Charges', t.fixedCh],
      ['Fixed Alt HAN Charges', t.fixedAltHan],
      ['Explicit Charges', t.explicit],
      ['Elective Charges', t.elective],
      ['Net', t.net],
      [`VAT at ${charges.vatRate}`, t.vat],
      ['Gross', t.gross],
    ],
  );
  return `${heading}\n\n${lines}\n${totals}`;
}

/** CSV of the lines, then rows of kind `vat` and `total` (the invoice-line vocabulary). */
export function renderMonthlyChargesCsv(charges: MonthlyCharges): string {
  const header = ['month', 'kind', 'chargingGroup', 'region', 'code', 'description', 'quantity', 'unitPrice', 'amount', 'clause'];
  const rows = charges.lines.map((line) => [charges.month, ...lineCells(line, (group) => group)]);
  rows.push([charges.month, 'vat', '', '', '', `VAT at ${charges.vatRate} on ${charges.totals.net}`, charges.totals.net, charges.vatRate, charges.totals.vat, '']);
  rows.push([charges.month, 'total', '', '', '', 'Gross total', '', '', charges.totals.gross, '']);
  return writeCsv(header, rows);
}

/** The summary of every User's charges: a row per User (user, month, net, VAT, total), then the sums across Users. */
export function renderMonthlyChargesByUserTable(byUser: MonthlyChargesByUser): string {
  const first = byUser.users[0]?.charges;
  const heading = first === undefined ? `Charges for ${byUser.month}: no User` : `Charges of each User for ${byUser.month} under "${first.statement.title}" (${first.statement.id})`;
  const notes: string[] = [];
  if (first?.statement.provenance === 'reported' && first.statement.provenanceNote !== undefined) notes.push(`NOTE: ${first.statement.provenanceNote}`);
  else if (first?.statement.illustrative === true) notes.push('NOTE: this statement is illustrative; its figures are invented.');
  const rows = byUser.users.map(({ user, charges }) => [user, charges.month, charges.totals.net, charges.totals.vat, charges.totals.gross]);
  rows.push(['(all Users)', byUser.month, byUser.totals.net, byUser.totals.vat, byUser.totals.gross]);
  const table = renderTextTable(
    [{ header: 'User' }, { header: 'Month' }, { header: 'Net', align: 'right' }, { header: 'VAT', align: 'right' }, { header: 'Total', align: 'right' }],
    rows,
  );
  return `${[heading, ...notes].map(visibleText).join('\n')}\n\n${table}(each User's lines: --format csv or json)\n`;
}

/** CSV of every User's lines, each User's `vat` and `total` rows after its lines, a `user` column first. */
export function renderMonthlyChargesByUserCsv(byUser: MonthlyChargesByUser): string {
  const header = ['user', 'month', 'kind', 'chargingGroup', 'region', 'code', 'description', 'quantity', 'unitPrice', 'amount', 'clause'];
  const rows: string[][] = [];
  for (const { user, charges } of byUser.users) {
    for (const line of charges.lines) rows.push([user, charges.month, ...lineCells(line, (group) => group)]);
    rows.push([user, charges.month, 'vat', '', '', '', `VAT at ${charges.vatRate} on ${charges.totals.net}`, charges.totals.net, charges.vatRate, charges.totals.vat, '']);
    rows.push([user, charges.month, 'total', '', '', '', 'Gross total', '', '', charges.totals.gross, '']);
  }
  return writeCsv(header, rows);
}
