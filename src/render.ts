/**
 * dcc-charges/render: the formatters of results and issues, as the command line writes them.
 * The operations that make the results are in the main entry, `dcc-charges`.
 * @packageDocumentation
 */
export { formatIssue, formatLocation } from './errors/input-error.js';
export { chargeKeyColumns, type ChargeKeyColumns } from './charges/charge-line.js';
export { describeLineKey, lineKeyText } from './reconciliation/invoice-line.js';
export { renderReconciliationHtml } from './reconciliation/render-html.js';
