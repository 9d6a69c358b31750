/**
 * `npm run screenshots:model`: docs/working-model.png, the Charges sheet of the working model of
 * the dual-fuel example (June 2025) as LibreOffice Calc renders it after recalculating every
 * formula. Needs `soffice` (libreoffice-calc) and `pdftoppm` (poppler-utils). Tests never run
 * it; the PNG changes only when this script is run.
 *
 * The workbook is the one `dcc-charges model` writes, with a print setup added to its first
 * sheet (landscape, one page, gridlines) so that the page shows the whole sheet.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runCli } from '../src/cli/run-cli.js';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'docs', 'working-model.png');
const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-model-screenshot-'));

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${String(result.status)}): ${result.stderr}`);
}

try {
  const example = (file: string) => join(root, 'fixtures', 'examples', 'dual-fuel-supplier', file);
  const model = join(folder, 'model.xlsx');
  const code = await runCli(
    [
      'model',
      '--statement',
      join(root, 'fixtures', 'statements', 'illustrative-2025-26.json'),
      '--month',
      '2025-06',
      '--meters',
      example('meters.json'),
      '--usage',
      example('usage.json'),
      '--elective',
      example('elective.json'),
      '--out',
      model,
    ],
    {
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      stderrIsTty: false,
      stdoutIsTty: false,
    },
  );
  if (code !== 0) throw new Error(`dcc-charges model failed (exit ${code})`);

  // Print setup for the first sheet (Charges): landscape, fitted to one page, with gridlines.
  const files = unzipSync(readFileSync(model));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array)
    .replace(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
      (open) => `${open}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`,
    )
    .replace(
      '</worksheet>',
      '<printOptions gridLines="1"/><pageMargins left="0.3" right="0.3" top="0.3" bottom="0.3" header="0" footer="0"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"/></worksheet>',
    );
  files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  const printable = join(folder, 'printable.xlsx');
  writeFileSync(printable, zipSync(files));

  // LibreOffice recalculates on load in a fresh profile (it keeps saved values by default).
  const profile = join(folder, 'profile', 'user');
  mkdirSync(profile, { recursive: true });
  writeFileSync(
    join(profile, 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  run('soffice', [
    `-env:UserInstallation=${pathToFileURL(join(folder, 'profile')).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    'pdf',
    '--outdir',
    folder,
    printable,
  ]);
  run('pdftoppm', [
    '-png',
    '-r',
    '150',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(folder, 'printable.pdf'),
    join(folder, 'page'),
  ]);
  copyFileSync(join(folder, 'page.png'), target);
  process.stderr.write(`wrote ${target}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
