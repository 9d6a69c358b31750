/**
 * dcc-charges/render: the formatters of results and issues, as the command line writes them
 * (readable tables, Markdown, CSV, HTML). Every formatter of a result lives in `src/render/`;
 * the pages with charts (budget, count, diff) need Vega to draw them and are not exported here. The operations that make the results are in the main entry.
 * @packageDocumentation
 */
export { formatIssue, formatLocation } from './errors/input-error.js';
export { chargeKeyColumns, type ChargeKeyColumns } from './charges/charge-line.js';
export { describeLineKey, lineKeyText } from './reconciliation/invoice-line.js';
export { escapeHtml } from './render/escape-html.js';
export { renderMonthlyChargesCsv, renderMonthlyChargesTable } from './render/monthly-charges.js';
export { RECONCILIATION_CSV_HEADER, renderReconciliationCsv } from './render/reconciliation-csv.js';
export { renderReconciliationHtml } from './render/reconciliation-html.js';
export { renderReconciliationMarkdown } from './render/reconciliation-markdown.js';
export { renderReconciliationTable } from './render/reconciliation-table.js';
export { renderDerivationTable } from './render/derivation.js';
export { renderDiffCsv, renderDiffMarkdown, renderDiffTable } from './render/diff.js';
export { renderBudgetCsv, renderBudgetTable } from './render/budget.js';
