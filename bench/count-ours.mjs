// Benchmark child: counts a registration file with the built library (dist/node.js) and
// prints one JSON line: seconds, rows, peak memory (maxRSS) and the non-zero counts.
import { countRegistrationsFile } from '../dist/node.js';

const [path, from, to] = process.argv.slice(2);
const started = process.hrtime.bigint();
const result = await countRegistrationsFile(path, { from, to });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage();
const counts = result.counts
  .filter((row) => row.count > 0)
  .map((row) =>
    [row.month, row.chargingGroup, row.region, row.premises, String(row.enrolled), String(row.count)].join(','),
  );
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows: result.summary.rowsRead, summary: result.summary, maxRssKb: process.resourceUsage().maxRSS, counts })}\n`,
);
