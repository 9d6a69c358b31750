/**
 * Hostile inputs, class "structure" (JSON): a key repeated in one object is a problem at its
 * path, never last-wins (a count of 5 silently becoming 500); nesting deeper than
 * MAX_JSON_DEPTH is one problem, never a stack overflow (decision 0062). Every JSON input goes
 * through the one reader: statements, methodology inputs, scenarios, column mappings, tables.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readBudgetScenario,
  readChargingStatement,
  readColumnMapping,
  readMeterCounts,
  readMethodologyInputs,
} from '../../src/index.js';
import { MAX_JSON_DEPTH, parseJsonText } from '../../src/text/json-text.js';
import { runCliCapture } from '../support/cli.js';
import { inputIssues } from '../support/errors.js';
import { fixture, ROOT } from '../support/fixtures.js';

const STATEMENT = fixture('statements', 'illustrative-2025-26.json');
const statementText = readFileSync(STATEMENT, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'dcc-hostile-json-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
function file(text: string, extension = 'json'): string {
  files += 1;
  const path = join(scratch, `input-${files}.${extension}`);
  writeFileSync(path, text);
  return path;
}
const METERS_JSON =
  '[{"chargingGroup":"importSupplier","region":"north","premises":"domestic","enrolled":true,"count":"5","count":"500"}]';

/** The statement text with its first fixed rate given twice (the second value different). */
const statementWithRepeatedRate = statementText.replace(
  /"ratePerMeterMonth": "([^"]*)"/,
  '"ratePerMeterMonth": "$1", "ratePerMeterMonth": "9.99"',
);

describe('repeated JSON keys', () => {
  it('a statement whose fixed rate is given twice is a problem at fixedCharges[0].ratePerMeterMonth (library)', () => {
    expect(statementWithRepeatedRate).not.toBe(statementText);
    const { issues, messages } = inputIssues(() => readChargingStatement(statementWithRepeatedRate, 'statement.json'));
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'statement.json',
        code: 'repeatedJsonKey',
        path: ['fixedCharges', 0, 'ratePerMeterMonth'],
      }),
    ]);
    expect(messages[0]).toContain('at fixedCharges[0].ratePerMeterMonth');
  });
  it('the same through the command line: exit 2, the path and the line', async () => {
    const run = await runCliCapture([
      'charges',
      '--statement',
      file(statementWithRepeatedRate),
      '--month',
      '2025-06',
      '--meters',
      file(METERS_JSON.replace(',"count":"500"', '')),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line \d+, at fixedCharges\[0\]\.ratePerMeterMonth: expected each key once/);
  });
  it('a meter count given as 5 and then 500 in a JSON table is a problem, not 500 meters', async () => {
    expect(inputIssues(() => readMeterCounts(METERS_JSON)).issues).toEqual([
      expect.objectContaining({ code: 'repeatedJsonKey', path: [0, 'count'] }),
    ]);
    const run = await runCliCapture([
      'charges',
      '--statement',
      STATEMENT,
      '--month',
      '2025-06',
      '--meters',
      file(METERS_JSON),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('at [0].count: expected each key once');
  });
  it('methodology inputs, a scenario and a column mapping: each repeated key at its path', () => {
    const inputs = readFileSync(fixture('methodology', 'illustrative-2025-26-uitmr.json'), 'utf8').replace(
      '"regime": "uitmr"',
      '"regime": "uitmr", "regime": "pre-uitmr"',
    );
    expect(inputIssues(() => readMethodologyInputs(inputs)).issues).toEqual([
      expect.objectContaining({ code: 'repeatedJsonKey', path: ['regime'] }),
    ]);
    const scenario = readFileSync(fixture('budget', 'illustrative-budget.json'), 'utf8').replace(
      '"status": "published"',
      '"status": "published", "status": "provisional"',
    );
    expect(inputIssues(() => readBudgetScenario(scenario)).issues).toEqual([
      expect.objectContaining({ code: 'repeatedJsonKey', path: ['years', 0, 'status'] }),
    ]);
    const mapping = readFileSync(fixture('invoices', 'export-columns.json'), 'utf8').replace(
      '"amount":',
      '"amount": "Gross", "amount":',
    );
    expect(inputIssues(() => readColumnMapping(mapping)).issues).toEqual([
      expect.objectContaining({ code: 'repeatedJsonKey', path: ['amount'] }),
    ]);
  });
  it('a statement named by a scenario is read by the same reader (budget command)', async () => {
    const scenario = JSON.parse(
      readFileSync(join(ROOT, 'test', 'fixtures', 'budget', 'two-statements.json'), 'utf8'),
    ) as { years: { statement: string }[] };
    const statementPath = file(statementWithRepeatedRate);
    scenario.years[0] = { ...scenario.years[0], statement: statementPath } as { statement: string };
    scenario.years[1] = {
      ...scenario.years[1],
      statement: join(ROOT, 'test', 'fixtures', 'budget', 'statement-2026-27.json'),
    } as { statement: string };
    const run = await runCliCapture(['budget', '--scenario', file(JSON.stringify(scenario))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fixedCharges[0].ratePerMeterMonth: expected each key once');
  });
  it('a key repeated through an escape ("\\u0063ount" is "count") is caught; strings full of braces and quotes do not confuse the scan', () => {
    expect(inputIssues(() => parseJsonText('{"count": 5, "\\u0063ount": 500}')).issues).toEqual([
      expect.objectContaining({ path: ['count'] }),
    ]);
    expect(inputIssues(() => parseJsonText('{"a": "}\\"{[", "b": {"a": 1}, "a": 2}')).issues).toEqual([
      expect.objectContaining({ path: ['a'] }),
    ]);
    expect(parseJsonText('{"a": "x\\\\", "b": [{"a": 1}, {"a": 2}], "c": {"a": {"a": 3}}}')).toEqual({
      a: 'x\\',
      b: [{ a: 1 }, { a: 2 }],
      c: { a: { a: 3 } },
    });
    expect(inputIssues(() => parseJsonText('[1, {"x": 1}, [{"y": 1, "y": 2}]]')).issues).toEqual([
      expect.objectContaining({ path: [2, 0, 'y'] }),
    ]);
  });
  it('every repeated key is listed, with its line', () => {
    const { issues } = inputIssues(() => parseJsonText('{\n"a": 1,\n"a": 2,\n"b": {"c": 1,\n"c": 2}\n}', 'x.json'));
    expect(issues.map((issue) => [issue.line, issue.path])).toEqual([
      [3, ['a']],
      [5, ['b', 'c']],
    ]);
  });
  it('property: any JSON value reads as JSON.parse reads it (no false problem)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value, null, 1);
        fc.pre(!text.includes('\uFFFD'));
        expect(parseJsonText(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
  it('property: a key added again to any object at any place is reported at its path', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 6 }).filter((key) => !key.includes('\uFFFD')),
          fc.jsonValue({ maxDepth: 2 }),
          { minKeys: 1, maxKeys: 5 },
        ),
        fc.nat(),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.jsonValue({ maxDepth: 2 }),
        (object, pick, before, again) => {
          const keys = Object.keys(object);
          const key = keys[pick % keys.length] as string;
          const inner = JSON.stringify(object).slice(0, -1) + `,${JSON.stringify(key)}:${JSON.stringify(again)}}`;
          const text = `{"rows":[${[...before.map(String), inner].join(',')}]}`;
          fc.pre(!text.includes('\uFFFD'));
          expect(inputIssues(() => parseJsonText(text)).issues).toEqual([
            expect.objectContaining({ code: 'repeatedJsonKey', path: ['rows', before.length, key] }),
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('JSON nested too deeply', () => {
  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
  it(`nesting of ${MAX_JSON_DEPTH} is read; ${MAX_JSON_DEPTH + 1} is one nestingTooDeep problem`, () => {
    expect(() => parseJsonText(arrays(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonText(objects(MAX_JSON_DEPTH))).not.toThrow();
    for (const text of [arrays(MAX_JSON_DEPTH + 1), objects(MAX_JSON_DEPTH + 1)]) {
      expect(inputIssues(() => parseJsonText(text, 'x.json')).issues).toEqual([
        expect.objectContaining({ source: 'x.json', code: 'nestingTooDeep' }),
      ]);
    }
  });
  const HOSTILE_DEPTHS = [MAX_JSON_DEPTH + 1, 10_000, 200_000];
  for (const depth of HOSTILE_DEPTHS) {
    it(`${depth} levels: an InputError from every library reader, never a RangeError`, () => {
      for (const text of [arrays(depth), objects(depth), '['.repeat(depth), `{"rows":${arrays(depth)}}`]) {
        for (const read of [
          readChargingStatement,
          readMethodologyInputs,
          readBudgetScenario,
          readColumnMapping,
          (t: string) => readMeterCounts(t, { format: 'json' }),
        ]) {
          expect(inputIssues(() => read(text)).issues).toEqual([expect.objectContaining({ code: 'nestingTooDeep' })]);
        }
      }
    });
  }
  it('200,000 levels through the command line: exit 2 and one problem, not an internal error', async () => {
    const deep = file(arrays(200_000));
    for (const args of [
      [
        'charges',
        '--statement',
        deep,
        '--month',
        '2025-06',
        '--meters',
        file(METERS_JSON.replace(',"count":"500"', '')),
      ],
      ['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', deep],
      ['derive', '--inputs', deep],
      ['budget', '--scenario', deep],
    ]) {
      const run = await runCliCapture(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`expected objects and arrays nested at most ${MAX_JSON_DEPTH} deep`);
      expect(run.stderr).not.toContain('internal error');
    }
  });
});
