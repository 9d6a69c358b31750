/**
 * Invoice-like tables for the workbook benchmarks, and a workbook of any size written in
 * bounded memory (fflate's streaming `Zip`, one row at a time), so that a sheet of a million
 * rows can be made without holding it. The same size always gives the same rows. Invented
 * data, for measurement only.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { INVOICE_FIELDS } from '../src/vocabulary.js';

/** The columns of the invoice-like table (those `dcc-charges charges --format csv` writes). */
export const INVOICE_COLUMNS = INVOICE_FIELDS;

/** Columns written as number cells in a workbook. */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['quantity', 'unitPrice', 'amount']);

/** Row `index` (0-based) of the synthetic table: an elective line, as text cells. */
export function invoiceRow(index: number): string[] {
  const amount = `${(index % 9973) + 1}.${String(index % 100).padStart(2, '0')}`;
  return [
    '2025-06',
    'elective',
    '',
    '',
    `EA-${String(index + 1).padStart(7, '0')}`,
    `Elective service ${index + 1}`,
    '1',
    amount,
    amount,
    'K7.1',
  ];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function letters(column: number): string {
  let text = '';
  for (let rest = column + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
    text = String.fromCharCode(65 + ((rest - 1) % 26)) + text;
  return text;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes a one-sheet workbook of the synthetic table with `rows` data rows to `path`, in bounded
 * memory. Text cells are inline strings (as this library's writer makes them), or shared strings
 * (as a spreadsheet program saves them) when `shared` is set.
 * @returns the size of the sheet's XML, uncompressed.
 */
export function writeSyntheticWorkbook(path: string, rows: number, shared = false): number {
  const fd = openSync(path, 'w');
  const zip = new Zip((error, data) => {
    if (error !== null) throw error;
    writeSync(fd, data);
  });
  const part = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(text), true);
  };
  part(
    '[Content_Types].xml',
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
  );
  part(
    '_rels/.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  part(
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Invoice" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  part(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const strings = new Map<string, number>();
  const text = (ref: string, value: string) => {
    if (!shared) return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
    let index = strings.get(value);
    if (index === undefined) {
      index = strings.size;
      strings.set(value, index);
    }
    return `<c r="${ref}" t="s"><v>${index}</v></c>`;
  };
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  let size = 0;
  const push = (piece: string, final = false) => {
    const bytes = strToU8(piece);
    size += bytes.length;
    sheet.push(bytes, final);
  };
  push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`);
  push(`<row r="1">${INVOICE_COLUMNS.map((name, column) => text(`${letters(column)}1`, name)).join('')}</row>`);
  let batch: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    const line = index + 2;
    const cells = invoiceRow(index).map((value, column) => {
      if (value === '') return '';
      const ref = `${letters(column)}${line}`;
      return NUMBER_COLUMNS.has(INVOICE_COLUMNS[column] as string)
        ? `<c r="${ref}"><v>${value}</v></c>`
        : text(ref, value);
    });
    batch.push(`<row r="${line}">${cells.join('')}</row>`);
    if (batch.length === 1000) {
      push(batch.join(''));
      batch = [];
    }
  }
  push(`${batch.join('')}</sheetData></worksheet>`, true);
  if (shared) {
    const sst = new ZipDeflate('xl/sharedStrings.xml', { level: 6 });
    zip.add(sst);
    sst.push(
      strToU8(`<?xml version="1.0"?><sst xmlns="${MAIN}" count="${strings.size}" uniqueCount="${strings.size}">`),
    );
    let pieces: string[] = [];
    for (const value of strings.keys()) {
      pieces.push(`<si><t>${escapeXml(value)}</t></si>`);
      if (pieces.length === 1000) {
        sst.push(strToU8(pieces.join('')));
        pieces = [];
      }
    }
    sst.push(strToU8(`${pieces.join('')}</sst>`), true);
  }
  zip.end();
  closeSync(fd);
  return size;
}

/** Writes the synthetic table as CSV text to `path`, a batch of rows at a time. */
export function writeSyntheticCsv(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, `${INVOICE_COLUMNS.join(',')}\n`);
  let batch: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    batch.push(invoiceRow(index).join(','));
    if (batch.length === 1000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
}
