/**
 * `npm run measure:install`: what a user of the package installs, for the two ways of keeping
 * the charts' renderer out of the library's dependency tree (decision 0070), measured on the
 * tarball this tree packs:
 * - as shipped: one package, `vega` and `vega-lite` optional peers; a library user installs the
 *   tarball alone, a CLI user who wants charts adds the two peers;
 * - as a workspace of two packages: a core (this tarball without its `bin` and without
 *   `commander`, which only the CLI uses) and a CLI package depending on the core, `commander`,
 *   `vega` and `vega-lite`; a library user installs the core, a CLI user the CLI package.
 * Each case is installed into a new project with `npm install` (from npm's cache where it can)
 * and measured: the packages in its `node_modules` (`npm ls --all --parseable`) and their size on
 * disk (`du`). Everything is built in a temporary folder, removed at the end and on Ctrl-C (the
 * npm script runs it as one process, `node --import tsx`, so that the signal reaches the handler).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackTemporary } from '../src/node/safe-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  bin?: Record<string, string>;
};
const folder = mkdtempSync(join(tmpdir(), 'dcc-charges-install-'));
// Removed at exit and on SIGINT or SIGTERM, as the library's own temporary folders are.
trackTemporary(folder);

function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Packs the package in `cwd` without running its scripts, into a folder of its own under
 * `folder` (the core and the shipped package have the same name and version); the tarball's path.
 */
function pack(cwd: string, label: string): string {
  const destination = join(folder, `${label}-tarball`);
  mkdirSync(destination);
  const [entry] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], cwd)) as [
    { filename: string; size: number },
  ];
  return join(destination, entry.filename);
}

interface Installed {
  readonly packages: number;
  readonly bytes: number;
}

/** Installs `dependencies` into a new project and measures its `node_modules`. */
function install(name: string, dependencies: Record<string, string>): Installed {
  const project = join(folder, name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, private: true, dependencies }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  const listed = npm(['ls', '--all', '--parseable'], project).trim().split('\n');
  const bytes = Number(execFileSync('du', ['-sb', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
  // The first line of `npm ls --parseable` is the project itself.
  return { packages: new Set(listed.slice(1)).size, bytes };
}

const shipped = pack(root, 'shipped');

// The workspace's core: the same files, no bin, no commander.
const coreFolder = join(folder, 'core');
mkdirSync(coreFolder);
execFileSync('tar', ['-xzf', shipped, '-C', coreFolder, '--strip-components=1']);
const coreManifest = JSON.parse(readFileSync(join(coreFolder, 'package.json'), 'utf8')) as Record<string, unknown>;
delete coreManifest['bin'];
delete coreManifest['peerDependencies'];
delete coreManifest['peerDependenciesMeta'];
const { commander, ...coreDependencies } = manifest.dependencies;
if (commander === undefined) throw new Error('package.json has no commander dependency');
coreManifest['dependencies'] = coreDependencies;
writeFileSync(join(coreFolder, 'package.json'), JSON.stringify(coreManifest));
const core = pack(coreFolder, 'core');

// The workspace's CLI package: depends on the core, commander and the renderer.
const cliFolder = join(folder, 'cli');
mkdirSync(cliFolder);
writeFileSync(
  join(cliFolder, 'package.json'),
  JSON.stringify({
    name: `${manifest.name}-cli`,
    version: manifest.version,
    dependencies: { [manifest.name]: `file:${core}`, commander, ...manifest.peerDependencies },
  }),
);
const cli = pack(cliFolder, 'cli');

const rows: [string, Installed][] = [
  ['one package, library user (tarball alone)', install('library', { [manifest.name]: `file:${shipped}` })],
  [
    'one package, CLI user with charts (tarball + peers)',
    install('cli-charts', { [manifest.name]: `file:${shipped}`, ...manifest.peerDependencies }),
  ],
  ['workspace, library user (core)', install('core-user', { [manifest.name]: `file:${core}` })],
  ['workspace, CLI user (CLI package)', install('cli-user', { [`${manifest.name}-cli`]: `file:${cli}` })],
];
process.stdout.write(`node ${process.version}, npm ${npm(['--version'], root).trim()}\n`);
for (const [label, { packages, bytes }] of rows) {
  process.stdout.write(
    `${label.padEnd(52)} ${String(packages).padStart(4)} packages ${(bytes / 1e6).toFixed(1).padStart(6)} MB\n`,
  );
}
