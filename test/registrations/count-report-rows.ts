/**
 * The registrations behind the count report's tests and screenshot (invented): Import and Gas
 * Suppliers with the same counts every month (10 from April, one more each month from May, so
 * 10, 11, ... 15 by September), and Export Suppliers with 4 meters until one leaves in July.
 */
import { countRegisteredMeters } from '../../src/registrations/count-registered-meters.js';
import type { RegisteredMeterCounts } from '../../src/registrations/count-options.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import { withCheckDigit } from './helpers.js';

/** Registration date of the i-th meter of a growing group: the first 10 long before, then one a month from May 2025. */
function joined(index: number): string {
  return index < 10 ? '2020-01-01' : `2025-${String(index - 5).padStart(2, '0')}-01`;
}

/** The rows (see the module comment). */
export function reportRows(): RegistrationRow[] {
  const rows: RegistrationRow[] = [];
  for (let index = 0; index < 15; index += 1) {
    rows.push({
      meterPoint: withCheckDigit(`10${String(index).padStart(10, '0')}`),
      chargingGroup: 'importSupplier',
      premises: 'domestic',
      registeredFrom: joined(index),
      enrolledFrom: joined(index),
    });
    rows.push({
      meterPoint: `74${String(index).padStart(8, '0')}`,
      chargingGroup: 'gasSupplier',
      premises: 'domestic',
      registeredFrom: joined(index),
      region: 'north',
    });
  }
  for (let index = 0; index < 4; index += 1) {
    rows.push({
      meterPoint: withCheckDigit(`10${String(500 + index).padStart(10, '0')}`),
      chargingGroup: 'exportSupplier',
      premises: 'domestic',
      registeredFrom: '2021-01-01',
      ...(index === 0 ? { registeredTo: '2025-07-15' } : {}),
    });
  }
  return rows;
}

/** The counts of {@link reportRows}, April to September 2025, snapshot on the last day. */
export function reportCounts(): RegisteredMeterCounts {
  return countRegisteredMeters(
    reportRows().map((row, index) => ({ ...row, line: index + 2 })),
    { from: '2025-04', to: '2025-09' },
  );
}

/** The meters per month the rows give, written as the arithmetic: 10 from before, plus one a month from May. */
export const GROWING = ['10', '11', '12', '13', '14', '15']; // 10 + 0, 10 + 1, ... 10 + 5
/** Export Suppliers: 4 until the one leaving on 15 July is gone at July's snapshot (4 - 1). */
export const EXPORT = ['4', '4', '4', '3', '3', '3'];
