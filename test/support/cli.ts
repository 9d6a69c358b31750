/** Runs the command line in-process and captures what it prints. */
import { runCli } from '../../src/cli/run-cli.js';

/** What one run of the command line did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `dcc-charges` with `args` and collects its output and exit code. */
export async function runCliCapture(
  args: readonly string[],
  options: { stderrIsTty?: boolean; stdoutIsTty?: boolean; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += typeof text === 'string' ? text : Buffer.from(text).toString('latin1');
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTty: options.stderrIsTty ?? false,
    stdoutIsTty: options.stdoutIsTty ?? false,
    ...(options.stdin === undefined ? {} : { readStdin: () => options.stdin ?? '' }),
  });
  return { code, stdout, stderr };
}
