/**
 * Property tests: the skip-invalid accounting (rows read = counted + rejected, every invalid
 * row rejected, nothing else lost), the counts against an independent reading of the rule
 * (ISO date strings compared as text), the object and CSV paths agreeing whatever the chunk
 * sizes, and the streaming record splitter agreeing with the foundation's CSV reader.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv } from '../../src/tables/csv.js';
import { CsvRecordSplitter, splitCsvRecord } from '../../src/tables/csv-records.js';
import type { RegistrationRow } from '../../src/registrations/registration.js';
import type { RegisteredMeterCounts } from '../../src/registrations/count-options.js';
import { chunked, countBoth, withCheckDigit } from './helpers.js';

const CANONICAL: Record<string, string> = {
  importSupplier: 'importSupplier',
  g1: 'importSupplier',
  exportSupplier: 'exportSupplier',
  electricityDistributor: 'electricityDistributor',
  gasSupplier: 'gasSupplier',
  g3: 'gasSupplier',
  gasTransporter: 'gasTransporter',
};
/** The test's own copy of the Regions: of DNO distributor ids used here, and of GSP Groups. */
const REGION_OF_DISTRIBUTOR: Record<string, string> = { '10': 'central', '12': 'south', '17': 'north', '23': 'north' };
const REGION_OF_GSP: Record<string, string> = { _A: 'central', _C: 'south', _K: 'central', _N: 'north', _P: 'north' };
const ELECTRICITY_POINTS = ['100000000123', '120000004567', '170000008901', '230000002345', '250000006789'].map(
  withCheckDigit,
);
const GAS_POINTS = ['7400123456', '9100000001', '123456'];

const isoDate = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86400000).toISOString().slice(0, 10);

interface Generated {
  readonly row: RegistrationRow;
  readonly invalid: boolean;
}

const validRow = fc
  .record({
    electricity: fc.boolean(),
    point: fc.nat(10),
    group: fc.nat(10),
    nonDomestic: fc.boolean(),
    from: fc.integer({ min: 0, max: 760 }),
    length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    enrolled: fc.option(fc.integer({ min: -100, max: 800 }), { nil: undefined }),
    gsp: fc.constantFrom('_A', '_C', '_K', '_N', '_P'),
    statePlace: fc.boolean(),
  })
  .map(({ electricity, point, group, nonDomestic, from, length, enrolled, gsp, statePlace }): RegistrationRow => {
    const base = {
      premises: nonDomestic ? 'nonDomestic' : 'domestic',
      registeredFrom: isoDate(from),
      registeredTo: length === undefined ? '' : isoDate(from + length),
      enrolledFrom: enrolled === undefined ? '' : isoDate(enrolled),
    };
    if (!electricity) {
      const chargingGroup = (['gasSupplier', 'g3', 'gasTransporter'] as const)[group % 3] as string;
      return {
        ...base,
        meterPoint: GAS_POINTS[point % GAS_POINTS.length] as string,
        chargingGroup,
        region: ['north', 'central', 'south'][point % 3] as string,
      };
    }
    const meterPoint = ELECTRICITY_POINTS[point % ELECTRICITY_POINTS.length] as string;
    const chargingGroup = (['importSupplier', 'g1', 'exportSupplier', 'electricityDistributor'] as const)[
      group % 4
    ] as string;
    const distributor = meterPoint.slice(0, 2);
    if (distributor === '25')
      return {
        ...base,
        meterPoint,
        chargingGroup,
        gspGroup: gsp,
        ...(statePlace ? { region: REGION_OF_GSP[gsp] as string } : {}),
      };
    return {
      ...base,
      meterPoint,
      chargingGroup,
      ...(statePlace ? { region: REGION_OF_DISTRIBUTOR[distributor] as string } : {}),
    };
  });

const MUTATIONS: readonly ((row: RegistrationRow) => RegistrationRow | undefined)[] = [
  (row) =>
    /^[0-9]{13}$/.test(row.meterPoint)
      ? { ...row, meterPoint: `${row.meterPoint.slice(0, 12)}${(Number(row.meterPoint[12]) + 1) % 10}` }
      : undefined,
  (row) => ({ ...row, registeredFrom: '2025-02-30' }),
  (row) => ({ ...row, chargingGroup: 'g7' }),
  (row) => ({ ...row, premises: 'flat' }),
  (row) => ({ ...row, registeredFrom: '2025-06-02', registeredTo: '2025-06-01' }),
  (row) => ({ ...row, gspGroup: '_O' }),
  (row) => ({ ...row, enrolledFrom: '2024-13-01' }),
  (row) => (row.region !== undefined && !/^[0-9]{13}$/.test(row.meterPoint) ? { ...row, region: '' } : undefined),
];

const generatedRow: fc.Arbitrary<Generated> = fc
  .tuple(validRow, fc.option(fc.nat(MUTATIONS.length - 1), { nil: undefined, freq: 3 }))
  .map(([row, mutation]) => {
    const mutated =
      mutation === undefined
        ? undefined
        : (MUTATIONS[mutation] as (row: RegistrationRow) => RegistrationRow | undefined)(row);
    return mutated === undefined ? { row, invalid: false } : { row: mutated, invalid: true };
  });

function snapshotDate(month: string, day: number | 'last'): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day === 'last' ? last : Math.min(day, last)).padStart(2, '0')}`;
}

/** The rule read independently: which rows survive, and what they count. */
function oracle(generated: readonly Generated[], months: readonly string[], day: number | 'last') {
  const accepted: RegistrationRow[] = [];
  const rejectedLines: number[] = [];
  generated.forEach(({ row, invalid }, index) => {
    const line = index + 2;
    const group = CANONICAL[row.chargingGroup] as string;
    const end = (r: RegistrationRow) =>
      r.registeredTo === '' || r.registeredTo == null ? '9999-12-31' : r.registeredTo;
    const overlaps = accepted.some(
      (other) =>
        other.meterPoint === row.meterPoint &&
        CANONICAL[other.chargingGroup] === group &&
        other.registeredFrom <= end(row) &&
        row.registeredFrom <= end(other),
    );
    if (invalid || overlaps) rejectedLines.push(line);
    else accepted.push(row);
  });
  const counts = new Map<string, number>();
  for (const month of months) {
    const snapshot = snapshotDate(month, day);
    for (const row of accepted) {
      const to = row.registeredTo === '' || row.registeredTo == null ? '9999-12-31' : row.registeredTo;
      if (!(row.registeredFrom <= snapshot && snapshot <= to)) continue;
      const region =
        row.region !== undefined && row.region !== ''
          ? row.region
          : row.gspGroup != null
            ? REGION_OF_GSP[row.gspGroup]
            : REGION_OF_DISTRIBUTOR[row.meterPoint.slice(0, 2)];
      const enrolled = row.enrolledFrom !== '' && row.enrolledFrom != null && row.enrolledFrom <= snapshot;
      const key = [month, CANONICAL[row.chargingGroup], region, row.premises, String(enrolled)].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return { rejectedLines, counts };
}

function nonZero(result: RegisteredMeterCounts): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of result.counts) {
    if (row.count > 0)
      map.set([row.month, row.chargingGroup, row.region, row.premises, String(row.enrolled)].join('|'), row.count);
  }
  return map;
}

describe('skip-invalid accounting and the counting rule', () => {
  it('rows read = counted + rejected; invalid rows and only they (and later overlaps) are rejected; counts match the rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedRow, { maxLength: 40 }),
        fc.constantFrom<number | 'last'>('last', 1, 15, 29, 30, 31),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
        async (generated, snapshotDay, chunkSizes) => {
          const months = [
            '2024-02',
            '2024-03',
            '2024-04',
            '2024-05',
            '2024-06',
            '2024-07',
            '2024-08',
            '2024-09',
            '2024-10',
            '2024-11',
            '2024-12',
            '2025-01',
            '2025-02',
            '2025-03',
          ];
          const { result, rejected } = await countBoth(
            generated.map((g) => g.row),
            { from: '2024-02', to: '2025-03', snapshotDay, mode: 'skip-invalid' },
            chunkSizes,
          );
          const expected = oracle(generated, months, snapshotDay);
          expect(result.summary.rowsRead).toBe(generated.length);
          expect(result.summary.rowsRead).toBe(result.summary.rowsCounted + result.summary.rowsRejected);
          expect(rejected.map((r) => r.location.line)).toEqual(expected.rejectedLines);
          expect(rejected.every((r) => r.issues.length > 0)).toBe(true);
          expect(nonZero(result)).toEqual(expected.counts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the streaming record splitter', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', 'x y', '2025-04-30', 'g1', '1012345678903'),
    fc.stringMatching(/^[a-z0-9 ,"\r\n]{0,6}$/),
  );
  const csvText = fc
    .array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
    .chain((records) =>
      fc
        .constantFrom('\n', '\r\n')
        .map((lineEnd) =>
          records
            .map((cells) => cells.map(([text, quote]) => (quote ? `"${text.replace(/"/g, '""')}"` : text)).join(','))
            .join(lineEnd),
        ),
    );

  it('finds the same records, cells and lines as the foundation CSV reader, whatever the chunks', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }), (text, sizes) => {
        const records: { line: number; cells: string[] }[] = [];
        const splitter = new CsvRecordSplitter({
          fast: () => false,
          slow: (record, line) => {
            const { cells } = splitCsvRecord(record);
            if (record !== '') records.push({ line, cells });
          },
        });
        for (const chunk of chunked(new TextEncoder().encode(text), sizes)) splitter.push(chunk);
        splitter.end();
        const reference = readCsv(text);
        if (reference.issues.some((issue) => issue.code === 'malformedCsv')) return;
        const headerLines = reference.header.length === 0 ? [] : [reference.headerLine];
        expect(records.map((r) => r.line)).toEqual([...headerLines, ...reference.rows.map((row) => row.line)]);
        expect(records.slice(1).map((r) => r.cells)).toEqual(reference.rows.map((row) => row.cells));
      }),
      { numRuns: 500 },
    );
  });
});
