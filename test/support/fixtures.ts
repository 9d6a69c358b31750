/** Paths and readers of the shipped fixtures, for tests. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChargingStatementInput } from '../../src/index.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Path of a file under `fixtures/`. */
export function fixture(...parts: string[]): string {
  return join(ROOT, 'fixtures', ...parts);
}

/** Parsed JSON of a file under `fixtures/`. */
export function fixtureJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(fixture(...parts), 'utf8')) as unknown;
}

/** The illustrative 2025/26 statement as written in its file (a fresh copy each call). */
export function illustrativeStatement(): ChargingStatementInput {
  return fixtureJson('statements', 'illustrative-2025-26.json') as ChargingStatementInput;
}

/** The rate of a group and region in the illustrative statement's list. */
export function rateOf(
  rows: readonly { chargingGroup: string; region: string; ratePerMeterMonth: string }[],
  chargingGroup: string,
  region: string,
): string {
  const row = rows.find((r) => r.chargingGroup === chargingGroup && r.region === region);
  if (row === undefined) throw new Error(`no rate for ${chargingGroup} ${region}`);
  return row.ratePerMeterMonth;
}

/** The unit price of an explicit code in the illustrative statement. */
export function priceOf(code: string): string {
  const row = illustrativeStatement().explicitCharges.find((r) => r.code === code);
  if (row === undefined) throw new Error(`no explicit code ${code}`);
  return row.unitPrice;
}
