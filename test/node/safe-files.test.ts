/**
 * Atomic writes and temporary paths: a complete file or none, and nothing left behind on failure,
 * on SIGINT or on SIGTERM (the process then ends by the signal, 130 or 143 in a shell).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicFile, refuseClashingPaths, trackedTemporaryCount, writeFileAtomic } from '../../src/node/safe-files.js';
import { InputError } from '../../src/errors/input-error.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dcc-safe-files-'));
  folders.push(folder);
  return folder;
}

describe('AtomicFile', () => {
  it('puts nothing at the target until commit, then the whole file', () => {
    const folder = scratch();
    const target = join(folder, 'out.csv');
    writeFileSync(target, 'old\n');
    const file = AtomicFile.open(target);
    file.write('new ');
    file.write(new TextEncoder().encode('bytes\n'));
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(trackedTemporaryCount()).toBe(1);
    file.commit();
    expect(readFileSync(target, 'utf8')).toBe('new bytes\n');
    expect(readdirSync(folder)).toEqual(['out.csv']);
    expect(trackedTemporaryCount()).toBe(0);
  });

  it('abort leaves the old file and no temporary file', () => {
    const folder = scratch();
    const target = join(folder, 'out.csv');
    writeFileSync(target, 'old\n');
    const file = AtomicFile.open(target);
    file.write('half a fi');
    file.abort();
    file.abort();
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(folder)).toEqual(['out.csv']);
    expect(trackedTemporaryCount()).toBe(0);
  });

  it('a folder that cannot be written is an InputError naming the path', () => {
    const target = join(scratch(), 'no-such-folder', 'out.csv');
    expect(() => writeFileAtomic(target, 'x')).toThrow(InputError);
    expect(() => writeFileAtomic(target, 'x')).toThrow(
      `${target}: expected a writable file path, received no such file`,
    );
    expect(trackedTemporaryCount()).toBe(0);
  });
});

describe('refuseClashingPaths', () => {
  it('names both options when an output is an input or two outputs share a path', () => {
    const folder = scratch();
    const input = join(folder, 'in.json');
    writeFileSync(input, '{}');
    const error = (() => {
      try {
        refuseClashingPaths(
          [{ option: '--inputs', path: input }],
          [
            { option: '--out', path: join(folder, '.', 'in.json') },
            { option: '--a', path: join(folder, 'x.json') },
            { option: '--b', path: join(folder, 'x.json') },
          ],
        );
      } catch (caught) {
        return caught as InputError;
      }
      throw new Error('not refused');
    })();
    expect(error.issues.map((issue) => issue.code)).toEqual(['outputIsInput', 'repeatedOutput']);
    expect(error.issues[0]?.expected).toContain('--out would overwrite --inputs');
    expect(error.issues[1]?.expected).toContain('--a and --b name the same file');
  });
});

/** Runs the child, waits for "ready", sends the signal, and returns how it ended and what it printed. */
async function interrupt(
  folder: string,
  signal: NodeJS.Signals,
  ownHandler: boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/hold-temporary.ts', folder, ...(ownHandler ? ['--own-handler'] : [])],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout === 'ready\n') child.kill(signal);
      if (stdout.endsWith('still here\n')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, ended) => resolve({ code, signal: ended, stdout }));
  });
}

describe('signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s removes every tracked temporary path and ends the process by the signal',
    async (signal) => {
      const folder = scratch();
      const ended = await interrupt(folder, signal, false);
      expect(ended.signal).toBe(signal);
      expect(readdirSync(folder)).toEqual([]);
    },
  );

  it('a host program that handles the signal itself keeps running; the temporary paths are removed', async () => {
    const folder = scratch();
    const ended = await interrupt(folder, 'SIGINT', true);
    expect(ended.stdout).toBe('ready\nstill here\n');
    expect(readdirSync(folder)).toEqual([]);
  });
});
