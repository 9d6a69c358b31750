/**
 * LibreOffice Calc as a second, independent spreadsheet program for tests: workbooks converted
 * headlessly (`soffice --headless --convert-to xlsx`) in a fresh profile that recalculates every
 * formula on load (by default LibreOffice keeps the values saved in an .xlsx), then read back
 * with the values LibreOffice computed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readWorkbookCells } from '../../src/xlsx.js';
import { skipReason } from './required-tools.js';

/** The soffice executable on PATH, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  const found = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? 'soffice' : undefined;
}

/**
 * Why the LibreOffice tests cannot run here (for a skipped test's title), or undefined when
 * `soffice` is on PATH.
 * @throws Error when it is missing and DCC_CHARGES_REQUIRE_TOOLS=1 (see `required-tools.ts`).
 */
export function libreOfficeMissing(): string | undefined {
  return skipReason(
    'LibreOffice',
    findSoffice() === undefined ? 'soffice is not on PATH (install libreoffice-calc to run these tests)' : undefined,
  );
}

/** Recalculate on load, for files from Excel (OOXML) and LibreOffice (ODF) alike. */
const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A workbook recalculated by LibreOffice: the value of a cell such as `Charges!I2`. */
export type LibreOfficeValue = (sheet: string, ref: string) => unknown;

/**
 * Converts workbooks with one LibreOffice run (in a temporary folder, removed afterwards) and
 * returns, for each, the values LibreOffice computed.
 * @throws Error with LibreOffice's output when a conversion fails.
 */
export function recalculateWithLibreOffice(workbooks: readonly Uint8Array[]): LibreOfficeValue[] {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-soffice-'));
  try {
    const profile = join(folder, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD);
    const inputs = join(folder, 'in');
    const outputs = join(folder, 'out');
    // LibreOffice's own temporary files go inside the folder removed below.
    const scratch = join(folder, 'tmp');
    mkdirSync(inputs);
    mkdirSync(outputs);
    mkdirSync(scratch);
    const files = workbooks.map((bytes, index) => {
      const file = join(inputs, `book${index}.xlsx`);
      writeFileSync(file, bytes);
      return file;
    });
    const run = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'xlsx',
        '--outdir',
        outputs,
        ...files,
      ],
      { encoding: 'utf8', timeout: 20 * 60 * 1000, env: { ...process.env, TMPDIR: scratch } },
    );
    return workbooks.map((_, index) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(join(outputs, `book${index}.xlsx`));
      } catch {
        throw new Error(
          `LibreOffice did not convert book${index}.xlsx (exit ${String(run.status)}):\n${run.stdout}\n${run.stderr}`,
        );
      }
      const sheets = new Map(readWorkbookCells(bytes).map((sheet) => [sheet.name, sheet.cells]));
      return (sheet: string, ref: string) => {
        const cells = sheets.get(sheet);
        if (cells === undefined) throw new Error(`no sheet ${sheet} in LibreOffice's output`);
        const value = cells.get(ref)?.value;
        return value === undefined ? null : value;
      };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
