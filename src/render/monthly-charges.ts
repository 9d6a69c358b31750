/** Renders monthly charges as a readable table or as CSV lines. */
import { CHARGE_LINE_COLUMNS, chargeKeyColumns, type ChargeLine, type MonthlyCharges } from '../charges/charge-line.js';
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

/** The note under a heading that says where the statement's figures came from (none for a published one). */
function provenanceNotes(statement: MonthlyCharges['statement']): string[] {
  if (statement.provenance === 'reported' && statement.provenanceNote !== undefined)
    return [`NOTE: ${statement.provenanceNote}`];
  return statement.illustrative ? ['NOTE: this statement is illustrative; its figures are invented.'] : [];
}

/** The CSV rows of one User's charges: its lines, then rows of kind `vat` and `total`, each after `lead` cells. */
function chargeCsvRows(charges: MonthlyCharges, lead: readonly string[]): string[][] {
  const rows = charges.lines.map((line) => [...lead, charges.month, ...lineCells(line, (group) => group)]);
  rows.push([
    ...lead,
    charges.month,
    'vat',
    '',
    '',
    '',
    `VAT at ${charges.vatRate} on ${charges.totals.net}`,
    charges.totals.net,
    charges.vatRate,
    charges.totals.vat,
    '',
  ]);
  rows.push([...lead, charges.month, 'total', '', '', '', 'Gross total', '', '', charges.totals.gross, '']);
  return rows;
}

/** The readable table: heading, one row per line, then totals. */
export function renderMonthlyChargesTable(charges: MonthlyCharges): string {
  const headingLines = [
    `Charges for ${charges.month} under "${charges.statement.title}" (${charges.statement.id})`,
    ...provenanceNotes(charges.statement),
  ];
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
  return writeCsv(CHARGE_LINE_COLUMNS, chargeCsvRows(charges, []));
}

/** The summary of every User's charges: a row per User (user, month, net, VAT, total), then the sums across Users. */
export function renderMonthlyChargesByUserTable(byUser: MonthlyChargesByUser): string {
  const first = byUser.users[0]?.charges;
  const heading =
    first === undefined
      ? `Charges for ${byUser.month}: no User`
      : `Charges of each User for ${byUser.month} under "${first.statement.title}" (${first.statement.id})`;
  const notes = first === undefined ? [] : provenanceNotes(first.statement);
  const rows = byUser.users.map(({ user, charges }) => [
    user,
    charges.month,
    charges.totals.net,
    charges.totals.vat,
    charges.totals.gross,
  ]);
  rows.push(['(all Users)', byUser.month, byUser.totals.net, byUser.totals.vat, byUser.totals.gross]);
  const table = renderTextTable(
    [
      { header: 'User' },
      { header: 'Month' },
      { header: 'Net', align: 'right' },
      { header: 'VAT', align: 'right' },
      { header: 'Total', align: 'right' },
    ],
    rows,
  );
  return `${[heading, ...notes].map(visibleText).join('\n')}\n\n${table}(each User's lines: --format csv or json)\n`;
}

/** CSV of every User's lines, each User's `vat` and `total` rows after its lines, a `user` column first. */
export function renderMonthlyChargesByUserCsv(byUser: MonthlyChargesByUser): string {
  return writeCsv(
    ['user', ...CHARGE_LINE_COLUMNS],
    byUser.users.flatMap(({ user, charges }) => chargeCsvRows(charges, [user])),
  );
}
