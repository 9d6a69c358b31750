/**
 * Hostile class "flags": a single-valued option given twice is refused (exit 2) naming the option
 * and both values, before any work; repeatable options stay repeatable. Every command and every
 * single-valued option of it is tried, read off the grammar itself so that a new option is covered.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands/index.js';
import { EXIT } from '../../src/cli/run-cli.js';
import { runCliCapture } from '../support/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'dcc-repeated-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Case {
  readonly command: string;
  readonly flag: string;
  readonly first: string;
  readonly second: string;
}

/** Every single-valued option of every command, from the grammar. */
function singleValuedOptions(): Case[] {
  const program = new Command('dcc-charges');
  registerCommands(program, {
    io: { stdout: () => undefined, stderr: () => undefined, stderrIsTty: false },
    exitCode: 0,
  });
  const cases: Case[] = [];
  for (const command of program.commands) {
    for (const option of command.options) {
      if (!(option.required || option.optional) || option.variadic || option.long === undefined) continue;
      if (option.description.includes('INPUT=NAME')) continue; // --sheet collects
      const [first, second] = option.argChoices ?? [join(folder, 'first-value'), join(folder, 'second-value')];
      cases.push({ command: command.name(), flag: option.long, first: first!, second: second ?? first! });
    }
  }
  return cases;
}

const cases = singleValuedOptions();

describe('a single-valued option given twice', () => {
  it('covers every command that has one', () => {
    expect(new Set(cases.map((entry) => entry.command))).toEqual(
      new Set(['charges', 'derive', 'reconcile', 'diff', 'budget', 'count', 'model']),
    );
  });

  it.each(cases)(
    '$command $flag twice is refused with exit 2, naming the option and both values',
    async ({ command, flag, first, second }) => {
      const out = join(folder, `${command}-${flag.slice(2)}.out.json`);
      const args = [command, ...(command === 'diff' ? ['a.json', 'b.json'] : []), flag, first, flag, second];
      if (flag !== '--out') args.push('--out', out);
      const result = await runCliCapture(args);
      expect(result.code).toBe(EXIT.badInput);
      expect(result.stderr).toContain(`option '${flag}' given twice`);
      expect(result.stderr).toContain(`"${first}"`);
      expect(result.stderr).toContain(`"${second}"`);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('--statement stays repeatable (and --sheet collects)', async () => {
    const out = join(folder, 'repeatable.json');
    const result = await runCliCapture([
      'charges',
      '--statement',
      'fixtures/statements/illustrative-2025-26.json',
      '--statement',
      'test/fixtures/budget/statement-2026-27.json',
      '--month',
      '2025-06',
      '--meters',
      'fixtures/examples/dual-fuel-supplier/meters.json',
      '--out',
      out,
    ]);
    expect(result.stderr).not.toContain('given twice');
    expect(result.code).toBe(EXIT.done);
    expect(existsSync(out)).toBe(true);
    // --sheet collects: given twice it reaches the reader (which refuses it here for a text input).
    const sheets = await runCliCapture([
      'charges',
      '--statement',
      'x.json',
      '--month',
      '2025-06',
      '--meters',
      'm.json',
      '--sheet',
      'Counts',
      '--sheet',
      'meters=Counts',
    ]);
    expect(sheets.stderr).not.toContain('given twice');
  });
});
