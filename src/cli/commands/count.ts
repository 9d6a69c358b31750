/**
 * `dcc-charges count`: chargeable meter counts per month from a registration file, streamed
 * (docs/registrations.md). Its CSV output is a meter-count table that `dcc-charges charges --meters`
 * reads, `--month` picking the month.
 */
import { COUNT_BY_USER_FORMATS, COUNT_FORMATS } from '../formats.js';
import { monthIssue } from '../../vocabulary/months.js';
import { formatIssue, InputError, type InputIssue } from '../../errors/input-error.js';
import { countRegistrationsFile } from '../../node/registration-files.js';
import type { RegisteredMeterCounts, RegisteredMeterCountsByUser } from '../../registrations/count-options.js';
import type { SnapshotDay } from '../../registrations/snapshots.js';
import type { RejectedRegistration } from '../../registrations/tally.js';
import { toJsonText, type CliContext } from '../context.js';
import { chooseOutput, refuseOutputsOnInputs, writeReport } from '../output.js';
import { AtomicFile } from '../../node/safe-files.js';
import { csvCell, writeCsv } from '../../tables/csv-write.js';
import { renderTextTable, type TextColumn } from '../../render/text-table.js';
import type { MeterCountRow } from '../../inputs/meter-counts.js';
import { renderCountsHtml } from '../../render/count-html.js';
import type { ChartRenderer } from '../../render/chart-svg.js';
import { chartsFor } from '../charts.js';
import { createProgressBar } from '../render/progress.js';
import { countByUserReportWorkbook, countReportWorkbook } from '../../xlsx/report-workbooks.js';
import { refuseWorkbookInput } from '../table-input.js';

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
  /** Count every User apart, by the `user` column (decision 0081). */
  readonly byUser?: boolean;
}

/** Columns of the count's CSV output: a meter-count table with a month column. */
export const COUNT_CSV_COLUMNS = ['month', 'chargingGroup', 'region', 'premises', 'enrolled', 'count'] as const;

/** Columns of the rejects file. */
export const REJECTS_CSV_COLUMNS = ['line', 'codes', 'problems', 'record'] as const;

/** The CSV cells of one count row, in the order of {@link COUNT_CSV_COLUMNS}. */
function countCsvCells(row: MeterCountRow): string[] {
  return [row.month ?? '', row.chargingGroup, row.region, row.premises, String(row.enrolled), String(row.count)];
}

/** Writes the counts as CSV (zeros included), accepted by `charges --meters`. */
export function renderCountsCsv(result: RegisteredMeterCounts): string {
  return writeCsv(COUNT_CSV_COLUMNS, result.counts.map(countCsvCells));
}

export { COUNT_BY_USER_FORMATS, COUNT_FORMATS };

/** Columns of `count --by-user`'s CSV output: the User, then a meter-count table with a month column. */
export const COUNT_BY_USER_CSV_COLUMNS = ['user', ...COUNT_CSV_COLUMNS] as const;

/** A format of `count --by-user`'s output. */
export type CountByUserFormat = (typeof COUNT_BY_USER_FORMATS)[number];

/** Writes the counts of every User as CSV (zeros included), the `user` column first. */
export function renderCountsByUserCsv(result: RegisteredMeterCountsByUser): string {
  return writeCsv(
    COUNT_BY_USER_CSV_COLUMNS,
    result.users.flatMap((user) => user.counts.map((row) => [user.user, ...countCsvCells(row)])),
  );
}

/** Writes the counts of every User as a text table (zero counts left out), with each User's summary. */
export function renderCountsByUserTable(result: RegisteredMeterCountsByUser): string {
  const cells = countTableCells(result);
  const rows = result.users.flatMap((user) =>
    user.counts.filter((row) => row.count > 0).map((row) => [user.user, ...cells(row)]),
  );
  const table = renderTextTable([{ header: 'user' }, ...COUNT_TABLE_COLUMNS], rows);
  const summaries = renderTextTable(
    [
      { header: 'user' },
      { header: 'rows read', align: 'right' },
      { header: 'rows counted', align: 'right' },
      { header: 'rows rejected', align: 'right' },
    ],
    result.users.map((user) => [
      user.user,
      String(user.summary.rowsRead),
      String(user.summary.rowsCounted),
      String(user.summary.rowsRejected),
    ]),
  );
  return `${table}(zero counts not shown)\n\n${summaries}${summaryLine(result)}\n`;
}

/** Writes the counts of every User in the chosen format. */
export function renderCountsByUser(
  result: RegisteredMeterCountsByUser,
  format: CountByUserFormat,
  rejectsByCode?: ReadonlyMap<string, number>,
): string | Uint8Array {
  switch (format) {
    case 'json':
      return toJsonText(result);
    case 'csv':
      return renderCountsByUserCsv(result);
    case 'table':
      return renderCountsByUserTable(result);
    case 'xlsx':
      return countByUserReportWorkbook(result, rejectsByCode);
  }
}

/** A format of `count`'s output. */
export type CountFormat = (typeof COUNT_FORMATS)[number];

/** Writes counts in the chosen format. */
export async function renderCounts(
  result: RegisteredMeterCounts,
  format: CountFormat,
  rejectsByCode?: ReadonlyMap<string, number>,
  charts?: ChartRenderer,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return toJsonText(result);
    case 'csv':
      return renderCountsCsv(result);
    case 'table':
      return renderCountsTable(result);
    case 'html':
      return renderCountsHtml(result, rejectsByCode, charts);
    case 'xlsx':
      return countReportWorkbook(result, rejectsByCode);
  }
}

/** The columns of the count's text table. */
const COUNT_TABLE_COLUMNS: readonly TextColumn[] = [
  { header: 'month' },
  { header: 'snapshot' },
  { header: 'chargingGroup' },
  { header: 'region' },
  { header: 'premises' },
  { header: 'enrolled' },
  { header: 'count', align: 'right' },
];

/** The text-table cells of one count row, its month's snapshot date beside it. */
function countTableCells(result: Pick<RegisteredMeterCounts, 'snapshots'>): (row: MeterCountRow) => string[] {
  const snapshotOf = new Map(result.snapshots.map((snapshot) => [snapshot.month, snapshot.date]));
  return (row) => [
    row.month ?? '',
    snapshotOf.get(row.month ?? '') ?? '',
    row.chargingGroup,
    row.region,
    row.premises,
    row.enrolled ? 'yes' : 'no',
    String(row.count),
  ];
}

/** Writes the counts as a text table (zero counts left out) with the summary. */
export function renderCountsTable(result: RegisteredMeterCounts): string {
  const table = renderTextTable(
    COUNT_TABLE_COLUMNS,
    result.counts.filter((row) => row.count > 0).map(countTableCells(result)),
  );
  return `${table}(zero counts not shown)\n${summaryLine(result)}\n`;
}

/** The summary, proving every row read is counted or rejected. */
export function summaryLine(result: Pick<RegisteredMeterCounts, 'summary'>): string {
  const { rowsRead, rowsCounted, rowsRejected } = result.summary;
  return `rows read ${rowsRead} = rows counted ${rowsCounted} + rows rejected ${rowsRejected}`;
}

/** Reads `--snapshot-day`: `last` or a day 1 to 31; a bad value is added to `issues`. */
export function parseSnapshotDay(text: string | undefined, issues: InputIssue[]): SnapshotDay {
  if (text === undefined || text === 'last') return 'last';
  if (/^[1-9][0-9]?$/.test(text) && Number(text) <= 31) return Number(text);
  issues.push({
    field: '--snapshot-day',
    code: 'invalidValue',
    expected: '"last" or a day of the month from 1 to 31',
    received: JSON.stringify(text),
  });
  return 'last';
}

/** A rejects file written as rows come, in bounded memory; in place only once the count is done. */
class RejectsFile {
  readonly #file: AtomicFile;
  #buffer = '';

  constructor(path: string) {
    this.#file = AtomicFile.open(path);
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
    this.#file.write(this.#buffer);
    this.#buffer = '';
  }

  /** Puts the complete file in place. */
  commit(): void {
    this.#flush();
    this.#file.commit();
  }

  /** Leaves no file behind (a failed count). */
  abort(): void {
    this.#file.abort();
  }
}

/**
 * Counts a registration file as the command line asks.
 * @throws InputError for bad options, an unreadable file, or (strict) invalid rows.
 */
export async function countFromOptions(
  options: CountCommandOptions & { readonly byUser: true },
  context: CliContext,
  rejectsByCode?: Map<string, number>,
): Promise<RegisteredMeterCountsByUser>;
export async function countFromOptions(
  options: CountCommandOptions & { readonly byUser?: false | undefined },
  context: CliContext,
  rejectsByCode?: Map<string, number>,
): Promise<RegisteredMeterCounts>;
export async function countFromOptions(
  options: CountCommandOptions,
  context: CliContext,
  rejectsByCode?: Map<string, number>,
): Promise<RegisteredMeterCounts | RegisteredMeterCountsByUser> {
  const issues: InputIssue[] = [];
  for (const [field, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    const problem = monthIssue(value, field);
    if (problem !== undefined) issues.push(problem);
  }
  const snapshotDay = parseSnapshotDay(options.snapshotDay, issues);
  const skipInvalid = options.skipInvalid === true;
  if (skipInvalid && options.rejects === undefined) {
    issues.push({
      field: '--rejects',
      code: 'missingOption',
      expected: 'a file for the rejected rows with --skip-invalid, so that no row is lost',
    });
  }
  if (!skipInvalid && options.rejects !== undefined) {
    issues.push({
      field: '--rejects',
      code: 'invalidOption',
      expected: '--rejects only with --skip-invalid (strict mode rejects nothing: it fails)',
    });
  }
  if (options.rejects === '-') {
    issues.push({
      field: '--rejects',
      code: 'invalidOption',
      expected: 'a file for the rejected rows (standard output carries the counts)',
      received: '"-"',
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const rejects = skipInvalid && options.rejects !== undefined ? new RejectsFile(options.rejects) : undefined;
  const progress = createProgressBar(context.io);
  let counted = false;
  try {
    const result = await countRegistrationsFile(options.registrations, {
      from: options.from,
      to: options.to,
      snapshotDay,
      byUser: options.byUser === true,
      mode: skipInvalid ? 'skip-invalid' : 'strict',
      ...(rejects === undefined
        ? {}
        : {
            onReject: (rejected: RejectedRegistration) => {
              rejects.add(rejected);
              if (rejectsByCode !== undefined) {
                for (const code of new Set(rejected.issues.map((issue) => issue.code)))
                  rejectsByCode.set(code, (rejectsByCode.get(code) ?? 0) + 1);
              }
            },
          }),
      onProgress: (state) => progress.update(state),
    });
    counted = true;
    return result;
  } finally {
    progress.finish();
    if (counted) rejects?.commit();
    else rejects?.abort();
  }
}

/** Runs `count`. */
export async function runCount(options: CountCommandOptions, context: CliContext): Promise<void> {
  if (options.byUser === true) {
    await runCountByUser({ ...options, byUser: true }, context);
    return;
  }
  const output = chooseOutput(options, COUNT_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [{ option: '--registrations', path: options.registrations }],
    [
      { option: '--out', path: output.path },
      { option: '--rejects', path: options.rejects },
    ],
  );
  refuseWorkbookInput('--registrations', options.registrations);
  const rejectsByCode = new Map<string, number>();
  const result = await countFromOptions({ ...options, byUser: false }, context, rejectsByCode);
  writeReport(
    context,
    output,
    await renderCounts(result, output.format, rejectsByCode, await chartsFor(output.format, context)),
  );
  if (output.format !== 'table' || output.path !== undefined) context.io.stderr(`${summaryLine(result)}\n`);
}

/** Runs `count --by-user`: the same option rules, one User column more. */
async function runCountByUser(
  options: CountCommandOptions & { readonly byUser: true },
  context: CliContext,
): Promise<void> {
  const output = chooseOutput(options, COUNT_BY_USER_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [{ option: '--registrations', path: options.registrations }],
    [
      { option: '--out', path: output.path },
      { option: '--rejects', path: options.rejects },
    ],
  );
  refuseWorkbookInput('--registrations', options.registrations);
  const rejectsByCode = new Map<string, number>();
  const result = await countFromOptions(options, context, rejectsByCode);
  writeReport(context, output, renderCountsByUser(result, output.format, rejectsByCode));
  if (output.format !== 'table' || output.path !== undefined) context.io.stderr(`${summaryLine(result)}\n`);
}
