/** The methodology input format: shipped JSON Schema current, fixtures valid and illustrative. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SHIPPED_SCHEMAS } from '../../src/schema/json-schemas.js';
import { METHODOLOGY_INPUTS_FORMAT } from '../../src/methodology/inputs-schema.js';
import { parseMethodologyInputs, readMethodologyInputs } from '../../src/methodology/parse-inputs.js';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { REGIMES } from '../../src/vocabulary/regimes.js';

const root = join(import.meta.dirname, '..', '..');
const folder = join(root, 'fixtures', 'methodology');
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.json'));

describe('methodology inputs format', () => {
  it('ships a current JSON Schema (run npm run schemas after changing the zod schema)', () => {
    const shipped = SHIPPED_SCHEMAS.find((entry) => entry.format === METHODOLOGY_INPUTS_FORMAT);
    expect(shipped?.file).toBe('methodology-inputs.schema.json');
    if (shipped === undefined) return;
    expect(readFileSync(join(root, 'schemas', shipped.file), 'utf8')).toBe(jsonSchemaText(shipped));
  });

  it('has illustrative inputs for each regime, each saying so, each deriving a statement', () => {
    const regimes = fixtures.map((name) => {
      const data = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { illustrative?: unknown };
      expect(data.illustrative, name).toBe(true);
      const inputs = readMethodologyInputs(readFileSync(join(folder, name), 'utf8'), name);
      expect(deriveChargingStatement(inputs).statement.illustrative).toBe(true);
      return inputs.regime;
    });
    expect([...new Set(regimes)].sort()).toEqual([...REGIMES].sort());
  });

  it('reads Charging Groups written as symbols or identifiers alike', () => {
    const text = readFileSync(join(folder, fixtures[0] ?? ''), 'utf8');
    const data = JSON.parse(text) as { weighting: { factors: Record<string, string> } };
    const symbols = parseMethodologyInputs(data);
    const renamed = {
      ...data,
      weighting: {
        ...data.weighting,
        factors: Object.fromEntries(
          Object.entries(data.weighting.factors).map(([key, value]) => [key.replace('g1', 'importSupplier'), value]),
        ),
      },
    };
    expect(deriveChargingStatement(renamed as never).statement).toEqual(deriveChargingStatement(symbols).statement);
    expect(parseMethodologyInputs(symbols)).toEqual(symbols); // parsing parsed inputs changes nothing
  });
});
