/**
 * Hostile text: line breaks, terminal escape sequences, bidirectional overrides and invisible
 * format characters in any text field cannot forge a line or a figure of the table, Markdown or
 * terminal output; they are shown escaped (`\n`, `\u001b`, `\u202e`). HTML and CSV keep their
 * own escaping (tested with their renderers).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownText, visibleLines, visibleText } from '../../src/render/visible-text.js';
import { renderTextTable } from '../../src/render/text-table.js';
import { runCliCapture } from '../support/cli.js';
import { fixture } from '../support/fixtures.js';

/** Any character a terminal or Markdown reader would not show as itself. */
const UNSHOWN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Hostile texts, each named; every one tries to add a line, move the cursor or reorder text. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['a newline then a forged total', 'fee\nGross                                   0.00'],
  ['CRLF then a forged total', 'fee\r\nGross 0.00'],
  ['a carriage return over the line', 'fee\rGross 0.00'],
  ['a vertical tab and form feed', 'fee\u000bGross\u000c0.00'],
  ['a tab', 'fee\tGross\t0.00'],
  ['NUL', 'fee\u0000Gross'],
  ['DEL', 'fee\u007fGross'],
  ['ANSI clear screen and home', '\u001b[2J\u001b[HGross 0.00'],
  ['ANSI colour', '\u001b[31mred\u001b[0m'],
  ['ANSI cursor up', 'fee\u001b[1AGross 0.00'],
  ['OSC window title with BEL', '\u001b]0;owned\u0007'],
  ['OSC 8 hyperlink', '\u001b]8;;https://example.invalid\u001b\\click\u001b]8;;\u001b\\'],
  ['C1 CSI', '\u009b2J'],
  ['C1 NEL (next line)', 'fee\u0085Gross 0.00'],
  ['right-to-left override', 'fee \u202e00.0 ssorG'],
  ['left-to-right override', '\u202dGross\u202c'],
  ['right-to-left embedding', '\u202bGross\u202c'],
  ['left-to-right embedding', '\u202aGross\u202c'],
  ['right-to-left isolate', '\u2067Gross\u2069'],
  ['left-to-right isolate', '\u2066Gross\u2069'],
  ['first-strong isolate', '\u2068Gross\u2069'],
  ['Arabic letter mark', '\u061cGross'],
  ['left-to-right and right-to-left marks', '\u200eGross\u200f'],
  ['zero-width space and joiners', 'Gr\u200boss\u200c\u200d'],
  ['word joiner and invisible operators', 'Gross\u2060\u2062\u2064'],
  ['byte-order mark inside', 'fee\ufeffGross'],
  ['line separator', 'fee\u2028Gross 0.00'],
  ['paragraph separator', 'fee\u2029Gross 0.00'],
  ['a lone surrogate', 'fee\ud800Gross'],
  ['an interlinear annotation', '\ufff9Gross\ufffb'],
  ['Mongolian vowel separator', 'fee\u180eGross'],
  ['a tag character', 'fee\u{e0041}Gross'],
];

describe('visibleText', () => {
  it.each(HOSTILE)('leaves nothing unshown in %s', (_, text) => {
    const shown = visibleText(text);
    expect(shown).not.toMatch(UNSHOWN);
    expect(visibleText(shown)).toBe(shown); // shown text is shown as itself
  });

  it('writes the escapes named in the decision', () => {
    expect(visibleText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(visibleText('\u001b[31m')).toBe('\\u001b[31m');
    expect(visibleText('\u202e\u2066\u0085\u007f')).toBe('\\u202e\\u2066\\u0085\\u007f');
    expect(visibleText('\u{e0041}')).toBe('\\u{e0041}');
    expect(visibleText('Électricité £12 – 東京 ✓ 🙂')).toBe('Électricité £12 – 東京 ✓ 🙂');
  });

  it('for any text, leaves no unshown character and keeps every shown one in order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !text.includes('\\')),
        (text) => {
          const shown = visibleText(text);
          expect(shown).not.toMatch(UNSHOWN);
          const kept = [...text].filter((character) => !UNSHOWN.test(character)).join('');
          expect(shown.replace(/\\(n|r|t|u\{[0-9a-f]+\}|u[0-9a-f]{4})/g, '')).toBe(kept);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('visibleLines keeps line feeds only', () => {
    expect(visibleLines('error: \u001b[2J\nnext\r\n')).toBe('error: \\u001b[2J\nnext\\r\n');
  });

  it('markdownText escapes pipes and markup after the escapes', () => {
    expect(markdownText('a|b\nc')).toBe('a\\|b\\\\nc');
    expect(markdownText('*x* `y` <b>')).toBe('\\*x\\* \\`y\\` \\<b\\>');
  });
});

describe('text tables', () => {
  it('any cell text gives exactly one line per row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 2, maxLength: 2 }), {
          maxLength: 6,
        }),
        (rows) => {
          const table = renderTextTable([{ header: 'Text' }, { header: 'GBP', align: 'right' }], rows);
          expect(table.split('\n')).toHaveLength(rows.length + 3); // header, rule, rows, final empty
          expect(table).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}](?<!\n)/u);
        },
      ),
      { numRuns: 500 },
    );
  });
});

const folder = mkdtempSync(join(tmpdir(), 'dcc-text-injection-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const STATEMENT = fixture('statements', 'illustrative-2025-26.json');
const DUAL = (name: string) => fixture('examples', 'dual-fuel-supplier', name);

function electiveFile(name: string, description: string): string {
  const path = join(folder, `${name}.json`);
  writeFileSync(path, JSON.stringify({ rows: [{ reference: `EA-${name}`, description, amount: '10.00' }] }));
  return path;
}

function chargesArgs(elective: string): string[] {
  return [
    '--statement',
    STATEMENT,
    '--month',
    '2025-06',
    '--meters',
    DUAL('meters.json'),
    '--usage',
    DUAL('usage.json'),
    '--elective',
    elective,
  ];
}

/** Checks text output: nothing unshown but line feeds, and the same lines as the plain run. */
function expectNoForgery(output: string, plain: string): void {
  expect(output).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}](?<!\n)/u);
  expect(output.split('\n')).toHaveLength(plain.split('\n').length);
  expect(output.split('\n').filter((line) => /^\s*Gross\b/.test(line))).toEqual(
    plain.split('\n').filter((line) => /^\s*Gross\b/.test(line)),
  );
}

describe('the command line output', () => {
  const plainElective = electiveFile('plain', 'a plain fee');

  it.each(HOSTILE.map(([name, text], index) => [name, text, index] as const))(
    'charges table: %s in a description cannot make a line',
    async (_, text, index) => {
      const plain = await runCliCapture(['charges', ...chargesArgs(plainElective)]);
      const run = await runCliCapture(['charges', ...chargesArgs(electiveFile(`hostile-${index}`, text))]);
      expect(run.code).toBe(0);
      expectNoForgery(run.stdout, plain.stdout);
      expect(run.stdout).toContain(visibleText(text));
    },
  );

  it.each(HOSTILE.filter((_, index) => index % 3 === 0).map(([name, text], index) => [name, text, index] as const))(
    'reconcile table and Markdown: %s in an invoice description cannot make a line or a cell',
    async (_, text, index) => {
      const elective = electiveFile(`reconcile-${index}`, `${text} | a pipe`);
      const invoice = join(folder, `invoice-${index}.csv`);
      writeFileSync(invoice, (await runCliCapture(['charges', ...chargesArgs(elective), '--format', 'csv'])).stdout);
      const plainInvoice = join(folder, `invoice-plain-${index}.csv`);
      writeFileSync(
        plainInvoice,
        (await runCliCapture(['charges', ...chargesArgs(plainElective), '--format', 'csv'])).stdout,
      );
      for (const format of ['table', 'md'] as const) {
        const plain = await runCliCapture([
          'reconcile',
          '--invoice',
          plainInvoice,
          ...chargesArgs(plainElective),
          '--format',
          format,
        ]);
        const run = await runCliCapture([
          'reconcile',
          '--invoice',
          invoice,
          ...chargesArgs(elective),
          '--format',
          format,
        ]);
        expect(run.stderr).toBe('');
        expectNoForgery(run.stdout, plain.stdout);
        if (format === 'md') {
          const row = run.stdout.split('\n').find((line) => line.includes('a pipe'));
          expect(row).toContain('\\| a pipe');
          const plainRow = plain.stdout.split('\n').find((line) => line.includes('a plain fee'));
          const pipes = (line: string | undefined) => line?.match(/(?<!\\)\|/g)?.length;
          expect(pipes(row)).toBe(pipes(plainRow));
        }
      }
    },
  );

  it.each(HOSTILE.filter((_, index) => index % 4 === 1))(
    'diff table and Markdown: %s in a statement title',
    async (_, text) => {
      const statement = JSON.parse(readFileSync(STATEMENT, 'utf8')) as Record<string, unknown>;
      const after = join(folder, 'after.json');
      writeFileSync(after, JSON.stringify({ ...statement, id: 'after', title: `${text} | title` }));
      const plainAfter = join(folder, 'plain-after.json');
      writeFileSync(plainAfter, JSON.stringify({ ...statement, id: 'after', title: 'plain | title' }));
      for (const format of ['table', 'md'] as const) {
        const plain = await runCliCapture(['diff', STATEMENT, plainAfter, '--format', format]);
        const run = await runCliCapture(['diff', STATEMENT, after, '--format', format]);
        expect(run.stderr).toBe(plain.stderr);
        expectNoForgery(run.stdout, plain.stdout);
        if (format === 'md') expect(run.stdout).toContain('\\| title');
      }
    },
  );

  it.each(HOSTILE.filter((_, index) => index % 2 === 0))(
    'an error quoting %s on standard error is one visible line',
    async (_, text) => {
      const elective = join(folder, 'bad-header.csv');
      writeFileSync(elective, `reference,description,amount,${text.replace(/[",\n\r]/g, '')}x\nEA-1,fee,1.00,1\n`);
      const run = await runCliCapture(['charges', ...chargesArgs(elective)]);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}](?<!\n)/u);
      expect(
        run.stderr
          .split('\n')
          .every((line) => line === '' || line.startsWith('error: ') || /problems? in the input/.test(line)),
      ).toBe(true);
    },
  );

  it('an unknown option typed with an escape sequence is quoted visibly', async () => {
    const run = await runCliCapture(['demo', '--\u001b[2Jx\u202e']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\u001b[2J');
    expect(run.stderr).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}](?<!\n)/u);
  });
});
