/** `dcc-charges derive`: a Charging Statement derived from methodology inputs. */
import { Option, type Command } from 'commander';
import {
  deriveValidatedChargingStatement,
  type DerivedChargingStatement,
} from '../../methodology/derive-statement.js';
import { readMethodologyInputs } from '../../methodology/parse-inputs.js';
import { readTextFile, writeTextFile } from '../io.js';
import { toJsonText, type CliContext } from '../context.js';
import { renderDerivationTable } from '../render/derivation.js';

/** The options of `derive`. */
export interface DeriveOptions {
  readonly inputs: string;
  readonly out?: string | undefined;
  readonly format: string;
}

/**
 * Reads a methodology input file and derives its Charging Statement.
 * @throws InputError naming the file for unreadable, malformed or invalid inputs.
 */
export function deriveFromFile(path: string): DerivedChargingStatement {
  return deriveValidatedChargingStatement(readMethodologyInputs(readTextFile(path), path), path);
}

/** Writes a derivation in the chosen format: `json` is `{ statement, recovery, trace }`. */
export function renderDerivation(derived: DerivedChargingStatement, format: string): string {
  if (format === 'json') {
    return toJsonText({ statement: derived.statement, recovery: derived.recovery, trace: derived.trace });
  }
  return renderDerivationTable(derived);
}

/** Registers `derive`. */
export function registerDeriveCommand(program: Command, context: CliContext): void {
  program
    .command('derive')
    .description('derive a Charging Statement from revenue, weighting factors and meter forecasts')
    .requiredOption('--inputs <file>', 'methodology inputs, JSON (format dcc-charges/methodology-inputs@1)')
    .option('--out <file>', 'also write the derived Charging Statement to this file (ready for charges --statement)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: DeriveOptions) => {
      const derived = deriveFromFile(options.inputs);
      if (options.out !== undefined) writeTextFile(options.out, toJsonText(derived.statement));
      context.io.stdout(renderDerivation(derived, options.format));
    });
}
