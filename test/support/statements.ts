/** Small Charging Statements built in tests, each rate written where it is used. */
import type { ChargingStatementInput } from '../../src/index.js';

/** A minimal valid statement: a national fixed rate for every group, nothing else. */
export function minimalStatement(overrides: Partial<ChargingStatementInput> = {}): ChargingStatementInput {
  return {
    format: 'dcc-charges/charging-statement@1',
    id: 'test-2025-26',
    title: 'Test statement 2025/26',
    regulatoryYear: '2025/26',
    effectiveFrom: '2025-04',
    effectiveTo: '2026-03',
    regime: 'uitmr',
    illustrative: true,
    source: { publisher: 'tests', document: 'built in the test' },
    fixedCharges: [
      { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '0.4468' },
      { chargingGroup: 'g2', region: 'national', ratePerMeterMonth: '0.0447' },
      { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: '0.4468' },
      { chargingGroup: 'g4', region: 'national', ratePerMeterMonth: '0.1117' },
      { chargingGroup: 'g5', region: 'national', ratePerMeterMonth: '0.1117' },
    ],
    fixedChCharges: [],
    fixedAltHanCharges: [],
    explicitCharges: [],
    ...overrides,
  };
}
