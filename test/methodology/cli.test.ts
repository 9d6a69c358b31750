/** `dcc-charges derive`: formats, `--statement-out` feeding `charges --statement`, bad input (exit 2, no stack). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { readMethodologyInputs } from '../../src/methodology/parse-inputs.js';
import { readChargingStatement } from '../../src/statement/parse-statement.js';

const root = join(import.meta.dirname, '..', '..');
const UITMR = join(root, 'fixtures', 'methodology', 'illustrative-2025-26-uitmr.json');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}

const scratchFolders: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-derive-'));
  scratchFolders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
});

describe('dcc-charges derive', () => {
  it('prints rates per group and region and the recovery check as a table', async () => {
    const { code, stdout, stderr } = await run(['derive', '--inputs', UITMR]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Fixed +g4 +0\.1 +0\.0075 +0\.005 +0\.00625$/m);
    expect(stdout).toMatch(/^Fixed CH +g2 +0\.17 +- +- +-$/m);
    expect(stdout).toMatch(/^fixed\/national +K5 +164930400\.00 /m);
    expect(stdout).toContain('NOTE: these inputs are illustrative');
  });

  it('prints { statement, recovery, trace } as JSON, equal to the library result', async () => {
    const { code, stdout } = await run(['derive', '--inputs', UITMR, '--format', 'json']);
    expect(code).toBe(0);
    const expected = deriveChargingStatement(readMethodologyInputs(readFileSync(UITMR, 'utf8'), UITMR));
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['statement', 'recovery', 'trace']);
  });

  it('--statement-out writes the statement, which charges --statement accepts', async () => {
    const folder = scratch();
    const out = join(folder, 'derived.json');
    const derived = await run(['derive', '--inputs', UITMR, '--statement-out', out, '--format', 'json']);
    expect(derived.code).toBe(0);
    expect(derived.stderr).toBe(`wrote ${out}\n`);
    const written = readChargingStatement(readFileSync(out, 'utf8'), out);
    expect(written.derivedFrom?.inputsId).toBe('illustrative-2025-26-uitmr');
    const meters = join(root, 'fixtures', 'examples', 'dual-fuel-supplier', 'meters.json');
    const fromDerived = await run([
      'charges',
      '--statement',
      out,
      '--month',
      '2025-06',
      '--meters',
      meters,
      '--format',
      'json',
    ]);
    const fromPublished = await run([
      'charges',
      '--statement',
      join(root, 'fixtures', 'statements', 'illustrative-2025-26.json'),
      '--month',
      '2025-06',
      '--meters',
      meters,
      '--format',
      'json',
    ]);
    expect(fromDerived.code).toBe(0);
    const a = JSON.parse(fromDerived.stdout) as { totals: unknown; lines: { amount: string }[] };
    const b = JSON.parse(fromPublished.stdout) as { totals: unknown; lines: { amount: string }[] };
    // the round trip: the same rates give the same charges
    expect(a.totals).toEqual(b.totals);
    expect(a.lines.map((line) => line.amount)).toEqual(b.lines.map((line) => line.amount));
  });

  it('bad inputs: exit 2, one line per problem, no stack trace', async () => {
    const folder = scratch();
    const path = join(folder, 'bad.json');
    const inputs = JSON.parse(readFileSync(UITMR, 'utf8')) as {
      revenue: Record<string, unknown>;
      weighting: { factors: Record<string, unknown> };
    };
    inputs.revenue['estimatedAllowedRevenue'] = '1000.00';
    writeFileSync(path, JSON.stringify(inputs));
    const { code, stdout, stderr } = await run(['derive', '--inputs', path]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^error: .*bad\.json, at revenue\.estimatedAllowedRevenue: expected an Estimated Allowed Revenue/,
    );
    expect(stderr).toContain('1 problem in the input; nothing was computed.');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file, malformed JSON, and a bad --format are bad input (exit 2)', async () => {
    const folder = scratch();
    const missing = await run(['derive', '--inputs', join(folder, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ "format": ');
    const malformed = await run(['derive', '--inputs', broken]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected well-formed JSON');
    const format = await run(['derive', '--inputs', UITMR, '--format', 'csv']);
    expect(format.code).toBe(2);
    const noInputs = await run(['derive']);
    expect(noInputs.code).toBe(2);
    for (const result of [missing, malformed, format, noInputs]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unwritable --out is bad input and writes nothing to standard output', async () => {
    const folder = scratch();
    const result = await run(['derive', '--inputs', UITMR, '--out', join(folder, 'no-such-folder', 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('expected a writable file path');
  });
});
