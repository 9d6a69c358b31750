/**
 * The output rule, command by command: the extension decides the format, a contradiction is refused
 * before any work, status lines go to standard error, no output lands on an input (by path, symbolic
 * link or hard link) or on another output, and a failed run leaves the old file and no temporary file.
 */
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseOutput } from '../../src/cli/output.js';
import type { CliContext } from '../../src/cli/context.js';
import { runCliCapture } from '../support/cli.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-output-rule-'));
  folders.push(folder);
  return folder;
}

/** Copies shipped files into a scratch folder, so that a failure can never touch a tracked file. */
function copies(folder: string, files: Record<string, string>): Record<string, string> {
  const copied: Record<string, string> = {};
  for (const [name, from] of Object.entries(files)) {
    const to = join(folder, name);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied[name] = to;
  }
  return copied;
}

const DUAL = 'fixtures/examples/dual-fuel-supplier';

/** The budget scenario and the files it names, relative to itself. */
const BUDGET_FILES = {
  'budget/illustrative-budget.json': 'fixtures/budget/illustrative-budget.json',
  'budget/illustrative-inputs-2026-27.json': 'fixtures/budget/illustrative-inputs-2026-27.json',
  'budget/illustrative-inputs-2027-28.json': 'fixtures/budget/illustrative-inputs-2027-28.json',
  'statements/illustrative-2025-26.json': 'fixtures/statements/illustrative-2025-26.json',
};

/** One command: its inputs, the arguments that run it, and the name of its input to aim --out at. */
interface CommandCase {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args: (paths: Record<string, string>) => string[];
  readonly victim: string;
  /** Exit code of a good run (reconcile finds differences in the shipped invoice). */
  readonly code: number;
}

const CASES: readonly CommandCase[] = [
  {
    name: 'charges',
    files: { 'statement.json': 'fixtures/statements/illustrative-2025-26.json', 'meters.json': `${DUAL}/meters.json` },
    args: (p) => ['charges', '--statement', p['statement.json']!, '--month', '2025-06', '--meters', p['meters.json']!],
    victim: 'meters.json',
    code: 0,
  },
  {
    name: 'count',
    files: { 'register.csv': 'test/fixtures/registrations/dual-fuel-register.csv' },
    args: (p) => ['count', '--registrations', p['register.csv']!, '--from', '2025-04', '--to', '2025-05'],
    victim: 'register.csv',
    code: 0,
  },
  {
    name: 'derive',
    files: { 'inputs.json': 'fixtures/methodology/illustrative-2025-26-uitmr.json' },
    args: (p) => ['derive', '--inputs', p['inputs.json']!],
    victim: 'inputs.json',
    code: 0,
  },
  {
    name: 'reconcile',
    files: {
      'statement.json': 'fixtures/statements/illustrative-2025-26.json',
      'meters.json': `${DUAL}/meters.json`,
      'usage.json': `${DUAL}/usage.json`,
      'elective.json': `${DUAL}/elective.json`,
      'invoice.json': 'fixtures/invoices/dual-fuel-supplier-2025-06.json',
    },
    args: (p) => [
      'reconcile',
      '--invoice',
      p['invoice.json']!,
      '--statement',
      p['statement.json']!,
      '--month',
      '2025-06',
      '--meters',
      p['meters.json']!,
      '--usage',
      p['usage.json']!,
      '--elective',
      p['elective.json']!,
    ],
    victim: 'invoice.json',
    code: 1,
  },
  {
    name: 'diff',
    files: {
      'before.json': 'fixtures/statements/illustrative-2025-26.json',
      'after.json': 'test/fixtures/budget/statement-2026-27.json',
    },
    args: (p) => ['diff', p['before.json']!, p['after.json']!],
    victim: 'after.json',
    code: 0,
  },
  {
    name: 'budget',
    files: BUDGET_FILES,
    args: (p) => ['budget', '--scenario', p['budget/illustrative-budget.json']!],
    victim: 'budget/illustrative-budget.json',
    code: 0,
  },
];

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'));
}

describe.each(CASES)('$name follows the output rule', (command) => {
  function setUp(): { folder: string; paths: Record<string, string> } {
    const folder = scratch();
    return { folder, paths: copies(folder, command.files) };
  }

  it('takes the format from the --out extension and puts the status line on standard error', async () => {
    const { folder, paths } = setUp();
    const out = join(folder, 'report.json');
    const run = await runCliCapture([...command.args(paths), '--out', out]);
    expect(run.stderr).toContain(`wrote ${out}\n`);
    expect(run.code).toBe(command.code);
    expect(run.stdout).toBe('');
    expect(() => JSON.parse(readFileSync(out, 'utf8')) as unknown).not.toThrow();
  });

  it('refuses an extension that contradicts --format, before any work', async () => {
    const { folder, paths } = setUp();
    const out = join(folder, 'report.csv');
    const run = await runCliCapture([...command.args(paths), '--format', 'json', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected a file whose extension agrees with --format json (.csv names csv)');
    expect(readdirSync(folder)).not.toContain('report.csv');
  });

  it('refuses --out onto its input, by path, symbolic link and hard link, leaving the input whole', async () => {
    const { folder, paths } = setUp();
    const victim = paths[command.victim]!;
    const before = readFileSync(victim);
    const extension = extname(victim);
    const symlink = join(folder, `link${extension}`);
    symlinkSync(victim, symlink);
    const hardlink = join(folder, `hard${extension}`);
    linkSync(victim, hardlink);
    for (const out of [victim, symlink, hardlink]) {
      const run = await runCliCapture([...command.args(paths), '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /field "--out": expected an output path that is not one of the inputs \(--out would overwrite [^)]+\)/,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(victim).equals(before)).toBe(true);
    expect(leftovers(folder)).toEqual([]);
  });

  it('writes a workbook for --out report.xlsx and for --format xlsx with any file name, to a pipe with --out -', async () => {
    const { folder, paths } = setUp();
    const byExtension = join(folder, 'report.xlsx');
    const run = await runCliCapture([...command.args(paths), '--out', byExtension]);
    expect(run.code).toBe(command.code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`wrote ${byExtension}\n`);
    expect(readFileSync(byExtension).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const byFormat = join(folder, 'report.data');
    expect((await runCliCapture([...command.args(paths), '--format', 'xlsx', '--out', byFormat])).code).toBe(
      command.code,
    );
    expect(readFileSync(byFormat).equals(readFileSync(byExtension))).toBe(true);
    const piped = await runCliCapture([...command.args(paths), '--format', 'xlsx', '--out', '-'], {
      stdoutIsTty: false,
    });
    expect(piped.code).toBe(command.code);
    expect(Buffer.from(piped.stdout, 'latin1').equals(readFileSync(byExtension))).toBe(true);
  });

  it('never writes a workbook to a terminal, and refuses .xlsx against another --format', async () => {
    const { folder, paths } = setUp();
    for (const [args, tty] of [
      [['--format', 'xlsx'], false],
      [['--format', 'xlsx', '--out', '-'], true],
    ] as const) {
      const run = await runCliCapture([...command.args(paths), ...args], { stdoutIsTty: tty });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'expected --out FILE for the xlsx format (a binary file is not written to a terminal',
      );
    }
    const contradiction = await runCliCapture([
      ...command.args(paths),
      '--format',
      'json',
      '--out',
      join(folder, 'report.xlsx'),
    ]);
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain(
      'expected a file whose extension agrees with --format json (.xlsx names xlsx)',
    );
    expect(readdirSync(folder)).not.toContain('report.xlsx');
  });

  it('leaves the old file as it was, and no temporary file, when the run fails', async () => {
    const { folder, paths } = setUp();
    const out = join(folder, 'report.txt');
    writeFileSync(out, 'the old report\n');
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ not json');
    copyFileSync(broken, paths[command.victim]!);
    const run = await runCliCapture([...command.args(paths), '--out', out]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('the old report\n');
    expect(leftovers(folder)).toEqual([]);
  });
});

describe('outputs that clash', () => {
  it('count refuses --out and --rejects on one path, naming both', async () => {
    const folder = scratch();
    const same = join(folder, 'same.csv');
    const run = await runCliCapture([
      'count',
      '--registrations',
      'test/fixtures/registrations/register-with-problems.csv',
      '--from',
      '2025-04',
      '--to',
      '2025-05',
      '--skip-invalid',
      '--rejects',
      same,
      '--out',
      same,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'field "--rejects": expected a path of its own for each output (--out and --rejects name the same file)',
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('count refuses --rejects onto the registration file, and leaves it whole', async () => {
    const folder = scratch();
    const register = join(folder, 'register.csv');
    copyFileSync('test/fixtures/registrations/register-with-problems.csv', register);
    const before = readFileSync(register, 'utf8');
    const run = await runCliCapture([
      'count',
      '--registrations',
      register,
      '--from',
      '2025-04',
      '--to',
      '2025-05',
      '--skip-invalid',
      '--rejects',
      register,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rejects would overwrite --registrations');
    expect(readFileSync(register, 'utf8')).toBe(before);
  });

  it('derive refuses --out and --statement-out on one path', async () => {
    const folder = scratch();
    const same = join(folder, 'same.json');
    const run = await runCliCapture([
      'derive',
      '--inputs',
      'fixtures/methodology/illustrative-2025-26-uitmr.json',
      '--out',
      same,
      '--statement-out',
      same,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(--out and --statement-out name the same file)');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('budget refuses --out onto a file the scenario names, when it is written', async () => {
    const folder = scratch();
    const paths = copies(folder, BUDGET_FILES);
    const named = paths['budget/illustrative-inputs-2026-27.json']!;
    const before = readFileSync(named, 'utf8');
    const run = await runCliCapture([
      'budget',
      '--scenario',
      paths['budget/illustrative-budget.json']!,
      '--format',
      'json',
      '--out',
      named,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected an output path that is not one of the inputs');
    expect(readFileSync(named, 'utf8')).toBe(before);
    expect(leftovers(join(folder, 'budget'))).toEqual([]);
  });
});

describe('standard input and output', () => {
  it('reads one input from "-" and writes the report to "-"', async () => {
    const meters = readFileSync(`${DUAL}/meters.json`, 'utf8');
    const fromFile = await runCliCapture([
      'charges',
      '--statement',
      'fixtures/statements/illustrative-2025-26.json',
      '--month',
      '2025-06',
      '--meters',
      `${DUAL}/meters.json`,
      '--format',
      'csv',
    ]);
    const fromStdin = await runCliCapture(
      [
        'charges',
        '--statement',
        'fixtures/statements/illustrative-2025-26.json',
        '--month',
        '2025-06',
        '--meters',
        '-',
        '--format',
        'csv',
        '--out',
        '-',
      ],
      { stdin: meters },
    );
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe('');
  });

  it('refuses "-" for two inputs at once', async () => {
    const run = await runCliCapture(['charges', '--statement', '-', '--month', '2025-06', '--meters', '-'], {
      stdin: '[]',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected standard input ("-") for one input at most');
  });
});

describe('chooseOutput', () => {
  const context = (stdoutIsTty: boolean): CliContext => ({
    io: { stdout: () => undefined, stderr: () => undefined, stderrIsTty: false, stdoutIsTty },
    exitCode: 0,
  });
  const formats = ['table', 'csv', 'xlsx'] as const;

  it('lets the extension decide, and --format win where the extension names nothing', () => {
    expect(chooseOutput({ out: 'a.CSV' }, formats, 'table', context(false))).toEqual({ format: 'csv', path: 'a.CSV' });
    expect(chooseOutput({ out: 'a.txt' }, formats, 'csv', context(false))).toEqual({ format: 'table', path: 'a.txt' });
    expect(chooseOutput({ out: 'noextension' }, formats, 'table', context(false))).toEqual({
      format: 'table',
      path: 'noextension',
    });
    expect(chooseOutput({ out: 'a.dat', format: 'csv' }, formats, 'table', context(false))).toEqual({
      format: 'csv',
      path: 'a.dat',
    });
    expect(chooseOutput({}, formats, 'table', context(false))).toEqual({ format: 'table', path: undefined });
  });

  it('never sends a binary format to a terminal', () => {
    expect(() => chooseOutput({ format: 'xlsx' }, formats, 'table', context(false))).toThrow(
      /--out FILE for the xlsx format/,
    );
    expect(() => chooseOutput({ format: 'xlsx', out: '-' }, formats, 'table', context(true))).toThrow(
      /not written to a terminal/,
    );
    expect(chooseOutput({ format: 'xlsx', out: '-' }, formats, 'table', context(false))).toEqual({
      format: 'xlsx',
      path: undefined,
    });
    expect(chooseOutput({ out: 'book.xlsx' }, formats, 'table', context(true))).toEqual({
      format: 'xlsx',
      path: 'book.xlsx',
    });
  });

  it('refuses a format the command does not write, by name or by extension', () => {
    expect(() => chooseOutput({ format: 'md' }, formats, 'table', context(false))).toThrow(
      /expected one of table, csv, xlsx, received "md"/,
    );
    expect(() => chooseOutput({ out: 'r.html' }, formats, 'table', context(false))).toThrow(
      /a format this command writes \(table, csv, xlsx\)/,
    );
  });
});
