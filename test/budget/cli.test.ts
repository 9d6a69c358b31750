/** The `diff` and `budget` commands, run in-process: every format, files written, exit codes, error messages. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareStatements,
  projectBudget,
  readBudgetScenario,
  readChargingStatement,
  readMeterCounts,
  readUsage,
} from '../../src/index.js';
import { readCsv } from '../../src/tables/csv.js';
import { scenarioFileReader } from '../../src/cli/commands/budget.js';
import { runCliCapture } from '../support/cli.js';
import { fixture, ROOT } from '../support/fixtures.js';

const before = fixture('statements', 'illustrative-2025-26.json');
const after = join(ROOT, 'test', 'fixtures', 'budget', 'statement-2026-27.json');
const meters = fixture('examples', 'dual-fuel-supplier', 'meters.json');
const usage = fixture('examples', 'dual-fuel-supplier', 'usage.json');
const scenario = join(ROOT, 'test', 'fixtures', 'budget', 'two-statements.json');
const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-budget-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function libraryComparison() {
  return compareStatements(
    readChargingStatement(readFileSync(before, 'utf8')),
    readChargingStatement(readFileSync(after, 'utf8')),
    {
      meters: readMeterCounts(readFileSync(meters, 'utf8')),
      usage: readUsage(readFileSync(usage, 'utf8')).filter((row) => row.code !== 'TEST_LAB_DAY'),
    },
  );
}

describe('dcc-charges diff', () => {
  it('prints exactly the library comparison with --format json', async () => {
    const usageFile = join(scratch, 'usage.json');
    writeFileSync(
      usageFile,
      JSON.stringify(readUsage(readFileSync(usage, 'utf8')).filter((row) => row.code !== 'TEST_LAB_DAY')),
    );
    const run = await runCliCapture([
      'diff',
      before,
      after,
      '--meters',
      meters,
      '--usage',
      usageFile,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(libraryComparison())));
  });

  it('prints every rate side by side in a table, with the change in pounds and per cent', async () => {
    const run = await runCliCapture(['diff', before, after]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 changed, 1 added, 1 removed');
    expect(run.stdout).toMatch(/Fixed\s+g1\s+national\s+0\.4\s+0\.44\s+\+0\.04\s+\+10\.00%\s+changed/);
    expect(run.stdout).toMatch(/TEST_LAB_DAY\s+per day\s+512\.40\s+-\s+-\s+-\s+removed/);
    expect(run.stdout).not.toContain('Impact on the portfolio');
  });

  it('adds the portfolio impact with --meters', async () => {
    const run = await runCliCapture(['diff', before, after, '--meters', meters]);
    const net = libraryComparison().impact!;
    expect(run.stdout).toContain('Impact on the portfolio');
    // Without usage the explicit lines differ from libraryComparison(); check the fixed line only.
    expect(run.stdout).toContain(net.monthly.find((row) => row.item === 'fixed')!.before);
  });

  it('writes CSV with one row per compared figure, exact values', async () => {
    const run = await runCliCapture(['diff', before, after, '--meters', meters, '--format', 'csv']);
    const table = readCsv(run.stdout);
    const comparison = compareStatements(
      readChargingStatement(readFileSync(before, 'utf8')),
      readChargingStatement(readFileSync(after, 'utf8')),
    );
    expect(table.header).toEqual([
      'section',
      'kind',
      'chargingGroup',
      'region',
      'code',
      'unit',
      'before',
      'after',
      'change',
      'changePercent',
      'status',
    ]);
    expect(table.rows.filter((row) => row.cells[0] === 'rate')).toHaveLength(comparison.rates.length);
    expect(table.rows.filter((row) => row.cells[0] === 'explicitPrice')).toHaveLength(comparison.explicitPrices.length);
    expect(table.rows.filter((row) => row.cells[0] === 'impactInForce')).toHaveLength(8);
    const g1 = table.rows.find(
      (row) =>
        row.cells[0] === 'rate' &&
        row.cells[2] === 'importSupplier' &&
        row.cells[3] === 'national' &&
        row.cells[1] === 'fixed',
    );
    expect(g1?.cells.slice(6)).toEqual(['0.4', '0.44', '0.04', '10.00', 'changed']);
  });

  it('writes Markdown tables', async () => {
    const run = await runCliCapture(['diff', before, after, '--format', 'md']);
    expect(run.stdout.startsWith('## Comparing')).toBe(true);
    expect(run.stdout).toContain('| Charge | Group | Region | Before | After | Change | Change % | Status |');
    expect(run.stdout).toContain('| Fixed | g1 | national | 0.4 | 0.44 | +0.04 | +10.00% | changed |');
  });

  it('writes a self-contained HTML page with the chart of rate changes, by --format or by the --out extension', async () => {
    const run = await runCliCapture(['diff', before, after, '--format', 'html']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout.match(/<svg/g)).toHaveLength(1);
    expect(run.stdout).toContain('>Fixed g1 national<');
    expect(run.stdout).toContain('>+0.04 (+10.00%): 0.4 to 0.44<'); // 0.44 - 0.4 = 0.04, 0.04 / 0.4 = 10%
    const page = join(scratch, 'diff.html');
    expect((await runCliCapture(['diff', before, after, '--out', page])).code).toBe(0);
    expect(readFileSync(page, 'utf8')).toBe(run.stdout);
  });

  it('exits 2 naming the file for a bad statement, and for usage without meters', async () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{"format": "dcc-charges/charging-statement@1"}');
    const run = await runCliCapture(['diff', before, bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${bad}, at id: expected`);
    const noMeters = await runCliCapture(['diff', before, after, '--usage', usage]);
    expect(noMeters.code).toBe(2);
    expect(noMeters.stderr).toContain('field "--meters": expected a meter-count file with --usage or --elective');
  });

  it('refuses an unknown format', async () => {
    const run = await runCliCapture(['diff', before, after, '--format', 'xml']);
    expect(run.code).toBe(2);
  });
});

describe('dcc-charges budget', () => {
  const library = () =>
    projectBudget(readBudgetScenario(readFileSync(scenario, 'utf8'), scenario), {
      source: scenario,
      readFile: scenarioFileReader(scenario),
    });

  it('prints exactly the library projection with --format json', async () => {
    const run = await runCliCapture(['budget', '--scenario', scenario, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(library())));
  });

  it('prints the statements, the base case per year and the sensitivity cases as tables', async () => {
    const run = await runCliCapture(['budget', '--scenario', scenario]);
    const base = library().cases[0]!;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('NOTE: illustrative figures');
    expect(run.stdout).toMatch(/2026\/27\s+illustrative-2026-27-indicative\s+indicative statement/);
    expect(run.stdout).toContain(`Total                    ${base.total.fixed}`);
    expect(run.stdout).toMatch(/growth-up\s+meterGrowth \+0\.05/);
  });

  it('writes CSV: twelve months and a year row per year, and a total per case', async () => {
    const run = await runCliCapture(['budget', '--scenario', scenario, '--format', 'csv']);
    const table = readCsv(run.stdout);
    const projection = library();
    expect(table.rows).toHaveLength(projection.cases.length * (2 * 13 + 1));
    const total = table.rows.find((row) => row.cells[0] === 'base' && row.cells[1] === 'total');
    expect(total?.cells[11]).toBe(projection.cases[0]!.total.net);
    const year = table.rows.find(
      (row) => row.cells[0] === 'usage-double' && row.cells[1] === 'year' && row.cells[3] === '2026/27',
    );
    expect(year?.cells[11]).toBe(projection.cases[2]!.years[1]!.annual.net);
  });

  it('writes the HTML report to a file with --out', async () => {
    const out = join(scratch, 'report.html');
    const run = await runCliCapture(['budget', '--scenario', scenario, '--format', 'html', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`wrote ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script/i);
  });

  it("escapes the scenario's own text in the HTML report", async () => {
    const text = readFileSync(scenario, 'utf8').replace('"Usage doubled"', '"<script>alert(1)</script> & <b>"');
    const copy = join(ROOT, 'test', 'fixtures', 'budget', 'escape-copy.tmp.json');
    writeFileSync(copy, text);
    try {
      const run = await runCliCapture(['budget', '--scenario', copy, '--format', 'html']);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('<script>');
      expect(run.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;');
    } finally {
      writeFileSync(copy, '');
      (await import('node:fs')).rmSync(copy);
    }
  });

  it('exits 2 with one line per problem for a bad scenario, and names a missing statement file', async () => {
    const bad = join(scratch, 'bad-scenario.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...JSON.parse(readFileSync(scenario, 'utf8')),
        years: [
          { regulatoryYear: '2026/27', statement: 'missing.json' },
          { regulatoryYear: '2025/26', statement: 'missing.json' },
        ],
      }),
    );
    const run = await runCliCapture(['budget', '--scenario', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${bad}, at years[1].regulatoryYear: expected Regulatory Years in order, each once: 2027/28 after 2026/27, received "2025/26"\n1 problem in the input; nothing was computed.\n`,
    );
    const fixed = join(scratch, 'missing-file.json');
    writeFileSync(
      fixed,
      JSON.stringify({
        ...JSON.parse(readFileSync(scenario, 'utf8')),
        years: [{ regulatoryYear: '2025/26', statement: 'missing.json' }],
        elective: [],
      }),
    );
    const missing = await runCliCapture(['budget', '--scenario', fixed]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `error: ${join(scratch, 'missing.json')}: expected a readable file, received no such file`,
    );
  });
});
