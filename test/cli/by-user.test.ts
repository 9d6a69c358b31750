/**
 * `count --by-user` and `charges --by-user` (decisions 0081, 0082), run in-process: each
 * User's counts and charges are those of a run on that User's rows alone, the totals across
 * Users the sums of the Users', and the option rules and bad rows refused with their place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  calculateMonthlyCharges,
  calculateMonthlyChargesByUser,
  countRegisteredMeters,
  readChargingStatement,
} from '../../src/index.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import { renderCountsCsv } from '../../src/cli/commands/count.js';
import { Dec } from '../../src/money/decimal.js';
import { readCsv } from '../../src/tables/csv.js';
import { runCliCapture } from '../support/cli.js';
import { fixture } from '../support/fixtures.js';
import { withCheckDigit } from '../registrations/helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-by-user-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const statementPath = fixture('statements', 'illustrative-2025-26.json');
const statement = readChargingStatement(readFileSync(statementPath, 'utf8'));

const HEADER = [
  'meterPoint',
  'chargingGroup',
  'premises',
  'registeredFrom',
  'registeredTo',
  'enrolledFrom',
  'region',
  'gspGroup',
  'user',
] as const;
function toCsv(rows: readonly RegistrationRow[], header: readonly string[] = HEADER): string {
  return `${[header.join(','), ...rows.map((row) => header.map((name) => String((row as unknown as Record<string, unknown>)[name] ?? '')).join(','))].join('\n')}\n`;
}
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const eastern = withCheckDigit('100000000123');
const southern = withCheckDigit('120000004567');
/** OLD hands the Eastern meter point to NEW on 15 March 2025 (a change of supplier); OLD keeps a gas point, NEW a Southern export. */
const ROWS: RegistrationRow[] = [
  {
    meterPoint: eastern,
    chargingGroup: 'importSupplier',
    premises: 'domestic',
    registeredFrom: '2024-11-02',
    registeredTo: '2025-03-14',
    enrolledFrom: '2024-12-01',
    user: 'OLD',
  },
  {
    meterPoint: eastern,
    chargingGroup: 'importSupplier',
    premises: 'domestic',
    registeredFrom: '2025-03-15',
    registeredTo: '',
    enrolledFrom: '2025-05-20',
    user: 'NEW',
  },
  {
    meterPoint: '7400123456',
    chargingGroup: 'gasSupplier',
    premises: 'domestic',
    registeredFrom: '2024-11-02',
    region: 'north',
    user: 'OLD',
  },
  {
    meterPoint: southern,
    chargingGroup: 'exportSupplier',
    premises: 'nonDomestic',
    registeredFrom: '2025-01-10',
    enrolledFrom: '2025-01-10',
    user: 'NEW',
  },
  {
    meterPoint: southern,
    chargingGroup: 'importSupplier',
    premises: 'nonDomestic',
    registeredFrom: '2025-01-10',
    enrolledFrom: '2025-01-10',
    user: 'OLD',
  },
];
const register = file('register.csv', toCsv(ROWS));
const USERS = ['NEW', 'OLD'] as const;
const rowsOf = (user: string) => ROWS.filter((row) => row.user === user);

describe('dcc-charges count --by-user', () => {
  const args = ['count', '--registrations', register, '--from', '2025-02', '--to', '2025-06', '--by-user'];

  it("writes CSV with a user column, each User's rows those of a count of its rows alone", async () => {
    const run = await runCliCapture([...args, '--format', 'csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('user,month,chargingGroup,region,premises,enrolled,count');
    const expected = USERS.flatMap((user) =>
      renderCountsCsv(countRegisteredMeters(rowsOf(user), { from: '2025-02', to: '2025-06' }))
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => `${user},${line}`),
    );
    expect(lines.slice(1)).toEqual(expected);
    expect(run.stderr).toContain('rows read 5 = rows counted 5 + rows rejected 0');
  });

  it('writes JSON that is the library result, and a table and a workbook', async () => {
    const json = await runCliCapture([...args, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(JSON.stringify(countRegisteredMeters(ROWS, { from: '2025-02', to: '2025-06', byUser: true }))),
    );
    const table = await runCliCapture(args);
    expect(table.code).toBe(0);
    // NEW: the Eastern point from March (not enrolled until 20 May), the Southern export from February.
    expect(table.stdout).toMatch(/NEW\s+2025-03\s+2025-03-31\s+importSupplier\s+central\s+domestic\s+no\s+1/);
    expect(table.stdout).toMatch(/OLD\s+2025-02\s+2025-02-28\s+importSupplier\s+central\s+domestic\s+yes\s+1/);
    expect(table.stdout).toMatch(/OLD\s+3\s+3\s+0/);
    const out = join(scratch, 'by-user.xlsx');
    const book = await runCliCapture([...args, '--out', out]);
    expect(book.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('keeps the output rules: no HTML page by User', async () => {
    const run = await runCliCapture([...args, '--format', 'html']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected one of table, csv, json, xlsx');
  });

  it('refuses a row with an empty user, naming the file, line and field', async () => {
    const bad = file(
      'empty-user.csv',
      toCsv([ROWS[0] as RegistrationRow, { ...(ROWS[2] as RegistrationRow), user: '' }]),
    );
    const run = await runCliCapture([
      'count',
      '--registrations',
      bad,
      '--from',
      '2025-02',
      '--to',
      '2025-06',
      '--by-user',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(bad);
    expect(run.stderr).toContain('line 3');
    expect(run.stderr).toContain('"user"');
    expect(run.stderr).toContain('the User id of every row with --by-user');
  });

  it('refuses a file without a user column at its header', async () => {
    const bad = file(
      'no-user.csv',
      toCsv(
        ROWS,
        HEADER.filter((name) => name !== 'user'),
      ),
    );
    const run = await runCliCapture([
      'count',
      '--registrations',
      bad,
      '--from',
      '2025-02',
      '--to',
      '2025-06',
      '--by-user',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 1');
    expect(run.stderr).toContain('the User id of every row with --by-user');
  });
});

describe('dcc-charges charges --by-user', () => {
  const args = [
    'charges',
    '--by-user',
    '--registrations',
    register,
    '--statement',
    statementPath,
    '--month',
    '2025-04',
  ];
  const countsOf = (user: string) => countRegisteredMeters(rowsOf(user), { from: '2025-04', to: '2025-04' }).counts;

  it("gives each User the charges of a run on its counts alone, and totals that are the sums of the Users'", async () => {
    const run = await runCliCapture([...args, '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ReturnType<typeof calculateMonthlyChargesByUser>;
    expect(result.users.map((entry) => entry.user)).toEqual([...USERS]);
    for (const entry of result.users) {
      expect(entry.charges).toEqual(
        JSON.parse(
          JSON.stringify(
            calculateMonthlyCharges({ statements: [statement], month: '2025-04', meters: countsOf(entry.user) }),
          ),
        ),
      );
    }
    // The illustrative rates, each line round2(count x rate): g1 national 0.40, central 0.02, south round2(0.025) = 0.03,
    // CH 0.85, Alt HAN 0.05; g2 national 0.04, south round2(0.0025) = 0.00, CH 0.17, Alt HAN 0.01; g3 national 0.40, north 0.03, CH 0.85, Alt HAN 0.05.
    // NEW: the Eastern g1 (0.40 + 0.02 + 0.85 + 0.05 = 1.32) and the Southern g2 (0.04 + 0.00 + 0.17 + 0.01 = 0.22): 1.54; VAT round2(0.308) = 0.31.
    // OLD: the gas g3 (0.40 + 0.03 + 0.85 + 0.05 = 1.33) and the Southern g1 (0.40 + 0.03 + 0.85 + 0.05 = 1.33): 2.66; VAT round2(0.532) = 0.53.
    const [fresh, old] = result.users as [(typeof result.users)[number], (typeof result.users)[number]];
    for (const entry of result.users)
      expect(
        new Dec(entry.charges.totals.net).equals(
          entry.charges.lines.reduce((sum, line) => sum.plus(line.amount), new Dec(0)),
        ),
      ).toBe(true);
    expect(fresh.charges.totals).toMatchObject({
      net: (1.32 + 0.22).toFixed(2),
      vat: '0.31',
      gross: (1.54 + 0.31).toFixed(2),
    });
    expect(old.charges.totals).toMatchObject({
      net: (1.33 + 1.33).toFixed(2),
      vat: '0.53',
      gross: (2.66 + 0.53).toFixed(2),
    });
    expect(result.totals).toEqual({
      net: (1.54 + 2.66).toFixed(2),
      vat: (0.31 + 0.53).toFixed(2),
      gross: (1.85 + 3.19).toFixed(2),
    });
  });

  it('prints one summary row per User (user, month, net, VAT, total) and the sums across Users', async () => {
    const run = await runCliCapture(args);
    expect(run.code).toBe(0);
    // As above: NEW 1.54 + 0.31 = 1.85, OLD 2.66 + 0.53 = 3.19; across Users 1.54 + 2.66 = 4.20, 0.31 + 0.53 = 0.84, 1.85 + 3.19 = 5.04.
    expect(run.stdout).toMatch(/NEW\s+2025-04\s+1\.54\s+0\.31\s+1\.85/);
    expect(run.stdout).toMatch(/OLD\s+2025-04\s+2\.66\s+0\.53\s+3\.19/);
    expect(run.stdout).toMatch(/\(all Users\)\s+2025-04\s+4\.20\s+0\.84\s+5\.04/);
  });

  it("writes every line as CSV with a user column, each User's lines those of charges --meters on its counts alone", async () => {
    const run = await runCliCapture([...args, '--format', 'csv']);
    const table = readCsv(run.stdout);
    expect(table.issues).toEqual([]);
    expect(table.header).toEqual([
      'user',
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
    for (const user of USERS) {
      const counts = await runCliCapture([
        'count',
        '--registrations',
        file(`${user}.csv`, toCsv(rowsOf(user))),
        '--from',
        '2025-04',
        '--to',
        '2025-04',
        '--format',
        'csv',
      ]);
      const alone = await runCliCapture([
        'charges',
        '--statement',
        statementPath,
        '--month',
        '2025-04',
        '--meters',
        file(`${user}-counts.csv`, counts.stdout),
        '--format',
        'csv',
      ]);
      const expected = readCsv(alone.stdout).rows.map((row) => row.cells);
      expect(table.rows.filter((row) => row.cells[0] === user).map((row) => row.cells.slice(1))).toEqual(expected);
    }
  });

  it('charges one register as one User with --registrations alone, as --meters on its count', async () => {
    const single = file('single.csv', toCsv(rowsOf('OLD')));
    const direct = await runCliCapture([
      'charges',
      '--registrations',
      single,
      '--statement',
      statementPath,
      '--month',
      '2025-04',
      '--format',
      'json',
    ]);
    expect(direct.code).toBe(0);
    expect(JSON.parse(direct.stdout)).toEqual(
      JSON.parse(
        JSON.stringify(calculateMonthlyCharges({ statements: [statement], month: '2025-04', meters: countsOf('OLD') })),
      ),
    );
  });

  it('keeps the option rules', async () => {
    const meters = file(
      'meters.csv',
      'chargingGroup,region,premises,enrolled,count\nimportSupplier,central,domestic,true,1\n',
    );
    const usage = file('usage.csv', 'code,quantity\nX,1\n');
    const cases: [string[], string][] = [
      [['charges', '--by-user', '--statement', statementPath, '--month', '2025-04'], '--registrations'],
      [[...args, '--meters', meters], '--meters or --registrations, not both'],
      [[...args, '--usage', usage], 'no --usage with --by-user'],
      [[...args, '--format', 'xlsx'], 'expected one of table, json, csv'],
      [
        ['charges', '--statement', statementPath, '--month', '2025-04', '--meters', meters, '--snapshot-day', '15'],
        '--snapshot-day only with --registrations',
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await runCliCapture(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

describe('calculateMonthlyChargesByUser', () => {
  it('refuses a User twice and names the User of a bad input', () => {
    const meters = [
      { chargingGroup: 'importSupplier', region: 'central', premises: 'domestic', enrolled: true, count: 1 },
    ] as const;
    expect(() =>
      calculateMonthlyChargesByUser({
        statements: [statement],
        month: '2025-04',
        users: [
          { user: 'A', meters },
          { user: 'A', meters },
        ],
      }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: [1, 'user'], code: 'duplicateKey' })] }),
    );
    expect(() =>
      calculateMonthlyChargesByUser({
        statements: [statement],
        month: '2025-04',
        users: [{ user: 'B', meters: [{ ...meters[0], count: -1 }] }],
      }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            source: 'users[0].meters',
            path: [0],
            field: 'count',
            code: 'invalidValue',
            detail: 'for the User B (users[0])',
          }),
        ],
      }),
    );
  });
});
