// Benchmark child: the same aggregation in DuckDB (@duckdb/node-api) over the same file, with
// the same snapshot rule and GSP Group to Region table, in one of two SQL formulations:
//   join:  registrations joined to a table of snapshot dates, grouped (the natural SQL);
//   pivot: one scan with two conditional counts per month (enrolled or not), grouped by
//          Charging Group, Region and premises (the fastest formulation we found for DuckDB).
// Prints one JSON line: seconds, rows, peak memory (maxRSS) and the non-zero counts.
import { DuckDBInstance } from '@duckdb/node-api';

const [path, snapshotsJson, gspJson, dnoJson, rowsText, variant] = process.argv.slice(2);
const snapshots = JSON.parse(snapshotsJson); // [[month, 'YYYY-MM-DD'], ...]
const gspRegions = JSON.parse(gspJson); // { _A: 'central', ... }
const dnoGsp = JSON.parse(dnoJson); // { '10': '_A', ... }
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
const values = (pairs) => pairs.map((pair) => `(${pair.map(quote).join(', ')})`).join(', ');

const registrations = `
gsp(gspGroup, region) AS (VALUES ${values(Object.entries(gspRegions))}),
dno(distributor, gspGroup) AS (VALUES ${values(Object.entries(dnoGsp))}),
reg AS (
  SELECT r.chargingGroup, r.premises, r.registeredFrom, coalesce(r.registeredTo, DATE '9999-12-31') AS registeredTo,
         coalesce(r.enrolledFrom, DATE '9999-12-31') AS enrolledFrom, coalesce(r.region, gsp.region) AS region
  FROM read_csv(${quote(path)}, header = true, auto_detect = false, delim = ',', quote = '"',
       columns = {'meterPoint': 'VARCHAR', 'chargingGroup': 'VARCHAR', 'premises': 'VARCHAR',
                  'registeredFrom': 'DATE', 'registeredTo': 'DATE', 'enrolledFrom': 'DATE',
                  'region': 'VARCHAR', 'gspGroup': 'VARCHAR'}) r
  LEFT JOIN dno ON dno.distributor = substr(r.meterPoint, 1, 2)
  LEFT JOIN gsp ON gsp.gspGroup = coalesce(r.gspGroup, dno.gspGroup)
)`;

const joinSql = `
WITH snaps(month, snap) AS (SELECT month, CAST(day AS DATE) FROM (VALUES ${values(snapshots)}) t(month, day)),
${registrations}
SELECT s.month, reg.chargingGroup, reg.region, reg.premises, (reg.enrolledFrom <= s.snap) AS enrolled, count(*) AS count
FROM reg JOIN snaps s ON reg.registeredFrom <= s.snap AND reg.registeredTo >= s.snap
GROUP BY ALL`;

const registered = (date) => `registeredFrom <= DATE '${date}' AND registeredTo >= DATE '${date}'`;
const pivotSql = `
WITH ${registrations}
SELECT chargingGroup, region, premises,
  ${snapshots
    .map(
      ([, date], index) =>
        `count_if(${registered(date)} AND enrolledFrom > DATE '${date}') AS n${index}, count_if(${registered(date)} AND enrolledFrom <= DATE '${date}') AS e${index}`,
    )
    .join(',\n  ')}
FROM reg GROUP BY ALL`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const started = process.hrtime.bigint();
const reader = await connection.runAndReadAll(variant === 'pivot' ? pivotSql : joinSql);
const rows = reader.getRows();
let counts;
if (variant === 'pivot') {
  counts = [];
  for (const row of rows) {
    snapshots.forEach(([month], index) => {
      for (const [enrolled, column] of [
        [false, 3 + index * 2],
        [true, 4 + index * 2],
      ]) {
        const count = Number(row[column]);
        if (count > 0) counts.push([month, row[0], row[1], row[2], String(enrolled), String(count)].join(','));
      }
    });
  }
} else {
  counts = rows.map((row) => [row[0], row[1], row[2], row[3], String(row[4]), String(row[5])].join(','));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({ seconds, rows: Number(rowsText), maxRssKb: process.resourceUsage().maxRSS, counts })}\n`,
);
