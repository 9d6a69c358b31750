/**
 * The package's entries: the main entry holds the operations, the errors and the format tags,
 * and nothing else at run time (types aside); tables, schemas and renderers are in named entries.
 * A name added to the main entry must be added here, deliberately.
 */
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as render from '../src/render.js';
import * as vocabulary from '../src/vocabulary.js';
import * as zod from '../src/zod.js';

const OPERATIONS = [
  'calculateMonthlyCharges',
  'calculateMonthlyChargesByUser',
  'compareStatements',
  'countRegisteredMeters',
  'countRegistrationCsv',
  'deriveChargingStatement',
  'invoiceLinesFromCharges',
  'parseBudgetScenario',
  'parseChargingStatement',
  'parseColumnMapping',
  'parseElective',
  'parseInvoiceLines',
  'parseMeterCounts',
  'parseMethodologyInputs',
  'parseUsage',
  'projectBudget',
  'readBudgetScenario',
  'readChargingStatement',
  'readColumnMapping',
  'readElective',
  'readInvoice',
  'readMeterCounts',
  'readMethodologyInputs',
  'readRegistrationCsvRows',
  'readUsage',
  'reconcileInvoice',
  'validateMeterTable',
];
const ERRORS = ['InputError', 'InvariantError'];
/** The documented bounds of every reader: problems listed, JSON nesting, Users of a count by User. */
const LIMITS = ['MAX_COUNT_USERS', 'MAX_JSON_DEPTH', 'MAX_LISTED_ISSUES'];
const FORMAT_TAGS = [
  'BUDGET_PROJECTION_FORMAT',
  'BUDGET_SCENARIO_FORMAT',
  'CHARGING_STATEMENT_FORMAT',
  'METHODOLOGY_INPUTS_FORMAT',
  'MONTHLY_CHARGES_BY_USER_FORMAT',
  'MONTHLY_CHARGES_FORMAT',
  'RECONCILIATION_FORMAT',
  'REGISTERED_METER_COUNTS_BY_USER_FORMAT',
  'REGISTERED_METER_COUNTS_FORMAT',
  'STATEMENT_COMPARISON_FORMAT',
];

describe('the main entry', () => {
  it('exports the operations, the two errors and the format tags, and nothing else at run time', () => {
    expect(Object.keys(main).sort()).toEqual([...OPERATIONS, ...ERRORS, ...LIMITS, ...FORMAT_TAGS].sort());
  });

  it('gives every format tag as name@version', () => {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test reads every export by name
    for (const tag of FORMAT_TAGS) expect(main[tag as keyof typeof main]).toMatch(/^dcc-charges\/[a-z-]+@\d+$/);
  });

  it('exports no kernel or internal', () => {
    for (const name of [
      'deriveValidatedChargingStatement',
      'reconcileValidatedInvoice',
      'readCsv',
      'MPAN_CHECK_WEIGHTS',
      'countChargeableMeters',
    ]) {
      expect([main, vocabulary, render, zod].some((entry) => name in entry)).toBe(false);
    }
  });
});

describe('the named entries', () => {
  it('dcc-charges/zod holds one zod schema per input file kind', () => {
    expect(Object.keys(zod).sort()).toEqual([
      'budgetScenarioSchema',
      'chargingStatementSchema',
      'electiveRowSchema',
      'invoiceLineSchema',
      'meterCountRowSchema',
      'methodologyInputsSchema',
      'usageRowSchema',
    ]);
    for (const schema of Object.values(zod)) expect(typeof schema.safeParse).toBe('function');
  });

  it('dcc-charges/vocabulary holds the tables and the checks of single values, no operation', () => {
    expect(vocabulary.CHARGING_GROUPS).toContain('importSupplier');
    expect(Object.keys(vocabulary).filter((name) => name in main)).toEqual([]);
  });

  it('dcc-charges/render holds the formatters', () => {
    expect(typeof render.renderReconciliationHtml).toBe('function');
    expect(Object.keys(render).filter((name) => name in main)).toEqual([]);
  });
});

describe('dcc-charges/render in a browser', () => {
  it('bundles with no Node built-in and nothing of the command line', async () => {
    const { build } = await import('esbuild');
    const { join } = await import('node:path');
    const result = await build({
      entryPoints: [join(import.meta.dirname, '..', 'src', 'render.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((path) => path.includes('src/cli/') || path.startsWith('node:') || path.includes('vega')),
    ).toEqual([]);
  });
});
