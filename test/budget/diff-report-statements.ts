/**
 * The two statements behind the diff report's tests and screenshot (invented rates): Import and
 * Gas Suppliers' Fixed rates rise by the same amount (their changes are equal, the case where
 * one series could hide another), Export Suppliers' stays, Electricity Distributors' falls, Gas
 * Transporters' national rate is replaced by three regional rates (removed, added), and the
 * Fixed CH rates fall by different amounts. The later statement's title carries markup, which
 * must show as text.
 */
import { compareStatements, type StatementComparison } from '../../src/index.js';
import { minimalStatement } from '../support/statements.js';

/** The title of statement b: markup a page must escape. */
export const HOSTILE_TITLE = 'Test 2026/27 <img src=x onerror="alert(1)"> & co';

/** The comparison (see the module comment). */
export function reportComparison(): StatementComparison {
  const a = minimalStatement({
    fixedChCharges: [
      { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '0.85' },
      { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: '0.85' },
    ],
  });
  const b = minimalStatement({
    id: 'test-2026-27',
    title: HOSTILE_TITLE,
    regulatoryYear: '2026/27',
    effectiveFrom: '2026-04',
    effectiveTo: '2027-03',
    fixedCharges: [
      { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '0.4691' }, // 0.4468 + 0.0223
      { chargingGroup: 'g2', region: 'national', ratePerMeterMonth: '0.0447' }, // unchanged
      { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: '0.4691' }, // 0.4468 + 0.0223
      { chargingGroup: 'g4', region: 'national', ratePerMeterMonth: '0.1005' }, // 0.1117 - 0.0112
      // g5: the national rate removed, three regional rates added
      { chargingGroup: 'g5', region: 'north', ratePerMeterMonth: '0.0250' },
      { chargingGroup: 'g5', region: 'central', ratePerMeterMonth: '0.0300' },
      { chargingGroup: 'g5', region: 'south', ratePerMeterMonth: '0.0350' },
    ],
    fixedChCharges: [
      { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: '0.578' }, // 0.85 - 0.272
      { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: '0.433' }, // 0.85 - 0.417
    ],
  });
  return compareStatements(a, b);
}

/** Every rate's label and what the chart writes beside it, in the comparison's order. */
export const EXPECTED_RATES: readonly (readonly [string, string])[] = [
  ['Fixed g1 national', '+0.0223 (+4.99%): 0.4468 to 0.4691'], // 0.0223 / 0.4468 = 4.991%
  ['Fixed g2 national', '0 (0.00%): 0.0447 to 0.0447'],
  ['Fixed g3 national', '+0.0223 (+4.99%): 0.4468 to 0.4691'],
  ['Fixed g4 national', '-0.0112 (-10.03%): 0.1117 to 0.1005'], // 0.0112 / 0.1117 = 10.027%
  ['Fixed g5 national', 'removed: was 0.1117'],
  ['Fixed g5 north', 'added: 0.0250'],
  ['Fixed g5 central', 'added: 0.0300'],
  ['Fixed g5 south', 'added: 0.0350'],
  ['Fixed CH g1 national', '-0.272 (-32.00%): 0.85 to 0.578'], // 0.272 / 0.85 = 32%
  ['Fixed CH g3 national', '-0.417 (-49.06%): 0.85 to 0.433'], // 0.417 / 0.85 = 49.059%
];
