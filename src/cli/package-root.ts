/** Finds the package's own folder, from the source tree or from the built `dist/`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding this package's `package.json` and `fixtures/`. */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'fixtures'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('the dcc-charges package folder was not found');
    folder = parent;
  }
}

/** The path of a shipped fixture file. */
export function fixturePath(...parts: string[]): string {
  return join(packageRoot(), 'fixtures', ...parts);
}

/** The version in this package's `package.json`. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('the dcc-charges package.json has no version');
  return manifest.version;
}
