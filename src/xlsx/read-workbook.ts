/**
 * The workbook reader: an .xlsx sheet as a {@link CellTable}, the same table of text cells the
 * CSV reader gives, so that one row validation reads both. Cells are converted by the rules of
 * `cell-value.ts` (decision 0058) and every problem is located at its sheet and cell.
 */
import { describeReceived, InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import type { CellRow, CellTable } from '../tables/cell-table.js';
import {
  dateFromSerial,
  isDateFormat,
  isMonthFormat,
  isoDateCell,
  MAX_TYPED_DIGITS,
  shortestDecimal,
  significantDigits,
} from './cell-value.js';
import { columnLetters, parseCellRef } from './cell-refs.js';
import { detach, XML_LIMITS, XmlLimitError, XmlScanner, type XmlHandler } from './xml-scan.js';
import { fileSignature, inflateEntry, readZipDirectory, type ZipEntry } from './zip-read.js';

/** Excel's own bounds: rows and columns of a sheet, and characters in a cell (decision 0059). */
export const SHEET_LIMITS = { rows: 1_048_576, columns: 16_384, cellCharacters: 32_767 } as const;

/** Options of {@link readWorkbookTable}. */
export interface ReadWorkbookTableOptions {
  /** A label for messages, such as the file name. */
  readonly source?: string;
  /** The sheet to read; by default the only sheet whose header `looksRight`, else the first. */
  readonly sheet?: string;
  /** Says whether a header row is the one expected (used to choose a sheet). */
  readonly looksRight?: (header: readonly string[]) => boolean;
}

/** A cell as read from the sheet's XML, before it is turned into text. */
export interface RawCell {
  readonly column: number;
  readonly ref: string;
  /** `s` shared string, `inlineStr`, `str` formula text, `b` boolean, `e` error, `n` number. */
  readonly type: string;
  readonly style: number;
  readonly value: string | undefined;
  readonly formula: string | undefined;
  readonly inline: string | undefined;
  /** Set when the cell's value, formula or text is longer than {@link SHEET_LIMITS} allows (the rest is not kept). */
  readonly tooLong?: boolean;
}

interface WorkbookParts {
  readonly bytes: Uint8Array;
  readonly entries: Map<string, ZipEntry>;
  readonly at: IssueLocation;
  readonly sheets: readonly { name: string; path: string }[];
  readonly date1904: boolean;
}

function scanPart(
  parts: Pick<WorkbookParts, 'bytes' | 'entries' | 'at'>,
  path: string,
  handler: XmlHandler,
  stop?: () => boolean,
): XmlScanner {
  const entry = parts.entries.get(path);
  const scanner = new XmlScanner(handler);
  if (entry === undefined) return scanner;
  const decoder = new TextDecoder('utf-8');
  const push = (text: string) => {
    try {
      scanner.push(text);
    } catch (error) {
      if (!(error instanceof XmlLimitError)) throw error;
      throw new InputError([
        {
          ...parts.at,
          code: 'workbookTooLarge',
          expected: `XML markup (a tag, comment or CDATA section) of at most ${XML_LIMITS.maxMarkupChars} characters`,
          received: `${path} with an unfinished tag of ${error.length} characters or more`,
        },
      ]);
    }
  };
  inflateEntry(parts.bytes, entry, parts.at, (chunk) => {
    push(decoder.decode(chunk, { stream: true }));
    return stop === undefined ? true : !stop();
  });
  push(decoder.decode());
  scanner.end();
  return scanner;
}

function relationships(
  parts: Pick<WorkbookParts, 'bytes' | 'entries' | 'at'>,
  path: string,
): { id: string; type: string; target: string }[] {
  const found: { id: string; type: string; target: string }[] = [];
  scanPart(parts, path, {
    open: (name, attributes) => {
      if (name === 'Relationship')
        found.push({ id: attributes['Id'] ?? '', type: attributes['Type'] ?? '', target: attributes['Target'] ?? '' });
    },
    close: () => undefined,
    text: () => undefined,
  });
  return found;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/**
 * Opens a workbook: its container, its sheets in order, and the parts they need.
 * @throws InputError for a file that is no workbook, an encrypted workbook, or a broken one.
 */
function openWorkbook(bytes: Uint8Array, at: IssueLocation): WorkbookParts {
  const signature = fileSignature(bytes);
  if (signature === 'ole') {
    throw new InputError([
      {
        ...at,
        code: 'encryptedWorkbook',
        expected: 'an .xlsx workbook without a password',
        received: 'an OLE compound file: a password-protected (encrypted) workbook or an old .xls file',
        detail: 'save it from the spreadsheet program as .xlsx without a password',
      },
    ]);
  }
  if (signature !== 'zip') {
    throw new InputError([
      {
        ...at,
        code: 'notAWorkbook',
        expected: 'an .xlsx workbook (a zip container of sheets)',
        received:
          signature === 'text'
            ? `text starting ${describeReceived(new TextDecoder().decode(bytes.subarray(0, 40)))}`
            : 'a file that is not a zip container',
        ...(signature === 'text' ? { detail: 'a CSV file must be named .csv to be read as CSV' } : {}),
      },
    ]);
  }
  const entries = readZipDirectory(bytes, at);
  const parts = { bytes, entries, at };
  if (entries.has('EncryptedPackage') || entries.has('EncryptionInfo')) {
    throw new InputError([
      { ...at, code: 'encryptedWorkbook', expected: 'a workbook without a password', received: 'an encrypted package' },
    ]);
  }
  const officeDocument = relationships(parts, '_rels/.rels').find((rel) => rel.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument === undefined ? 'xl/workbook.xml' : resolvePath('', officeDocument.target);
  if (!entries.has(workbookPath)) {
    const openDocument = entries.has('content.xml') && entries.has('mimetype');
    throw new InputError([
      {
        ...at,
        code: 'notAWorkbook',
        expected: 'an .xlsx workbook (a zip container of sheets)',
        received: openDocument ? 'an OpenDocument file (such as .ods)' : `a zip file without ${workbookPath}`,
        ...(openDocument ? { detail: 'save it from the spreadsheet program as .xlsx' } : {}),
      },
    ]);
  }
  const relsPath = `${workbookPath.split('/').slice(0, -1).join('/')}/_rels/${workbookPath.split('/').pop() ?? ''}.rels`;
  const targets = new Map(relationships(parts, relsPath).map((rel) => [rel.id, resolvePath(workbookPath, rel.target)]));
  const sheets: { name: string; path: string }[] = [];
  let date1904 = false;
  scanPart(parts, workbookPath, {
    open: (name, attributes) => {
      if (name === 'sheet') {
        const path = targets.get(attributes['r:id'] ?? '');
        if (path !== undefined) sheets.push({ name: attributes['name'] ?? '', path });
      } else if (name === 'workbookPr') {
        date1904 = attributes['date1904'] === '1' || attributes['date1904'] === 'true';
      }
    },
    close: () => undefined,
    text: () => undefined,
  });
  return { ...parts, sheets, date1904 };
}

/** The names of a workbook's sheets, in order. */
export function listSheets(bytes: Uint8Array, source?: string): string[] {
  return openWorkbook(bytes, source === undefined ? {} : { source }).sheets.map((sheet) => sheet.name);
}

/** The shared strings of a workbook, and which of them are longer than a cell may hold. */
interface SharedStrings {
  readonly texts: readonly string[];
  readonly tooLong: ReadonlySet<number>;
}

function sharedStrings(parts: WorkbookParts): SharedStrings {
  const path = [...parts.entries.keys()].find((name) => /(^|\/)sharedStrings\.xml$/i.test(name));
  const strings: string[] = [];
  const tooLong = new Set<number>();
  if (path === undefined) return { texts: strings, tooLong };
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  scanPart(parts, path, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    close: (name) => {
      if (name === 'si') {
        if (current === undefined) tooLong.add(strings.length);
        strings.push(detach(current ?? ''));
        current = undefined;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (!inText || current === undefined) return;
      // A string longer than a cell holds is marked (and not kept), never cut short.
      current = current.length + text.length > SHEET_LIMITS.cellCharacters ? undefined : current + text;
    },
  });
  return { texts: strings, tooLong };
}

/** How a cell style shows numbers: as dates, as months (a date format with no day), or neither. */
type DateStyle = 'date' | 'month' | undefined;

/** For each cell style index, whether it shows numbers as dates, or as months. */
function dateStyles(parts: WorkbookParts): DateStyle[] {
  const path = [...parts.entries.keys()].find((name) => /(^|\/)styles\.xml$/i.test(name));
  const codes = new Map<number, string>();
  const dates: DateStyle[] = [];
  if (path === undefined) return dates;
  let inCellXfs = false;
  scanPart(parts, path, {
    open: (name, attributes) => {
      if (name === 'numFmt') codes.set(Number(attributes['numFmtId']), attributes['formatCode'] ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes['numFmtId'] ?? '0');
        dates.push(isDateFormat(id, codes.get(id)) ? (isMonthFormat(id, codes.get(id)) ? 'month' : 'date') : undefined);
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  return dates;
}

/** Reads the rows of one sheet, calling `onRow` with each row's cells; `onRow` returns false to stop. */
function scanSheet(
  parts: WorkbookParts,
  path: string,
  onRow: (row: number, cells: RawCell[]) => boolean,
  merges?: string[],
): { largestPending: number } {
  let row = 0;
  let cells: RawCell[] = [];
  let cell:
    | {
        column: number;
        ref: string;
        type: string;
        style: number;
        value?: string;
        formula?: string;
        inline?: string;
        tooLong?: boolean;
      }
    | undefined;
  let collecting: 'v' | 'f' | 't' | undefined;
  let phonetic = 0;
  let inInline = false;
  let nextColumn = 0;
  let stopped = false;
  const scanner = scanPart(
    parts,
    path,
    {
      open: (name, attributes) => {
        switch (name) {
          case 'row':
            row = attributes['r'] === undefined ? row + 1 : Number(attributes['r']);
            cells = [];
            nextColumn = 0;
            break;
          case 'c': {
            const ref = attributes['r'];
            const place = ref === undefined ? undefined : parseCellRef(ref);
            const column = place?.column ?? nextColumn;
            nextColumn = column + 1;
            cell = {
              column,
              ref: ref ?? `${columnLetters(column)}${row}`,
              type: attributes['t'] ?? 'n',
              style: Number(attributes['s'] ?? '0'),
            };
            break;
          }
          case 'v':
            if (cell !== undefined) {
              collecting = 'v';
              cell.value = '';
            }
            break;
          case 'f':
            if (cell !== undefined) {
              collecting = 'f';
              cell.formula = cell.formula ?? '';
            }
            break;
          case 'is':
            if (cell !== undefined) {
              inInline = true;
              cell.inline = '';
            }
            break;
          case 'rPh':
            phonetic += 1;
            break;
          case 't':
            if (inInline && phonetic === 0) collecting = 't';
            break;
          case 'mergeCell':
            if (merges !== undefined && attributes['ref'] !== undefined) merges.push(attributes['ref']);
            break;
          default:
            break;
        }
      },
      close: (name) => {
        switch (name) {
          case 'v':
          case 'f':
          case 't':
            collecting = undefined;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phonetic -= 1;
            break;
          case 'c':
            if (cell !== undefined) {
              cells.push({
                column: cell.column,
                ref: cell.ref,
                type: cell.type,
                style: cell.style,
                value: cell.value,
                formula: cell.formula,
                inline: cell.inline,
                ...(cell.tooLong === true ? { tooLong: true } : {}),
              });
            }
            cell = undefined;
            break;
          case 'row':
            if (!stopped && !onRow(row, cells)) stopped = true;
            cells = [];
            break;
          default:
            break;
        }
      },
      text: (text) => {
        if (cell === undefined || collecting === undefined || cell.tooLong === true) return;
        const key = collecting === 'v' ? 'value' : collecting === 'f' ? 'formula' : 'inline';
        const before = cell[key] ?? '';
        // Past a cell's bound the rest is not kept (memory stays bounded); the cell is refused.
        if (before.length + text.length > SHEET_LIMITS.cellCharacters) cell.tooLong = true;
        else cell[key] = before + text;
      },
    },
    () => stopped,
  );
  return { largestPending: scanner.largestPending };
}

/** A cell's text, or the problem that stops it being read. */
type CellReading =
  | { readonly text: string; readonly kind?: string }
  | { readonly issue: Omit<InputIssue, keyof IssueLocation> };

function readCell(cell: RawCell, strings: SharedStrings, dates: readonly DateStyle[], date1904: boolean): CellReading {
  if (cell.tooLong === true || (cell.type === 's' && strings.tooLong.has(Number(cell.value)))) {
    return {
      issue: {
        code: 'cellTooLong',
        expected: `at most ${SHEET_LIMITS.cellCharacters} characters in a cell, the most a spreadsheet cell holds`,
        received: `a cell of more than ${SHEET_LIMITS.cellCharacters} characters`,
      },
    };
  }
  if (cell.type === 'e') {
    return {
      issue: {
        code: 'errorCell',
        expected: 'a value, not a spreadsheet error',
        received: `the error ${cell.value ?? '#N/A'}${cell.formula === undefined ? '' : ` of the formula =${cell.formula}`}`,
      },
    };
  }
  if (cell.formula !== undefined && cell.value === undefined && cell.inline === undefined) {
    return {
      issue: {
        code: 'formulaWithoutValue',
        expected: 'a formula with its calculated value saved in the file',
        received: `the formula =${cell.formula} with no saved value`,
        detail: 'open and save the workbook in a spreadsheet program so that it calculates, or type the value',
      },
    };
  }
  switch (cell.type) {
    case 's': {
      const text = strings.texts[Number(cell.value)];
      if (text === undefined)
        return {
          issue: {
            code: 'notAWorkbook',
            expected: 'a shared string that exists',
            received: `string number ${describeReceived(cell.value)}`,
          },
        };
      return { text };
    }
    case 'inlineStr':
      return { text: detach(cell.inline ?? '') };
    case 'str':
      return { text: detach(cell.value ?? '') };
    case 'b':
      return { text: cell.value === '1' ? 'true' : 'false', kind: 'a TRUE/FALSE cell' };
    case 'd': {
      const date = isoDateCell(cell.value ?? '');
      if (date === undefined)
        return {
          issue: {
            code: 'invalidValue',
            expected: 'a date cell holding an ISO 8601 date',
            received: describeReceived(cell.value ?? ''),
          },
        };
      return { text: date, kind: 'a date cell' };
    }
    default: {
      if (cell.value === undefined || cell.value === '') return { text: '' };
      const number = Number(cell.value);
      if (!Number.isFinite(number))
        return {
          issue: {
            code: 'invalidValue',
            expected: 'a number cell holding a number',
            received: describeReceived(cell.value),
          },
        };
      const dateStyle = dates[cell.style];
      if (dateStyle !== undefined) {
        const date = dateFromSerial(number, date1904);
        if (date === undefined) {
          return {
            issue: {
              code: 'invalidValue',
              expected: `a date from ${date1904 ? '1904-01-01' : '1900-01-01'} to 9999-12-31 in a date-formatted cell`,
              received: `the serial ${shortestDecimal(number)}, which no spreadsheet shows as a date`,
              detail: 'a date cell',
            },
          };
        }
        // A month shown as a month (the first of the month, at midnight) reads as the month it shows.
        if (dateStyle === 'month' && date.length === 10 && date.endsWith('-01'))
          return { text: date.slice(0, 7), kind: 'a month cell' };
        return { text: date, kind: 'a date cell' };
      }
      const text = shortestDecimal(number);
      if (significantDigits(text) > MAX_TYPED_DIGITS) {
        return {
          issue: {
            code: 'inexactNumberCell',
            expected: `a number of at most ${MAX_TYPED_DIGITS} significant digits, as typed into a spreadsheet`,
            received: `the number ${text}, a binary rounding artefact of arithmetic`,
            detail: 'round it in the sheet (ROUND) or type the value, or write it as text',
          },
        };
      }
      return { text, kind: 'a number cell' };
    }
  }
}

function rangeOf(ref: string): { top: number; bottom: number; left: number; right: number } | undefined {
  const [from, to] = ref.split(':');
  const a = parseCellRef(from ?? '');
  const b = parseCellRef(to ?? from ?? '');
  if (a === undefined || b === undefined) return undefined;
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.column, b.column),
    right: Math.max(a.column, b.column),
  };
}

function isBlank(cell: RawCell): boolean {
  return (
    cell.tooLong !== true &&
    cell.formula === undefined &&
    (cell.type === 'inlineStr' ? (cell.inline ?? '') === '' : cell.value === undefined || cell.value === '')
  );
}

/** The first non-empty row of a sheet, as text (to choose a sheet by its header). */
function headerOf(parts: WorkbookParts, path: string, strings: SharedStrings): string[] | undefined {
  let header: string[] | undefined;
  scanSheet(parts, path, (_, cells) => {
    const filled = cells.filter((cell) => !isBlank(cell));
    if (filled.length === 0) return true;
    header = filled.map((cell) => {
      const reading = readCell(cell, strings, [], false);
      return 'text' in reading ? reading.text.trim() : '';
    });
    return false;
  });
  return header;
}

/** A sheet as a table of text cells, with what the reader saw (for tests of its memory). */
export interface WorkbookTable extends CellTable {
  /** The longest run of XML text held at once while scanning the sheet. */
  readonly largestPendingXml: number;
}

/**
 * Reads one sheet of an .xlsx workbook as a table of text cells with a header row.
 * @throws InputError for a file that is no workbook, an encrypted one, a sheet that does not
 * exist (naming those that do), an empty sheet, or a header with merged or missing cells.
 */
export function readWorkbookTable(bytes: Uint8Array, options: ReadWorkbookTableOptions = {}): WorkbookTable {
  const source = options.source;
  const at: IssueLocation = source === undefined ? {} : { source };
  const parts = openWorkbook(bytes, at);
  const names = parts.sheets.map((sheet) => sheet.name);
  const listed = names.map((name) => JSON.stringify(name)).join(', ');
  if (parts.sheets.length === 0) {
    throw new InputError([
      { ...at, code: 'emptyFile', expected: 'a workbook with at least one sheet', received: 'no sheets' },
    ]);
  }
  const strings = sharedStrings(parts);
  let chosen = parts.sheets[0] as { name: string; path: string };
  if (options.sheet !== undefined) {
    const named = parts.sheets.find((sheet) => sheet.name === options.sheet);
    if (named === undefined) {
      throw new InputError([
        {
          ...at,
          field: '--sheet',
          code: 'missingSheet',
          expected: `one of the workbook's sheets: ${listed}`,
          received: JSON.stringify(options.sheet),
        },
      ]);
    }
    chosen = named;
  } else if (parts.sheets.length > 1 && options.looksRight !== undefined) {
    const looksRight = options.looksRight;
    const fitting = parts.sheets.filter((sheet) => {
      const header = headerOf(parts, sheet.path, strings);
      return header !== undefined && looksRight(header);
    });
    if (fitting.length === 1) chosen = fitting[0] as { name: string; path: string };
  }
  const sheetAt: IssueLocation = { ...at, sheet: chosen.name };
  const dates = dateStyles(parts);
  const issues: InputIssue[] = [];
  const rows: CellRow[] = [];
  const merges: string[] = [];
  let header: string[] | undefined;
  let headerRow = 0;
  let first = 0;
  let last = -1;
  let letters: string[] = [];
  const scanned = scanSheet(
    parts,
    chosen.path,
    (rowNumber, cells) => {
      if (rowNumber > SHEET_LIMITS.rows) {
        issues.push({
          ...sheetAt,
          line: rowNumber,
          code: 'workbookTooLarge',
          expected: `at most ${SHEET_LIMITS.rows} rows`,
          received: `row ${rowNumber}`,
        });
        return false;
      }
      const filled = cells.filter((cell) => !isBlank(cell));
      if (filled.length === 0) return true;
      if (header === undefined) {
        headerRow = rowNumber;
        first = (filled[0] as RawCell).column;
        last = (filled[filled.length - 1] as RawCell).column;
        const byColumn = new Map(filled.map((cell) => [cell.column, cell]));
        header = [];
        for (let column = first; column <= last; column += 1) {
          const cell = byColumn.get(column);
          letters.push(columnLetters(column));
          const reading = cell === undefined ? { text: '' } : readCell(cell, strings, dates, parts.date1904);
          const text = 'text' in reading ? reading.text.trim() : '';
          if (text === '') {
            issues.push({
              ...sheetAt,
              cell: `${columnLetters(column)}${rowNumber}`,
              code: 'missingHeader',
              expected: 'a column name in every header cell between the first and the last',
              received: 'an empty cell',
            });
          }
          header.push(text);
        }
        return true;
      }
      const texts: string[] = new Array<string>(last - first + 1).fill('');
      const kinds: (string | undefined)[] = new Array<string | undefined>(last - first + 1).fill(undefined);
      let usable = true;
      for (const cell of filled) {
        if (cell.column < first || cell.column > last) {
          issues.push({
            ...sheetAt,
            cell: cell.ref,
            code: 'cellOutsideTable',
            expected: `cells only under the header (columns ${letters[0]} to ${letters[letters.length - 1]})`,
            received: 'a value in a column without a header',
          });
          usable = false;
          continue;
        }
        const reading = readCell(cell, strings, dates, parts.date1904);
        const field = header[cell.column - first];
        if ('issue' in reading) {
          issues.push({
            ...sheetAt,
            cell: cell.ref,
            ...(field === undefined || field === '' ? {} : { field }),
            ...reading.issue,
          });
          usable = false;
        } else {
          texts[cell.column - first] = reading.text;
          kinds[cell.column - first] = reading.kind;
        }
      }
      if (usable)
        rows.push({
          at: { ...sheetAt, line: rowNumber },
          cells: texts,
          ...(kinds.some((kind) => kind !== undefined) ? { kinds } : {}),
        });
      return true;
    },
    merges,
  );
  if (header === undefined) {
    throw new InputError([
      { ...sheetAt, code: 'emptyFile', expected: 'a header row naming the columns', received: 'an empty sheet' },
    ]);
  }
  const fileIssues: InputIssue[] = [];
  for (const ref of merges) {
    const range = rangeOf(ref);
    if (range === undefined || range.bottom < headerRow || range.right < first || range.left > last) continue;
    fileIssues.push({
      ...sheetAt,
      cell: ref,
      code: 'mergedCells',
      expected:
        range.top <= headerRow
          ? 'a header of separate cells, one column name in each'
          : 'separate cells, one value in each (a merged cell leaves the others empty)',
      received: `the merged cells ${ref}`,
    });
  }
  if (
    fileIssues.some((issue) => issue.code === 'mergedCells') ||
    issues.some((issue) => issue.code === 'missingHeader')
  ) {
    throw new InputError([...fileIssues, ...issues.filter((issue) => issue.code === 'missingHeader')]);
  }
  letters = letters.slice();
  return {
    header,
    headerAt: { ...sheetAt, line: headerRow },
    rows,
    issues,
    columnLetters: letters,
    largestPendingXml: scanned.largestPending,
  };
}

/** A cell of a workbook as written: its formula (without `=`) and its saved value. */
export interface WorkbookCell {
  readonly formula?: string;
  readonly value: string | number | boolean | undefined;
}

/**
 * Every cell of every sheet, formulas and saved values, for checking a workbook with a formula
 * engine. Not for large workbooks: it holds every cell.
 */
export function readWorkbookCells(
  bytes: Uint8Array,
  source?: string,
): { name: string; cells: Map<string, WorkbookCell> }[] {
  const parts = openWorkbook(bytes, source === undefined ? {} : { source });
  const strings = sharedStrings(parts);
  return parts.sheets.map((sheet) => {
    const cells = new Map<string, WorkbookCell>();
    scanSheet(parts, sheet.path, (_, rowCells) => {
      for (const cell of rowCells) {
        let value: WorkbookCell['value'];
        if (cell.tooLong === true || (cell.type === 's' && strings.tooLong.has(Number(cell.value)))) {
          throw new InputError([
            {
              ...(source === undefined ? {} : { source }),
              sheet: sheet.name,
              cell: cell.ref,
              code: 'cellTooLong',
              expected: `at most ${SHEET_LIMITS.cellCharacters} characters in a cell`,
              received: `a cell of more than ${SHEET_LIMITS.cellCharacters} characters`,
            },
          ]);
        }
        if (cell.type === 's') value = strings.texts[Number(cell.value)];
        else if (cell.type === 'inlineStr') value = cell.inline === undefined ? undefined : detach(cell.inline);
        else if (cell.type === 'str' || cell.type === 'e')
          value = cell.value === undefined ? undefined : detach(cell.value);
        else if (cell.type === 'b') value = cell.value === '1';
        else value = cell.value === undefined || cell.value === '' ? undefined : Number(cell.value);
        cells.set(cell.ref, { ...(cell.formula === undefined ? {} : { formula: cell.formula }), value });
      }
      return true;
    });
    return { name: sheet.name, cells };
  });
}
