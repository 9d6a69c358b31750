// Benchmark child: the same aggregation in DuckDB (@duckdb/node-api) over the same file,
// with the same snapshot rule and GSP Group to Region table. Prints one JSON line.
import { DuckDBInstance } from '@duckdb/node-api';

const [path, snapshotsJson, gspJson, dnoJson, rowsText] = process.argv.slice(2);
const snapshots = JSON.parse(snapshotsJson); // [[month, 'YYYY-MM-DD'], ...]
const gspRegions = JSON.parse(gspJson); // { _A: 'central', ... }
const dnoGsp = JSON.parse(dnoJson); // { '10': '_A', ... }
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
const values = (pairs) => pairs.map((pair) => `(${pair.map(quote).join(', ')})`).join(', ');

const sql = `
WITH snaps(month, snap) AS (SELECT month, CAST(day AS DATE) FROM (VALUES ${values(snapshots)}) t(month, day)),
gsp(gspGroup, region) AS (VALUES ${values(Object.entries(gspRegions))}),
dno(distributor, gspGroup) AS (VALUES ${values(Object.entries(dnoGsp))}),
reg AS (
  SELECT r.chargingGroup, r.premises, r.registeredFrom, r.registeredTo, r.enrolledFrom,
         coalesce(r.region, gsp.region) AS region
  FROM read_csv(${quote(path)}, header = true, auto_detect = false, delim = ',', quote = '"',
       columns = {'meterPoint': 'VARCHAR', 'chargingGroup': 'VARCHAR', 'premises': 'VARCHAR',
                  'registeredFrom': 'DATE', 'registeredTo': 'DATE', 'enrolledFrom': 'DATE',
                  'region': 'VARCHAR', 'gspGroup': 'VARCHAR'}) r
  LEFT JOIN dno ON dno.distributor = substr(r.meterPoint, 1, 2)
  LEFT JOIN gsp ON gsp.gspGroup = coalesce(r.gspGroup, dno.gspGroup)
)
SELECT s.month, reg.chargingGroup, reg.region, reg.premises,
       (reg.enrolledFrom IS NOT NULL AND reg.enrolledFrom <= s.snap) AS enrolled,
       count(*) AS count
FROM reg JOIN snaps s
  ON reg.registeredFrom <= s.snap AND (reg.registeredTo IS NULL OR reg.registeredTo >= s.snap)
GROUP BY ALL`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const started = process.hrtime.bigint();
const reader = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const counts = reader
  .getRows()
  .map((row) => [row[0], row[1], row[2], row[3], String(row[4]), String(row[5])].join(','));
process.stdout.write(`${JSON.stringify({ seconds, rows: Number(rowsText), maxRssKb: process.resourceUsage().maxRSS, counts })}\n`);
