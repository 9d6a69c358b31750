/**
 * Hostile class "paths and links": an output aimed at an input under another spelling (symbolic
 * link, hard link, `./`, `../`), or at a place it cannot be written (a folder, a missing folder, a
 * read-only folder). Each is refused with exit 2, the input is unchanged and no temporary file is left.
 */
import {
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/run-cli.js';
import { runCliCapture } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'dcc-paths-'));
afterAll(() => {
  chmodSync(join(root, 'locked'), 0o755);
  rmSync(root, { recursive: true, force: true });
});
const statement = join(root, 'statement.json');
const meters = join(root, 'meters.json');
copyFileSync('fixtures/statements/illustrative-2025-26.json', statement);
copyFileSync('fixtures/examples/dual-fuel-supplier/meters.json', meters);
symlinkSync(statement, join(root, 'statement-link.json'));
linkSync(meters, join(root, 'meters-hard.json'));
mkdirSync(join(root, 'sub'));
mkdirSync(join(root, 'a-folder.json'));
mkdirSync(join(root, 'locked'));
chmodSync(join(root, 'locked'), 0o555);
const before = { statement: readFileSync(statement), meters: readFileSync(meters) };
const listing = (): string[] => readdirSync(root).sort();
const expectedListing = listing();

const isRoot = process.getuid?.() === 0;

const CASES: readonly (readonly [string, string])[] = [
  ['a symbolic link to the statement', join(root, 'statement-link.json')],
  ['a hard link to the meter counts', join(root, 'meters-hard.json')],
  ['the statement spelled with ./', `${root}/./statement.json`],
  ['the meter counts spelled with ../', `${root}/sub/../meters.json`],
  ['a directory', join(root, 'a-folder.json')],
  ['a file in a folder that does not exist', join(root, 'missing', 'report.json')],
  ...(isRoot ? [] : ([['a file in a read-only folder', join(root, 'locked', 'report.json')]] as const)),
];

describe('--out aimed where it must not write', () => {
  it.each(CASES)('--out at %s is refused with exit 2, the inputs unchanged, no temporary file', async (_label, out) => {
    const result = await runCliCapture([
      'charges',
      '--statement',
      statement,
      '--month',
      '2025-06',
      '--meters',
      meters,
      '--out',
      out,
    ]);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('error:');
    expect(result.stderr).not.toContain('internal error');
    expect(readFileSync(statement)).toEqual(before.statement);
    expect(readFileSync(meters)).toEqual(before.meters);
    expect(listing()).toEqual(expectedListing);
    expect(readdirSync(join(root, 'a-folder.json'))).toEqual([]);
    expect(readdirSync(join(root, 'locked'))).toEqual([]);
  });
});
