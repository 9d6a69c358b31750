/** Statement provenance (decision 0090): published, reported or illustrative, and what each may leave out. */
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, parseChargingStatement, projectBudget, reconcileInvoice } from '../../src/index.js';
import { renderMonthlyChargesTable } from '../../src/render/monthly-charges.js';
import { renderReconciliationTable } from '../../src/render/reconciliation-table.js';
import { budgetHeading } from '../../src/render/budget.js';
import { invoiceLinesFromCharges } from '../../src/reconciliation/invoice-from-charges.js';
import { scenarioOf, yearRange } from '../budget/scenarios.js';
import { provenanceNote } from '../../src/statement/statement-schema.js';
import { inputIssues } from '../support/errors.js';
import { minimalStatement } from '../support/statements.js';

const reported = {
  status: 'reported',
  reportedBy: 'a third party',
  seenIn: 'their notes',
} as const;

const g1Only = [{ chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '1.006', table: 'Table 1' }] as const;

describe('statement provenance', () => {
  it('reads a file without provenance by its illustrative flag, so existing files stay valid', () => {
    expect(provenanceNote(parseChargingStatement(minimalStatement()))).toBe(
      'the Charging Statement "test-2025-26" is illustrative: its figures are invented.',
    );
    expect(provenanceNote(parseChargingStatement(minimalStatement({ illustrative: false })))).toBeUndefined();
  });

  it('lets a reported statement leave out groups, and names whose transcription it is', () => {
    const statement = parseChargingStatement(
      minimalStatement({ illustrative: false, provenance: reported, fixedCharges: [...g1Only] }),
    );
    expect(statement.fixedCharges).toHaveLength(1);
    expect(provenanceNote(statement)).toBe(
      'the Charging Statement "test-2025-26" is REPORTED: its figures are taken from a transcription by a third party (their notes), not checked against the DCC\'s document; to be confirmed.',
    );
  });

  it('refuses a published statement that leaves out a group', () => {
    const { issues } = inputIssues(() =>
      parseChargingStatement(
        minimalStatement({ illustrative: false, provenance: { status: 'published' }, fixedCharges: [...g1Only] }),
      ),
    );
    expect(issues.map((issue) => issue.expected)).toEqual([
      'a fixed rate for the Charging Group "exportSupplier" (national, or all three regions, or both)',
      'a fixed rate for the Charging Group "gasSupplier" (national, or all three regions, or both)',
      'a fixed rate for the Charging Group "electricityDistributor" (national, or all three regions, or both)',
      'a fixed rate for the Charging Group "gasTransporter" (national, or all three regions, or both)',
    ]);
  });

  it('refuses a published statement whose rates do not name their table', () => {
    const { issues } = inputIssues(() =>
      parseChargingStatement(minimalStatement({ illustrative: false, provenance: { status: 'published' } })),
    );
    expect(issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3, 4].map((index) => ['fixedCharges', index, 'table']));
  });

  it('refuses a reported statement without its source, and a provenance contradicting the illustrative flag', () => {
    const missing = inputIssues(() =>
      parseChargingStatement(minimalStatement({ illustrative: false, provenance: { status: 'reported' } as never })),
    );
    expect(missing.issues.map((issue) => issue.path)).toEqual([
      ['provenance', 'reportedBy'],
      ['provenance', 'seenIn'],
    ]);
    const contradiction = inputIssues(() =>
      parseChargingStatement(minimalStatement({ illustrative: true, provenance: reported })),
    );
    expect(contradiction.issues.map((issue) => issue.expected)).toEqual([
      'false for a statement whose provenance is "reported"',
    ]);
  });

  it('refuses to charge meters in a group the statement gives no rate for, naming the group and the statement', () => {
    const statement = minimalStatement({ illustrative: false, provenance: reported, fixedCharges: [...g1Only] });
    const { issues, messages } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [statement],
        month: '2025-06',
        meters: [
          { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 10 },
          { chargingGroup: 'g5', region: 'south', premises: 'domestic', enrolled: true, count: 3 },
        ],
      }),
    );
    expect(issues.map((issue) => issue.code)).toEqual(['unpricedChargingGroup']);
    expect(messages[0]).toContain('3 meters in gasTransporter (g5)');
    expect(messages[0]).toContain('the reported statement "test-2025-26" has no rate for gasTransporter');
  });
});

describe("reports carry a reported statement's label", () => {
  const statement = minimalStatement({ illustrative: false, provenance: reported, fixedCharges: [...g1Only] });
  const expected = calculateMonthlyCharges({
    statements: [statement],
    month: '2025-06',
    meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 10 }],
  });

  it('in the charges table and the reconciliation table', () => {
    expect(renderMonthlyChargesTable(expected).split('\n')[1]).toBe(
      `NOTE: ${provenanceNote(parseChargingStatement(statement))}`,
    );
    const result = reconcileInvoice({ invoice: invoiceLinesFromCharges(expected), expected });
    expect(renderReconciliationTable(result)).toContain('NOTE: The Charging Statement "test-2025-26" is REPORTED');
  });

  it('in the budget heading, per year', () => {
    const projection = projectBudget(scenarioOf([{ ...statement, ...yearRange(2025) }]));
    expect(budgetHeading(projection)).toContain(`NOTE: 2025/26: ${provenanceNote(parseChargingStatement(statement))}`);
  });
});
