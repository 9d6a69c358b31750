/**
 * `dcc-charges count` end to end: its output, its errors, the rejects file, the progress bar,
 * and its CSV accepted by `dcc-charges charges --meters`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { renderProgressLine } from '../../src/cli/render/progress.js';

const REGISTER = 'test/fixtures/registrations/dual-fuel-register.csv';
const WITH_PROBLEMS = 'test/fixtures/registrations/register-with-problems.csv';
const STATEMENT = 'fixtures/statements/illustrative-2025-26.json';

async function run(args: string[], stderrIsTty = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTty,
  });
  return { code, stdout, stderr };
}

const made: string[] = [];
const folder = (): string => {
  const path = mkdtempSync(join(tmpdir(), 'dcc-count-'));
  made.push(path);
  return path;
};
afterAll(() => {
  for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
});

describe('dcc-charges count', () => {
  it('writes a self-contained HTML page with the chart of meters per month by group', async () => {
    const page = join(folder(), 'counts.html');
    const { code, stderr } = await run([
      'count',
      '--registrations',
      REGISTER,
      '--from',
      '2025-04',
      '--to',
      '2025-06',
      '--out',
      page,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('rows read 7 = rows counted 7 + rows rejected 0');
    const html = readFileSync(page, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg/g)).toHaveLength(1);
    for (const group of ['g1 Import Suppliers', 'g2 Export Suppliers', 'g3 Gas Suppliers'])
      expect(html).toContain(`>${group}<`);
  });

  it('prints a table of the non-zero counts and the summary', async () => {
    const { code, stdout, stderr } = await run([
      'count',
      '--registrations',
      REGISTER,
      '--from',
      '2025-04',
      '--to',
      '2025-06',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('2025-05  2025-05-31  importSupplier  south    domestic     no            1');
    expect(stdout).toMatch(/rows read 7 = rows counted 7 \+ rows rejected 0\n$/);
  });

  it('writes CSV that `charges --meters` accepts, with --month picking the month', async () => {
    const out = join(folder(), 'counts.csv');
    const counted = await run([
      'count',
      '--registrations',
      REGISTER,
      '--from',
      '2025-04',
      '--to',
      '2025-06',
      '--out',
      out,
    ]);
    expect(counted.code).toBe(0);
    expect(counted.stderr).toBe(`wrote ${out}\nrows read 7 = rows counted 7 + rows rejected 0\n`);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toBe('month,chargingGroup,region,premises,enrolled,count');
    // 3 months x 3 groups present (g1, g2, g3) x 3 Regions x 2 premises x 2 enrolment states, plus the header
    expect(csv.trimEnd().split('\n')).toHaveLength(3 * 3 * 3 * 2 * 2 + 1);
    const charged = await run([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-05',
      '--meters',
      out,
      '--format',
      'json',
    ]);
    expect(charged.code).toBe(0);
    const lines = (
      JSON.parse(charged.stdout) as {
        lines: { kind: string; chargingGroup: string; region: string; quantity: string }[];
      }
    ).lines;
    const quantity = (group: string, region: string) =>
      lines.find((l) => l.kind === 'fixed' && l.chargingGroup === group && l.region === region)?.quantity;
    // May's importSupplier meters on 2025-05-31: 1012345678903 (central), 1200345622811 (south, from 05-01),
    // 2700005612344 (north, independent network in _N); 1500781234566 ended on 05-30.
    expect(quantity('importSupplier', 'national')).toBe(String(1 + 1 + 1));
    expect(quantity('importSupplier', 'north')).toBe('1');
    // Gas: 7400123456 (north) and 8800456123 (central).
    expect(quantity('gasSupplier', 'national')).toBe(String(1 + 1));
  });

  it('fails in strict mode, one line per problem with its line number', async () => {
    const { code, stdout, stderr } = await run([
      'count',
      '--registrations',
      WITH_PROBLEMS,
      '--from',
      '2025-04',
      '--to',
      '2025-06',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => /line (\d+)/.exec(line)?.[1])).toEqual(['9', '10', '7', '11', '12']);
    expect(lines.at(-1)).toBe('5 problems in the input; nothing was computed.');
  });

  it('with --skip-invalid, writes every rejected row with its reason, and the summary adds up', async () => {
    const dir = folder();
    const rejects = join(dir, 'rejects.csv');
    const { code, stderr } = await run([
      'count',
      '--registrations',
      WITH_PROBLEMS,
      '--from',
      '2025-04',
      '--to',
      '2025-06',
      '--skip-invalid',
      '--rejects',
      rejects,
      '--format',
      'json',
      '--out',
      join(dir, 'counts.json'),
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${join(dir, 'counts.json')}\nrows read 11 = rows counted 7 + rows rejected 4\n`);
    const written = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(written[0]).toBe('line,codes,problems,record');
    expect(written.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['9', 'badCheckDigit'],
      ['10', 'invalidDate'],
      ['11', 'overlappingRegistration'],
      ['12', 'endsBeforeStart'],
    ]);
    const json = JSON.parse(readFileSync(join(dir, 'counts.json'), 'utf8')) as { format: string; summary: unknown };
    expect(json.format).toBe('dcc-charges/registered-meter-counts@1');
    expect(json.summary).toEqual({ rowsRead: 11, rowsCounted: 7, rowsRejected: 4 });
  });

  it('neutralises formula cells in the rejects file', async () => {
    const dir = folder();
    const file = join(dir, 'register.csv');
    writeFileSync(file, `${readFileSync(REGISTER, 'utf8')}=HYPERLINK("x"),importSupplier,domestic,2020-01-01,,,,\n`);
    const { code } = await run([
      'count',
      '--registrations',
      file,
      '--from',
      '2025-04',
      '--to',
      '2025-04',
      '--skip-invalid',
      '--rejects',
      join(dir, 'r.csv'),
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    const record = readFileSync(join(dir, 'r.csv'), 'utf8').trimEnd().split('\n')[1] ?? '';
    expect(record.endsWith(`,"'=HYPERLINK(""x""),importSupplier,domestic,2020-01-01,,,,"`)).toBe(true);
  });

  it('refuses option mistakes as bad input', async () => {
    const base = ['count', '--registrations', REGISTER, '--from', '2025-04', '--to', '2025-06'];
    const noRejects = await run([...base, '--skip-invalid']);
    expect(noRejects.code).toBe(2);
    expect(noRejects.stderr).toContain('--rejects');
    expect((await run([...base, '--rejects', join(folder(), 'r.csv')])).code).toBe(2);
    const day = await run([...base, '--snapshot-day', '32']);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain(
      'field "--snapshot-day": expected "last" or a day of the month from 1 to 31, received "32"',
    );
    const range = await run(['count', '--registrations', REGISTER, '--from', '2025-06', '--to', '2025-04']);
    expect(range.stderr).toContain('expected a month from 2025-06 on');
    const missing = await run(['count', '--registrations', 'no/such.csv', '--from', '2025-04', '--to', '2025-04']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such.csv: expected a readable file, received no such file');
    const markdown = await run([...base, '--out', join(folder(), 'counts.md')]);
    expect(markdown.code).toBe(2);
    expect(markdown.stderr).toContain(
      'field "--out": expected a format this command writes (table, csv, json, html, xlsx)',
    );
    const contradicted = await run([...base, '--out', join(folder(), 'counts.xlsx'), '--format', 'csv']);
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toContain(
      'expected a file whose extension agrees with --format csv (.xlsx names xlsx)',
    );
    const unknown = await run([...base, '--out', join(folder(), 'counts.dat')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'expected a file ending .txt, .csv, .json, .html, .xlsx, or --format to say which',
    );
    const named = join(folder(), 'counts.dat');
    expect((await run([...base, '--out', named, '--format', 'csv'])).code).toBe(0);
    expect(readFileSync(named, 'utf8').split('\n')[0]).toBe('month,chargingGroup,region,premises,enrolled,count');
  });

  it('takes --snapshot-day', async () => {
    const { stdout } = await run([
      'count',
      '--registrations',
      REGISTER,
      '--from',
      '2025-04',
      '--to',
      '2025-04',
      '--snapshot-day',
      '31',
      '--format',
      'json',
    ]);
    expect((JSON.parse(stdout) as { snapshots: unknown }).snapshots).toEqual([
      { month: '2025-04', date: '2025-04-30' },
    ]);
  });

  it('draws a progress bar on standard error only when it is a terminal', async () => {
    const args = ['count', '--registrations', REGISTER, '--from', '2025-04', '--to', '2025-06', '--format', 'csv'];
    const silent = await run(args, false);
    expect(silent.stderr).toBe('rows read 7 = rows counted 7 + rows rejected 0\n');
    const shown = await run(args, true);
    expect(shown.stderr).toMatch(/^\r\[/);
    expect(shown.stderr).toMatch(
      /\r\[#{24}\] 100% {2}7 rows {2}[\d,]+ rows\/s\nrows read 7 = rows counted 7 \+ rows rejected 0\n$/,
    );
    expect(shown.stdout).toBe(silent.stdout);
  });
});

describe('the progress line', () => {
  it('shows the share of the file, rows and rows per second', () => {
    expect(renderProgressLine({ rowsRead: 1_500_000, bytesRead: 50, totalBytes: 100 }, 2)).toBe(
      `[${'#'.repeat(12)}${'.'.repeat(12)}]  50%  1,500,000 rows  ${(1_500_000 / 2).toLocaleString('en-GB')} rows/s`,
    );
  });
});
