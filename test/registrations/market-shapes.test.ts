/**
 * Registers shaped like the market, at small sizes: every meter point distinct, and every meter
 * point repeated (2 to 3 registrations each, far apart in the file). The two-thread count with
 * the overlap check spilled from the first row gives what the one-thread in-memory count gives,
 * and both give what DuckDB computes from the same file with the same rule in SQL (the
 * benchmark's queries, `bench/count-duckdb.mjs`: an independent oracle). The benchmark checks the
 * same agreement at 2 to 60 million rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistrations, generateRepeatedRegistrations } from '../../bench/generate-registrations.js';
import { countRegistrationsFile } from '../../src/node.js';
import { countRegistrationsFileOnTwoThreads } from '../../src/node/registration-files.js';
import { DEFAULT_GSP_GROUP_REGIONS, DNO_GSP_GROUPS } from '../../src/registrations/gsp-groups.js';
import { snapshotsOf } from '../../src/registrations/snapshots.js';
import type { RegisteredMeterCounts } from '../../src/registrations/count-options.js';

const folder = mkdtempSync(join(tmpdir(), 'dcc-market-shapes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const OPTIONS = { from: '2025-04', to: '2026-03' } as const;

/** The non-zero counts as `month,group,region,premises,enrolled,count` lines, sorted. */
function nonZero(result: RegisteredMeterCounts): string[] {
  return result.counts
    .filter((row) => row.count > 0)
    .map((row) =>
      [row.month, row.chargingGroup, row.region, row.premises, String(row.enrolled), String(row.count)].join(','),
    )
    .sort();
}

function duckDb(file: string, rows: number, variant: 'pivot' | 'join'): string[] {
  const snapshots = snapshotsOf(OPTIONS.from, OPTIONS.to).map((snapshot) => [snapshot.month, snapshot.date]);
  const output = execFileSync(
    process.execPath,
    [
      'bench/count-duckdb.mjs',
      file,
      JSON.stringify(snapshots),
      JSON.stringify(DEFAULT_GSP_GROUP_REGIONS),
      JSON.stringify(DNO_GSP_GROUPS),
      String(rows),
      variant,
    ],
    { encoding: 'utf8' },
  );
  return [...(JSON.parse(output) as { counts: string[] }).counts].sort();
}

describe.each([
  ['every meter point distinct', 1],
  ['every meter point repeated', 2.5],
  ['three registrations of every meter point', 3],
])('a register with %s', (_name, perPoint) => {
  const rows = 30_000;
  const file = join(folder, `register-${perPoint}.csv`);
  if (perPoint === 1) generateRegistrations(file, rows);
  else generateRepeatedRegistrations(file, rows, perPoint);

  it('is counted alike on one thread in memory, on two threads spilled from the first row, and by DuckDB', async () => {
    const one = await countRegistrationsFile(file, { ...OPTIONS, threads: 1 });
    const spilled = await countRegistrationsFileOnTwoThreads(file, OPTIONS, {
      chunkBytes: 64 * 1024,
      waitForWorker: true,
      overlapBudgetBytes: 1,
    });
    expect(spilled).toEqual(one);
    expect(one.summary).toEqual({ rowsRead: rows, rowsCounted: rows, rowsRejected: 0 });
    expect(nonZero(one).length).toBeGreaterThan(0);
    expect(duckDb(file, rows, 'pivot')).toEqual(nonZero(one));
    expect(duckDb(file, rows, 'join')).toEqual(nonZero(one));
  });
});
