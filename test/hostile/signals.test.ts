/**
 * Hostile class "signals": SIGINT or SIGTERM during an atomic write leaves the old file (or
 * nothing when there was none), no temporary file or folder, and the process ends by the signal
 * (130 or 143 in a shell).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function interrupted(
  folder: string,
  signal: NodeJS.Signals,
): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hold-temporary.ts', folder], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready')) child.kill(signal);
  });
  return new Promise((resolve) => child.on('exit', (code, ended) => resolve({ code, signal: ended })));
}

const CASES = [
  ['SIGINT', true],
  ['SIGTERM', true],
  ['SIGINT', false],
  ['SIGTERM', false],
] as const;

describe('an interrupted atomic write', () => {
  it.each(CASES)('%s with an old file present: %s', async (signal, hadOld) => {
    const folder = mkdtempSync(join(tmpdir(), 'dcc-signals-'));
    folders.push(folder);
    const old = 'old,report\n'.repeat(10_000);
    if (hadOld) writeFileSync(join(folder, 'report.csv'), old);
    const ended = await interrupted(folder, signal);
    expect(ended.signal ?? ended.code).toSatisfy(
      (value: unknown) => value === signal || value === (signal === 'SIGINT' ? 130 : 143),
    );
    expect(readdirSync(folder)).toEqual(hadOld ? ['report.csv'] : []);
    if (hadOld) expect(readFileSync(join(folder, 'report.csv'), 'utf8')).toBe(old);
  });
});
