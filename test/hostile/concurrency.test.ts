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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.resume();
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const charges = (month: string, out: string): string[] => [
  'charges', '--statement', 'fixtures/statements/illustrative-2025-26.json', '--month', month,
  '--meters', 'fixtures/examples/dual-fuel-supplier/meters.json', '--format', 'json', '--out', out,
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
      expect(readdirSync(folder).sort()).toEqual(['july.json', 'june.json', 'shared.json']);
    }
  });
});
