/**
 * Workbooks built by hand for the reader's tests: a minimal .xlsx container around sheet XML
 * written in the test, so that the reader is checked against files its own writer never makes
 * (merged cells, error values, formulas without values, dates).
 */
import { deflateRawSync, constants } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet: its name and the XML inside `<sheetData>` (and after it, such as `<mergeCells>`). */
export interface HandSheet {
  readonly name: string;
  readonly data: string;
  readonly after?: string;
}

/** Text cell. */
export const t = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** Number cell, optionally with a style index (1 is a date, 2 and 3 months in {@link handWorkbook}). */
export const n = (ref: string, value: string, style = 0) =>
  `<c r="${ref}"${style === 0 ? '' : ` s="${style}"`}><v>${value}</v></c>`;
/** A row of cells. */
export const row = (number: number, ...cells: string[]) => `<row r="${number}">${cells.join('')}</row>`;

/**
 * The parts of a workbook with the given sheets; style 1 is the date format `yyyy-mm-dd`,
 * styles 2 and 3 month formats (`mmm-yy`, built in, and `mmmm yyyy`).
 */
export function handWorkbookParts(sheets: readonly HandSheet[]): Record<string, Uint8Array> {
  const parts: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.map((sheet, index) => `<sheet name="${sheet.name}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="166" formatCode="[$-809]mmmm yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="17" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
  };
  sheets.forEach((sheet, index) => {
    parts[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(
      `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${sheet.data}</sheetData>${sheet.after ?? ''}</worksheet>`,
    );
  });
  return parts;
}

/** A workbook with the given sheets. */
export function handWorkbook(sheets: readonly HandSheet[]): Uint8Array {
  return zipSync(handWorkbookParts(sheets));
}

/**
 * A decompression bomb: a workbook whose one sheet is a few megabytes compressed and
 * `gibibytes` GiB inflated. The deflate stream repeats one fully flushed block of spaces
 * (a full flush resets the compressor, so every repetition is the same bytes), which is how a
 * tiny file is made to expand a thousandfold. The zip directory declares `declaredSize` as the
 * sheet's inflated size (by default 4 GiB less 2 bytes, about the truth; a smaller figure is
 * a directory that lies).
 */
export function bombWorkbook(gibibytes: number, declaredSize = 0xfffffffe): Uint8Array {
  const mebibyte = Buffer.alloc(1024 * 1024, 0x20);
  const head = strToU8(
    `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
  );
  const flushed = (data: Uint8Array) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const block = flushed(mebibyte);
  const tail = deflateRawSync(strToU8('</t></is></c></row></sheetData></worksheet>'));
  const repeats = gibibytes * 1024;
  const body = new Uint8Array(block.length * repeats);
  for (let index = 0; index < repeats; index += 1) body.set(block, index * block.length);
  const parts = handWorkbookParts([{ name: 'Sheet1', data: '' }]);
  delete parts['xl/worksheets/sheet1.xml'];
  const zip = zipSync(
    Object.fromEntries(Object.entries(parts).map(([name, data]) => [name, [data, { level: 0 }]])) as never,
  );
  // A zip entry written by hand: stored parts from fflate, then the bomb's deflated sheet.
  return appendDeflatedEntry(zip, 'xl/worksheets/sheet1.xml', [flushed(head), body, tail], declaredSize);
}

function crc32(chunks: readonly Uint8Array[]): number {
  let crc = -1;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      crc ^= byte;
      for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
  }
  return (crc ^ -1) >>> 0;
}

/** Appends one deflated entry to a zip made by fflate (rewriting its directory). */
function appendDeflatedEntry(
  zip: Uint8Array,
  name: string,
  compressed: readonly Uint8Array[],
  declaredSize: number,
): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  const data = Buffer.concat(compressed.map((chunk) => Buffer.from(chunk)));
  const nameBytes = strToU8(name);
  // The checksum of what the data inflates to is not computed (it would take the bomb's size);
  // the reader refuses the part long before it could check one.
  const crc = crc32([]);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(directoryOffset, 42);
  const entries = Buffer.from(zip.subarray(0, directoryOffset));
  const oldDirectory = Buffer.from(zip.subarray(directoryOffset, directoryOffset + directorySize));
  const newLocalOffset = entries.length;
  central.writeUInt32LE(newLocalOffset, 42);
  const newDirectoryOffset = newLocalOffset + local.length + nameBytes.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count + 1, 8);
  eocd.writeUInt16LE(count + 1, 10);
  eocd.writeUInt32LE(directorySize + central.length + nameBytes.length, 12);
  eocd.writeUInt32LE(newDirectoryOffset, 16);
  return new Uint8Array(
    Buffer.concat([entries, local, Buffer.from(nameBytes), data, oldDirectory, central, Buffer.from(nameBytes), eocd]),
  );
}
