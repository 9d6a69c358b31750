/**
 * Hostile class "concurrency": two command-line processes writing the same --out at once end with
 * one complete report (each write is atomic, so the last rename wins whole) and no temporary file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'dcc-concurrency-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(args: readonly string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.resume();
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const charges = (month: string, out: string): string[] => [
  'charges',
  '--statement',
  'fixtures/statements/illustrative-2025-26.json',
  '--month',
  month,
  '--meters',
  'fixtures/examples/dual-fuel-supplier/meters.json',
  '--format',
  'json',
  '--out',
  out,
];

describe('two processes writing the same --out', () => {
  it('end with one complete report, one of the two, and no temporary file', async () => {
    const june = join(folder, 'june.json');
    const july = join(folder, 'july.json');
    expect(await Promise.all([run(charges('2025-06', june)), run(charges('2025-07', july))])).toEqual([0, 0]);
    const shared = join(folder, 'shared.json');
    for (let round = 0; round < 3; round += 1) {
      expect(await Promise.all([run(charges('2025-06', shared)), run(charges('2025-07', shared))])).toEqual([0, 0]);
      const written = readFileSync(shared, 'utf8');
      expect([readFileSync(june, 'utf8'), readFileSync(july, 'utf8')]).toContain(written);
      expect(
        readdirSync(folder)
          .filter((name) => name.endsWith('.json') || name.includes('tmp'))
          .sort(),
      ).toEqual(['july.json', 'june.json', 'shared.json']);
    }
  });
});

/** The overlap spills in a temporary folder (a worker thread run through tsx also keeps a cache there). */
const spills = (temporary: string): string[] =>
  readdirSync(temporary).filter((name) => name.startsWith('dcc-charges-overlaps-'));

describe('two counts sharing the temporary folder', () => {
  it('each keeps its own spill: both give the count of an unspilled run, and nothing is left', async () => {
    const { generateRegistrations } = await import('../../bench/generate-registrations.js');
    const { countRegistrationsFile } = await import('../../src/node.js');
    const file = join(folder, 'register.csv');
    generateRegistrations(file, 30_000);
    const options = { from: '2025-04', to: '2026-03' } as const;
    const plain = await countRegistrationsFile(file, options);
    const spilled = { ...options, threads: 2 as const, overlapMemoryBytes: 4096 };
    // A private temporary folder, shared by the two counts only.
    const shared = mkdtempSync(join(folder, 'tmp-'));
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = shared;
    let sawSpill = false;
    const watched = { ...spilled, onProgress: () => void (sawSpill ||= spills(shared).length > 0) };
    let results: unknown[];
    try {
      results = await Promise.all([countRegistrationsFile(file, watched), countRegistrationsFile(file, spilled)]);
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
    const [first, second] = results;
    expect(JSON.stringify(first)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(second)).toBe(JSON.stringify(plain));
    expect(sawSpill).toBe(true);
    expect(spills(shared)).toEqual([]);
  });
});
