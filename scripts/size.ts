/**
 * Minified and gzipped browser bundle sizes of the main entry: `calculateMonthlyCharges` alone
 * and the whole entry, bundled from `dist/index.js` (run `npm run build` first), printed against
 * the limits the size-budget test holds them to.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Limits in bytes (minified + gzipped); test/package/size-budget.test.ts checks them. */
export const SIZE_LIMITS = {
  // measured 51,991 B gzipped (160,022 B minified) by `npm run size`; limit 51,991 x 1.15, rounded up
  calculateMonthlyCharges: 59_800,
  // measured 88,053 B gzipped (274,172 B minified) by `npm run size`; limit 88,053 x 1.15, rounded up
  wholeEntry: 101_300,
} as const;

/** Bytes of the minified bundle of `source` and of that bundle gzipped. */
export async function bundleSize(source: string, resolveDir: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]!.contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const CASES = {
  calculateMonthlyCharges: "export { calculateMonthlyCharges } from './dist/index.js';",
  wholeEntry: "export * from './dist/index.js';",
} as const;

/** Sizes of each case. */
export async function measureSizes(
  root: string,
): Promise<Record<keyof typeof CASES, { minified: number; gzipped: number }>> {
  return {
    calculateMonthlyCharges: await bundleSize(CASES.calculateMonthlyCharges, root),
    wholeEntry: await bundleSize(CASES.wholeEntry, root),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await measureSizes(process.cwd());
  for (const [name, size] of Object.entries(sizes)) {
    const limit = SIZE_LIMITS[name as keyof typeof SIZE_LIMITS];
    console.log(`${name}: ${size.minified} B minified, ${size.gzipped} B gzipped (limit ${limit} B gzipped)`);
  }
}
