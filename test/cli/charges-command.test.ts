/** The `charges` and `demo` commands, run in-process: formats, exit codes, error messages. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  calculateMonthlyCharges,
  readElective,
  readMeterCounts,
  readUsage,
  readChargingStatement,
} from '../../src/index.js';
import { readCsv } from '../../src/tables/csv.js';
import { runCliCapture } from '../support/cli.js';
import { fixture } from '../support/fixtures.js';
import { readFileSync } from 'node:fs';

const statement = fixture('statements', 'illustrative-2025-26.json');
const dualFuel = (file: string) => fixture('examples', 'dual-fuel-supplier', file);
const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
const chargesArgs = [
  'charges',
  '--statement',
  statement,
  '--month',
  '2025-06',
  '--meters',
  dualFuel('meters.json'),
  '--usage',
  dualFuel('usage.json'),
  '--elective',
  dualFuel('elective.json'),
];

function libraryCharges() {
  return calculateMonthlyCharges({
    statements: [readChargingStatement(readFileSync(statement, 'utf8'))],
    month: '2025-06',
    meters: readMeterCounts(readFileSync(dualFuel('meters.json'), 'utf8')),
    usage: readUsage(readFileSync(dualFuel('usage.json'), 'utf8')),
    elective: readElective(readFileSync(dualFuel('elective.json'), 'utf8')),
  });
}

describe('dcc-charges charges', () => {
  it('prints exactly the library result with --format json', async () => {
    const run = await runCliCapture([...chargesArgs, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(libraryCharges())));
  });

  it('prints a readable table by default, with every line amount and the totals', async () => {
    const run = await runCliCapture(chargesArgs);
    const expected = libraryCharges();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('illustrative');
    for (const line of expected.lines) expect(run.stdout).toContain(line.amount);
    expect(run.stdout).toMatch(new RegExp(`Gross\\s+${expected.totals.gross.replace('.', '\\.')}`));
  });

  it('prints CSV lines in the invoice-line vocabulary, with vat and total rows', async () => {
    const run = await runCliCapture([...chargesArgs, '--format', 'csv']);
    const table = readCsv(run.stdout);
    const expected = libraryCharges();
    expect(table.issues).toEqual([]);
    expect(table.header).toEqual([
      'month',
      'kind',
      'chargingGroup',
      'region',
      'code',
      'description',
      'quantity',
      'unitPrice',
      'amount',
      'clause',
    ]);
    expect(table.rows.map((row) => row.cells[8])).toEqual([
      ...expected.lines.map((line) => line.amount),
      expected.totals.vat,
      expected.totals.gross,
    ]);
  });

  it('takes the VAT rate from --vat-rate', async () => {
    const run = await runCliCapture([...chargesArgs, '--format', 'json', '--vat-rate', '0.05']);
    expect(JSON.parse(run.stdout)).toMatchObject({ vatRate: '0.05' });
  });

  it('reads CSV inputs as well as JSON', async () => {
    const meters = scratchFile(
      'meters.csv',
      'chargingGroup,region,premises,enrolled,count\r\ng4,north,domestic,true,100\r\n',
    );
    const run = await runCliCapture([
      'charges',
      '--statement',
      statement,
      '--month',
      '2025-06',
      '--meters',
      meters,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { lines: unknown[] }).lines).toHaveLength(2);
  });
});

describe('bad input on the command line: exit 2, one message per problem, no stack trace', () => {
  const cases: [string, string[], RegExp[]][] = [
    [
      'a file that does not exist',
      ['--meters', join(scratch, 'nope.csv')],
      [/nope\.csv: expected a readable file, received no such file/],
    ],
    [
      'malformed JSON',
      ['--meters', scratchFile('broken.json', '[{"chargingGroup": ')],
      [/broken\.json: expected well-formed JSON/],
    ],
    [
      'a ragged CSV and a bad statement together',
      [
        '--meters',
        scratchFile('ragged.csv', 'chargingGroup,region,premises,enrolled,count\ng1,north\n'),
        '--statement',
        scratchFile('bad.json', '{"format":"x"}'),
      ],
      [
        /bad\.json, at format: expected "dcc-charges\/charging-statement@1", received "x"/,
        /ragged\.csv, line 2: expected 5 cells, as in the header, received 2 cells/,
      ],
    ],
    ['a month outside every statement', ['--month', '2027-01'], [/expected a month covered by a Charging Statement/]],
    [
      'a malformed month',
      ['--month', 'June'],
      [/--month.*expected a month written YYYY-MM from 2000-01 to 2199-12, received "June"/],
    ],
    ['a bad VAT rate', ['--vat-rate', '20%'], [/--vat-rate.*received "20%"/]],
    [
      'an unknown explicit code',
      ['--usage', scratchFile('usage.csv', 'code,quantity\nNOPE,1\n')],
      [
        /usage\.csv, field "code": expected an Explicit Charging Metric of statement "illustrative-2025-26": CH_RETURN_REDEPLOYED, .*received "NOPE"/,
      ],
    ],
    [
      'counts for other months only, named by their file',
      [
        '--meters',
        scratchFile(
          'may.csv',
          'month,chargingGroup,region,premises,enrolled,count\n2025-05,g1,north,domestic,true,1\n',
        ),
      ],
      [/may\.csv, field "month": expected meter counts for 2025-06, received counts for 2025-05 only/],
    ],
  ];

  it.each(cases)('%s', async (_, overrides, patterns) => {
    const args = ['charges', '--statement', statement, '--month', '2025-06', '--meters', dualFuel('meters.json')];
    for (let index = 0; index < overrides.length; index += 2) {
      const flag = overrides[index] as string;
      const position = args.indexOf(flag);
      if (position === -1) args.push(flag, overrides[index + 1] as string);
      else args[position + 1] = overrides[index + 1] as string;
    }
    const run = await runCliCapture(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const pattern of patterns) expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('two statements in force, named by their files', async () => {
    const copy = scratchFile('copy.json', readFileSync(statement, 'utf8'));
    const run = await runCliCapture([
      'charges',
      '--statement',
      statement,
      copy,
      '--month',
      '2025-06',
      '--meters',
      dualFuel('meters.json'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${statement}, field "effectiveFrom": expected statements whose effective months do not overlap, received "illustrative-2025-26" (${statement}, 2025-04 to 2026-03) and "illustrative-2025-26" (${copy}, 2025-04 to 2026-03)`,
    );
  });

  it('an unknown option or a missing required option', async () => {
    expect((await runCliCapture(['charges', '--month', '2025-06'])).code).toBe(2);
    const unknown = await runCliCapture([...chargesArgs, '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--colour'/);
    expect((await runCliCapture([...chargesArgs, '--format', 'xml'])).code).toBe(2);
    expect((await runCliCapture(['bill'])).code).toBe(2);
  });
});

describe('help and the demo', () => {
  it.each([
    ['--help'],
    ...['charges', 'count', 'derive', 'reconcile', 'diff', 'budget', 'demo'].map((command) => [command, '--help']),
  ])('%s %s prints usage and exits 0', async (...args) => {
    const run = await runCliCapture(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: dcc-charges/);
  });

  it('demo charges both shipped examples', async () => {
    const run = await runCliCapture(['demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Example 1: a dual-fuel supplier/);
    expect(run.stdout).toMatch(/Example 2: /);
    expect(run.stdout).toContain(libraryCharges().totals.gross);
  });
});
