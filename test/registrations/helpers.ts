/** Helpers of the registration tests: rows as CSV, both counting paths, and lookups. */
import { expect } from 'vitest';
import { countRegisteredMeters } from '../../src/registrations/count-registered-meters.js';
import type { CountRegisteredMetersOptions, RegisteredMeterCounts } from '../../src/registrations/count-options.js';
import { countRegistrationCsv } from '../../src/registrations/registration-csv.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import type { RejectedRegistration } from '../../src/registrations/tally.js';

/** Every column, in the order test files use. */
export const HEADER = [
  'meterPoint',
  'chargingGroup',
  'premises',
  'registeredFrom',
  'registeredTo',
  'enrolledFrom',
  'region',
  'gspGroup',
] as const;

/** Writes rows as CSV text with the full header (LF line ends unless told). */
export function toCsv(rows: readonly RegistrationRow[], lineEnd = '\n'): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) lines.push(HEADER.map((name) => row[name] ?? '').join(','));
  return lines.join(lineEnd) + lineEnd;
}

/** Cuts bytes into chunks at the given sizes (cycling), to test records split across chunks. */
export function chunked(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let position = 0;
  for (let index = 0; position < bytes.length; index += 1) {
    const size = Math.max(1, sizes[index % sizes.length] ?? 1);
    chunks.push(bytes.subarray(position, position + size));
    position += size;
  }
  return chunks;
}

/** Counts CSV text through the streaming byte path. */
export function countCsvText(
  text: string,
  options: CountRegisteredMetersOptions,
  sizes: readonly number[] = [1 << 20],
) {
  return countRegistrationCsv(chunked(new TextEncoder().encode(text), sizes), options);
}

/**
 * Counts rows through both paths (objects, and the CSV byte path in small chunks), checks they
 * agree on counts, summary and rejected lines, and returns the object path's result.
 */
export async function countBoth(
  rows: readonly RegistrationRow[],
  options: CountRegisteredMetersOptions,
  chunkSizes: readonly number[] = [7, 64, 3],
): Promise<{ result: RegisteredMeterCounts; rejected: RejectedRegistration[] }> {
  const rejectedObjects: RejectedRegistration[] = [];
  const rejectedCsv: RejectedRegistration[] = [];
  const lined = rows.map((row, index) => ({ ...row, line: index + 2 }));
  const fromObjects = countRegisteredMeters(lined, {
    ...options,
    onReject: (rejected) => rejectedObjects.push(rejected),
  });
  const fromCsv = await countCsvText(
    toCsv(rows),
    { ...options, onReject: (rejected) => rejectedCsv.push(rejected) },
    chunkSizes,
  );
  expect(fromCsv.counts).toEqual(fromObjects.counts);
  expect(fromCsv.summary).toEqual(fromObjects.summary);
  const codes = (list: RejectedRegistration[]) =>
    list.map((r) => [r.location.line, r.issues.map((issue) => issue.code)]);
  expect(codes(rejectedCsv)).toEqual(codes(rejectedObjects));
  return { result: fromObjects, rejected: rejectedObjects };
}

/** The count of one cell of a result (0 when absent). */
export function countOf(
  result: RegisteredMeterCounts,
  month: string,
  chargingGroup: string,
  region: string,
  premises: string,
  enrolled: boolean,
): number {
  const row = result.counts.find(
    (r) =>
      r.month === month &&
      r.chargingGroup === chargingGroup &&
      r.region === region &&
      r.premises === premises &&
      r.enrolled === enrolled,
  );
  return row?.count ?? 0;
}

/** The total count of a month (all cells). */
export function monthTotal(result: RegisteredMeterCounts, month: string): number {
  return result.counts.filter((row) => row.month === month).reduce((sum, row) => sum + row.count, 0);
}

/** An independent MPAN check digit (the brief's formula), to build test meter points. */
export function withCheckDigit(first12: string): string {
  const weights = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];
  let sum = 0;
  for (let index = 0; index < 12; index += 1) sum += Number(first12[index]) * (weights[index] ?? 0);
  return `${first12}${(sum % 11) % 10}`;
}

/** A domestic import registration of an Eastern (distributor 10, _A, central) MPAN. */
export function importRow(
  first12: string,
  registeredFrom: string,
  registeredTo = '',
  enrolledFrom = '',
): RegistrationRow {
  return {
    meterPoint: withCheckDigit(first12),
    chargingGroup: 'importSupplier',
    premises: 'domestic',
    registeredFrom,
    registeredTo,
    enrolledFrom,
  };
}
