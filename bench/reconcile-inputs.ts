/**
 * The inputs of `bench/reconcile.ts`, shared by the process that writes the files and the
 * measured library child: a month's elective lines (N agreements) and a small meter table.
 * The figures are illustrative (invented for the benchmark).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Library = typeof import('../src/index.js');

/** The benchmark's one meter count row. */
export const BENCH_METERS = {
  chargingGroup: 'g1',
  region: 'north',
  premises: 'domestic',
  enrolled: true,
  count: 1000,
} as const;

/** The benchmark's month. */
export const BENCH_MONTH = '2025-06';

/** The statement the benchmark charges under, relative to the repository. */
export const BENCH_STATEMENT = 'fixtures/statements/illustrative-2025-26.json';

/** N elective lines with distinct references and amounts of two decimal places. */
export function benchElectiveRows(lines: number): { reference: string; description: string; amount: string }[] {
  return Array.from({ length: lines }, (_, index) => ({
    reference: `EA-${String(index + 1).padStart(7, '0')}`,
    description: `Elective service ${index + 1}`,
    amount: `${(index % 9973) + 1}.${String(index % 100).padStart(2, '0')}`,
  }));
}

/** The expected charges of the benchmark: N elective lines plus the per-meter lines of 1,000 meters. */
export function benchExpectedCharges(
  dcc: Library,
  library: string,
  lines: number,
): ReturnType<Library['calculateMonthlyCharges']> {
  const statement = dcc.readChargingStatement(readFileSync(join(library, '..', BENCH_STATEMENT), 'utf8'), 'statement');
  return dcc.calculateMonthlyCharges({
    statements: [statement],
    month: BENCH_MONTH,
    meters: [BENCH_METERS],
    elective: benchElectiveRows(lines),
  });
}
