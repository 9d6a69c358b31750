import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
import { monthsOfRegulatoryYear } from '../../src/vocabulary/months.js';
import { writeWorkbook } from '../../src/xlsx.js';
import { lineKey, meterKey, MODEL_TOTALS, workingModelSheets, type WorkingModel, type WorkingModelInput } from '../../src/xlsx/working-model.js';
import { recalculate } from '../support/formula-engine.js';
import { minimalStatement } from '../support/statements.js';

const illustrative = readChargingStatement(readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8'), 'illustrative-2025-26.json');
const reported = readChargingStatement(readFileSync('fixtures/statements/reported-2026-27.json', 'utf8'), 'reported-2026-27.json');

function rows(path: string): unknown {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return Array.isArray(data) ? data : (data as { rows: unknown[] }).rows;
}

interface Example {
  readonly name: string;
  readonly statements: readonly ChargingStatement[];
  readonly month: string;
  readonly meters: MeterCountRow[];
  readonly usage: UsageRow[];
  readonly elective: ElectiveRow[];
}

function example(name: string, statement: ChargingStatement, month: string, meters: string, usage?: string, elective?: string): Example {
  return {
    name,
    statements: [statement],
    month,
    meters: parseMeterCounts(rows(meters)),
    usage: usage === undefined ? [] : parseUsage(rows(usage)),
    elective: elective === undefined ? [] : parseElective(rows(elective)),
  };
}

const EXAMPLES: readonly Example[] = [
  example('dual-fuel supplier', illustrative, '2025-06', 'fixtures/examples/dual-fuel-supplier/meters.json', 'fixtures/examples/dual-fuel-supplier/usage.json', 'fixtures/examples/dual-fuel-supplier/elective.json'),
  example('network operator', illustrative, '2025-06', 'fixtures/examples/network-operator/meters.json', 'fixtures/examples/network-operator/usage.json'),
  example('reported 2026/27 supplier', reported, '2026-06', 'fixtures/examples/reported-2026-27/supplier-meters.json'),
];

/** The value of a cell, from whichever engine recalculated the workbook. */
type CellValue = (sheet: string, ref: string) => unknown;

/**
 * Every figure of the recalculated model against the library's charges: each line's quantity,
 * unit price and amount, every row the library does not charge at 0, each total, and the
 * annual column as the sum of the months.
 */
function expectLibraryFigures(value: CellValue, model: WorkingModel, expected: readonly MonthlyCharges[]): void {
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
      expect(value('Charges', `${columns.quantity}${row}`), `${charges.month} ${key} quantity`).toBe(Number(line.quantity));
      expect(value('Charges', `${columns.unitPrice}${row}`), `${charges.month} ${key} unit price`).toBe(Number(line.unitPrice));
      annual.set(key, (annual.get(key) ?? 0n) + pence(line.amount));
    }
    for (const [key, row] of layout.lineRows) {
      if (!charged.has(key)) expect(value('Charges', `${columns.amount}${row}`), `${charges.month} ${key} not charged`).toBe(0);
    }
    for (const total of MODEL_TOTALS) {
      expect(value('Charges', `${columns.amount}${layout.totalRows[total]}`), `${charges.month} ${total}`).toBe(Number(charges.totals[total]));
    }
  });
  if (layout.annualColumn !== undefined) {
    for (const [key, row] of layout.lineRows) {
      expect(value('Charges', `${layout.annualColumn}${row}`), `annual ${key}`).toBe(Number(annual.get(key) ?? 0n) / 100);
    }
    for (const total of MODEL_TOTALS) {
      const sum = expected.reduce((acc, charges) => acc + pence(charges.totals[total]), 0n);
      expect(value('Charges', `${layout.annualColumn}${layout.totalRows[total]}`), `annual ${total}`).toBe(Number(sum) / 100);
    }
  }
}

function modelInput(example: Omit<Example, 'name' | 'month'>, months: readonly string[], options: { rounding?: RoundingMode; vatRate?: string; year?: string } = {}): WorkingModelInput {
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

function libraryCharges(example: Omit<Example, 'name' | 'month'>, month: string, options: { rounding?: RoundingMode; vatRate?: string } = {}): MonthlyCharges {
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

/** Recalculates the workbook in HyperFormula; the saved values must be what it recalculates. */
function recalculated(model: WorkingModel) {
  const book = recalculate(writeWorkbook(model.sheets));
  for (const sheet of model.sheets) expect(book.savedDiffer(sheet.name), sheet.name).toEqual([]);
  return book;
}

describe('the working model, recalculated by an independent formula engine', () => {
  for (const item of EXAMPLES) {
    it(`gives the library's figures on every line and total: ${item.name}`, () => {
      const model = workingModelSheets(modelInput(item, [item.month]));
      const expected = [libraryCharges(item, item.month)];
      expect(expected[0]!.lines.length).toBeGreaterThan(0);
      expectLibraryFigures(recalculated(model).value, model, expected);
    });
  }

  it('changes its totals as the library does when a count, a usage quantity or the VAT rate is edited', () => {
    const item = EXAMPLES[0]!;
    const model = workingModelSheets(modelInput(item, [item.month]));
    const book = recalculated(model);
    const { layout } = model;
    // 1,000 more enrolled domestic Import Supplier meters in the north, usage of one code doubled, VAT at 5%.
    const key = meterKey('importSupplier', 'north', 'domestic', true);
    const before = item.meters.find((row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key)!;
    book.setValue('Inputs', `${layout.meterCountColumns[0]}${layout.meterRows.get(key)}`, before.count + 1000);
    book.setValue('Inputs', `${layout.usageColumns[0]}${layout.usageRows.get('CH_RETURN_SINGLE_BAND')}`, 24);
    book.setValue('Inputs', layout.vatRateCell, 0.05);
    const edited = {
      ...item,
      meters: item.meters.map((row) => (row === before ? { ...row, count: before.count + 1000 } : row)),
      usage: [...item.usage.filter((row) => row.code !== 'CH_RETURN_SINGLE_BAND'), { code: 'CH_RETURN_SINGLE_BAND', quantity: '24' }],
    };
    const after = libraryCharges(edited, item.month, { vatRate: '0.05' });
    expect(after.totals.net).not.toBe(libraryCharges(item, item.month).totals.net);
    expectLibraryFigures(book.value, model, [after]);
  });

  it('charges a meter typed into an empty count cell (a line the library did not charge before)', () => {
    const item = EXAMPLES[1]!;
    const model = workingModelSheets(modelInput(item, [item.month]));
    const book = recalculated(model);
    const key = meterKey('gasSupplier', 'south', 'nonDomestic', false);
    expect(item.meters.some((row) => meterKey(row.chargingGroup, row.region, row.premises, row.enrolled) === key)).toBe(false);
    book.setValue('Inputs', `${model.layout.meterCountColumns[0]}${model.layout.meterRows.get(key)}`, 7);
    const after = libraryCharges({ ...item, meters: [...item.meters, { chargingGroup: 'gasSupplier', region: 'south', premises: 'nonDomestic', enrolled: false, count: 7 }] }, item.month);
    expectLibraryFigures(book.value, model, [after]);
  });
});

/** The illustrative statement for April to September, and a revision from October under the enrolled-only rule. */
function revisedYear(): ChargingStatement[] {
  const first = { ...illustrative, id: 'illustrative-2025-26-h1', effectiveTo: '2025-09' };
  const input = JSON.parse(readFileSync('fixtures/statements/illustrative-2025-26.json', 'utf8')) as ChargingStatementInput;
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
      .map((row) => ({ ...row, ratePerMeterMonth: row.ratePerMeterMonth.includes('.') ? `${row.ratePerMeterMonth}7` : `${row.ratePerMeterMonth}.7` })),
  });
  return [first, second];
}

describe('the working model of a Regulatory Year', () => {
  it('uses the statement in force in each month and gives each month and the year as the library does', () => {
    const item = EXAMPLES[0]!;
    const statements = revisedYear();
    // Counts that change in August (rows with a month) on top of counts for every month.
    const meters = parseMeterCounts([
      ...item.meters.filter((row) => !(row.chargingGroup === 'gasSupplier' && row.region === 'central')).map((row) => ({ ...row })),
      ...monthsOfRegulatoryYear('2025/26').flatMap((month, index) => [
        { month, chargingGroup: 'gasSupplier', region: 'central', premises: 'domestic', enrolled: true, count: 50_000 + 1_000 * index },
        { month, chargingGroup: 'gasSupplier', region: 'central', premises: 'domestic', enrolled: false, count: 9_001 + 13 * index },
      ]),
    ]);
    const data = { ...item, statements, meters };
    const months = monthsOfRegulatoryYear('2025/26');
    const model = workingModelSheets(modelInput(data, months, { year: '2025/26' }));
    const expected = months.map((month) => libraryCharges(data, month));
    expect(new Set(expected.map((charges) => charges.statement.id))).toEqual(new Set(['illustrative-2025-26-h1', 'illustrative-2025-26-h2']));
    expect(model.layout.annualColumn).toBeDefined();
    expectLibraryFigures(recalculated(model).value, model, expected);
  });

  it('refuses a year with a month no statement is in force for, naming the months', () => {
    const item = EXAMPLES[0]!;
    const [first] = revisedYear();
    const months = monthsOfRegulatoryYear('2025/26');
    expect(() => workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' }))).toThrow(/noStatementInForce|covered by a Charging Statement/);
    try {
      workingModelSheets(modelInput({ ...item, statements: [first!] }, months, { year: '2025/26' }));
    } catch (error) {
      const issues = (error as { issues: { code: string; received?: string }[] }).issues;
      expect(issues.map((issue) => issue.received)).toEqual(['"2025-10"', '"2025-11"', '"2025-12"', '"2026-01"', '"2026-02"', '"2026-03"']);
      expect(new Set(issues.map((issue) => issue.code))).toEqual(new Set(['noStatementInForce']));
    }
  });
});

const MODES: readonly RoundingMode[] = ['halfUp', 'halfEven', 'halfDown', 'up', 'down'];

/** A rate with up to 10 decimal places, below 100. */
const rateArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 10 }))
  .map(([whole, fraction, places]) => (places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(10, '0').slice(0, places)}`));

/** Rates that make ties: half a penny per meter, so an odd count lands exactly on a half penny. */
const tieRate = fc.constantFrom('0.005', '0.015', '0.125', '0.0025', '0.0005', '0.000005');

describe('the working model on random inputs', () => {
  it('recalculates to the library on random counts up to 10^9, rates up to 10 decimal places, every rounding mode, ties included', () => {
    const groups = ['importSupplier', 'gasSupplier'] as const;
    const regions = ['north', 'central', 'south'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(rateArbitrary, tieRate), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...MODES),
        fc.constantFrom('0.20', '0.05', '0.175', '0', '0.0000000001'),
        fc.record({ domestic: fc.constantFrom('all', 'enrolled', 'none'), nonDomestic: fc.constantFrom('all', 'enrolled', 'none') }),
        (rates, counts, quantities, rounding, vatRate, rule) => {
          const statement = parseChargingStatement(
            minimalStatement({
              fixedCharges: [
                { chargingGroup: 'g1', region: 'national', ratePerMeterMonth: rates[0]! },
                ...regions.map((region, index) => ({ chargingGroup: 'g1', region, ratePerMeterMonth: rates[1 + index]! })),
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
              quantity: places === 0 ? String(whole) : `${Math.floor(whole / 10 ** places)}.${String(whole % 10 ** places).padStart(places, '0')}`,
            })),
          );
          const data = { statements: [statement], meters, usage, elective: parseElective([{ reference: 'E1', description: 'credit', amount: '-12.34' }]) };
          const model = workingModelSheets(modelInput(data, ['2025-06'], { rounding, vatRate }));
          expectLibraryFigures(recalculated(model).value, model, [libraryCharges(data, '2025-06', { rounding, vatRate })]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
