/**
 * The round trip: a charges workbook written by `charges --out`, read back by `reconcile
 * --invoice`, matches on every line; the same workbook with amounts typed over in a
 * spreadsheet (edited here, recalculated by an independent formula engine, saved) differs on
 * exactly the edited lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonthlyCharges, Reconciliation } from '../../src/index.js';
import { runCliCapture } from '../support/cli.js';
import { editAndRecalculate } from '../support/edit-workbook.js';
import { recalculate } from '../support/formula-engine.js';
import { penceText, scaledInteger } from '../../src/xlsx/exact-rounding.js';
import { readWorkbookCells, writeWorkbook, type Cell } from '../../src/xlsx.js';
import { parseCellRef } from '../../src/xlsx/cell-refs.js';
import { libreOfficeMissing } from '../support/libreoffice.js';
import { titleWithSkip } from '../support/required-tools.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const DUAL = 'fixtures/examples/dual-fuel-supplier';
const INPUTS = [
  '--statement',
  'fixtures/statements/illustrative-2025-26.json',
  '--month',
  '2025-06',
  '--meters',
  `${DUAL}/meters.json`,
  '--usage',
  `${DUAL}/usage.json`,
  '--elective',
  `${DUAL}/elective.json`,
];

async function charges(): Promise<MonthlyCharges> {
  const run = await runCliCapture(['charges', ...INPUTS, '--format', 'json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as MonthlyCharges;
}

async function reconcile(invoice: string): Promise<{ code: number; result: Reconciliation }> {
  const run = await runCliCapture(['reconcile', '--invoice', invoice, ...INPUTS, '--format', 'json']);
  expect(run.stderr).toBe('');
  return { code: run.code, result: JSON.parse(run.stdout) as Reconciliation };
}

describe('charges workbook round trip', () => {
  it('reads back as an invoice that reconciles with every line a match (exit 0)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dcc-round-trip-'));
    folders.push(folder);
    const book = join(folder, 'charges.xlsx');
    expect((await runCliCapture(['charges', ...INPUTS, '--out', book])).code).toBe(0);
    const expected = await charges();
    const { code, result } = await reconcile(book);
    expect(code).toBe(0);
    expect(result.verdict).toBe('allMatch');
    expect(result.lines).toHaveLength(expected.lines.length);
    expect(result.lines.map((line) => line.status)).toEqual(expected.lines.map(() => 'match'));
    expect([result.totals.net.status, result.totals.vat.status, result.totals.gross.status]).toEqual([
      'match',
      'match',
      'match',
    ]);
    // The invoice rows are located in the workbook: sheet "Charges", one row per line after the header.
    expect(result.lines[0]?.invoiced?.location).toMatchObject({ source: book, sheet: 'Charges' });
  });

  it('with amounts typed over and the workbook recalculated, differs on exactly the edited lines', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dcc-round-trip-'));
    folders.push(folder);
    const book = join(folder, 'charges.xlsx');
    expect((await runCliCapture(['charges', ...INPUTS, '--out', book])).code).toBe(0);
    const expected = await charges();
    // Lines 2 and 17 (sheet rows 3 and 18): one penny more, and ten pounds less.
    // Typed as a user types them: the decimal itself, not a sum of doubles.
    const plusPence = (amount: string, pence: number) => Number(penceText(scaledInteger(amount, 2)! + BigInt(pence)));
    const edits = [
      { line: 1, value: plusPence(expected.lines[1]!.amount, 1) },
      { line: 16, value: plusPence(expected.lines[16]!.amount, -1000) },
    ];
    const edited = editAndRecalculate(
      readFileSync(book),
      edits.map((edit) => ({ sheet: 'Charges', ref: `I${edit.line + 2}`, value: edit.value })),
    );
    // The totals follow the edit: net = old net + 0.01 - 10.00, by the workbook's own formulas.
    const n = expected.lines.length;
    const net = recalculate(edited).value('Charges', `G${n + 2}`) as number;
    expect(Math.round(net * 100)).toBe(Math.round(Number(expected.totals.net) * 100) + 1 - 1000);
    const editedPath = join(folder, 'edited.xlsx');
    writeFileSync(editedPath, edited);
    const { code, result } = await reconcile(editedPath);
    expect(code).toBe(1);
    const key = (line: { kind: string; chargingGroup?: string; region?: string; code?: string }) =>
      [line.kind, line.chargingGroup ?? '', line.region ?? '', line.code ?? ''].join('/');
    const editedKeys = new Map(
      edits.map((edit, index) => [key(expected.lines[edit.line]!), ['0.01', '-10.00'][index]]),
    );
    expect(result.lines).toHaveLength(n);
    for (const line of result.lines) {
      const difference = editedKeys.get(key(line.key));
      expect({ line: key(line.key), status: line.status, difference: line.difference.amount }).toEqual({
        line: key(line.key),
        status: difference === undefined ? 'match' : 'amountDiffers',
        difference: difference ?? '0.00',
      });
    }
    // The invoice's own net (its stated VAT base) is the edited sum, so the net total differs by 0.01 - 10.00.
    expect(result.totals.net.difference).toBe('-9.99');
  });
});

/** Why LibreOffice cannot recalculate here, or undefined when it can (`.ci/run` installs Debian's libreoffice-calc). */
const noLibreOffice = libreOfficeMissing();

/** The workbook with every formula's saved value taken out, so that only a recalculation can give one. */
function withoutSavedValues(bytes: Uint8Array): Uint8Array {
  return writeWorkbook(
    readWorkbookCells(bytes).map((sheet) => {
      const rows: (Cell | undefined)[][] = [];
      for (const [ref, cell] of sheet.cells) {
        const place = parseCellRef(ref)!;
        (rows[place.row - 1] ??= [])[place.column] =
          cell.formula !== undefined
            ? { formula: cell.formula }
            : cell.value === undefined
              ? undefined
              : { value: cell.value };
      }
      for (let index = 0; index < rows.length; index += 1) rows[index] ??= [];
      return { name: sheet.name, rows };
    }),
  );
}

describe.skipIf(noLibreOffice !== undefined)(
  titleWithSkip('charges workbooks recalculated by LibreOffice', noLibreOffice),
  () => {
    it("give the library's figures and reconcile with every line a match", { timeout: 300_000 }, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'dcc-round-trip-lo-'));
      folders.push(folder);
      const cases = [
        { name: 'dual', args: INPUTS },
        {
          name: 'network',
          args: [
            '--statement',
            'fixtures/statements/illustrative-2025-26.json',
            '--month',
            '2025-06',
            '--meters',
            'fixtures/examples/network-operator/meters.json',
            '--usage',
            'fixtures/examples/network-operator/usage.json',
            '--rounding',
            'halfEven',
          ],
        },
      ];
      const blank: string[] = [];
      for (const entry of cases) {
        const book = join(folder, `${entry.name}.xlsx`);
        expect((await runCliCapture(['charges', ...entry.args, '--out', book])).code).toBe(0);
        const path = join(folder, `${entry.name}-blank.xlsx`);
        writeFileSync(path, withoutSavedValues(readFileSync(book)));
        blank.push(path);
      }
      const out = join(folder, 'recalculated');
      mkdirSync(out);
      // LibreOffice's own temporary files go inside the test's folder.
      mkdirSync(join(folder, 'tmp'));
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${join(folder, 'profile')}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          ...blank,
        ],
        { stdio: 'ignore', env: { ...process.env, TMPDIR: join(folder, 'tmp') } },
      );
      for (const entry of cases) {
        const recalculated = join(out, `${entry.name}-blank.xlsx`);
        const json = await runCliCapture(['charges', ...entry.args, '--format', 'json']);
        const expected = JSON.parse(json.stdout) as MonthlyCharges;
        const cells = readWorkbookCells(readFileSync(recalculated)).find((sheet) => sheet.name === 'Charges')!.cells;
        expected.lines.forEach((line, index) =>
          expect(cells.get(`I${index + 2}`)?.value, line.description).toBe(Number(line.amount)),
        );
        const n = expected.lines.length;
        expect([cells.get(`G${n + 2}`)?.value, cells.get(`I${n + 2}`)?.value, cells.get(`I${n + 3}`)?.value]).toEqual([
          Number(expected.totals.net),
          Number(expected.totals.vat),
          Number(expected.totals.gross),
        ]);
        const run = await runCliCapture(['reconcile', '--invoice', recalculated, ...entry.args, '--format', 'json']);
        expect(run.code, run.stderr).toBe(0);
        expect((JSON.parse(run.stdout) as Reconciliation).lines.map((line) => line.status)).toEqual(
          expected.lines.map(() => 'match'),
        );
      }
    });
  },
);
