/**
 * The fenced examples of docs/derivation.md and docs/_readme-derive.md run, following the docs
 * convention: a ```ts block runs as a module (imports from 'dcc-charges' point at src/index.ts);
 * in a ```sh block each line starting `dcc-charges ` runs through runCli from the repository
 * root, and a ```text block right after must equal what it printed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const DOCS = ['docs/derivation.md', 'docs/_readme-derive.md'];

interface Fence {
  readonly lang: string;
  readonly body: string;
  readonly line: number;
}

function fencesOf(text: string): Fence[] {
  const fences: Fence[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w*)\s*$/.exec(lines[index] ?? '');
    if (open === null) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== '```'; index++) body.push(lines[index] ?? '');
    fences.push({ lang: open[1] ?? '', body: body.join('\n') + '\n', line: start + 1 });
    // a blank line may separate an sh fence from its text fence; anything else breaks the pair
  }
  return fences;
}

function followedByText(text: string, fence: Fence, next: Fence | undefined): boolean {
  if (next === undefined || next.lang !== 'text') return false;
  const between = text.split('\n').slice(fence.line + fence.body.split('\n').length - 1, next.line - 1);
  return between.every((line) => line.trim() === '');
}

async function runShell(body: string): Promise<string> {
  let printed = '';
  for (const line of body.split('\n')) {
    if (!line.startsWith('dcc-charges ')) continue;
    const args = line.slice('dcc-charges '.length).trim().split(/\s+/);
    const code = await runCli(args, { stdout: (text) => void (printed += text), stderr: (text) => void (printed += text), stderrIsTty: false });
    expect(code, line).toBe(0);
  }
  return printed;
}

describe.each(DOCS)('%s', (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  const fences = fencesOf(text);

  it('has runnable examples', () => {
    expect(fences.some((fence) => fence.lang === 'sh' || fence.lang === 'ts')).toBe(true);
  });

  fences.forEach((fence, index) => {
    if (fence.lang === 'sh') {
      it(`runs the sh block at line ${fence.line}`, async () => {
        const printed = await runShell(fence.body);
        const next = fences[index + 1];
        if (followedByText(text, fence, next)) expect(printed).toBe(next?.body);
      });
    }
    if (fence.lang === 'ts') {
      it(`runs the ts block at line ${fence.line}`, async () => {
        const entry = pathToFileURL(join(root, 'src', 'index.ts')).href;
        const module = fence.body.replace(/from 'dcc-charges'/g, `from '${entry}'`);
        const path = join(mkdtempSync(join(tmpdir(), 'dcc-docs-')), 'example.ts');
        writeFileSync(path, module);
        await import(pathToFileURL(path).href);
      });
    }
  });
});
