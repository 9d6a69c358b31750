/**
 * The overlap spill leaves nothing behind: not when a count is interrupted by SIGINT or
 * SIGTERM while it spills (the process ends by the signal, 130 or 143 in a shell, and the
 * spill's folder is gone), and not when the temporary folder has too little room (the count
 * fails at once with an input error saying how much it needed, and writes nothing).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistrations } from '../../bench/generate-registrations.js';
import { InputError } from '../../src/errors/input-error.js';
import { countRegistrationsFileOnTwoThreads } from '../../src/node/registration-files.js';
import { SPILL_RECORD_BYTES } from '../../src/node/overlap-spill.js';

const folder = mkdtempSync(join(tmpdir(), 'dcc-spill-cleanup-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = join(folder, 'register.csv');
// 60,000 rows (about 3.7 MB): several chunks, every row spilled with a 4 KiB budget.
generateRegistrations(file, 60_000);

function interruptedCount(
  signal: NodeJS.Signals,
  temporary: string,
): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/spilling-count.ts', file, signal], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TMPDIR: temporary },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, ended) => resolve({ signal: ended, stdout }));
  });
}

describe('a spilling count interrupted', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'by %s ends by the signal and leaves the temporary folder empty',
    async (signal) => {
      const temporary = mkdtempSync(join(folder, 'tmp-'));
      const ended = await interruptedCount(signal, temporary);
      expect(ended.stdout).toBe('spilling\n');
      expect(ended.signal).toBe(signal);
      // Everything but the cache that tsx (which runs the child from source) keeps there.
      expect(readdirSync(temporary).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    },
  );
});

describe('a spill that does not fit the temporary folder', () => {
  it('fails before writing, says how much it needed and how much was free, and leaves nothing', async () => {
    const temporary = mkdtempSync(join(folder, 'full-'));
    const error = await countRegistrationsFileOnTwoThreads(
      file,
      { from: '2025-04', to: '2026-03' },
      { overlapBudgetBytes: 4096, spill: { folder: temporary, freeBytes: () => 1_000_000 } },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    const issue = (error as InputError).issues[0];
    expect(issue?.code).toBe('notEnoughSpace');
    // The file's rows as guessed from its size (64 bytes a row), a record of 24 bytes each, in MB rounded up.
    const needed = Math.ceil((Math.ceil(statSync(file).size / 64) * SPILL_RECORD_BYTES) / 1e6);
    expect(issue?.expected).toContain(`about ${needed} MB free in the temporary folder`);
    expect(issue?.received).toBe('1 MB free');
    expect(readdirSync(temporary)).toEqual([]);
  });
});
