/**
 * The package as a user gets it: `npm pack` from a copy of the sources with no `dist/` (so the
 * `prepack` build is what fills the tarball), the tarball installed into a new project, and
 * then the README's library example run from that install in ESM and in CommonJS, and the
 * command line run from its bin. The new project is installed with `npm ci --prefer-offline`
 * from a lockfile that pins this repository's locked versions, so it needs no network once
 * `npm ci` has filled the npm cache. Every temporary folder is removed afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { codeBlocks } from '../support/markdown.js';

/** Minutes, not seconds: building and installing run on a shared machine, and no check here is about speed. */
const SLOW = 10 * 60 * 1000;

interface LockEntry {
  readonly version: string;
  readonly resolved?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, unknown>>;
  readonly bin: Readonly<Record<string, string>>;
  readonly engines: Readonly<Record<string, string>>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** The lock entry a package at `from` gets for `name`, found as Node finds it (nearest `node_modules` first). */
function lockPathOf(name: string, from: string): string {
  for (let folder = from; ; folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/node_modules/')))) {
    const path = folder === '' ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
    if (rootLock.packages[path] !== undefined) return path;
    if (folder === '')
      throw new Error(`package-lock.json has no entry for ${name} (needed by ${from || 'the package'})`);
  }
}

/**
 * A lockfile for a project that depends only on the tarball: the tarball's dependencies and
 * theirs, at the versions this repository locks, each with its registry address and integrity
 * (so that npm finds them in its cache by integrity, with no registry lookup).
 */
function consumerLock(tarball: string, registry: string): unknown {
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { [manifest.name]: `file:${tarball}` } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${tarball}`,
      integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      ...(manifest.peerDependencies === undefined ? {} : { peerDependencies: manifest.peerDependencies }),
      ...(manifest.peerDependenciesMeta === undefined ? {} : { peerDependenciesMeta: manifest.peerDependenciesMeta }),
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  const pending = Object.keys(manifest.dependencies).map((name) => ({ name, from: '' }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const path = lockPathOf(next.name, next.from);
    if (path in packages) continue;
    const entry = rootLock.packages[path]!;
    const base = next.name.split('/').pop()!;
    packages[path] = { ...entry, resolved: entry.resolved ?? `${registry}${next.name}/-/${base}-${entry.version}.tgz` };
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      pending.push({ name, from: path });
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

/** The sources as a clean clone has them: the files git tracks or would track, no `dist/`. */
function copySources(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error !== undefined) throw result.error;
  return result;
}

/** The README's library example and the output it prints. */
function libraryExample(): { code: string; printed: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.indexOf('\n## The library\n');
  const sectionLine = readme.slice(0, section).split('\n').length;
  const block = codeBlocks(readme).find((candidate) => candidate.line > sectionLine && candidate.lang === 'ts');
  if (block?.next === undefined) throw new Error('README.md: no ts block with its output under "The library"');
  return { code: block.code, printed: `${block.next.code}\n` };
}

const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-pack-'));
const consumer = join(scratch, 'consumer');
let installed: string[] = [];

beforeAll(async () => {
  const sources = join(scratch, 'sources');
  copySources(sources);
  const packed = run('npm', ['pack', '--silent', '--pack-destination', scratch], sources);
  expect(packed.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
  expect(packed.status).toBe(0);
  const tarballs = readdirSync(scratch).filter((file) => file.endsWith('.tgz'));
  expect(tarballs).toEqual([`${manifest.name}-${manifest.version}.tgz`]);
  const tarball = join(scratch, tarballs[0]!);

  const registry = run('npm', ['config', 'get', 'registry'], scratch).stdout.trim().replace(/\/?$/, '/');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies: { [manifest.name]: `file:${tarball}` } }),
  );
  writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(consumerLock(tarball, registry)));
  const install = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], consumer);
  expect(install.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
  expect(install.status).toBe(0);
  installed = readdirSync(join(consumer, 'node_modules'))
    .filter((name) => !name.startsWith('.'))
    .sort();

  // The README reads the shipped statement from `fixtures/`: the installed package's own folder.
  symlinkSync(join(consumer, 'node_modules', manifest.name, 'fixtures'), join(consumer, 'fixtures'), 'dir');
  const example = libraryExample();
  for (const format of ['esm', 'cjs'] as const) {
    const { code } = await transform(example.code, { loader: 'ts', format, target: 'node20' });
    writeFileSync(join(consumer, format === 'esm' ? 'example.mjs' : 'example.cjs'), code);
  }
}, SLOW);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
}, SLOW);

describe('the packed package, installed into a new project', () => {
  it('holds the build, the licence, the changelog and the schemas, not the sources or tests', () => {
    const root = join(consumer, 'node_modules', manifest.name);
    for (const file of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/node.d.cts',
      'dist/cli.js',
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(readdirSync(join(root, 'schemas')).length).toBeGreaterThan(0);
    expect(existsSync(join(root, 'src'))).toBe(false);
    expect(existsSync(join(root, 'test'))).toBe(false);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} dcc-charges contributors\n/,
    );
  });

  it('brings only the core dependencies: no chart packages', () => {
    const expected = [manifest.name, ...Object.keys(manifest.dependencies)].sort();
    expect(installed).toEqual(expected);
    expect(installed).not.toContain('vega');
    expect(installed).not.toContain('vega-lite');
  });

  it.each(['example.mjs', 'example.cjs'])("runs the README's library example as %s", (file) => {
    const result = run(process.execPath, [file], consumer);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(libraryExample().printed);
    expect(result.status).toBe(0);
  });

  it('runs `npx dcc-charges demo` from its bin', () => {
    const result = run('npx', ['--no', 'dcc-charges', 'demo'], consumer);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^== Example 1: a dual-fuel supplier ==\n/);
    expect(result.stderr).toBe('');
  });

  it('writes the budget report without the chart packages, saying how to get the charts', () => {
    const scenario = join('node_modules', manifest.name, 'fixtures', 'budget', 'illustrative-budget.json');
    const result = run(
      'npx',
      ['--no', 'dcc-charges', 'budget', '--scenario', scenario, '--out', 'budget.html'],
      consumer,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'charts not drawn: the optional packages vega and vega-lite are not installed (npm install vega@6.4.0 vega-lite@6.4.0 to draw them)',
    );
    const html = readFileSync(join(consumer, 'budget.html'), 'utf8');
    expect(html).not.toContain('<svg');
    expect(html).toContain('Charts not drawn:');
    expect(html).toContain('<h2>Charges per year</h2>');
    // The table format never needed the charts.
    const table = run('npx', ['--no', 'dcc-charges', 'budget', '--scenario', scenario], consumer);
    expect(table.status).toBe(0);
    expect(table.stderr).toBe('');
  });

  it.each([
    [
      'count',
      ['count', '--registrations', 'register.csv', '--from', '2025-06', '--to', '2025-06', '--out', 'count.html'],
      '<h2>Meters per month</h2>',
    ],
    ['diff', ['diff', 'statement.json', 'statement.json', '--out', 'diff.html'], '<h2>Comparison</h2>'],
  ])('writes the %s page without the chart packages, its tables kept and the reason given', (name, args, section) => {
    const fixtures = join(consumer, 'node_modules', manifest.name, 'fixtures');
    copyFileSync(join(fixtures, 'examples', 'count-dispute', 'register.csv'), join(consumer, 'register.csv'));
    copyFileSync(join(fixtures, 'statements', 'illustrative-2025-26.json'), join(consumer, 'statement.json'));
    const result = run('npx', ['--no', 'dcc-charges', ...args], consumer);
    expect(result.stderr).toContain(
      'note: charts not drawn: the optional packages vega and vega-lite are not installed',
    );
    expect(result.status).toBe(0);
    const html = readFileSync(join(consumer, `${name}.html`), 'utf8');
    expect(html).not.toContain('<svg');
    expect(html).toContain('Charts not drawn:');
    expect(html).toContain(section);
  });
});
