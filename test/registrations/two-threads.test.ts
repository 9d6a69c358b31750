/**
 * The two-thread file count (a worker parses chunk bodies, this thread stitches and counts)
 * gives what the one-thread count gives: the same counts and summary, the same rejected rows
 * with the same reasons, lines and records in the same order, and in strict mode the same
 * error. The files mix valid rows with every kind of trouble the splitter and the reference
 * validator handle (quoted cells, records spanning lines, blank lines, bad rows, overlaps,
 * CRLF, a byte-order mark), and are cut into small chunks so that chunk ends fall everywhere,
 * inside quoted cells too.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistrations } from '../../bench/generate-registrations.js';
import { countRegistrationsFile } from '../../src/node.js';
import { countRegistrationsFileOnTwoThreads } from '../../src/node/registration-files.js';
import type { CountRegisteredMetersOptions } from '../../src/registrations/count-options.js';
import type { RejectedRegistration } from '../../src/registrations/tally.js';

const folder = mkdtempSync(join(tmpdir(), 'dcc-two-threads-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const OPTIONS = { from: '2025-04', to: '2026-03' } as const;

/**
 * The properties are sized by runs and rows (a 400-row register, 12 and 8 runs), not by seconds:
 * they run without a time limit, so a slower machine takes longer but cannot fail them.
 */
const NO_TIME_LIMIT = 0;

/** What a count gave: its result, or its error's issues; and the rows it rejected, in order. */
async function outcome(
  count: (options: CountRegisteredMetersOptions) => Promise<unknown>,
  mode: 'strict' | 'skip-invalid',
) {
  const rejected: RejectedRegistration[] = [];
  try {
    const result = await count({ ...OPTIONS, mode, onReject: (row) => rejected.push(row) });
    return { result, rejected };
  } catch (error) {
    return { error: (error as { issues?: unknown }).issues ?? String(error), rejected };
  }
}

/** Counts a file both ways, in both modes, and expects the same outcomes. */
async function expectSameBothWays(file: string, chunkBytes: number): Promise<{ rowsRejected: number }> {
  let rowsRejected = 0;
  for (const mode of ['skip-invalid', 'strict'] as const) {
    const one = await outcome((options) => countRegistrationsFile(file, { ...options, threads: 1 }), mode);
    const two = await outcome(
      (options) => countRegistrationsFileOnTwoThreads(file, options, { chunkBytes, waitForWorker: true }),
      mode,
    );
    expect(two).toEqual(one);
    if (mode === 'skip-invalid') rowsRejected = one.rejected.length;
  }
  return { rowsRejected };
}

/** Valid lines of a synthetic register (no header), made once. */
const VALID_LINES = (() => {
  const file = join(folder, 'valid.csv');
  generateRegistrations(file, 400, 11);
  return readFileSync(file, 'utf8').split('\n').slice(1, -1);
})();
const HEADER = 'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom,region,gspGroup';

/** Ways of spoiling or dressing a line; each keeps the file a CSV file the splitter can read. */
const TROUBLE = {
  // A quoted cell: valid, but only the reference validator takes it.
  quoted: (line: string) => line.replace(/^([^,]*),([^,]*)/, '$1,"$2"'),
  // A quoted cell holding line ends and lines that look like valid rows (longer than the
  // smallest chunks, so that a chunk's whole body can be inside it).
  spanning: (line: string) => line.replace(/^([^,]*),([^,]*)/, `$1,"$2\n${VALID_LINES.slice(0, 4).join('\n')}\n"`),
  badCheckDigit: (line: string) =>
    line.replace(/^(\d{12})(\d)/, (_, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}`),
  impossibleDate: (line: string) => line.replace(/\d{4}-\d{2}-\d{2}/, '2025-02-30'),
  ragged: (line: string) => line.replace(/,[^,]*$/, ''),
  strayQuote: (line: string) => line.replace(/^(\d{3})/, '$1"'),
  blankBefore: (line: string) => `\n${line}`,
  // The same registration again: it overlaps the first.
  repeated: (line: string) => `${line}\n${line}`,
} as const;
type Trouble = keyof typeof TROUBLE;

describe('counting a file on two threads', () => {
  it(
    'gives the one-thread outcome whatever the troubles, line ends and chunk ends',
    async () => {
      let run = 0;
      let sawRejected = false;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              at: fc.nat(VALID_LINES.length - 1),
              trouble: fc.constantFrom(...(Object.keys(TROUBLE) as Trouble[])),
            }),
            { maxLength: 40 },
          ),
          fc.oneof(fc.integer({ min: 40, max: 200 }), fc.integer({ min: 200, max: 3000 })),
          fc.boolean(),
          fc.boolean(),
          async (troubles, chunkBytes, crlf, bom) => {
            const lines = [...VALID_LINES];
            for (const { at, trouble } of troubles) lines[at] = TROUBLE[trouble](lines[at] as string);
            const text = `${bom ? '\uFEFF' : ''}${[HEADER, ...lines].join('\n')}\n`;
            const file = join(folder, `register-${run}.csv`);
            run += 1;
            writeFileSync(file, crlf ? text.replace(/\n/g, '\r\n') : text);
            const { rowsRejected } = await expectSameBothWays(file, chunkBytes);
            sawRejected ||= rowsRejected > 0;
          },
        ),
        { numRuns: 12 },
      );
      expect(sawRejected).toBe(true);
    },
    NO_TIME_LIMIT,
  );

  it(
    'reads the header across chunks, and fails on a bad header or a header-only file as one thread does',
    async () => {
      const long = join(folder, 'long-header.csv');
      writeFileSync(long, `${HEADER}\n${VALID_LINES.join('\n')}\n`);
      await expectSameBothWays(long, 16);
      const bad = join(folder, 'bad-header.csv');
      writeFileSync(bad, `${HEADER.replace('premises', 'premise')}\n${VALID_LINES.join('\n')}\n`);
      const error = await countRegistrationsFileOnTwoThreads(bad, OPTIONS, {
        chunkBytes: 64,
        waitForWorker: true,
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ issues: [{ code: 'missingColumn' }, { code: 'unknownColumn' }] });
      const headerOnly = join(folder, 'header-only.csv');
      writeFileSync(headerOnly, `${HEADER}\n`);
      const counted = await countRegistrationsFileOnTwoThreads(headerOnly, OPTIONS, {
        chunkBytes: 64,
        waitForWorker: true,
      });
      expect(counted).toEqual(await countRegistrationsFile(headerOnly, { ...OPTIONS, threads: 1 }));
    },
    NO_TIME_LIMIT,
  );
});

describe('counting a file past the overlap memory budget', () => {
  /** The rejected rows by line, and the strict-mode issues in order of line. */
  const byLine = (value: { result?: unknown; error?: unknown; rejected: RejectedRegistration[] }) => ({
    result: value.result,
    error: Array.isArray(value.error)
      ? [...(value.error as { line?: number }[])].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      : value.error,
    rejected: [...value.rejected].sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0)),
  });
  const spillFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('dcc-charges-overlaps-')).length;

  it(
    'finds the same overlaps after the pass as in one pass, on one thread and on two, and leaves no file behind',
    async () => {
      const before = spillFolders();
      let run = 0;
      let sawOverlap = false;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              at: fc.nat(VALID_LINES.length - 1),
              trouble: fc.constantFrom<Trouble>('repeated', 'repeated', 'badCheckDigit', 'quoted', 'spanning'),
            }),
            { maxLength: 6 },
          ),
          fc.integer({ min: 3_200, max: 64_000 }),
          fc.constantFrom<1 | 2>(1, 2),
          async (troubles, overlapBudgetBytes, threads) => {
            const lines = [...VALID_LINES];
            for (const { at, trouble } of troubles) lines[at] = TROUBLE[trouble](lines[at] as string);
            const file = join(folder, `spill-${run}.csv`);
            run += 1;
            writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
            for (const mode of ['skip-invalid', 'strict'] as const) {
              const one = await outcome((options) => countRegistrationsFile(file, { ...options, threads: 1 }), mode);
              const spilled = await outcome(
                (options) =>
                  countRegistrationsFileOnTwoThreads(file, options, {
                    chunkBytes: 512,
                    waitForWorker: true,
                    overlapBudgetBytes,
                    threads,
                  }),
                mode,
              );
              expect(byLine(spilled)).toEqual(byLine(one));
              sawOverlap ||= one.rejected.some((row) =>
                row.issues.some((issue) => issue.code === 'overlappingRegistration'),
              );
            }
          },
        ),
        { numRuns: 8 },
      );
      expect(sawOverlap).toBe(true);
      expect(spillFolders()).toBe(before);
    },
    NO_TIME_LIMIT,
  );
});

describe('the overlap memory option', () => {
  it('refuses a budget that is not a number of bytes above 0', async () => {
    const file = join(folder, 'option.csv');
    writeFileSync(file, `${HEADER}\n${VALID_LINES.join('\n')}\n`);
    for (const overlapMemoryBytes of [0, -1, Number.NaN]) {
      await expect(countRegistrationsFile(file, { ...OPTIONS, overlapMemoryBytes })).rejects.toMatchObject({
        issues: [{ field: 'overlapMemoryBytes', code: 'invalidValue' }],
      });
    }
  });
});
