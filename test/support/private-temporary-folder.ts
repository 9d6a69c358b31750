/**
 * Global setup of the test run: every test, and every command a test starts, gets a temporary
 * folder of this run's own (`TMPDIR`, which `os.tmpdir()` reads), and the run fails if anything
 * is left in it at the end. So a test or a command that leaves a temporary file behind is found,
 * and two runs on one machine never see each other's files. Two tools keep files between runs
 * on purpose, and are not leaks of ours: the Chromium that `@sparticuz/chromium` unpacks (it is
 * pointed at the machine's temporary folder, `DCC_CHARGES_SHARED_TMPDIR`, by `browser.ts`), and
 * tsx's compile cache (`tsx-<uid>`, written by the benchmark and script children that tsx runs).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-test-run-'));
  const previous = process.env['TMPDIR'];
  process.env['DCC_CHARGES_SHARED_TMPDIR'] = tmpdir();
  process.env['TMPDIR'] = folder;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    const left = readdirSync(folder).filter((name) => !/^tsx-\d+$/.test(name));
    rmSync(folder, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest prints an error thrown here but does not fail the run for it: the exit code does.
      process.exitCode = 1;
      throw new Error(
        `the tests left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'}: ${left.join(', ')}`,
      );
    }
  };
}
