/**
 * Measures deriveChargingStatement (run: npx tsx scripts/bench-derive.ts). Prints figures; asserts
 * nothing. A forecast has at most 720 distinct rows (12 months x 5 groups x 3 Regions x 2 premises
 * x 2 enrolment states), so the largest inputs are measured, with regional pots everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deriveChargingStatement } from '../src/methodology/derive-statement.js';
import { monthsOfRegulatoryYear } from '../src/vocabulary/months.js';

const root = join(import.meta.dirname, '..');
const fixture = JSON.parse(
  readFileSync(join(root, 'fixtures', 'methodology', 'illustrative-2025-26-uitmr.json'), 'utf8'),
);

const largest = {
  ...fixture,
  revenue: {
    ...fixture.revenue,
    fixedChRevenue: { north: '90000000.00', central: '90000000.00', south: '101428200.00' },
    fixedAltHanRevenue: { north: '5000000.00', central: '5000000.00', south: '6554600.00' },
  },
  estimatedMeters: monthsOfRegulatoryYear('2025/26').flatMap((month, m) =>
    ['g1', 'g2', 'g3', 'g4', 'g5'].flatMap((group, g) =>
      ['north', 'central', 'south'].flatMap((region, r) =>
        [
          ['domestic', true],
          ['domestic', false],
          ['nonDomestic', true],
          ['nonDomestic', false],
        ].map(([premises, enrolled], k) => ({
          month,
          chargingGroup: group,
          region,
          premises,
          enrolled,
          count: 100000 + 1000 * m + 7919 * g + 131 * r + 17 * k,
        })),
      ),
    ),
  ),
};

function measure(label: string, inputs: unknown, runs: number): void {
  for (let i = 0; i < 20; i++) deriveChargingStatement(inputs as never);
  const start = performance.now();
  for (let i = 0; i < runs; i++) deriveChargingStatement(inputs as never);
  const perRun = (performance.now() - start) / runs;
  console.log(
    `${label}: ${perRun.toFixed(2)} ms per derivation (${runs} runs, ${(1000 / perRun).toFixed(0)} per second)`,
  );
}

measure(`illustrative uitmr inputs (${fixture.estimatedMeters.length} rows, 6 pots)`, fixture, 500);
measure(`largest forecast (${largest.estimatedMeters.length} rows, 10 pots)`, largest, 200);
