/**
 * A child process for the signal tests: starts an atomic write (and a tracked temporary folder) in the
 * folder given, says "ready", then waits to be interrupted. With `--own-handler` it also listens for
 * the signals itself, as a host program might, and says "still here" after one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFile, trackTemporary } from '../../src/node/safe-files.js';

const [folder, mode] = process.argv.slice(2);
if (folder === undefined) throw new Error('usage: hold-temporary FOLDER [--own-handler]');
if (mode === '--own-handler') {
  // Answers after every listener of the signal has run (ours included).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => setImmediate(() => process.stdout.write('still here\n')));
}
const file = AtomicFile.open(join(folder, 'report.csv'));
file.write('a,b\n1,2\n');
const spill = join(folder, 'spill');
mkdirSync(join(spill, 'partitions'), { recursive: true });
trackTemporary(spill);
process.stdout.write('ready\n');
setInterval(() => undefined, 1000);
