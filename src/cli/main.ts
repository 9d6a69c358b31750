/** The `dcc-charges` executable. */
import { readFileSync } from 'node:fs';
import type { CliIo } from './io.js';
import { EXIT, runCli } from './run-cli.js';

// A reader that stops early (`dcc-charges ... | head`) closes the pipe: that ends the
// output quietly, as for any command-line tool, never with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  stdoutIsTty: process.stdout.isTTY === true,
  readStdin: () => readFileSync(0),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.internalError;
  },
);
