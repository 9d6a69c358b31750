/**
 * A child process for the spill signal tests: counts the file given with `countRegistrationsFile`
 * on two threads with a tiny overlap budget (so that the overlap check spills to temporary
 * files from the first row), and once the spill's folder exists in the temporary folder
 * (TMPDIR, set by the test), sends itself the signal given. The count goes on until the signal
 * is handled at its next turn of the event loop; the process must then end by the signal with
 * the spill's folder removed. Prints "finished" if the count ends first (the test then fails).
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { countRegistrationsFile } from '../../src/node.js';

const [file, signal] = process.argv.slice(2) as [string, NodeJS.Signals];
let sent = false;
await countRegistrationsFile(file, {
  from: '2025-04',
  to: '2026-03',
  threads: 2,
  overlapMemoryBytes: 4096,
  onProgress: () => {
    if (sent || !readdirSync(tmpdir()).some((name) => name.startsWith('dcc-charges-overlaps-'))) return;
    sent = true;
    process.stdout.write('spilling\n');
    process.kill(process.pid, signal);
  },
});
process.stdout.write('finished\n');
