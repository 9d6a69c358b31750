import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureSizes, SIZE_LIMITS } from '../../scripts/size.js';

const root = resolve(import.meta.dirname, '../..');

describe('size budget of the main entry (minified + gzipped browser bundle)', () => {
  it('keeps calculateMonthlyCharges alone and the whole entry under their limits', async () => {
    if (!existsSync(resolve(root, 'dist/index.js'))) execFileSync('npx', ['tsup', '--silent'], { cwd: root });
    const sizes = await measureSizes(root);
    expect(sizes.calculateMonthlyCharges.gzipped).toBeLessThan(SIZE_LIMITS.calculateMonthlyCharges);
    expect(sizes.wholeEntry.gzipped).toBeLessThan(SIZE_LIMITS.wholeEntry);
    // one function drops most of the entry: the tree-shaking still works
    expect(sizes.calculateMonthlyCharges.gzipped).toBeLessThan(sizes.wholeEntry.gzipped);
  }, 120_000);
});
