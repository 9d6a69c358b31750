// Benchmark child of bench/by-user.ts: with the built library (dist/), counts a whole-market
// register by User in one pass over the months asked, then computes every User's charges for
// each month, and prints one JSON line: seconds (count, charges), Users, the check that each
// User's totals are the sum of its lines and the totals across Users the sum of the Users', the
// counts summed over Users (to compare with the plain count), and the peak memory (maxRSS).
import { readFileSync } from 'node:fs';
import { calculateMonthlyChargesByUser, readChargingStatement } from '../dist/index.js';
import { countRegistrationsFile } from '../dist/node.js';

const [path, from, to, statementPath] = process.argv.slice(2);
const statement = readChargingStatement(readFileSync(statementPath, 'utf8'), statementPath);
const started = process.hrtime.bigint();
const counted = await countRegistrationsFile(path, { from, to, byUser: true });
const countedAt = process.hrtime.bigint();
let consistent = true;
const cents = (text) => BigInt(text.replace('.', ''));
for (const { month } of counted.snapshots) {
  const charges = calculateMonthlyChargesByUser({ statements: [statement], month, users: counted });
  let net = 0n;
  for (const { charges: one } of charges.users) {
    const lines = one.lines.reduce((sum, line) => sum + cents(line.amount), 0n);
    if (lines !== cents(one.totals.net)) consistent = false;
    net += cents(one.totals.net);
  }
  if (net !== cents(charges.totals.net)) consistent = false;
}
const done = process.hrtime.bigint();
const summed = new Map();
for (const user of counted.users) {
  for (const row of user.counts) {
    if (row.count === 0) continue;
    const key = [row.month, row.chargingGroup, row.region, row.premises, String(row.enrolled)].join(',');
    summed.set(key, (summed.get(key) ?? 0) + row.count);
  }
}
process.stdout.write(
  `${JSON.stringify({
    countSeconds: Number(countedAt - started) / 1e9,
    chargesSeconds: Number(done - countedAt) / 1e9,
    users: counted.users.length,
    months: counted.snapshots.length,
    summary: counted.summary,
    consistent,
    maxRssKb: process.resourceUsage().maxRSS,
    counts: [...summed].map(([key, count]) => `${key},${count}`).sort(),
  })}\n`,
);
