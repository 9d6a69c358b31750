/** The Node entry: counting and reading registration files as streams. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countRegistrationsFile, readRegistrationsFile } from '../../src/node.js';
import { countRegisteredMeters } from '../../src/registrations/count-registered-meters.js';
import { InputError } from '../../src/errors/input-error.js';

const REGISTER = 'test/fixtures/registrations/dual-fuel-register.csv';

const folders: string[] = [];
/** A new temporary folder, removed after the file's tests. */
function scratch(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('dcc-charges/node', () => {
  it('counts a file with a byte-order mark and CRLF line ends as the plain file, reporting progress', async () => {
    const file = join(scratch('dcc-node-'), 'register.csv');
    writeFileSync(file, `\uFEFF${readFileSync(REGISTER, 'utf8').replace(/\n/g, '\r\n')}`);
    const progress: number[] = [];
    const fromCrlf = await countRegistrationsFile(file, {
      from: '2025-04',
      to: '2025-06',
      onProgress: (p) => progress.push(p.bytesRead / p.totalBytes),
    });
    const plain = await countRegistrationsFile(REGISTER, { from: '2025-04', to: '2025-06' });
    expect(fromCrlf.counts).toEqual(plain.counts);
    expect(fromCrlf.summary).toEqual({ rowsRead: 7, rowsCounted: 7, rowsRejected: 0 });
    expect(progress.at(-1)).toBe(1);
  });

  it('reads a file as rows with their lines, which countRegisteredMeters counts the same', async () => {
    const rows = [];
    for await (const row of readRegistrationsFile(REGISTER)) rows.push(row);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      line: 2,
      meterPoint: '1012345678903',
      chargingGroup: 'importSupplier',
      premises: 'domestic',
      registeredFrom: '2019-06-01',
      registeredTo: '',
      enrolledFrom: '2021-03-15',
    });
    const fromRows = await countRegisteredMeters(readRegistrationsFile(REGISTER), { from: '2025-04', to: '2025-06' });
    expect(fromRows.counts).toEqual(
      (await countRegistrationsFile(REGISTER, { from: '2025-04', to: '2025-06' })).counts,
    );
  });

  it('reports a file it cannot read, naming it', async () => {
    await expect(countRegistrationsFile('no/such.csv', { from: '2025-04', to: '2025-04' })).rejects.toMatchObject({
      issues: [{ source: 'no/such.csv', code: 'unreadableFile', received: 'no such file' }],
    });
    expect(() => readRegistrationsFile('test')).toThrow(InputError);
  });
});

describe('a synthetic register of many chunks', () => {
  it('counts the same through the byte fast path as through row objects and the reference validator', async () => {
    const { generateRegistrations } = await import('../../bench/generate-registrations.js');
    const file = join(scratch('dcc-synthetic-'), 'register.csv');
    const bytes = generateRegistrations(file, 40_000, 7);
    expect(bytes).toBeGreaterThan(2 * (1 << 20)); // more than two 1 MiB chunks, so rows straddle chunk ends
    const options = { from: '2024-01', to: '2026-03', snapshotDay: 15 } as const;
    const fast = await countRegistrationsFile(file, options);
    const reference = await countRegisteredMeters(readRegistrationsFile(file), options);
    expect(fast.summary).toEqual({ rowsRead: 40_000, rowsCounted: 40_000, rowsRejected: 0 });
    expect(fast.counts).toEqual(reference.counts);
  });
});
