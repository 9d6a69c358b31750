/** `dcc-charges derive`: a Charging Statement derived from methodology inputs. */
import { DERIVE_FORMATS } from '../formats.js';
import { deriveValidatedChargingStatement, type DerivedChargingStatement } from '../../methodology/derive-statement.js';
import { readMethodologyInputs } from '../../methodology/parse-inputs.js';
import { readTextFile } from '../io.js';
import { toJsonText, type CliContext } from '../context.js';
import { chooseOutput, refuseOutputsOnInputs, writeOutputFile, writeReport, type OutputOptions } from '../output.js';
import { renderDerivationTable } from '../../render/derivation.js';
import { deriveReportWorkbook } from '../../xlsx/report-workbooks.js';

/** The options of `derive`. */
export interface DeriveOptions extends OutputOptions {
  readonly inputs: string;
  readonly statementOut?: string | undefined;
}

/** A format of `derive`'s report. */
export type DeriveFormat = (typeof DERIVE_FORMATS)[number];

/**
 * Reads a methodology input file and derives its Charging Statement.
 * @throws InputError naming the file for unreadable, malformed or invalid inputs.
 */
export function deriveFromFile(path: string): DerivedChargingStatement {
  return deriveValidatedChargingStatement(readMethodologyInputs(readTextFile(path), path), path);
}

/** Writes a derivation in the chosen format: `json` is `{ statement, recovery, trace }`. */
export function renderDerivation(derived: DerivedChargingStatement, format: DeriveFormat): string | Uint8Array {
  switch (format) {
    case 'json':
      return toJsonText({ statement: derived.statement, recovery: derived.recovery, trace: derived.trace });
    case 'table':
      return renderDerivationTable(derived);
    case 'xlsx':
      return deriveReportWorkbook(derived);
  }
}

/** Runs `derive`. */
export function runDerive(options: DeriveOptions, context: CliContext): void {
  const output = chooseOutput(options, DERIVE_FORMATS, 'table', context);
  refuseOutputsOnInputs(
    [{ option: '--inputs', path: options.inputs }],
    [
      { option: '--out', path: output.path },
      { option: '--statement-out', path: options.statementOut },
    ],
  );
  const derived = deriveFromFile(options.inputs);
  if (options.statementOut !== undefined) {
    writeOutputFile(context, { option: '--statement-out', path: options.statementOut }, toJsonText(derived.statement));
  }
  writeReport(context, output, renderDerivation(derived, output.format));
}
