/**
 * The command line's grammar: every command, its options, its help and an example, in the order
 * `--help` lists them. Each action loads its command's module only when it runs, so that `--help`
 * and `--version` load nothing but commander (the modules pull in zod, decimal.js and the rest).
 */
import { Option, type Command } from 'commander';
import { DEFAULT_VAT_RATE } from '../../charges/defaults.js';
import { DEFAULT_ROUNDING_MODE, ROUNDING_MODES } from '../../money/rounding-modes.js';
import { DEFAULT_TOLERANCE } from '../../reconciliation/defaults.js';
import { LINE_LISTINGS } from '../../reconciliation/reconciliation.js';
import type { CliContext } from '../context.js';
import {
  BUDGET_FORMATS,
  CHARGES_FORMATS,
  COUNT_FORMATS,
  DERIVE_FORMATS,
  DIFF_FORMATS,
  MODEL_FORMATS,
  RECONCILE_FORMATS,
} from '../formats.js';

const REQUIRED = '(required)';
const OUT_HELP =
  'write the report to this file (- for standard output); its extension gives the format when --format is not given';

function formatOption(formats: readonly string[]): Option {
  return new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices(
    formats,
  );
}

const SHEET_HELP =
  'the sheet of every .xlsx input, or INPUT=NAME for one (such as meters=Counts); default: the only sheet with the expected header, else the first';

/** Collects a repeatable option's values. */
function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function example(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExample:\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
}

/** Adds the options every monthly-charge command shares. */
function addChargeInputOptions(command: Command, metersHelp?: string): Command {
  command
    .requiredOption(
      '--statement <file...>',
      `${REQUIRED} Charging Statement file(s), JSON; the one in force for the month is used`,
    )
    .requiredOption('--month <YYYY-MM>', `${REQUIRED} the month to charge`);
  if (metersHelp === undefined)
    command.requiredOption('--meters <file>', `${REQUIRED} meter counts, CSV, JSON or .xlsx`);
  else command.option('--meters <file>', metersHelp);
  return command
    .option('--usage <file>', 'explicit usage (code, quantity), CSV, JSON or .xlsx')
    .option('--elective <file>', 'elective lines (reference, description, amount), CSV, JSON or .xlsx')
    .option('--sheet <name>', SHEET_HELP, collect)
    .option('--vat-rate <rate>', 'VAT rate as a plain decimal', DEFAULT_VAT_RATE)
    .addOption(
      new Option('--rounding <mode>', 'rounding mode of amounts and VAT')
        .choices(ROUNDING_MODES)
        .default(DEFAULT_ROUNDING_MODE),
    );
}

function registerCharges(program: Command, context: CliContext): void {
  const command = program
    .command('charges')
    .description("compute a User's charges for one month from a Charging Statement (or every User's, --by-user)");
  addChargeInputOptions(command, `meter counts, CSV, JSON or .xlsx ${REQUIRED} unless --registrations`)
    .option('--registrations <file>', 'a registration CSV to count for the month instead of --meters')
    .option(
      '--by-user',
      "with --registrations: every User's charges in one run, one summary row per User (the lines with --format csv or json)",
    )
    .option(
      '--snapshot-day <N>',
      'with --registrations: the day of the month on which meters are counted, 1 to 31 or "last" (default)',
    )
    .addOption(formatOption(CHARGES_FORMATS))
    .option('--out <file>', OUT_HELP)
    .action(async (options) => (await import('./charges.js')).runCharges(options, context));
  example(command, [
    'dcc-charges charges --statement fixtures/statements/illustrative-2025-26.json --month 2025-06 \\',
    '  --meters fixtures/examples/dual-fuel-supplier/meters.json --out charges.csv',
  ]);
}

function registerModel(program: Command, context: CliContext): void {
  const command = program
    .command('model')
    .description(
      'write the working model: a workbook whose live formulas give the charges of a month or of each month of a Regulatory Year',
    )
    .requiredOption(
      '--statement <file...>',
      `${REQUIRED} Charging Statement file(s), JSON; each month uses the one in force`,
    )
    .option('--month <YYYY-MM>', 'the month modelled (or --year)')
    .option('--year <YYYY/YY>', 'the Regulatory Year modelled, one column per month (or --month)')
    .option('--meters <file>', 'meter counts to pre-fill, CSV, JSON or .xlsx (otherwise the counts are empty)')
    .option('--usage <file>', 'explicit usage (code, quantity) to pre-fill, CSV, JSON or .xlsx')
    .option('--elective <file>', 'elective lines (reference, description, amount), CSV, JSON or .xlsx')
    .option('--vat-rate <rate>', 'VAT rate as a plain decimal (an input cell of the model)', DEFAULT_VAT_RATE)
    .addOption(
      new Option('--rounding <mode>', 'rounding mode of amounts and VAT, built into the formulas')
        .choices(ROUNDING_MODES)
        .default(DEFAULT_ROUNDING_MODE),
    )
    .addOption(formatOption(MODEL_FORMATS))
    .option('--out <file>', `${REQUIRED} the workbook to write, .xlsx`)
    .action(async (options) => (await import('./model.js')).runModel(options, context));
  example(command, [
    'dcc-charges model --statement fixtures/statements/illustrative-2025-26.json --year 2025/26 \\',
    '  --meters fixtures/examples/dual-fuel-supplier/meters.json --usage fixtures/examples/dual-fuel-supplier/usage.json --out model.xlsx',
  ]);
}

function registerCount(program: Command, context: CliContext): void {
  const command = program
    .command('count')
    .description(
      'count chargeable meters per month, Charging Group, Region, premises and enrolment from a registration file',
    )
    .requiredOption(
      '--registrations <file>',
      `${REQUIRED} registration CSV: meterPoint, chargingGroup, premises, registeredFrom, registeredTo, enrolledFrom[, region][, gspGroup][, user]`,
    )
    .requiredOption('--from <YYYY-MM>', `${REQUIRED} first month counted`)
    .requiredOption('--to <YYYY-MM>', `${REQUIRED} last month counted`)
    .option(
      '--snapshot-day <N>',
      'day of the month on which meters are counted: 1 to 31 (the last day where a month is shorter) or "last"',
      'last',
    )
    .option('--skip-invalid', 'set invalid rows aside (with their reasons, in --rejects) instead of failing')
    .option('--rejects <file>', 'CSV file for the rejected rows (with --skip-invalid)')
    .option(
      '--by-user',
      'count every User apart in the one pass, by the user column (every row must give it); outputs gain a user column',
    )
    .option('--out <file>', OUT_HELP)
    .addOption(formatOption(COUNT_FORMATS))
    .action(async (options) => (await import('./count.js')).runCount(options, context));
  example(command, [
    'dcc-charges count --registrations test/fixtures/registrations/dual-fuel-register.csv --from 2025-04 --to 2026-03 --out counts.csv',
  ]);
}

function registerDerive(program: Command, context: CliContext): void {
  const command = program
    .command('derive')
    .description('derive a Charging Statement from revenue, weighting factors and meter forecasts')
    .requiredOption('--inputs <file>', `${REQUIRED} methodology inputs, JSON (format dcc-charges/methodology-inputs@1)`)
    .option(
      '--statement-out <file>',
      'also write the derived Charging Statement to this file (ready for charges --statement)',
    )
    .addOption(formatOption(DERIVE_FORMATS))
    .option('--out <file>', OUT_HELP)
    .action(async (options) => (await import('./derive.js')).runDerive(options, context));
  example(command, [
    'dcc-charges derive --inputs fixtures/methodology/illustrative-2025-26-uitmr.json --statement-out statement.json',
  ]);
}

function registerReconcile(program: Command, context: CliContext): void {
  const command = program
    .command('reconcile')
    .description(
      'compare a DCC invoice with the expected charges of a month and explain every difference (exit 0 all match, 1 differences, 2 bad input)',
    )
    .requiredOption(
      '--invoice <file>',
      `${REQUIRED} the invoice, CSV, JSON or .xlsx (columns month, kind, chargingGroup, region, code, description, quantity, unitPrice, amount)`,
    )
    .option(
      '--columns <file>',
      'column mapping, JSON: our field name -> the header of the invoice file; "ignore": [headers] to skip',
    );
  addChargeInputOptions(command, 'meter counts, CSV, JSON or .xlsx (this or --registrations is required)')
    .option(
      '--registrations <file>',
      'a registration CSV to count for the month instead of --meters; each per-meter quantity that differs is explained',
    )
    .option(
      '--meter-points <file>',
      'with --registrations: CSV of the meter points whose status differs between our reading and the one that reproduces the invoice',
    )
    .option('--snapshot-day <N>', 'with --registrations: our snapshot day, 1 to 31 or "last" (default last)')
    .option('--user <id>', "with --registrations: the invoice's User ID; a register row naming another User is refused")
    .option(
      '--tolerance <pounds>',
      'largest difference in pounds, per line amount and per total, that still counts as a match',
      DEFAULT_TOLERANCE,
    )
    .addOption(
      new Option(
        '--listing <lines>',
        'the lines the report lists: all, or differing (every line is still counted and totalled; for large invoices)',
      )
        .choices(LINE_LISTINGS)
        .default('all'),
    )
    .addOption(formatOption(RECONCILE_FORMATS))
    .option('--out <file>', OUT_HELP)
    .action(async (options) => (await import('./reconcile.js')).runReconcile(options, context));
  example(command, [
    'dcc-charges reconcile --invoice fixtures/invoices/dual-fuel-supplier-2025-06.json \\',
    '  --statement fixtures/statements/illustrative-2025-26.json --month 2025-06 \\',
    '  --meters fixtures/examples/dual-fuel-supplier/meters.json --usage fixtures/examples/dual-fuel-supplier/usage.json \\',
    '  --elective fixtures/examples/dual-fuel-supplier/elective.json --out report.html',
    'dcc-charges reconcile --invoice invoice.csv --statement statement.json --month 2025-05 \\',
    '  --registrations registrations.csv --meter-points differing.csv',
  ]);
}

function registerDiff(program: Command, context: CliContext): void {
  const command = program
    .command('diff')
    .description('compare two Charging Statements: every rate and explicit price, and the impact on a portfolio')
    .argument('<before>', '(required) the earlier Charging Statement, JSON')
    .argument('<after>', '(required) the later Charging Statement, JSON')
    .option('--meters <file>', 'meter counts (without months) to price under both, CSV, JSON or .xlsx')
    .option('--usage <file>', "one month's explicit usage (code, quantity), CSV, JSON or .xlsx")
    .option('--elective <file>', "one month's elective lines, CSV, JSON or .xlsx")
    .option('--sheet <name>', SHEET_HELP, collect)
    .addOption(formatOption(DIFF_FORMATS))
    .option('--out <file>', OUT_HELP)
    .option('--exit-code', 'exit 1 when the statements differ in any rate, price or term (0 when they do not)')
    .action(async (before: string, after: string, options) =>
      (await import('./diff.js')).runDiff(before, after, options, context),
    );
  example(command, [
    'dcc-charges diff fixtures/statements/illustrative-2025-26.json statement-2026-27.json --meters meters.json --exit-code',
  ]);
}

function registerBudget(program: Command, context: CliContext): void {
  const command = program
    .command('budget')
    .description("project a User's DCC charges over the coming Regulatory Years from a budget scenario")
    .requiredOption('--scenario <file>', `${REQUIRED} a budget scenario (dcc-charges/budget-scenario@1), JSON`)
    .addOption(formatOption(BUDGET_FORMATS))
    .option('--out <file>', OUT_HELP)
    .option('--lines', "keep every month's charge lines in JSON output")
    .action(async (options) => (await import('./budget.js')).runBudget(options, context));
  example(command, ['dcc-charges budget --scenario fixtures/budget/illustrative-budget.json --out budget.html']);
}

function registerDemo(program: Command, context: CliContext): void {
  const command = program
    .command('demo')
    .description('charge the shipped illustrative examples (a dual-fuel supplier and a network operator) for June 2025')
    .action(async () => (await import('./demo.js')).runDemo(context));
  example(command, ['dcc-charges demo']);
}

/** Registers every command on the program. */
export function registerCommands(program: Command, context: CliContext): void {
  registerCharges(program, context);
  registerDerive(program, context);
  registerReconcile(program, context);
  registerDiff(program, context);
  registerBudget(program, context);
  registerDemo(program, context);
  registerCount(program, context);
  registerModel(program, context);
  for (const command of program.commands) refuseRepeatedOptions(command);
}

/**
 * Makes every single-valued option of `command` given twice a bad-input error naming the option
 * and both values, before any work (commander would otherwise keep the last value silently).
 * Repeatable options (variadic ones and those that collect) stay repeatable.
 */
function refuseRepeatedOptions(command: Command): void {
  const seen = new Map<string, string>();
  for (const option of command.options) {
    const takesValue = option.required || option.optional;
    if (!takesValue || option.variadic || option.parseArg === collect) continue;
    const name = option.long ?? option.short ?? option.name();
    command.on(`option:${option.name()}`, (value: unknown) => {
      const text = String(value);
      const previous = seen.get(name);
      if (previous !== undefined) {
        command.error(`error: option '${name}' given twice ("${previous}" and "${text}"); give it once`, {
          exitCode: 2,
          code: 'commander.repeatedOption',
        });
      }
      seen.set(name, text);
    });
  }
}
