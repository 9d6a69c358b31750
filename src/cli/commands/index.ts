/** Every command of the command line, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerChargesCommand } from './charges.js';
import { registerDeriveCommand } from './derive.js';
import { registerReconcileCommand } from './reconcile.js';
import { registerDiffCommand } from './diff.js';
import { registerBudgetCommand } from './budget.js';
import { registerDemoCommand } from './demo.js';
import { registerCountCommand } from './count.js';

/** Registers every command on the program. */
export function registerCommands(program: Command, context: CliContext): void {
  registerChargesCommand(program, context);
  registerDeriveCommand(program, context);
  registerReconcileCommand(program, context);
  registerDiffCommand(program, context);
  registerBudgetCommand(program, context);
  registerDemoCommand(program, context);
  registerCountCommand(program, context);
}
