/**
 * Hostile class "numbers": spellings of numbers a spreadsheet or a person may produce, in meter
 * counts and in the VAT rate. Each is refused with a located error (exit 2), or accepted exactly
 * as documented (plain digits; a plain decimal rate).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/run-cli.js';
import { runCliCapture } from '../support/cli.js';

const STATEMENT = 'fixtures/statements/illustrative-2025-26.json';
const METERS = 'fixtures/examples/dual-fuel-supplier/meters.json';
const folder = mkdtempSync(join(tmpdir(), 'dcc-numbers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Spellings that are not a plain whole number of meters. */
const HOSTILE_COUNTS = [
  '1e3', '1E3', '+5', '007', '١٢', '１２', 'NaN', 'Infinity', '-Infinity', '-0', '-5',
  '123456789012345678901', '"1,000"', '1 000', '12.', '12.0', '0x10', ' 12', '12 ',
];

/** Spellings that are not a plain decimal VAT rate from 0 to 1. */
const HOSTILE_RATES = ['1e-1', '+0.2', '.2', '２', '٠٫٢', 'NaN', 'Infinity', '-0', '-0.2', '20%', '0,2', '0.2.', '1.5', '0.2 ', ''];

function metersCsv(count: string): string {
  const path = join(folder, `meters-${HOSTILE_COUNTS.indexOf(count)}.csv`);
  writeFileSync(path, `chargingGroup,region,premises,enrolled,count\nimportSupplier,north,domestic,true,${count}\n`);
  return path;
}

describe('hostile numbers in a meter count (CSV)', () => {
  it.each(HOSTILE_COUNTS)('count %j is refused at its line and field', async (count) => {
    const path = metersCsv(count);
    const result = await runCliCapture(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', path, '--format', 'json']);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain(`${path}, line 2, field "count": expected a whole number of meters`);
    expect(result.stdout).toBe('');
  });

  it('a plain count is accepted as written', async () => {
    const path = join(folder, 'plain.csv');
    writeFileSync(path, 'chargingGroup,region,premises,enrolled,count\nimportSupplier,north,domestic,true,12\n');
    const result = await runCliCapture(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', path, '--format', 'json']);
    expect(result.code).toBe(EXIT.done);
  });
});

describe('hostile numbers in --vat-rate', () => {
  it.each(HOSTILE_RATES)('rate %j is refused naming the option', async (rate) => {
    const result = await runCliCapture(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', METERS, '--vat-rate', rate, '--format', 'json']);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('field "--vat-rate": expected a VAT rate as a plain decimal from 0 to 1');
    expect(result.stdout).toBe('');
  });

  it.each(['0.2', '0.20', '0', '1'])('rate %j is accepted', async (rate) => {
    const result = await runCliCapture(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', METERS, '--vat-rate', rate, '--format', 'json']);
    expect(result.code).toBe(EXIT.done);
  });
});
