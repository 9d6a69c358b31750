/**
 * `dcc-charges count`: chargeable meter counts per month from a registration file, streamed
 * (brief section 6). Its CSV output is a meter-count table that `dcc-charges charges --meters`
 * reads, `--month` picking the month.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { formatIssue, InputError, type InputIssue } from '../../errors/input-error.js';
import { countRegistrationsFile } from '../../node/registration-files.js';
import type { RegisteredMeterCounts } from '../../registrations/count-options.js';
import type { SnapshotDay } from '../../registrations/snapshots.js';
import type { RejectedRegistration } from '../../registrations/tally.js';
import { toJsonText, type CliContext } from '../context.js';
import { tableFormatOfPath, writeTextFile } from '../io.js';
import { csvCell, writeCsv } from '../../tables/csv-write.js';
import { renderTextTable } from '../render/text-table.js';
import { createProgressBar } from '../render/progress.js';

/** The options of `count`, as commander gives them. */
export interface CountCommandOptions {
  readonly registrations: string;
  readonly from: string;
  readonly to: string;
  readonly snapshotDay?: string;
  readonly skipInvalid?: boolean;
  readonly rejects?: string;
  readonly out?: string;
  readonly format?: string;
}

/** Columns of the count's CSV output: a meter-count table with a month column. */
export const COUNT_CSV_COLUMNS = ['month', 'chargingGroup', 'region', 'premises', 'enrolled', 'count'] as const;

/** Columns of the rejects file. */
export const REJECTS_CSV_COLUMNS = ['line', 'codes', 'problems', 'record'] as const;

/** Writes the counts as CSV (zeros included), accepted by `charges --meters`. */
export function renderCountsCsv(result: RegisteredMeterCounts): string {
  return writeCsv(
    COUNT_CSV_COLUMNS,
    result.counts.map((row) => [row.month ?? '', row.chargingGroup, row.region, row.premises, String(row.enrolled), String(row.count)]),
  );
}

/**
 * The output format: `--format`, else the `--out` extension (`.csv`, `.json`; `.txt` or none for
 * the table), else the table. Checked before counting, so a long count is not wasted.
 * @throws InputError for an `--out` extension that names no format when `--format` is not given.
 */
function outputFormatOf(options: Pick<CountCommandOptions, 'format' | 'out'>): 'csv' | 'json' | 'table' {
  if (options.format !== undefined) return options.format as 'csv' | 'json' | 'table';
  if (options.out === undefined) return 'table';
  const byPath = tableFormatOfPath(options.out);
  if (byPath !== undefined) return byPath;
  if (/\.txt$/i.test(options.out) || !/\.[^./\\]+$/.test(options.out)) return 'table';
  throw new InputError([
    {
      field: '--out',
      code: 'unknownFormat',
      expected: 'a file ending .csv, .json or .txt, or --format csv, json or table',
      received: JSON.stringify(options.out),
    },
  ]);
}

/** Writes the counts as a text table (zero counts left out) with the summary. */
export function renderCountsTable(result: RegisteredMeterCounts): string {
  const snapshotOf = new Map(result.snapshots.map((snapshot) => [snapshot.month, snapshot.date]));
  const rows = result.counts
    .filter((row) => row.count > 0)
    .map((row) => [
      row.month ?? '',
      snapshotOf.get(row.month ?? '') ?? '',
      row.chargingGroup,
      row.region,
      row.premises,
      row.enrolled ? 'yes' : 'no',
      String(row.count),
    ]);
  const table = renderTextTable(
    [
      { header: 'month' },
      { header: 'snapshot' },
      { header: 'chargingGroup' },
      { header: 'region' },
      { header: 'premises' },
      { header: 'enrolled' },
      { header: 'count', align: 'right' },
    ],
    rows,
  );
  return `${table}(zero counts not shown)\n${summaryLine(result)}\n`;
}

/** The summary, proving every row read is counted or rejected. */
export function summaryLine(result: RegisteredMeterCounts): string {
  const { rowsRead, rowsCounted, rowsRejected } = result.summary;
  return `rows read ${rowsRead} = rows counted ${rowsCounted} + rows rejected ${rowsRejected}`;
}

function parseSnapshotDay(text: string | undefined, issues: InputIssue[]): SnapshotDay {
  if (text === undefined || text === 'last') return 'last';
  if (/^[1-9][0-9]?$/.test(text) && Number(text) <= 31) return Number(text);
  issues.push({ field: '--snapshot-day', code: 'invalidValue', expected: '"last" or a day of the month from 1 to 31', received: JSON.stringify(text) });
  return 'last';
}

/** A rejects file written as rows come, in bounded memory. */
class RejectsFile {
  readonly #fd: number;
  #buffer = '';

  constructor(path: string) {
    try {
      this.#fd = openSync(path, 'w');
    } catch (error) {
      throw new InputError([{ source: path, code: 'unwritableFile', expected: 'a writable file path', received: error instanceof Error ? error.message : String(error) }]);
    }
    this.#buffer = `${REJECTS_CSV_COLUMNS.join(',')}\n`;
  }

  add(rejected: RejectedRegistration): void {
    const record = typeof rejected.record === 'string' ? rejected.record : JSON.stringify(rejected.record);
    const cells = [
      rejected.location.line === undefined ? '' : String(rejected.location.line),
      [...new Set(rejected.issues.map((issue) => issue.code))].join(' '),
      rejected.issues.map(formatIssue).join('; '),
      record,
    ];
    this.#buffer += `${cells.map(csvCell).join(',')}\n`;
    if (this.#buffer.length >= 1 << 16) this.#flush();
  }

  #flush(): void {
    writeSync(this.#fd, this.#buffer);
    this.#buffer = '';
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
  }
}

/**
 * Counts a registration file as the command line asks.
 * @throws InputError for bad options, an unreadable file, or (strict) invalid rows.
 */
export async function countFromOptions(options: CountCommandOptions, context: CliContext): Promise<RegisteredMeterCounts> {
  const issues: InputIssue[] = [];
  const snapshotDay = parseSnapshotDay(options.snapshotDay, issues);
  const skipInvalid = options.skipInvalid === true;
  if (skipInvalid && options.rejects === undefined) {
    issues.push({ field: '--rejects', code: 'missingOption', expected: 'a file for the rejected rows with --skip-invalid, so that no row is lost' });
  }
  if (!skipInvalid && options.rejects !== undefined) {
    issues.push({ field: '--rejects', code: 'invalidOption', expected: '--rejects only with --skip-invalid (strict mode rejects nothing: it fails)' });
  }
  if (issues.length > 0) throw new InputError(issues);
  const rejects = skipInvalid && options.rejects !== undefined ? new RejectsFile(options.rejects) : undefined;
  const progress = createProgressBar(context.io);
  try {
    return await countRegistrationsFile(options.registrations, {
      from: options.from,
      to: options.to,
      snapshotDay,
      mode: skipInvalid ? 'skip-invalid' : 'strict',
      ...(rejects === undefined ? {} : { onReject: (rejected: RejectedRegistration) => rejects.add(rejected) }),
      onProgress: (state) => progress.update(state),
    });
  } finally {
    progress.finish();
    rejects?.close();
  }
}

/** Registers `count`. */
export function registerCountCommand(program: Command, context: CliContext): void {
  program
    .command('count')
    .description('count chargeable meters per month, Charging Group, Region, premises and enrolment from a registration file')
    .requiredOption('--registrations <file>', 'registration CSV: meterPoint, chargingGroup, premises, registeredFrom, registeredTo, enrolledFrom[, region][, gspGroup]')
    .requiredOption('--from <YYYY-MM>', 'first month counted')
    .requiredOption('--to <YYYY-MM>', 'last month counted')
    .option('--snapshot-day <N>', 'day of the month on which meters are counted: 1 to 31 (the last day where a month is shorter) or "last"', 'last')
    .option('--skip-invalid', 'set invalid rows aside (with their reasons, in --rejects) instead of failing')
    .option('--rejects <file>', 'CSV file for the rejected rows (with --skip-invalid)')
    .option('--out <file>', 'write the counts to this file instead of standard output')
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices(['csv', 'json', 'table']))
    .action(async (options: CountCommandOptions) => {
      const format = outputFormatOf(options);
      const result = await countFromOptions(options, context);
      const text = format === 'json' ? toJsonText(result) : format === 'csv' ? renderCountsCsv(result) : renderCountsTable(result);
      if (options.out === undefined) context.io.stdout(text);
      else writeTextFile(options.out, text);
      if (format !== 'table' || options.out !== undefined) context.io.stderr(`${summaryLine(result)}\n`);
    });
}
