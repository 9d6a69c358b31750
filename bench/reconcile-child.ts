/**
 * Benchmark child of `bench/reconcile.ts`: builds the month's expected charges with N elective
 * lines (and a small meter table), then times reading the invoice file (written beforehand by
 * `reconcile-invoice.ts`, in another process) and reconciling it, and prints one JSON line:
 * seconds (read, reconcile, both), lines, the verdict, the process's peak memory as a whole
 * (`maxRssKb`, building the expected charges included), its memory when the timed part starts
 * (`startRssKb`, `startHeapKb`), the peak while reading and reconciling (`measuredPeakRssKb`:
 * the kernel's high-water mark, reset as the timed part starts), and the heap held at the end
 * (`endHeapKb`: expected charges, invoice and reconciliation, after a full collection). The library is loaded from the
 * folder given (a build of this tree, or of another version for comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { benchExpectedCharges } from './reconcile-inputs.js';

const [library, linesText, file] = process.argv.slice(2) as [string, string, string];
const dcc = (await import(pathToFileURL(join(library, 'index.js')).href)) as typeof import('../src/index.js');
const expected = benchExpectedCharges(dcc, library, Number(linesText));

/** A field of `/proc/self/status` in kB (Linux), or undefined elsewhere. */
function statusKb(name: string): number | undefined {
  try {
    const match = new RegExp(`^${name}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

// Two full collections: the first frees the garbage of building the charges, the second gives its pages back.
(globalThis as { gc?: () => void }).gc?.();
(globalThis as { gc?: () => void }).gc?.();
const startRssKb = process.memoryUsage.rss() / 1024;
const startHeapKb = process.memoryUsage().heapUsed / 1024;
try {
  // Resets the high-water mark of resident memory (Linux), so that VmHWM is the timed part's peak.
  writeFileSync('/proc/self/clear_refs', '5');
} catch {
  // Not Linux, or not allowed: measuredPeakRssKb is then absent.
}
const started = process.hrtime.bigint();
const invoice = dcc.readInvoice(readFileSync(file, 'utf8'), { source: 'invoice.csv' });
const read = process.hrtime.bigint();
const reconciliation = dcc.reconcileInvoice({ invoice, expected });
const done = process.hrtime.bigint();
const measuredPeakRssKb = statusKb('VmHWM');
(globalThis as { gc?: () => void }).gc?.();
// Heap held at the end: the expected charges, the invoice as read and the reconciliation.
const endHeapKb = process.memoryUsage().heapUsed / 1024;
process.stdout.write(
  `${JSON.stringify({
    lines: invoice.lines.length,
    resultLines: reconciliation.lines.length,
    readSeconds: Number(read - started) / 1e9,
    reconcileSeconds: Number(done - read) / 1e9,
    seconds: Number(done - started) / 1e9,
    verdict: reconciliation.verdict,
    counts: reconciliation.counts,
    maxRssKb: process.resourceUsage().maxRSS,
    startRssKb,
    startHeapKb,
    endHeapKb,
    ...(measuredPeakRssKb === undefined ? {} : { measuredPeakRssKb }),
  })}\n`,
);
