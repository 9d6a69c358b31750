/**
 * Reading a table input of the command line, CSV, JSON or an .xlsx workbook (decision 0053):
 * the file's first bytes say whether it is a workbook (a zip container), not only its name, and
 * a name that contradicts the bytes is refused with a typed error (`notAWorkbook`): a `.xlsx`
 * that is really text, and a `.csv` or `.json` that is really a workbook. A workbook's sheet is
 * the one `--sheet` names, else the only sheet with the header the input expects, else the first.
 *
 * `--sheet NAME` applies to every workbook input of the run; `--sheet meters=NAME` (the input's
 * option without its dashes) to one. A `--sheet` that applies to no workbook input is refused,
 * so that no option is silently ignored.
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, type InputIssue } from '../errors/input-error.js';
import type { CellTable } from '../tables/cell-table.js';
import { detectTableFormatOfBytes, type ReadTableOptions } from '../tables/read-table.js';
import { readFileHead } from '../node/file-chunks.js';
import { readWorkbookTable } from '../xlsx/read-workbook.js';
import { fileSignature } from '../xlsx/zip-read.js';
import { readInputChunks, readInputFile, tableFormatOfPath } from './io.js';
import type { CsvChunks } from '../tables/csv-chunks.js';
import { decodeUtf8File } from '../text/encoding.js';

/** A table input as the library's readers take it: text with its options, or a sheet's cells. */
export interface TableInput {
  readonly input: string | CellTable;
  readonly options: ReadTableOptions;
}

/** Extensions of workbook files. */
const WORKBOOK_EXTENSIONS: ReadonlySet<string> = new Set(['.xlsx', '.xlsm']);

/** A header check: true when every one of `columns` is in the header. */
export function hasColumns(columns: readonly string[]): (header: readonly string[]) => boolean {
  return (header) => columns.every((column) => header.includes(column));
}

/** The `--sheet` values of a run, checked, and which of them were used. */
export class SheetChoice {
  readonly #all: string | undefined;
  readonly #byInput = new Map<string, string>();
  readonly #used = new Set<string>();
  readonly #issues: InputIssue[] = [];
  #allUsed = false;

  /**
   * @param values - the `--sheet` values as given.
   * @param inputs - the options of the inputs that may be workbooks, such as `--meters`.
   */
  constructor(values: readonly string[] | string | undefined, inputs: readonly string[]) {
    const given = values === undefined ? [] : typeof values === 'string' ? [values] : values;
    const names = inputs.map((option) => option.replace(/^--/, ''));
    for (const value of given) {
      const equals = value.indexOf('=');
      const prefix = equals < 0 ? undefined : value.slice(0, equals);
      if (prefix !== undefined && names.includes(prefix)) {
        if (this.#byInput.has(prefix)) this.#refuse(`one --sheet for ${prefix} at most`, value);
        this.#byInput.set(prefix, value.slice(equals + 1));
      } else if (this.#all !== undefined) {
        this.#refuse(
          `one --sheet NAME for every workbook input at most (name an input's sheet with ${names.map((name) => `${name}=NAME`).join(', ')})`,
          value,
        );
      } else {
        this.#all = value;
      }
    }
  }

  #refuse(expected: string, value: string): void {
    this.#issues.push({ field: '--sheet', code: 'invalidOption', expected, received: JSON.stringify(value) });
  }

  /** The sheet named for an input, marking it used. */
  sheetFor(option: string): string | undefined {
    const name = option.replace(/^--/, '');
    const own = this.#byInput.get(name);
    if (own !== undefined) {
      this.#used.add(name);
      return own;
    }
    if (this.#all !== undefined) this.#allUsed = true;
    return this.#all;
  }

  /** The sheet named for an input that is not a workbook (refused: the option would do nothing). */
  notAWorkbook(option: string, path: string): void {
    const name = option.replace(/^--/, '');
    if (this.#byInput.has(name)) {
      this.#used.add(name);
      this.#refuse(
        `--sheet ${name}=NAME only for a workbook (${option} ${path} is text)`,
        `${name}=${this.#byInput.get(name) ?? ''}`,
      );
    }
  }

  /** Problems with the `--sheet` values: malformed, repeated, or applying to no workbook input. */
  issues(): InputIssue[] {
    const issues = [...this.#issues];
    if (this.#all !== undefined && !this.#allUsed) {
      issues.push({
        field: '--sheet',
        code: 'invalidOption',
        expected: '--sheet only when an input is an .xlsx workbook',
        received: JSON.stringify(this.#all),
      });
    }
    for (const [name, sheet] of this.#byInput) {
      if (!this.#used.has(name)) {
        issues.push({
          field: '--sheet',
          code: 'invalidOption',
          expected: `--sheet ${name}=NAME only with --${name} given`,
          received: JSON.stringify(`${name}=${sheet}`),
        });
      }
    }
    return issues;
  }
}

function textOptions(path: string): ReadTableOptions {
  const format = tableFormatOfPath(path);
  return format === undefined ? { source: path } : { source: path, format };
}

/**
 * Reads one table input: a workbook's sheet, or CSV or JSON text.
 * @param option - the input's option, such as `--meters` (for `--sheet` and for messages).
 * @param looksRight - says whether a sheet's header is the one this input expects.
 * @throws InputError for an unreadable file, a name that contradicts the content, or a
 * workbook that cannot be read (a missing sheet lists the sheets).
 */
export function readTableInput(
  option: string,
  path: string,
  sheets: SheetChoice,
  looksRight: (header: readonly string[]) => boolean,
): TableInput {
  const content = readInputFile(path);
  if (typeof content === 'string') {
    sheets.notAWorkbook(option, path);
    return { input: content, options: textOptions(path) };
  }
  const extension = extname(path).toLowerCase();
  const signature = fileSignature(content);
  const workbookBytes = signature === 'zip' || signature === 'ole';
  if (workbookBytes && (extension === '.csv' || extension === '.json')) {
    throw new InputError([
      {
        source: path,
        code: 'notAWorkbook',
        expected: `${extension === '.csv' ? 'CSV' : 'JSON'} text, as the name ${JSON.stringify(path)} says`,
        received:
          signature === 'zip'
            ? 'a zip container (an .xlsx workbook)'
            : 'an OLE compound file (an encrypted workbook or an old .xls file)',
        detail: 'name a workbook .xlsx to read it as one',
      },
    ]);
  }
  if (workbookBytes || WORKBOOK_EXTENSIONS.has(extension)) {
    const sheet = sheets.sheetFor(option);
    // A `.xlsx` that is text is refused by the reader, which says so.
    const table = readWorkbookTable(content, { source: path, looksRight, ...(sheet === undefined ? {} : { sheet }) });
    return { input: table, options: { source: path } };
  }
  sheets.notAWorkbook(option, path);
  return { input: decodeUtf8File(content, path), options: textOptions(path) };
}

/**
 * A table input that is a CSV file, to be read a chunk at a time (decision 0085): undefined
 * when it is standard input or not a regular file (a pipe), named as a workbook or JSON, starts as
 * a workbook or (unless named `.csv`) as JSON, or cannot be opened; the caller then reads it whole ({@link readTableInput}),
 * which says what is wrong with it, if anything.
 */
export function csvInputChunks(option: string, path: string, sheets: SheetChoice): CsvChunks | undefined {
  const extension = extname(path).toLowerCase();
  if (path === '-' || WORKBOOK_EXTENSIONS.has(extension) || tableFormatOfPath(path) === 'json') return undefined;
  // A pipe (`<(...)`) is read whole: its first bytes, once looked at, could not be read again.
  if (!isRegularFile(path)) return undefined;
  const head = readFileHead(path, 64);
  if (head === undefined) return undefined;
  const signature = fileSignature(head);
  if (signature === 'zip' || signature === 'ole') return undefined;
  if (tableFormatOfPath(path) !== 'csv' && detectTableFormatOfBytes(head) !== 'csv') return undefined;
  sheets.notAWorkbook(option, path);
  return readInputChunks(path);
}

/** True for a regular file (not a pipe, a folder or a device); false too when there is none. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Refuses a workbook given where only CSV is read (registrations, decision 0053), from the
 * file's first bytes; a file that cannot be opened is left for the reader to report.
 * @throws InputError `notAWorkbook` for a zip container or an OLE compound file.
 */
export function refuseWorkbookInput(option: string, path: string): void {
  if (path === '-') return;
  const head = readFileHead(path, 8);
  if (head === undefined) return;
  const signature = fileSignature(head);
  if (signature !== 'zip' && signature !== 'ole') return;
  throw new InputError([
    {
      source: path,
      field: option,
      code: 'notAWorkbook',
      expected: 'a CSV file (registrations are read as CSV only, streamed in bounded memory)',
      received:
        signature === 'zip'
          ? 'an .xlsx workbook (a zip container)'
          : 'an OLE compound file (an encrypted workbook or an old .xls file)',
      detail: 'save the sheet as CSV (CSV UTF-8) and count that file',
    },
  ]);
}
