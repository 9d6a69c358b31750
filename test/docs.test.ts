/**
 * Docs that run: every ```ts block of README.md and docs/*.md is run as a module, and every
 * `dcc-charges` line of a ```sh block is run through the command line. When a ```text block
 * follows, what was printed must equal it exactly.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks, shellWords, type CodeBlock } from './support/markdown.js';
import { runCliCapture } from './support/cli.js';

const root = resolve(import.meta.dirname, '..');
const generated = join(root, 'test', '.docs-generated');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md') && !file.split(/[\\/]/).some((part) => part.startsWith('_')))
    .map((file) => join('docs', file)),
];

const PACKAGE_ENTRIES: Record<string, string> = {
  'dcc-charges': join(root, 'src', 'index.ts'),
  'dcc-charges/node': join(root, 'src', 'node.ts'),
  'dcc-charges/vocabulary': join(root, 'src', 'vocabulary.ts'),
  'dcc-charges/zod': join(root, 'src', 'zod.ts'),
  'dcc-charges/render': join(root, 'src', 'render.ts'),
  'dcc-charges/xlsx': join(root, 'src', 'xlsx.ts'),
};

/** Points imports of the package at its sources. */
function pointImportsAtSources(code: string, from: string): string {
  return code.replace(/from '(dcc-charges(?:\/[a-z]+)?)'/g, (_, name: string) => {
    const target = PACKAGE_ENTRIES[name] ?? name;
    return `from '${relative(from, target)
      .replace(/\\/g, '/')
      .replace(/^(?!\.)/, './')
      .replace(/\.ts$/, '.js')}'`;
  });
}

async function runTsBlock(document: string, block: CodeBlock): Promise<string> {
  mkdirSync(generated, { recursive: true });
  const file = join(generated, `${document.replace(/[\\/.]/g, '_')}_${block.line}.ts`);
  writeFileSync(file, pointImportsAtSources(block.code, generated));
  const printed: string[] = [];
  const original = console.log;
  console.log = (...values: unknown[]) => {
    printed.push(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2))).join(' '));
  };
  try {
    await import(`${pathToFileURL(file).href}?${Date.now()}`);
  } finally {
    console.log = original;
  }
  return printed.map((line) => `${line}\n`).join('');
}

/** Joins backslash continuations and keeps the `dcc-charges` command lines. */
function commandLines(code: string): { args: string[]; exit: number }[] {
  return code
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(npx )?dcc-charges\b/.test(line))
    .map((line) => {
      const exitMatch = /#\s*exit (\d+)\s*$/.exec(line);
      const command = line.replace(/#.*$/, '').trim();
      const words = shellWords(command);
      return { args: words.slice(words[0] === 'npx' ? 2 : 1), exit: exitMatch === null ? 0 : Number(exitMatch[1]) };
    });
}

/** A scratch folder per document, with the package's data folders linked in. */
function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-docs-'));
  for (const name of ['fixtures', 'schemas', 'docs', 'test']) symlinkSync(join(root, name), join(folder, name));
  return folder;
}

afterAll(() => {
  rmSync(generated, { recursive: true, force: true });
});

for (const document of documents) {
  const blocks = codeBlocks(readFileSync(join(root, document), 'utf8'));
  const runnable = blocks.filter(
    (block) => block.lang === 'ts' || (block.lang === 'sh' && commandLines(block.code).length > 0),
  );
  if (runnable.length === 0) continue;
  describe(document, () => {
    const folder = scratchFolder();
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    for (const block of runnable) {
      it(`runs the ${block.lang} block at line ${block.line}`, async () => {
        let printed = '';
        if (block.lang === 'ts') {
          printed = await runTsBlock(document, block);
        } else {
          const cwd = process.cwd();
          process.chdir(folder);
          try {
            for (const command of commandLines(block.code)) {
              const run = await runCliCapture(command.args);
              expect(run.code, `${command.args.join(' ')}\n${run.stderr}`).toBe(command.exit);
              printed += run.stdout;
              if (command.exit !== 0) printed += run.stderr;
            }
          } finally {
            process.chdir(cwd);
          }
        }
        if (block.next?.lang === 'text') expect(printed).toBe(`${block.next.code}\n`);
      });
    }
  });
}

describe('the quick start', () => {
  it('names scripts that package.json has', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const named = [...readme.matchAll(/npm (?:run )?(start|test|[\w:-]+)\b/g)].map((match) => match[1] ?? '');
    const npmCommands = ['ci', 'install', 'run', 'link', 'pack', 'publish', 'exec'];
    const used = named.filter((name) => !npmCommands.includes(name));
    expect(used).toContain('start');
    expect(used).toContain('test');
    for (const name of used) expect(Object.keys(scripts)).toContain(name);
  });
});

describe('links between the docs', () => {
  it.each(documents)('every relative link of %s points at a file that exists', (document) => {
    const text = readFileSync(join(root, document), 'utf8');
    const folder = join(root, document, '..');
    const targets = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map(
      (match) => match[1] ?? '',
    );
    const missing = targets.filter((target) => !existsSync(join(folder, target)));
    expect(missing).toEqual([]);
  });
});
