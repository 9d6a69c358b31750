/**
 * The workbook writer: sheets of cells (text, numbers, booleans, formulas with their computed
 * value) written as an .xlsx file (Office Open XML, compressed with fflate). It writes what the
 * reports need and nothing more: named cell styles (header, pence, counts, rates, the cells a
 * user edits, flagged text), column widths, frozen header rows, hidden helper columns.
 * The workbook asks the spreadsheet program to recalculate when it opens (`fullCalcOnLoad`).
 */
import { zipSync, strToU8 } from 'fflate';
import { InvariantError } from '../errors/invariant-error.js';
import { columnLetters } from './cell-refs.js';

/** The cell styles a report may use. */
export const CELL_STYLES = [
  'text',
  'header',
  'pence',
  'integer',
  'rate',
  'quantity',
  'inputInteger',
  'inputRate',
  'inputText',
  'inputQuantity',
  'flagged',
  'helper',
  'inputPence',
  'totalPence',
  'totalText',
] as const;

/**
 * A named cell style.
 * @useDeclaredType
 */
export type CellStyle = (typeof CELL_STYLES)[number];

/** One cell: a value, or a formula (without `=`) with the value it computes. */
export interface Cell {
  readonly value?: string | number | boolean;
  readonly formula?: string;
  readonly style?: CellStyle;
}

/** One sheet. `rows[0]` is row 1. */
export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly (Cell | undefined)[])[];
  /** Column widths in characters, from column A. */
  readonly widths?: readonly number[];
  /** Columns (0-based) hidden from view, such as helper columns of exact rounding. */
  readonly hiddenColumns?: readonly number[];
  /** Rows frozen at the top (the header), and columns at the left. */
  readonly freezeRows?: number;
  readonly freezeColumns?: number;
}

// Style index i in cellXfs is CELL_STYLES[i]: [numFmtId, fontId, fillId].
const XF: Record<CellStyle, readonly [number, number, number]> = {
  text: [0, 0, 0],
  header: [0, 1, 4],
  pence: [4, 0, 0],
  integer: [1, 0, 0],
  rate: [164, 0, 0],
  quantity: [0, 0, 0],
  inputInteger: [1, 0, 2],
  inputRate: [164, 0, 2],
  inputText: [49, 0, 2],
  inputQuantity: [0, 0, 2],
  flagged: [49, 0, 3],
  helper: [1, 2, 5],
  inputPence: [4, 0, 2],
  totalPence: [4, 1, 0],
  totalText: [0, 1, 0],
};

const STYLES_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00########"/></numFmts>',
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><i/><sz val="9"/><color rgb="FF808080"/><name val="Calibri"/></font></fonts>',
  '<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF8CBAD"/><bgColor indexed="64"/></patternFill></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>',
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  `<cellXfs count="${CELL_STYLES.length}">`,
  ...CELL_STYLES.map((style) => {
    const [numFmt, font, fill] = XF[style];
    return `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${numFmt === 0 ? '' : ' applyNumberFormat="1"'}${font === 0 ? '' : ' applyFont="1"'}${fill === 0 ? '' : ' applyFill="1"'}/>`;
  }),
  '</cellXfs>',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
  '</styleSheet>',
].join('');

/** The control characters XML cannot hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML cannot hold these characters, so they are written as _xHHHH_
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Escapes text for XML; characters XML cannot hold are written as OOXML `_xHHHH_` escapes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(XML_FORBIDDEN, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Checks a sheet name against the spreadsheet's rules (1 to 31 characters, none of []:*?/\). */
export function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) {
    throw new InvariantError('unreachable', `not a valid sheet name: ${JSON.stringify(name)}`);
  }
}

/** A reference to another sheet's cell or range, quoted when its name needs it. */
export function sheetRef(sheet: string, ref: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${ref}` : `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

function numberText(value: number): string {
  if (!Number.isFinite(value))
    throw new InvariantError('unreachable', `a cell value that is not a finite number: ${value}`);
  return Object.is(value, -0) ? '0' : String(value);
}

function cellXml(cell: Cell, ref: string): string {
  const style = CELL_STYLES.indexOf(cell.style ?? 'text');
  const s = style > 0 ? ` s="${style}"` : '';
  const value = cell.value;
  if (cell.formula !== undefined) {
    const f = `<f>${escapeXml(cell.formula)}</f>`;
    if (value === undefined) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof value === 'number') return `<c r="${ref}"${s}>${f}<v>${numberText(value)}</v></c>`;
    if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(value)}</v></c>`;
  }
  if (value === undefined) return style > 0 ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function sheetXml(sheet: SheetSpec): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  ];
  const freezeRows = sheet.freezeRows ?? 0;
  const freezeColumns = sheet.freezeColumns ?? 0;
  if (freezeRows > 0 || freezeColumns > 0) {
    const topLeft = `${columnLetters(freezeColumns)}${freezeRows + 1}`;
    const pane = freezeRows > 0 && freezeColumns > 0 ? 'bottomRight' : freezeRows > 0 ? 'bottomLeft' : 'topRight';
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${freezeColumns > 0 ? ` xSplit="${freezeColumns}"` : ''}${freezeRows > 0 ? ` ySplit="${freezeRows}"` : ''} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`,
    );
  }
  const widths = sheet.widths ?? [];
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const columnCount = Math.max(widths.length, ...[...hidden].map((column) => column + 1), 0);
  if (columnCount > 0) {
    parts.push('<cols>');
    for (let column = 0; column < columnCount; column += 1) {
      const width = widths[column] ?? 10;
      parts.push(
        `<col min="${column + 1}" max="${column + 1}" width="${width}" customWidth="1"${hidden.has(column) ? ' hidden="1"' : ''}/>`,
      );
    }
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  sheet.rows.forEach((row, index) => {
    const cells: string[] = [];
    row.forEach((cell, column) => {
      if (cell !== undefined) cells.push(cellXml(cell, `${columnLetters(column)}${index + 1}`));
    });
    parts.push(`<row r="${index + 1}">${cells.join('')}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** Writes sheets as the bytes of an .xlsx workbook. */
export function writeWorkbook(sheets: readonly SheetSpec[]): Uint8Array {
  const names = new Set<string>();
  for (const sheet of sheets) {
    checkSheetName(sheet.name);
    if (names.has(sheet.name.toLowerCase()))
      throw new InvariantError('unreachable', `two sheets named ${JSON.stringify(sheet.name)}`);
    names.add(sheet.name.toLowerCase());
  }
  const xml = (text: string) => [strToU8(text), { level: 6 as const }] as [Uint8Array, { level: 6 }];
  const files: Record<string, [Uint8Array, { level: 6 }]> = {
    '[Content_Types].xml': xml(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
        ...sheets.map(
          (_, index) =>
            `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        ),
        '</Types>',
      ].join(''),
    ),
    '_rels/.rels': xml(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': xml(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        '<sheets>',
        ...sheets.map(
          (sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
        ),
        '</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
      ].join(''),
    ),
    'xl/_rels/workbook.xml.rels': xml(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
        ...sheets.map(
          (_, index) =>
            `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
        ),
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`,
        '</Relationships>',
      ].join(''),
    ),
    'xl/styles.xml': xml(STYLES_XML),
  };
  sheets.forEach((sheet, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = xml(sheetXml(sheet));
  });
  // A fixed date in the container, so that the same report gives the same bytes.
  return zipSync(files, { mtime: new Date(Date.UTC(2000, 0, 1)) });
}
