/**
 * `--help` and `--version`: required options marked, an example per command, the version from
 * package.json, and a start that loads nothing but the grammar (what each command needs is loaded
 * when it runs; the time it saves is measured by `npm run bench:startup`, not here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { runCliCapture } from '../support/cli.js';

const COMMANDS = ['charges', 'derive', 'reconcile', 'diff', 'budget', 'demo', 'count', 'model'] as const;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it.each([['--version'], ['-v'], ['--version', 'charges', '--month', 'nonsense']])(
    '%s prints the version and exits 0',
    async (...args) => {
      const run = await runCliCapture(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    },
  );
});

describe('--help', () => {
  it.each(COMMANDS)('%s marks every required option and shows an example', async (name) => {
    const run = await runCliCapture([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\nExample:\n  dcc-charges ${name}`);
    const required = [...run.stdout.matchAll(/^\s+(--[a-z-]+) <[^>]+>\s+\(required\)/gm)].map((match) => match[1]);
    const expected: Record<(typeof COMMANDS)[number], string[]> = {
      charges: ['--statement', '--month'], // --meters or --registrations: one is needed (checked when run)
      derive: ['--inputs'],
      reconcile: ['--invoice', '--statement', '--month'], // --meters or --registrations: one is needed (checked when run)
      diff: [],
      budget: ['--scenario'],
      demo: [],
      count: ['--registrations', '--from', '--to'],
      model: ['--statement', '--out'],
    };
    expect(required).toEqual(expected[name]);
  });

  it('the grammar imports no command module, zod or decimal.js until a command runs', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'cli', 'run-cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
      packages: 'external',
    });
    const inputs = result.metafile.inputs;
    const loaded = new Set<string>();
    const visit = (path: string): void => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const imported of inputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement') visit(imported.path);
      }
    };
    visit('src/cli/run-cli.ts');
    const external = [...loaded].filter((path) => !path.startsWith('src/'));
    expect(external.sort()).toEqual(['commander', 'node:crypto', 'node:fs', 'node:path', 'node:url']);
    expect(
      [...loaded].filter((path) => path.startsWith('src/cli/commands/') && path !== 'src/cli/commands/index.ts'),
    ).toEqual([]);
  });
});
