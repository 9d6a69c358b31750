/**
 * Hostile class "library arguments": every function exported from the main entry and the Node
 * entry, called with an argument of the wrong kind in each position (nothing, null, a number, a
 * string where an object is expected, an object where text or rows are expected, an object
 * missing its fields, a Proxy whose every trap throws, a path that does not exist). Each call
 * throws an InputError naming the argument, and no message shows a JavaScript internal
 * (decision 0068). The exports are enumerated, so that a new export without a case fails here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as nodeEntry from '../../src/node.js';
import { formatIssue } from '../../src/render.js';
import { fixtureJson, illustrativeStatement } from '../support/fixtures.js';

const { InputError, calculateMonthlyCharges, reconcileInvoice } = main;

const folder = mkdtempSync(join(tmpdir(), 'dcc-library-arguments-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const REGISTRATIONS_CSV = 'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom\n';
const registrationsPath = join(folder, 'registrations.csv');
writeFileSync(registrationsPath, REGISTRATIONS_CSV);
const missingPath = join(folder, 'no-such-file.csv');
const invoicePath = join(folder, 'invoice.csv');
writeFileSync(
  invoicePath,
  'month,kind,code,quantity,unitPrice,amount\n2025-06,explicit,TEST_LAB_DAY,1,512.40,512.40\n',
);

/** How an argument is taken, which decides the hostile values tried in its place. */
type Kind =
  | 'document'
  | 'object'
  | 'optionalObject'
  | 'text'
  | 'optionalText'
  | 'textOrTable'
  | 'rows'
  | 'iterable'
  | 'path';

interface Param {
  readonly name: string;
  readonly kind: Kind;
  readonly valid: () => unknown;
  /** True where an empty object is a valid value (a column mapping may map nothing). */
  readonly emptyValid?: boolean;
}

const statement = illustrativeStatement();
const meters = (fixtureJson('examples', 'dual-fuel-supplier', 'meters.json') as { rows: unknown[] }).rows;
const invoiceRows = (fixtureJson('invoices', 'dual-fuel-supplier-2025-06.json') as { rows: unknown[] }).rows;
const charges = calculateMonthlyCharges({ statements: [statement], month: '2025-06', meters: meters as never });
const reconciliation = reconcileInvoice({ invoice: invoiceRows as never, expected: charges });
const countOptions = { from: '2025-06', to: '2025-06' };
const bytes = (): Uint8Array[] => [new TextEncoder().encode(REGISTRATIONS_CSV)];

const p = (name: string, kind: Kind, valid: () => unknown): Param => ({ name, kind, valid });
// Without a source label, a document's problem names the argument; with one, the label (decision 0068).
const source = p('source', 'optionalText', () => undefined);
const tableOptions = p('options', 'optionalObject', () => ({}));

/** One case per exported function: its parameters, in order, with a value of the right kind. */
const CASES: Record<string, readonly Param[]> = {
  parseChargingStatement: [p('statement', 'document', () => statement), source],
  readChargingStatement: [p('text', 'text', () => JSON.stringify(statement)), source],
  parseMeterCounts: [p('rows', 'rows', () => meters), source],
  validateMeterTable: [p('rows', 'rows', () => meters), source],
  readMeterCounts: [p('text', 'textOrTable', () => JSON.stringify(meters)), tableOptions],
  parseUsage: [p('rows', 'rows', () => []), source],
  readUsage: [p('text', 'textOrTable', () => 'code,quantity\n'), tableOptions],
  parseElective: [p('rows', 'rows', () => []), source],
  readElective: [p('text', 'textOrTable', () => '[]'), tableOptions],
  calculateMonthlyCharges: [p('input', 'object', () => ({ statements: [statement], month: '2025-06', meters }))],
  calculateMonthlyChargesByUser: [
    p('input', 'object', () => ({
      statements: [statement],
      month: '2025-06',
      users: [{ user: 'SUPPLIER-A', meters }],
    })),
  ],
  compareStatements: [
    p('a', 'document', () => statement),
    p('b', 'document', () => statement),
    p('portfolio', 'optionalObject', () => ({ meters })),
  ],
  parseBudgetScenario: [p('scenario', 'document', () => fixtureJson('budget', 'illustrative-budget.json')), source],
  readBudgetScenario: [p('text', 'text', () => '{}'), source],
  projectBudget: [
    p('scenario', 'document', () => fixtureJson('budget', 'illustrative-budget.json')),
    p('options', 'optionalObject', () => ({})),
  ],
  parseColumnMapping: [{ ...p('mapping', 'document', () => ({})), emptyValid: true }, source],
  readColumnMapping: [p('text', 'text', () => '{}'), source],
  readInvoice: [
    p('text', 'textOrTable', () => JSON.stringify(invoiceRows)),
    p('options', 'optionalObject', () => ({})),
  ],
  parseInvoiceLines: [p('rows', 'rows', () => invoiceRows), source],
  invoiceLinesFromCharges: [p('charges', 'object', () => charges), p('options', 'optionalObject', () => ({}))],
  reconcileInvoice: [p('input', 'object', () => ({ invoice: invoiceRows, expected: charges }))],
  parseMethodologyInputs: [
    p('inputs', 'document', () => fixtureJson('methodology', 'illustrative-2025-26-uitmr.json')),
    source,
  ],
  readMethodologyInputs: [p('text', 'text', () => '{}'), source],
  deriveChargingStatement: [
    p('inputs', 'document', () => fixtureJson('methodology', 'illustrative-2025-26-uitmr.json')),
    source,
  ],
  countRegisteredMeters: [p('rows', 'iterable', () => []), p('options', 'object', () => countOptions)],
  countRegistrationCsv: [p('chunks', 'iterable', bytes), p('options', 'object', () => countOptions)],
  readRegistrationCsvRows: [p('chunks', 'iterable', bytes), p('options', 'optionalObject', () => ({}))],
  countRegistrationsFile: [p('path', 'path', () => registrationsPath), p('options', 'object', () => countOptions)],
  readRegistrationsFile: [p('path', 'path', () => registrationsPath), p('options', 'optionalObject', () => ({}))],
  explainCountsFromFile: [
    p('path', 'path', () => registrationsPath),
    p('reconciliation', 'object', () => reconciliation),
    p('statement', 'document', () => statement),
    p('options', 'optionalObject', () => ({})),
  ],
  reconcileWithRegistrationsFile: [
    p('path', 'path', () => registrationsPath),
    p('input', 'object', () => ({ statements: [statement], month: '2025-06', invoice: invoiceRows })),
  ],
  reconcileInvoiceFile: [
    p('path', 'path', () => invoicePath),
    p('input', 'object', () => ({ statements: [statement], month: '2025-06', meters })),
  ],
};

/** Classes among the exports: constructed by a caller, not called with arguments to check. */
const CLASSES = new Set(['InputError', 'InvariantError']);

/** A Proxy whose every trap throws. */
function throwingProxy(): object {
  const trap = (): never => {
    throw new Error('hostile trap fired');
  };
  return new Proxy(
    {},
    {
      get: trap,
      has: trap,
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
      getPrototypeOf: trap,
      apply: trap,
      set: trap,
    },
  );
}

/** The hostile values tried for an argument of each kind, by class name. */
function hostileValues({ kind, emptyValid }: Param): [string, () => unknown][] {
  const optional = kind === 'optionalObject' || kind === 'optionalText';
  const values: [string, () => unknown][] = [];
  if (!optional) values.push(['undefined', () => undefined]);
  values.push(['null', () => null], ['a number', () => 42], ['a throwing Proxy', throwingProxy]);
  switch (kind) {
    case 'document':
    case 'object':
    case 'optionalObject':
      values.push(['a string', () => 'text']);
      break;
    case 'rows':
    case 'iterable':
      values.push(['a string', () => 'text'], ['a non-iterable object', () => ({ length: 1 })]);
      break;
    case 'text':
    case 'optionalText':
    case 'path':
      values.push(['an object', () => ({ text: 'x' })]);
      break;
    case 'textOrTable':
      values.push(['an object that is not a table', () => ({ rows: 1 })]);
      break;
  }
  if ((kind === 'object' || kind === 'document') && emptyValid !== true)
    values.push(['an object missing its fields', () => ({})]);
  return values;
}

/** Words that belong to JavaScript, not to a message for a user. */
const INTERNALS =
  /is not a function|\[object Object\]|Invalid input|Cannot read properties|undefined \(reading|is not iterable|hostile trap fired|TypeError/;

type Fn = (...args: unknown[]) => unknown;

/** Calls `fn`, awaiting a promise and starting a generator, and returns what it threw. */
async function thrownBy(fn: Fn, args: unknown[]): Promise<unknown> {
  try {
    let result = fn(...args);
    if (result instanceof Promise) result = await result;
    if (typeof result === 'object' && result !== null && typeof (result as AsyncGenerator).next === 'function') {
      await (result as AsyncGenerator).next();
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

function exportedFunctions(): [string, Fn][] {
  const all: [string, unknown][] = [...Object.entries(main), ...Object.entries(nodeEntry)];
  return all.filter((entry): entry is [string, Fn] => typeof entry[1] === 'function' && !CLASSES.has(entry[0]));
}

/** True when the issue names the argument `name` (or one of its fields), or is located at it. */
function namesArgument(issue: main.InputIssue, name: string): boolean {
  return issue.field === name || issue.field?.startsWith(`${name}.`) === true || issue.source === name;
}

describe('every exported runtime function has a case', () => {
  it('the cases are exactly the exported functions of the main and Node entries', () => {
    const names = exportedFunctions()
      .map(([name]) => name)
      .sort();
    expect(names).toEqual(Object.keys(CASES).sort());
  });

  it.each([...CLASSES])('%s is a class (constructed, not called)', (name) => {
    const value = (main as Record<string, unknown>)[name];
    expect(typeof value).toBe('function');
    expect(Function.prototype.toString.call(value).startsWith('class ')).toBe(true);
  });
});

const rows = exportedFunctions().flatMap(([name, fn]) =>
  (CASES[name] ?? []).flatMap((param, position) =>
    hostileValues(param).map(([hostile, make]) => ({ name, fn, param, position, hostile, make })),
  ),
);

describe('hostile arguments get an InputError naming the argument', () => {
  it.each(rows.map((row) => [`${row.name}(${row.param.name}: ${row.hostile})`, row] as const))(
    '%s',
    async (_label, row) => {
      const params = CASES[row.name] ?? [];
      const args = params.map((param) => param.valid());
      args[row.position] = row.make();
      const error = await thrownBy(row.fn, args);
      expect(error).toBeInstanceOf(InputError);
      const issues = (error as InstanceType<typeof InputError>).issues;
      const text = [(error as Error).message, ...issues.map(formatIssue)].join('\n');
      expect(text).not.toMatch(INTERNALS);
      // A document missing its fields: each issue is at the missing field's path.
      if (row.param.kind === 'document' && row.hostile === 'an object missing its fields') {
        expect(issues.length).toBeGreaterThan(0);
        expect(
          issues.every((issue) => issue.path !== undefined && issue.path.length > 0),
          text,
        ).toBe(true);
        return;
      }
      expect(
        issues.some((issue) => namesArgument(issue, row.param.name)),
        text,
      ).toBe(true);
    },
  );
});

describe('a file the library reads that does not exist', () => {
  const calls: [string, () => unknown][] = [
    ['countRegistrationsFile', () => nodeEntry.countRegistrationsFile(missingPath, countOptions as never)],
    ['readRegistrationsFile', () => nodeEntry.readRegistrationsFile(missingPath)],
    ['explainCountsFromFile', () => nodeEntry.explainCountsFromFile(missingPath, reconciliation, statement as never)],
    [
      'reconcileWithRegistrationsFile',
      () =>
        nodeEntry.reconcileWithRegistrationsFile(missingPath, {
          statements: [statement],
          month: '2025-06',
          invoice: invoiceRows as never,
        }),
    ],
    [
      'reconcileInvoiceFile',
      () =>
        nodeEntry.reconcileInvoiceFile(missingPath, {
          statements: [statement],
          month: '2025-06',
          meters: meters as never,
        }),
    ],
  ];
  it.each(calls)('%s: an InputError with the path', async (_name, call) => {
    const error = await thrownBy(call, []);
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InstanceType<typeof InputError>).issues;
    expect(issues[0]?.source).toBe(missingPath);
    expect(issues[0]?.code).toBe('unreadableFile');
    expect(formatIssue(issues[0] as main.InputIssue)).toContain('no such file');
  });
});
