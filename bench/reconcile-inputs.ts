/**
 * The inputs of `bench/reconcile.ts`, shared by the process that writes the invoice file and
 * the measured child: a month's expected charges with N elective lines and a small meter table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Library = typeof import('../src/index.js');

/** The expected charges of the benchmark: N elective lines plus the per-meter lines of 1,000 meters. */
export function benchExpectedCharges(
  dcc: Library,
  library: string,
  lines: number,
): ReturnType<Library['calculateMonthlyCharges']> {
  const statement = dcc.readChargingStatement(
    readFileSync(join(library, '..', 'fixtures/statements/illustrative-2025-26.json'), 'utf8'),
    'statement',
  );
  const elective = Array.from({ length: lines }, (_, index) => ({
    reference: `EA-${String(index + 1).padStart(7, '0')}`,
    description: `Elective service ${index + 1}`,
    amount: `${(index % 9973) + 1}.${String(index % 100).padStart(2, '0')}`,
  }));
  return dcc.calculateMonthlyCharges({
    statements: [statement],
    month: '2025-06',
    meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1000 }],
    elective,
  });
}
