/**
 * The one rule for output options, the same in every command:
 * - `--format` names the format;
 * - `--out FILE` writes the report to FILE, and when `--format` is not given the extension decides
 *   (`.json`, `.csv`, `.md`, `.html`, `.xlsx`, `.txt` for the table); `--out -` is standard output;
 * - an extension that contradicts `--format` is refused before any work;
 * - a binary format (`xlsx`) is never written to a terminal: without `--out` it is refused;
 * - an output that is one of the inputs, or two outputs on one path, are refused before any work
 *   and checked again at writing (against every file the run has read);
 * - files are written atomically, and the status line (`wrote FILE`) goes to standard error.
 */
import { extname } from 'node:path';
import { InputError, type InputIssue } from '../errors/input-error.js';
import { refuseClashingPaths, STANDARD_STREAM, writeFileAtomic, type NamedPath } from '../node/safe-files.js';
import type { CliContext } from './context.js';
import { inputsOfRun } from './io.js';
import { visibleText } from '../render/visible-text.js';

/** Every report format a command may offer. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'html', 'xlsx'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats whose content is bytes, never written to a terminal. */
const BINARY_FORMATS: ReadonlySet<ReportFormat> = new Set<ReportFormat>(['xlsx']);

/** The format each known extension names. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'md',
  '.html': 'html',
  '.xlsx': 'xlsx',
  '.txt': 'table',
};

/** Where and how a report is written: `path` undefined is standard output. */
export interface Output<F extends ReportFormat> {
  readonly format: F;
  readonly path: string | undefined;
}

/** The output options as commander gives them. */
export interface OutputOptions {
  readonly format?: string | undefined;
  readonly out?: string | undefined;
}

/** True for a format whose report is bytes. */
export function isBinaryFormat(format: ReportFormat): boolean {
  return BINARY_FORMATS.has(format);
}

function refuse(issue: InputIssue): never {
  throw new InputError([issue]);
}

/**
 * Chooses a command's output from `--format` and `--out`, before any work.
 * @param formats the formats the command writes; `fallback` is used when neither option says.
 * @throws InputError for a format the command does not write, an extension that contradicts
 * `--format` or names no format, or a binary format bound for a terminal.
 */
export function chooseOutput<F extends ReportFormat>(
  options: OutputOptions,
  formats: readonly F[],
  fallback: F,
  context: CliContext,
): Output<F> {
  const offered = formats.join(', ');
  const given = options.format;
  if (given !== undefined && !(formats as readonly string[]).includes(given)) {
    refuse({
      field: '--format',
      code: 'unknownFormat',
      expected: `one of ${offered}`,
      received: JSON.stringify(given),
    });
  }
  const out = options.out;
  const path = out === undefined || out === STANDARD_STREAM ? undefined : out;
  let format = given as F | undefined;
  if (path !== undefined) {
    const extension = extname(path).toLowerCase();
    const byExtension = FORMAT_OF_EXTENSION[extension];
    if (byExtension !== undefined && format !== undefined && byExtension !== format) {
      refuse({
        field: '--out',
        code: 'formatMismatch',
        expected: `a file whose extension agrees with --format ${format} (${extension} names ${byExtension})`,
        received: JSON.stringify(path),
      });
    }
    if (format === undefined) {
      if (byExtension !== undefined) {
        if (!(formats as readonly string[]).includes(byExtension)) {
          refuse({
            field: '--out',
            code: 'unknownFormat',
            expected: `a format this command writes (${offered})`,
            received: `${JSON.stringify(path)} (${byExtension})`,
          });
        }
        format = byExtension as F;
      } else if (extension !== '') {
        refuse({
          field: '--out',
          code: 'unknownFormat',
          expected: `a file ending ${formats.map((name) => extensionOf(name)).join(', ')}, or --format to say which`,
          received: JSON.stringify(path),
        });
      }
    }
  }
  const chosen = format ?? fallback;
  if (isBinaryFormat(chosen) && path === undefined && (out === undefined || context.io.stdoutIsTty === true)) {
    refuse({
      field: '--out',
      code: 'missingOption',
      expected: `--out FILE for the ${chosen} format (a binary file is not written to a terminal; --out - writes it to a pipe)`,
    });
  }
  return { format: chosen, path };
}

function extensionOf(format: ReportFormat): string {
  return format === 'table' ? '.txt' : `.${format}`;
}

/**
 * Refuses, before any work, outputs that are inputs or share a path (see {@link refuseClashingPaths}).
 * Outputs given as `undefined` (not asked for) are skipped.
 */
export function refuseOutputsOnInputs(
  inputs: readonly { option: string; path: string | undefined }[],
  outputs: readonly { option: string; path: string | undefined }[],
): void {
  const present = (paths: readonly { option: string; path: string | undefined }[]): NamedPath[] =>
    paths.flatMap((entry) => (entry.path === undefined ? [] : [{ option: entry.option, path: entry.path }]));
  refuseClashingPaths(present(inputs), present(outputs));
}

/**
 * Writes a report: to standard output, or atomically to its file after checking it against every
 * file the run has read, with `wrote FILE` on standard error.
 * @throws InputError when the file is an input of the run or cannot be written.
 */
export function writeReport(
  context: CliContext,
  output: Output<ReportFormat>,
  content: string | Uint8Array,
  option = '--out',
): void {
  if (output.path === undefined) {
    context.io.stdout(content);
    return;
  }
  writeOutputFile(context, { option, path: output.path }, content);
}

/**
 * Writes one output file atomically after checking it against every file the run has read,
 * with `wrote FILE` on standard error.
 */
export function writeOutputFile(context: CliContext, output: NamedPath, content: string | Uint8Array): void {
  refuseClashingPaths(inputsOfRun(), [output]);
  writeFileAtomic(output.path, content);
  context.io.stderr(`wrote ${visibleText(output.path)}\n`);
}
