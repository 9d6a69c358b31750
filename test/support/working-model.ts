/** Shared by the working-model tests: the shipped examples, a revised year, random models, and the comparison with the library. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import fc from 'fast-check';
import {
  calculateMonthlyCharges,
  readChargingStatement,
  type ChargingStatement,
  type ChargingStatementInput,
  type MonthlyCharges,
  type RoundingMode,
} from '../../src/index.js';
import { parseChargingStatement } from '../../src/statement/parse-statement.js';
import { parseMeterCounts, type MeterCountRow } from '../../src/inputs/meter-counts.js';
import { parseUsage, type UsageRow } from '../../src/inputs/usage.js';
import { parseElective, type ElectiveRow } from '../../src/inputs/elective.js';
import { lineKey, MODEL_TOTALS, type WorkingModel, type WorkingModelInput } from '../../src/xlsx/working-model.js';
import { minimalStatement } from './statements.js';

export const illustrative = readChargingStatement(
  readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8'),
  'illustrative-2025-26.json',
);
const reported = readChargingStatement(
  readFileSync('fixtures/statements/reported-2026-27.json', 'utf8'),
  'reported-2026-27.json',
);

function rows(path: string): unknown {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return Array.isArray(data) ? data : (data as { rows: unknown[] }).rows;
}

export interface Example {
  readonly name: string;
  readonly statements: readonly ChargingStatement[];
  readonly month: string;
  readonly meters: MeterCountRow[];
  readonly usage: UsageRow[];
  readonly elective: ElectiveRow[];
}

function example(
  name: string,
  statement: ChargingStatement,
  month: string,
  meters: string,
  usage?: string,
  elective?: string,
): Example {
  return {
    name,
    statements: [statement],
    month,
    meters: parseMeterCounts(rows(meters)),
    usage: usage === undefined ? [] : parseUsage(rows(usage)),
    elective: elective === undefined ? [] : parseElective(rows(elective)),
  };
}

export const EXAMPLES: readonly Example[] = [
  example(
    'dual-fuel supplier',
    illustrative,
    '2025-06',
    'fixtures/examples/dual-fuel-supplier/meters.json',
    'fixtures/examples/dual-fuel-supplier/usage.json',
    'fixtures/examples/dual-fuel-supplier/elective.json',
  ),
  example(
    'network operator',
    illustrative,
    '2025-06',
    'fixtures/examples/network-operator/meters.json',
    'fixtures/examples/network-operator/usage.json',
  ),
  example('reported 2026/27 supplier', reported, '2026-06', 'fixtures/examples/reported-2026-27/supplier-meters.json'),
];

/** The value of a cell, from whichever engine recalculated the workbook. */
export type CellValue = (sheet: string, ref: string) => unknown;

/**
 * Every figure of the recalculated model against the library's charges: each line's quantity,
 * unit price and amount, every row the library does not charge at 0, each total, and the
 * annual column as the sum of the months.
 */
export function expectLibraryFigures(value: CellValue, model: WorkingModel, expected: readonly MonthlyCharges[]): void {
  const { layout } = model;
  expect(layout.monthColumns.map((column) => column.month)).toEqual(expected.map((charges) => charges.month));
  const annual = new Map<string, bigint>();
  const pence = (amount: string) => BigInt(amount.replace('.', ''));
  expected.forEach((charges, index) => {
    const columns = layout.monthColumns[index]!;
    const charged = new Set<string>();
    for (const line of charges.lines) {
      const key = lineKey(line);
      charged.add(key);
      const row = layout.lineRows.get(key);
      expect(row, `a row for ${key}`).toBeDefined();
      expect(value('Charges', `${columns.amount}${row}`), `${charges.month} ${key} amount`).toBe(Number(line.amount));
      expect(value('Charges', `${columns.quantity}${row}`), `${charges.month} ${key} quantity`).toBe(
        Number(line.quantity),
      );
      expect(value('Charges', `${columns.unitPrice}${row}`), `${charges.month} ${key} unit price`).toBe(
        Number(line.unitPrice),
      );
      annual.set(key, (annual.get(key) ?? 0n) + pence(line.amount));
    }
    for (const [key, row] of layout.lineRows) {
      if (!charged.has(key))
        expect(value('Charges', `${columns.amount}${row}`), `${charges.month} ${key} not charged`).toBe(0);
    }
    for (const total of MODEL_TOTALS) {
      expect(value('Charges', `${columns.amount}${layout.totalRows[total]}`), `${charges.month} ${total}`).toBe(
        Number(charges.totals[total]),
      );
    }
  });
  if (layout.annualColumn !== undefined) {
    for (const [key, row] of layout.lineRows) {
      expect(value('Charges', `${layout.annualColumn}${row}`), `annual ${key}`).toBe(
        Number(annual.get(key) ?? 0n) / 100,
      );
    }
    for (const total of MODEL_TOTALS) {
      const sum = expected.reduce((acc, charges) => acc + pence(charges.totals[total]), 0n);
      expect(value('Charges', `${layout.annualColumn}${layout.totalRows[total]}`), `annual ${total}`).toBe(
        Number(sum) / 100,
      );
    }
  }
}

export function modelInput(
  example: Omit<Example, 'name' | 'month'>,
  months: readonly string[],
  options: { rounding?: RoundingMode; vatRate?: string; year?: string } = {},
): WorkingModelInput {
  return {
    statements: example.statements,
    months,
    meters: example.meters,
    usage: example.usage,
    elective: example.elective,
    vatRate: options.vatRate ?? '0.20',
    rounding: options.rounding ?? 'halfUp',
    ...(options.year === undefined ? {} : { year: options.year }),
  };
}

export function libraryCharges(
  example: Omit<Example, 'name' | 'month'>,
  month: string,
  options: { rounding?: RoundingMode; vatRate?: string } = {},
): MonthlyCharges {
  return calculateMonthlyCharges({
    statements: example.statements,
    month,
    meters: example.meters,
    usage: example.usage,
    elective: example.elective,
    vatRate: options.vatRate ?? '0.20',
    rounding: options.rounding ?? 'halfUp',
  });
}

/** The illustrative statement for April to September, and a revision from October under the enrolled-only rule. */
export function revisedYear(): ChargingStatement[] {
  const first = { ...illustrative, id: 'illustrative-2025-26-h1', effectiveTo: '2025-09' };
  const input = JSON.parse(
    readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8'),
  ) as ChargingStatementInput;
  const second = parseChargingStatement({
    ...input,
    id: 'illustrative-2025-26-h2',
    title: 'Illustrative statement, revised from October',
    effectiveFrom: '2025-10',
    regime: 'postUitmr',
    chargeableMeters: { fixed: { domestic: 'enrolled', nonDomestic: 'enrolled' } },
    // A national rate only for g1 (its regional rates dropped), every rate with one more digit 7.
    fixedCharges: input.fixedCharges
      .filter((row) => !(row.chargingGroup === 'importSupplier' && row.region !== 'national'))
      .map((row) => ({
        ...row,
        ratePerMeterMonth: row.ratePerMeterMonth.includes('.')
          ? `${row.ratePerMeterMonth}7`
          : `${row.ratePerMeterMonth}.7`,
      })),
  });
  return [first, second];
}

export const MODES: readonly RoundingMode[] = ['halfUp', 'halfEven', 'halfDown', 'up', 'down'];

/** A rate with up to 10 decimal places, below 100. */
export const rateArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 10 }))
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(10, '0').slice(0, places)}`,
  );

/** Rates that make ties: half a penny per meter, so an odd count lands exactly on a half penny. */
export const tieRate = fc.constantFrom('0.005', '0.015', '0.125', '0.0025', '0.0005', '0.000005');

/** A random model: rates up to 10 decimal places (ties among them), counts up to 10^9, usage with up to 4 decimals, a credit, every mode and rule. */
export const randomModel = fc
  .record({
    rates: fc.array(fc.oneof(rateArbitrary, tieRate), { minLength: 8, maxLength: 8 }),
    counts: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 12, maxLength: 12 }),
    quantities: fc.array(fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 4 })), {
      minLength: 2,
      maxLength: 2,
    }),
    rounding: fc.constantFrom(...MODES),
    vatRate: fc.constantFrom('0.20', '0.05', '0.175', '0', '0.0000000001'),
    rule: fc.record({
      domestic: fc.constantFrom('all', 'enrolled', 'none'),
      nonDomestic: fc.constantFrom('all', 'enrolled', 'none'),
    }),
  })
  .map(({ rates, counts, quantities, rounding, vatRate, rule }) => {
    const groups = ['importSupplier', 'gasSupplier'] as const;
    const regions = ['north', 'central', 'south'] as const;
    const statement = parseChargingStatement(
      minimalStatement({
        fixedCharges: [
          { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: rates[0]! },
          ...regions.map((region, index) => ({
            chargingGroup: 'g1' as const,
            region,
            ratePerMeterMonth: rates[1 + index]!,
          })),
          { chargingGroup: 'g2', region: 'national', ratePerMeterMonth: '0.1' },
          { chargingGroup: 'g3', region: 'national', ratePerMeterMonth: rates[4]! },
          { chargingGroup: 'g4', region: 'national', ratePerMeterMonth: '0.1' },
          { chargingGroup: 'g5', region: 'national', ratePerMeterMonth: '0.1' },
        ],
        fixedChCharges: [{ chargingGroup: 'g3', region: 'north', ratePerMeterMonth: rates[5]! }],
        explicitCharges: [
          { code: 'A', description: 'a', unit: 'each', unitPrice: rates[6]! },
          { code: 'B', description: 'b', unit: 'each', unitPrice: rates[7]! },
        ],
        chargeableMeters: { fixed: rule, fixedCh: rule },
      }),
    );
    const meters = parseMeterCounts(
      counts.map((count, index) => ({
        chargingGroup: groups[index % 2],
        region: regions[Math.floor(index / 2) % 3],
        premises: index < 6 ? 'domestic' : 'nonDomestic',
        enrolled: index % 3 !== 0,
        count,
      })),
    );
    const usage = parseUsage(
      quantities.map(([whole, places], index) => ({
        code: index === 0 ? 'A' : 'B',
        quantity:
          places === 0
            ? String(whole)
            : `${Math.floor(whole / 10 ** places)}.${String(whole % 10 ** places).padStart(places, '0')}`,
      })),
    );
    const data = {
      statements: [statement],
      meters,
      usage,
      elective: parseElective([{ reference: 'E1', description: 'credit', amount: '-12.34' }]),
    };
    return {
      data,
      rounding,
      vatRate,
      describe: JSON.stringify({ rates, counts, quantities, rounding, vatRate, rule }),
    };
  });
