/**
 * Packaging: the core runs in a browser bundle (no Node built-ins), the built command
 * line works as a process, and the shipped JSON Schemas match the zod schemas.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SHIPPED_SCHEMAS } from '../../src/schema/json-schemas.js';
import { ROOT } from '../support/fixtures.js';

describe('the core in a browser', () => {
  it('bundles src/index.ts for the browser with no Node built-in', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('src/cli/'))).toBe(false);
    // Workbooks are a Node concern (dcc-charges/xlsx): neither the reader nor fflate is in the core.
    expect(inputs.filter((path) => path.includes('src/xlsx') || path.includes('fflate'))).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
  });
});

describe('the shipped JSON Schemas', () => {
  it.each(SHIPPED_SCHEMAS.map((shipped) => [shipped.file, shipped] as const))(
    '%s is current (run npm run schemas)',
    (file, shipped) => {
      expect(readFileSync(join(ROOT, 'schemas', file), 'utf8')).toBe(jsonSchemaText(shipped));
    },
  );
});

describe('the built command line, as a process', () => {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) execFileSync('npx', ['tsup', '--silent'], { cwd: ROOT });

  it('runs the demo and exits 0', () => {
    const run = spawnSync(process.execPath, [cli, 'demo'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Example 1: a dual-fuel supplier/);
  });

  it('stops quietly when the reader closes the pipe early (| head)', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" demo | head -n 1`], { encoding: 'utf8' });
    expect(run.stdout).toBe('== Example 1: a dual-fuel supplier ==\n');
    expect(run.stderr).toBe('');
  });

  it('exits 2 on a malformed file with one clear message and no stack trace', () => {
    const run = spawnSync(
      process.execPath,
      [
        cli,
        'charges',
        '--statement',
        join(ROOT, 'package.json'),
        '--month',
        '2025-06',
        '--meters',
        join(ROOT, 'README.md'),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/package\.json, at format: expected "dcc-charges\/charging-statement@1"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
