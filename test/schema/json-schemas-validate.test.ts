/**
 * The shipped JSON Schemas, checked by an independent validator (Ajv, draft 2020-12): every
 * fixture file validates against the schema of its kind (a fixture with no schema fails), every
 * command's `--format json` report validates against its output schema, and the patterns reject
 * what the library rejects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type {
  BudgetProjection,
  MonthlyCharges,
  MonthlyChargesByUser,
  Reconciliation,
  RegisteredMeterCounts,
  RegisteredMeterCountsByUser,
  StatementComparison,
} from '../../src/index.js';
import { readElective } from '../../src/inputs/elective.js';
import { readMeterCounts } from '../../src/inputs/meter-counts.js';
import { readUsage } from '../../src/inputs/usage.js';
import { parseColumnMapping } from '../../src/reconciliation/column-mapping.js';
import { readInvoice } from '../../src/reconciliation/read-invoice.js';
import { SHIPPED_SCHEMAS } from '../../src/schema/json-schemas.js';
import type {
  budgetProjectionOutputSchema,
  monthlyChargesByUserOutputSchema,
  monthlyChargesOutputSchema,
  reconciliationOutputSchema,
  registeredMeterCountsByUserOutputSchema,
  registeredMeterCountsOutputSchema,
  statementComparisonOutputSchema,
} from '../../src/schema/output-schemas.js';
import { isRegulatoryYear, SUPPORTED_REGULATORY_YEAR_PATTERN } from '../../src/vocabulary/months.js';
import { runCliCapture } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const schemaTexts = new Map(
  SHIPPED_SCHEMAS.map((shipped) => [
    shipped.file,
    JSON.parse(readFileSync(join(ROOT, 'schemas', shipped.file), 'utf8')),
  ]),
);
for (const schema of schemaTexts.values()) ajv.addSchema(schema);

function validator(file: string): ValidateFunction {
  const schema = schemaTexts.get(file) as { $id: string } | undefined;
  if (schema === undefined) throw new Error(`no shipped schema ${file}`);
  const validate = ajv.getSchema(schema.$id);
  if (validate === undefined) throw new Error(`Ajv did not compile ${file}`);
  return validate as ValidateFunction;
}

function errorsOf(file: string, data: unknown): string[] {
  const validate = validator(file);
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

const FORMAT_SCHEMAS = new Map(
  SHIPPED_SCHEMAS.filter((shipped) => shipped.format !== undefined).map((shipped) => [shipped.format, shipped.file]),
);

/** How a fixture is checked: by its schema, after an optional change (a column mapping applied). */
interface FixturePlan {
  readonly schema: string;
  readonly data: unknown;
  /** Records (CSV) expected to be refused at the cell level, by their data line number. */
  readonly refusedLines?: readonly number[];
}

function csvRecords(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

function withMapping(document: { rows: Record<string, unknown>[] }, mapping: Record<string, unknown>): unknown {
  const fieldOf = new Map(
    Object.entries(mapping)
      .filter(([key]) => key !== 'ignore')
      .map(([field, header]) => [header, field]),
  );
  const ignored = new Set(mapping['ignore'] as string[]);
  const rows = document.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => !ignored.has(key))
        .map(([key, value]) => [fieldOf.get(key) ?? key, value]),
    ),
  );
  return { ...document, rows };
}

const TABLE_KINDS = [
  ['meters', 'meter-counts'],
  ['usage', 'usage'],
  ['elective', 'elective'],
  ['invoice', 'invoice'],
] as const;

/** The plan of a fixture, or `undefined` when it has no schema (the test then fails). */
function planOf(path: string): FixturePlan | 'documentation' | undefined {
  const name = basename(path);
  if (name.endsWith('.md')) return 'documentation';
  if (name.endsWith('.csv')) {
    const records = csvRecords(path);
    if (name.includes('register')) return { schema: 'registrations.csv-record.schema.json', data: records };
    const kind = TABLE_KINDS.find(([word]) => name.includes(word));
    if (kind === undefined) return undefined;
    return {
      schema: `${kind[1]}.csv-record.schema.json`,
      data: records,
      ...(name === 'bad-meters.csv' ? { refusedLines: [2, 3] } : {}),
    };
  }
  if (!name.endsWith('.json')) return undefined;
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const tagged = typeof data['format'] === 'string' ? FORMAT_SCHEMAS.get(data['format']) : undefined;
  if (tagged !== undefined) return { schema: tagged, data };
  if (name === 'export-columns.json') return { schema: 'invoice-column-mapping.schema.json', data };
  if (name.endsWith('-export.json')) {
    const mapping = JSON.parse(readFileSync(join(path, '..', 'export-columns.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    return {
      schema: 'invoice.schema.json',
      data: withMapping(data as unknown as { rows: Record<string, unknown>[] }, mapping),
    };
  }
  const inInvoices = path.includes(`${join('fixtures', 'invoices')}`);
  const kind = inInvoices ? TABLE_KINDS[3] : TABLE_KINDS.find(([word]) => name.includes(word));
  return kind === undefined ? undefined : { schema: `${kind[1]}.schema.json`, data };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

const FIXTURES = [...filesUnder(join(ROOT, 'fixtures')), ...filesUnder(join(ROOT, 'test', 'fixtures'))].sort();

describe('every fixture against its shipped schema', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(24);
  });

  it.each(FIXTURES.map((path) => [relative(ROOT, path), path] as const))('%s', (_name, path) => {
    const plan = planOf(path);
    expect(plan, 'a fixture with no schema: map it in planOf').toBeDefined();
    if (plan === undefined || plan === 'documentation') return;
    if (Array.isArray(plan.data) && plan.schema.includes('csv-record')) {
      const refused = plan.data.flatMap((record, index) =>
        errorsOf(plan.schema, record).length > 0 ? [index + 1] : [],
      );
      expect(refused).toEqual(plan.refusedLines ?? []);
      return;
    }
    expect(errorsOf(plan.schema, plan.data)).toEqual([]);
  });
});

const F = (...parts: string[]) => join(ROOT, 'fixtures', ...parts);
const STATEMENT = F('statements', 'illustrative-2025-26.json');
const MARKET = join(ROOT, 'test', 'fixtures', 'registrations', 'market-register.csv');
const EXAMPLE = (file: string) => F('examples', 'dual-fuel-supplier', file);

const COMMANDS: readonly (readonly [string, string, readonly string[]])[] = [
  [
    'charges',
    'monthly-charges.output.schema.json',
    [
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      EXAMPLE('meters.json'),
      '--usage',
      EXAMPLE('usage.json'),
      '--elective',
      EXAMPLE('elective.json'),
    ],
  ],
  [
    'count',
    'registered-meter-counts.output.schema.json',
    [
      'count',
      '--registrations',
      join(ROOT, 'test', 'fixtures', 'registrations', 'dual-fuel-register.csv'),
      '--from',
      '2025-04',
      '--to',
      '2026-03',
    ],
  ],
  [
    'count --by-user',
    'registered-meter-counts-by-user.output.schema.json',
    ['count', '--registrations', MARKET, '--from', '2025-02', '--to', '2025-06', '--by-user'],
  ],
  [
    'charges --by-user',
    'monthly-charges-by-user.output.schema.json',
    ['charges', '--by-user', '--registrations', MARKET, '--statement', STATEMENT, '--month', '2025-04'],
  ],
  [
    'derive',
    'derivation.output.schema.json',
    ['derive', '--inputs', F('methodology', 'illustrative-2025-26-uitmr.json')],
  ],
  [
    'reconcile',
    'reconciliation.output.schema.json',
    [
      'reconcile',
      '--invoice',
      F('invoices', 'dual-fuel-supplier-2025-06.json'),
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      EXAMPLE('meters.json'),
      '--usage',
      EXAMPLE('usage.json'),
      '--elective',
      EXAMPLE('elective.json'),
    ],
  ],
  [
    'reconcile (export with a column mapping)',
    'reconciliation.output.schema.json',
    [
      'reconcile',
      '--invoice',
      F('invoices', 'network-operator-2025-06-export.json'),
      '--columns',
      F('invoices', 'export-columns.json'),
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      F('examples', 'network-operator', 'meters.json'),
      '--usage',
      F('examples', 'network-operator', 'usage.json'),
    ],
  ],
  [
    'diff',
    'statement-comparison.output.schema.json',
    [
      'diff',
      STATEMENT,
      join(ROOT, 'test', 'fixtures', 'budget', 'statement-2026-27.json'),
      '--meters',
      EXAMPLE('meters.json'),
    ],
  ],
  ['budget', 'budget-projection.output.schema.json', ['budget', '--scenario', F('budget', 'illustrative-budget.json')]],
];

describe('every --format json report against its output schema', () => {
  it('covers every output schema', () => {
    const covered = new Set(COMMANDS.map(([, schema]) => schema));
    expect(
      SHIPPED_SCHEMAS.filter((shipped) => shipped.kind === 'output')
        .map((shipped) => shipped.file)
        .filter((file) => !covered.has(file)),
    ).toEqual([]);
  });

  it.each(COMMANDS)('%s', async (_name, schema, args) => {
    const run = await runCliCapture([...args, '--format', 'json']);
    expect(run.stderr.includes('Error'), run.stderr).toBe(false);
    expect(errorsOf(schema, JSON.parse(run.stdout))).toEqual([]);
  });
});

describe('the patterns refuse what the library refuses', () => {
  const record = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: 'true', count: '10' };
  it.each([
    ['a month 2026-13', 'meter-counts.csv-record.schema.json', { ...record, month: '2026-13' }],
    ['a Charging Group g6', 'meter-counts.csv-record.schema.json', { ...record, chargingGroup: 'g6' }],
    ['a negative count', 'meter-counts.csv-record.schema.json', { ...record, count: '-4' }],
    ['a count above 10^12', 'meter-counts.csv-record.schema.json', { ...record, count: '1000000000001' }],
    ['an unknown column', 'meter-counts.csv-record.schema.json', { ...record, colour: 'red' }],
    ['a quantity 1.2.3', 'usage.csv-record.schema.json', { code: 'TEST_LAB_DAY', quantity: '1.2.3' }],
    ['an empty code', 'usage.csv-record.schema.json', { code: '', quantity: '1' }],
    [
      'an amount with three places',
      'elective.csv-record.schema.json',
      { reference: 'R', description: 'd', amount: '1.005' },
    ],
    [
      'a meter point of 12 digits',
      'registrations.csv-record.schema.json',
      {
        meterPoint: '101234567890',
        chargingGroup: 'g1',
        premises: 'domestic',
        registeredFrom: '2025-01-01',
        registeredTo: '',
        enrolledFrom: '',
      },
    ],
    [
      'a date 2025-13-01',
      'registrations.csv-record.schema.json',
      {
        meterPoint: '1012345678903',
        chargingGroup: 'g1',
        premises: 'domestic',
        registeredFrom: '2025-13-01',
        registeredTo: '',
        enrolledFrom: '',
      },
    ],
    ['a header that is blank', 'invoice-column-mapping.schema.json', { month: '  ' }],
  ])('%s', (_name, schema, data) => {
    expect(errorsOf(schema, data)).not.toEqual([]);
  });

  it('a rate "1.2.3" and a Regulatory Year "2025/27" in a statement', () => {
    const statement = JSON.parse(readFileSync(STATEMENT, 'utf8')) as {
      fixedCharges: { ratePerMeterMonth: string }[];
      regulatoryYear: string;
    };
    expect(errorsOf('charging-statement.schema.json', statement)).toEqual([]);
    const badRate = structuredClone(statement);
    (badRate.fixedCharges[0] as { ratePerMeterMonth: string }).ratePerMeterMonth = '1.2.3';
    expect(errorsOf('charging-statement.schema.json', badRate).join()).toMatch(/ratePerMeterMonth/);
    expect(errorsOf('charging-statement.schema.json', { ...statement, regulatoryYear: '2025/27' }).join()).toMatch(
      /regulatoryYear/,
    );
  });

  it('the Regulatory Year pattern admits exactly what isRegulatoryYear accepts', () => {
    let admitted = 0;
    for (let start = 0; start <= 9999; start += 1) {
      for (let end = 0; end <= 99; end += 1) {
        const text = `${String(start).padStart(4, '0')}/${String(end).padStart(2, '0')}`;
        const pattern = SUPPORTED_REGULATORY_YEAR_PATTERN.test(text);
        if (pattern !== isRegulatoryYear(text)) throw new Error(`disagreement at ${text}`);
        if (pattern) admitted += 1;
      }
    }
    expect(admitted).toBe(199); // 2198 - 2000 + 1
  });

  it('the statement schema carries the rate pattern', () => {
    expect(JSON.stringify(schemaTexts.get('charging-statement.schema.json'))).toContain(
      '"ratePerMeterMonth":{"type":"string","pattern"',
    );
  });
});

/** True when the library's reader accepts a one-row CSV of `record`. */
function readerAccepts(read: (text: string) => unknown, record: Record<string, string>): boolean {
  const header = Object.keys(record).join(',');
  const row = Object.values(record)
    .map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
    .join(',');
  try {
    read(`${header}\n${row}\n`);
    return true;
  } catch {
    return false;
  }
}

describe('the readers and the CSV record schemas agree, cell by cell', () => {
  const meters = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: 'true', count: '10' };
  const invoice = {
    month: '2025-06',
    kind: 'explicit',
    code: 'TEST_LAB_DAY',
    quantity: '2',
    unitPrice: '512.40',
    amount: '1024.80',
  };
  it.each([
    ['meters', readMeterCounts, 'meter-counts.csv-record.schema.json', meters],
    ['meters, month', readMeterCounts, 'meter-counts.csv-record.schema.json', { ...meters, month: '2025-06' }],
    ['meters, month 2200-01', readMeterCounts, 'meter-counts.csv-record.schema.json', { ...meters, month: '2200-01' }],
    ['meters, enrolled yes', readMeterCounts, 'meter-counts.csv-record.schema.json', { ...meters, enrolled: 'yes' }],
    ['meters, count 1e3', readMeterCounts, 'meter-counts.csv-record.schema.json', { ...meters, count: '1e3' }],
    [
      'meters, count 10^12',
      readMeterCounts,
      'meter-counts.csv-record.schema.json',
      { ...meters, count: '1000000000000' },
    ],
    ['meters, count 007', readMeterCounts, 'meter-counts.csv-record.schema.json', { ...meters, count: '007' }],
    ['usage', readUsage, 'usage.csv-record.schema.json', { code: 'X', quantity: '2.5' }],
    ['usage, 13 integer digits', readUsage, 'usage.csv-record.schema.json', { code: 'X', quantity: '1234567890123' }],
    ['usage, 11 decimal places', readUsage, 'usage.csv-record.schema.json', { code: 'X', quantity: '0.12345678901' }],
    ['usage, negative', readUsage, 'usage.csv-record.schema.json', { code: 'X', quantity: '-1' }],
    [
      'elective',
      readElective,
      'elective.csv-record.schema.json',
      { reference: 'R', description: 'd', amount: '-12.50' },
    ],
    [
      'elective, comma',
      readElective,
      'elective.csv-record.schema.json',
      { reference: 'R', description: 'd', amount: '1,000.00' },
    ],
    ['invoice', readInvoice, 'invoice.csv-record.schema.json', invoice],
    [
      'invoice, apostrophe before a minus',
      readInvoice,
      'invoice.csv-record.schema.json',
      { ...invoice, amount: "'-1024.80" },
    ],
    [
      'invoice, apostrophe before a digit',
      readInvoice,
      'invoice.csv-record.schema.json',
      { ...invoice, amount: "'1024.80" },
    ],
    [
      'invoice, unit price 21 places',
      readInvoice,
      'invoice.csv-record.schema.json',
      { ...invoice, unitPrice: '0.123456789012345678901' },
    ],
    ['invoice, kind refund', readInvoice, 'invoice.csv-record.schema.json', { ...invoice, kind: 'refund' }],
  ] as const)('%s', (_name, read, schema, record) => {
    expect(errorsOf(schema, record).length === 0).toBe(readerAccepts((text) => read(text), record));
  });

  it.each([
    [{ month: 'Billing Period', ignore: ['Invoice No'] }, true],
    [{ month: '' }, false],
    [{ colour: 'Colour' }, false],
    [{ ignore: 'Invoice No' }, false],
    [{ amount: 12 }, false],
  ] as const)('column mapping %j', (mapping, accepted) => {
    expect(errorsOf('invoice-column-mapping.schema.json', mapping).length === 0).toBe(accepted);
    expect(() => parseColumnMapping(mapping)).toSatisfy((call: () => unknown) => {
      try {
        call();
        return accepted;
      } catch {
        return !accepted;
      }
    });
  });
});

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

describe('the result types fit their output schemas', () => {
  it('each result type is an input of its schema', () => {
    expectTypeOf<MonthlyCharges>().toExtend<DeepReadonly<z.input<typeof monthlyChargesOutputSchema>>>();
    expectTypeOf<RegisteredMeterCounts>().toExtend<DeepReadonly<z.input<typeof registeredMeterCountsOutputSchema>>>();
    expectTypeOf<RegisteredMeterCountsByUser>().toExtend<
      DeepReadonly<z.input<typeof registeredMeterCountsByUserOutputSchema>>
    >();
    expectTypeOf<MonthlyChargesByUser>().toExtend<DeepReadonly<z.input<typeof monthlyChargesByUserOutputSchema>>>();
    expectTypeOf<Reconciliation>().toExtend<DeepReadonly<z.input<typeof reconciliationOutputSchema>>>();
    expectTypeOf<StatementComparison>().toExtend<DeepReadonly<z.input<typeof statementComparisonOutputSchema>>>();
    expectTypeOf<BudgetProjection>().toExtend<DeepReadonly<z.input<typeof budgetProjectionOutputSchema>>>();
  });
});
