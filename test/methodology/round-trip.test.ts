/**
 * The round trip: the illustrative uitmr methodology inputs derive exactly the rates and the
 * explicit catalogue of the foundation's illustrative statement. Everything else is compared
 * too, except the metadata that names where a statement came from (decision 0016).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { readMethodologyInputs } from '../../src/methodology/parse-inputs.js';
import { readChargingStatement } from '../../src/statement/parse-statement.js';
import type { ChargingStatement } from '../../src/statement/statement-schema.js';

const root = join(import.meta.dirname, '..', '..');
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');

/** The metadata a derived statement sets from its inputs rather than from the methodology. */
const METADATA = ['id', 'title', 'source', 'notes', 'derivedFrom'] as const;

function withoutMetadata(statement: ChargingStatement): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...statement };
  for (const key of METADATA) delete copy[key];
  return copy;
}

describe('round trip: methodology inputs -> the illustrative 2025/26 statement', () => {
  const inputs = readMethodologyInputs(read('fixtures', 'methodology', 'illustrative-2025-26-uitmr.json'), 'inputs');
  const published = readChargingStatement(read('fixtures', 'statements', 'illustrative-2025-26.json'), 'statement');
  const derived = deriveChargingStatement(inputs);

  it('derives the whole statement but its metadata, exactly', () => {
    expect(withoutMetadata(derived.statement)).toEqual(withoutMetadata(published));
  });

  it('derives every rate and catalogue row exactly, in the same order', () => {
    expect(derived.statement.fixedCharges).toEqual(published.fixedCharges);
    expect(derived.statement.fixedChCharges).toEqual(published.fixedChCharges);
    expect(derived.statement.fixedAltHanCharges).toEqual(published.fixedAltHanCharges);
    expect(derived.statement.explicitCharges).toEqual(published.explicitCharges);
  });

  it('names the inputs it came from, and recovers every pot with no residual', () => {
    expect(derived.statement.derivedFrom).toEqual({ inputsId: 'illustrative-2025-26-uitmr', ratePrecision: 6 });
    expect(derived.statement.title).toBe(published.title);
    expect(derived.recovery.map((entry) => entry.residual)).toEqual(derived.recovery.map(() => '0'));
  });
});
