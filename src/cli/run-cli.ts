/**
 * Runs the command line over arguments and returns its exit code: 0 done (no differences),
 * 1 differences found (`reconcile`, `diff --exit-code`), 2 bad input (one message per problem,
 * never a stack trace), 70 an internal error (a fault of this program, never of the input).
 */
import { Command, CommanderError } from 'commander';
import { InputError, formatIssue } from '../errors/input-error.js';
import { beginRun, type CliIo } from './io.js';
import type { CliContext } from './context.js';
import { registerCommands } from './commands/index.js';
import { packageVersion } from './package-root.js';
import { visibleLines, visibleText } from '../render/visible-text.js';

/** Exit codes of the command line. */
export const EXIT = { done: 0, differencesFound: 1, badInput: 2, internalError: 70 } as const;

function buildProgram(context: CliContext): Command {
  const program = new Command('dcc-charges')
    .description('Charges owed to the DCC under SEC Section K, computed exactly from Charging Statements.')
    .version(packageVersion(), '-v, --version', 'print the version of dcc-charges and exit')
    .exitOverride()
    .configureOutput({ writeOut: context.io.stdout, writeErr: (text) => context.io.stderr(visibleLines(text)) })
    .showHelpAfterError('(run with --help for usage)');
  registerCommands(program, context);
  for (const command of program.commands) command.showHelpAfterError('(run with --help for usage)');
  return program;
}

/**
 * Runs `dcc-charges` with `args` (without the node and script paths).
 * @returns the exit code.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  beginRun(io);
  const context: CliContext = { io, exitCode: EXIT.done };
  const program = buildProgram(context);
  if (args.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.done;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/** Writes an error for a person and chooses the exit code. */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
      return EXIT.done;
    }
    return EXIT.badInput;
  }
  if (error instanceof InputError) {
    for (const issue of error.issues)
      io.stderr(`error: ${visibleText(formatIssue(issue))}
`);
    const count = error.problemCount;
    io.stderr(`${count} problem${count === 1 ? '' : 's'} in the input; nothing was computed.\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`internal error: ${visibleLines(message)}\n`);
  if (process.env['DCC_CHARGES_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) {
    io.stderr(`${error.stack}\n`);
  } else {
    io.stderr('(set DCC_CHARGES_DEBUG=1 to see where)\n');
  }
  return EXIT.internalError;
}
