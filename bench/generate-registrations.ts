/**
 * A deterministic synthetic register for the benchmark: realistic MPAN cores (valid check
 * digits, DNO and independent networks), MPRNs, changes of supplier and returning meter points.
 * The same size always gives the same file. Invented data, for measurement only.
 * {@link generateRegistrations} writes about one registration per meter point (a few return);
 * {@link generateRepeatedRegistrations} writes K per meter point (consecutive, never
 * overlapping), spread over the file: the worst case for the overlap check. Given a number of
 * Users, {@link generateRegistrations} adds a `user` column: a whole-market register, the Users
 * of very unequal sizes, and a returning meter point usually with another User (a change of
 * supplier); the other columns are the same as without it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mpanCheckDigit } from '../src/registrations/meter-points.js';
import { DNO_GSP_GROUPS, GSP_GROUPS } from '../src/registrations/gsp-groups.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '../src/registrations/dates.js';

/** The header of the synthetic register. */
export const SYNTHETIC_HEADER =
  'meterPoint,chargingGroup,premises,registeredFrom,registeredTo,enrolledFrom,region,gspGroup';

/** A small seeded pseudo-random generator (xorshift32), returning numbers in [0, 1). */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

const FIRST_FROM = dayNumberOfIsoDate('2012-01-01') as number;
const LAST_FROM = dayNumberOfIsoDate('2026-03-31') as number;
const FIRST_ENROLLED = dayNumberOfIsoDate('2016-01-01') as number;
const LAST_ENROLLED = dayNumberOfIsoDate('2026-06-30') as number;
const REGIONS = ['north', 'central', 'south'];

/** Distinct 10-digit numbers from a counter: `(j x a + b) mod 10^10` with `a` prime to 10. */
function body10(counter: number): string {
  const high = 32165;
  const low = 49877; // a = 3_216_549_877
  const value = (((counter * high) % 100000) * 100000 + counter * low + 1234567) % 1e10;
  return String(value).padStart(10, '0');
}

/** The User ID of the synthetic User at `index`. */
export function syntheticUser(index: number): string {
  return `SUPPLIER-${String(index + 1).padStart(3, '0')}`;
}

/**
 * Writes `rows` registration rows to `path`; with `users` above 0, each with a User among
 * that many (from its own random source, so the other columns do not change).
 * @returns the number of bytes written.
 */
export function generateRegistrations(path: string, rows: number, seed = 20250401, users = 0): number {
  const random = randomSource(seed);
  const userRandom = randomSource(seed ^ 0x5bd1e995);
  // Skewed: the first Users hold most meter points, as the market's largest suppliers do.
  const pickUser = () => Math.min(users - 1, Math.floor(users * userRandom() * userRandom()));
  const userCell = (index: number) => (users > 0 ? `,${syntheticUser(index)}` : '');
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines: string[] = [users > 0 ? `${SYNTHETIC_HEADER},user` : SYNTHETIC_HEADER];
  const returning: { at: number; line: string }[] = [];
  let written = 0;
  let mpanCounter = 0;
  let mprnCounter = 0;
  const flush = () => {
    const text = `${lines.join('\n')}\n`;
    bytes += writeSync(fd, text);
    lines = [];
  };
  const dnoIds = Object.keys(DNO_GSP_GROUPS).map(Number);
  while (written < rows) {
    if (returning.length > 0 && (returning[0] as { at: number }).at <= written) {
      lines.push((returning.shift() as { line: string }).line);
      written += 1;
    } else {
      const kind = random();
      const group = kind < 0.55 ? 'importSupplier' : kind < 0.62 ? 'exportSupplier' : 'gasSupplier';
      let meterPoint: string;
      let region = '';
      let gspGroup = '';
      if (group === 'gasSupplier') {
        mprnCounter += 1;
        meterPoint = String(1000000000 + ((mprnCounter * 1234567) % 9000000000));
        region = REGIONS[Math.floor(random() * 3)] as string;
      } else {
        mpanCounter += 1;
        const independent = random() < 0.06;
        const distributor = independent
          ? 24 + Math.floor(random() * 8)
          : (dnoIds[Math.floor(random() * dnoIds.length)] as number);
        const first12 = `${distributor}${body10(mpanCounter)}`;
        meterPoint = `${first12}${mpanCheckDigit(first12)}`;
        if (independent) gspGroup = GSP_GROUPS[Math.floor(random() * GSP_GROUPS.length)] as string;
        else if (random() < 0.1) gspGroup = DNO_GSP_GROUPS[distributor] as string;
      }
      const premises = random() < 0.9 ? 'domestic' : 'nonDomestic';
      const from = FIRST_FROM + Math.floor(random() * (LAST_FROM - FIRST_FROM + 1));
      const ended = random() < 0.35;
      const to = ended ? from + 30 + Math.floor(random() * 3000) : -1;
      const enrolled =
        random() < 0.55 ? FIRST_ENROLLED + Math.floor(random() * (LAST_ENROLLED - FIRST_ENROLLED + 1)) : -1;
      const dates = (f: number, t: number) =>
        `${isoDateOfDayNumber(f)},${t < 0 ? '' : isoDateOfDayNumber(t)},${enrolled < 0 ? '' : isoDateOfDayNumber(enrolled)}`;
      const user = users > 0 ? pickUser() : 0;
      lines.push(`${meterPoint},${group},${premises},${dates(from, to)},${region},${gspGroup}${userCell(user)}`);
      written += 1;
      if (ended && random() < 0.08) {
        const back = to + 30 + Math.floor(random() * 400);
        const next = users > 1 ? (user + 1 + Math.floor(userRandom() * (users - 1))) % users : user;
        returning.push({
          at: written + 500 + Math.floor(random() * 5000),
          line: `${meterPoint},${group},${premises},${dates(back, -1)},${region},${gspGroup}${userCell(next)}`,
        });
      }
    }
    if (lines.length >= 65536) flush();
  }
  flush();
  closeSync(fd);
  return bytes;
}

/** The seeded generator of one meter point (the same point always gives the same numbers). */
function pointSource(seed: number, point: number): () => number {
  return randomSource(Math.imul(point + 1, 0x9e3779b1) ^ seed);
}

/**
 * Writes `rows` rows: meter points with `perPoint` registrations each on average (a fractional
 * part gives some points one more), consecutive and never overlapping within a meter point
 * and Charging Group, written pass by pass (every point's first registration, then every
 * point's second...), so that repeats of a meter point are far apart in the file.
 * @returns the number of bytes written.
 */
export function generateRepeatedRegistrations(path: string, rows: number, perPoint: number, seed = 20250401): number {
  const points = Math.ceil(rows / perPoint);
  const whole = Math.floor(perPoint);
  const fraction = perPoint - whole;
  const passes = Math.ceil(perPoint);
  const dnoIds = Object.keys(DNO_GSP_GROUPS).map(Number);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines: string[] = [SYNTHETIC_HEADER];
  const flush = () => {
    bytes += writeSync(fd, `${lines.join('\n')}\n`);
    lines = [];
  };
  let written = 0;
  for (let pass = 0; pass < passes && written < rows; pass += 1) {
    for (let point = 0; point < points && written < rows; point += 1) {
      const random = pointSource(seed, point);
      const registrations = whole + (random() < fraction ? 1 : 0);
      if (pass >= registrations) continue;
      const kind = random();
      const group = kind < 0.55 ? 'importSupplier' : kind < 0.62 ? 'exportSupplier' : 'gasSupplier';
      let meterPoint: string;
      let region = '';
      let gspGroup = '';
      if (group === 'gasSupplier') {
        meterPoint = String(1000000000 + ((point * 1234567) % 9000000000));
        region = REGIONS[Math.floor(random() * 3)] as string;
      } else {
        const independent = random() < 0.06;
        const distributor = independent
          ? 24 + Math.floor(random() * 8)
          : (dnoIds[Math.floor(random() * dnoIds.length)] as number);
        const first12 = `${distributor}${body10(point)}`;
        meterPoint = `${first12}${mpanCheckDigit(first12)}`;
        if (independent) gspGroup = GSP_GROUPS[Math.floor(random() * GSP_GROUPS.length)] as string;
        else if (random() < 0.1) gspGroup = DNO_GSP_GROUPS[distributor] as string;
      }
      const premises = random() < 0.9 ? 'domestic' : 'nonDomestic';
      // Cut 2012-01-01..2026-03-31 into consecutive registrations; the last may still run.
      const span = LAST_FROM - FIRST_FROM;
      const cuts = Array.from(
        { length: registrations - 1 },
        () => FIRST_FROM + 1 + Math.floor(random() * (span - 1)),
      ).sort((a, b) => a - b);
      const starts = [FIRST_FROM + Math.floor(random() * 400)];
      for (const cut of cuts) starts.push(Math.max(cut, (starts[starts.length - 1] as number) + 2));
      const open = random() < 0.65;
      const from = starts[pass] as number;
      const next = starts[pass + 1];
      const to = next !== undefined ? next - 1 : open ? -1 : from + 30 + Math.floor(random() * 3000);
      for (let skip = 0; skip < pass; skip += 1) random();
      const enrolled =
        random() < 0.55 ? FIRST_ENROLLED + Math.floor(random() * (LAST_ENROLLED - FIRST_ENROLLED + 1)) : -1;
      lines.push(
        `${meterPoint},${group},${premises},${isoDateOfDayNumber(from)},${to < 0 ? '' : isoDateOfDayNumber(to)},${enrolled < 0 ? '' : isoDateOfDayNumber(enrolled)},${region},${gspGroup}`,
      );
      written += 1;
      if (lines.length >= 65536) flush();
    }
  }
  flush();
  closeSync(fd);
  return bytes;
}
