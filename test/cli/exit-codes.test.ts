/** Exit codes: 0 done, 1 differences found, 2 bad input, 70 an internal error. */
import { describe, expect, it } from 'vitest';
import { EXIT, reportError } from '../../src/cli/run-cli.js';
import { InputError } from '../../src/errors/input-error.js';
import { runCliCapture } from '../support/cli.js';

const A = 'fixtures/statements/illustrative-2025-26.json';
const B = 'test/fixtures/budget/statement-2026-27.json';

describe('exit codes', () => {
  it('diff exits 0 without --exit-code, and with it 1 when the statements differ and 0 when they do not', async () => {
    expect((await runCliCapture(['diff', A, B])).code).toBe(EXIT.done);
    const differ = await runCliCapture(['diff', A, B, '--exit-code']);
    expect(differ.code).toBe(EXIT.differencesFound);
    expect(differ.stdout).not.toBe('');
    expect((await runCliCapture(['diff', A, A, '--exit-code'])).code).toBe(EXIT.done);
  });

  it('an internal error is 70, said as such on standard error; bad input is 2', () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text), stderrIsTty: false };
    expect(reportError(new TypeError('boom'), io)).toBe(70);
    expect(stderr).toContain('internal error: boom');
    expect(reportError(new InputError([{ code: 'invalidValue', expected: 'x' }]), io)).toBe(2);
  });
});
