/**
 * The fast path of registration CSV: one plain record (no quotes, one line) read straight from
 * its bytes into numbers: no strings, no regular expressions; digits, dates and check digits
 * computed from the bytes, enumerations matched byte by byte. It only ever accepts what the
 * reference validator (`checkRegistration`) accepts; anything else it leaves to it.
 */
import { CHARGING_GROUPS, CHARGING_GROUP_SYMBOLS } from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { REGIONS } from '../vocabulary/regions.js';
import { dayNumberOf } from './dates.js';
import { DNO_GSP_GROUPS, GSP_GROUPS, type GspGroupRegions } from './gsp-groups.js';
import { MPAN_CHECK_WEIGHTS } from './meter-points.js';
import { isElectricityGroupIndex, MAX_USER_ID_LENGTH, OPEN_END, type RegistrationColumn } from './registration.js';
import { CELLS_PER_MONTH } from './tally.js';
import type { UserTable } from './user-table.js';

/** The role of each column in the fast path. */
const ROLE = {
  meterPoint: 0,
  chargingGroup: 1,
  premises: 2,
  registeredFrom: 3,
  registeredTo: 4,
  enrolledFrom: 5,
  region: 6,
  gspGroup: 7,
  user: 8,
} as const;

/** A few words as bytes, for matching a field's bytes without making a string. */
class ByteWords {
  readonly #words: { readonly bytes: Uint8Array; readonly value: number }[] = [];

  constructor(words: readonly (readonly [string, number])[]) {
    const encoder = new TextEncoder();
    for (const [word, value] of words) this.#words.push({ bytes: encoder.encode(word), value });
  }

  /**
   * The word at `bytes[start]` that ends at `end` or at a comma.
   * @returns `length << 8 | value` of the word, or -1 when none matches.
   */
  matchAt(bytes: Uint8Array, start: number, end: number): number {
    const first = bytes[start];
    for (const word of this.#words) {
      const letters = word.bytes;
      const length = letters.length;
      const stop = start + length;
      if (letters[0] !== first || stop > end) continue;
      let index = 1;
      while (index < length && letters[index] === bytes[start + index]) index += 1;
      if (index < length || (stop !== end && bytes[stop] !== COMMA)) continue;
      return (length << 8) | word.value;
    }
    return -1;
  }
}

const COMMA = 44;

/** True for a byte a User ID may hold: an ASCII letter, a digit, `-`, `_` or `.`. */
function isUserIdByte(byte: number): boolean {
  return (
    (byte >= 48 && byte <= 57) ||
    (byte >= 65 && byte <= 90) ||
    (byte >= 97 && byte <= 122) ||
    byte === 45 ||
    byte === 95 ||
    byte === 46
  );
}
const GROUP_WORDS = new ByteWords([
  ...CHARGING_GROUPS.map((group, index) => [group, index] as const),
  ...CHARGING_GROUPS.map((group, index) => [CHARGING_GROUP_SYMBOLS[group], index] as const),
]);
const PREMISES_WORDS = new ByteWords(PREMISES_TYPES.map((premises, index) => [premises, index] as const));
const REGION_WORDS = new ByteWords(REGIONS.map((region, index) => [region, index] as const));
const GSP_WORDS = new ByteWords(GSP_GROUPS.map((gsp, index) => [gsp, index] as const));
const WEIGHTS = Int32Array.from(MPAN_CHECK_WEIGHTS);
const DNO_GSP_INDEX = new Int8Array(100).fill(-1);
for (const [id, gsp] of Object.entries(DNO_GSP_GROUPS)) DNO_GSP_INDEX[Number(id)] = GSP_GROUPS.indexOf(gsp);
const ELECTRICITY_GROUP = Uint8Array.from(CHARGING_GROUPS, (_, index) => (isElectricityGroupIndex(index) ? 1 : 0));
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The day number of a `YYYY-MM-DD` date at `bytes[start]`, or -1 when it is not a real date. */
export function dateAt(bytes: Uint8Array, start: number): number {
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return -1;
  const y0 = (bytes[start] as number) - 48;
  const y1 = (bytes[start + 1] as number) - 48;
  const y2 = (bytes[start + 2] as number) - 48;
  const y3 = (bytes[start + 3] as number) - 48;
  const m0 = (bytes[start + 5] as number) - 48;
  const m1 = (bytes[start + 6] as number) - 48;
  const d0 = (bytes[start + 8] as number) - 48;
  const d1 = (bytes[start + 9] as number) - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  ) {
    return -1;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1) return -1;
  const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return -1;
  if (year >= 1970 && year < 2100) {
    // Leap years from 1970 to year - 1 (2000 is one; 2100 is outside this branch).
    const leapsBefore = (year - 1969) >> 2;
    return (
      (year - 1970) * 365 + leapsBefore + (CUMULATIVE_DAYS[month - 1] as number) + (month > 2 && leap ? 1 : 0) + day - 1
    );
  }
  return dayNumberOf(year, month, day);
}

/**
 * The fast path: reads one plain record (no quotes, on one line) from its bytes into numbers,
 * or says no. It never rejects: a record it does not take goes to the reference validator.
 */
export class FastRowParser {
  readonly #roles: Int8Array;
  readonly #gspRegion: Int8Array;
  readonly #users: UserTable | undefined;
  /** The last record read: its key, cell, first and last day, and first day enrolled. */
  key = 0;
  cell = 0;
  from = 0;
  to = 0;
  enrolledFrom = 0;

  /**
   * @param header - the file's columns, in order.
   * @param regions - the GSP Group to Region table.
   * @param users - in a count by User, the table of Users: a record's cell is then its User's
   * (see `cellOf` in `tally.ts`), and a record without a User ID is left to the reference validator.
   */
  constructor(header: readonly RegistrationColumn[], regions: GspGroupRegions, users?: UserTable) {
    this.#users = users;
    this.#roles = Int8Array.from(header, (name) => ROLE[name]);
    this.#gspRegion = Int8Array.from(GSP_GROUPS, (gsp) => REGIONS.indexOf(regions[gsp]));
  }

  /**
   * Reads the record `bytes[start, end)` (without its line end; not empty).
   * @returns true, with the numbers in this parser's fields, when the record is valid on its
   * own (overlaps are the caller's); false when the reference validator must see it.
   */
  parse(bytes: Uint8Array, start: number, end: number): boolean {
    const roles = this.#roles;
    const columns = roles.length;
    let meterStart = -1;
    let meterEnd = -1;
    let meterValue = 0;
    let checkSum = 0;
    let group = -1;
    let premises = -1;
    let from = -1;
    let to = OPEN_END;
    let enrolledFrom = OPEN_END;
    let region = -1;
    let gsp = -1;
    let user = 0;
    let position = start;
    for (let column = 0; ; column += 1) {
      let next = position;
      switch (roles[column]) {
        case ROLE.meterPoint: {
          while (next < end) {
            const digit = (bytes[next] as number) - 48;
            if (digit < 0 || digit > 9) break;
            meterValue = meterValue * 10 + digit;
            const place = next - position;
            if (place < 12) checkSum += digit * (WEIGHTS[place] as number);
            next += 1;
          }
          if (next - position < 6 || next - position > 13) return false;
          meterStart = position;
          meterEnd = next;
          break;
        }
        case ROLE.chargingGroup: {
          const match = position < end ? GROUP_WORDS.matchAt(bytes, position, end) : -1;
          if (match < 0) return false;
          group = match & 0xff;
          next = position + (match >>> 8);
          break;
        }
        case ROLE.premises: {
          const match = position < end ? PREMISES_WORDS.matchAt(bytes, position, end) : -1;
          if (match < 0) return false;
          premises = match & 0xff;
          next = position + (match >>> 8);
          break;
        }
        case ROLE.registeredFrom:
          if (position + 10 > end) return false;
          from = dateAt(bytes, position);
          if (from < 0) return false;
          next = position + 10;
          break;
        case ROLE.registeredTo:
          if (position < end && bytes[position] !== COMMA) {
            if (position + 10 > end) return false;
            to = dateAt(bytes, position);
            if (to < 0) return false;
            next = position + 10;
          }
          break;
        case ROLE.enrolledFrom:
          if (position < end && bytes[position] !== COMMA) {
            if (position + 10 > end) return false;
            enrolledFrom = dateAt(bytes, position);
            if (enrolledFrom < 0) return false;
            next = position + 10;
          }
          break;
        case ROLE.region:
          if (position < end && bytes[position] !== COMMA) {
            const match = REGION_WORDS.matchAt(bytes, position, end);
            if (match < 0) return false;
            region = match & 0xff;
            next = position + (match >>> 8);
          }
          break;
        case ROLE.gspGroup:
          if (position < end && bytes[position] !== COMMA) {
            const match = GSP_WORDS.matchAt(bytes, position, end);
            if (match < 0) return false;
            gsp = match & 0xff;
            next = position + (match >>> 8);
          }
          break;
        case ROLE.user:
          // the reference validator's USER_ID: 1 to 64 of [A-Za-z0-9._-], or empty
          while (next < end && next - position <= MAX_USER_ID_LENGTH && isUserIdByte(bytes[next] as number)) next += 1;
          if (next - position > MAX_USER_ID_LENGTH || (next < end && bytes[next] !== COMMA)) return false;
          if (this.#users !== undefined) {
            if (next === position) return false;
            user = this.#users.indexOfBytes(bytes, position, next);
            if (user < 0) return false;
          }
          break;
        default:
          return false;
      }
      if (next >= end) {
        if (column !== columns - 1) return false;
        break;
      }
      if (bytes[next] !== COMMA || column === columns - 1) return false;
      position = next + 1;
    }
    if (to < from) return false;
    const meterLength = meterEnd - meterStart;
    if (ELECTRICITY_GROUP[group] === 1) {
      if (meterLength !== 13 || (checkSum % 11) % 10 !== (bytes[meterEnd - 1] as number) - 48) return false;
      const dno = DNO_GSP_INDEX[
        ((bytes[meterStart] as number) - 48) * 10 + (bytes[meterStart + 1] as number) - 48
      ] as number;
      if (gsp >= 0) {
        if (dno >= 0 && gsp !== dno) return false;
      } else {
        if (dno < 0) return false;
        gsp = dno;
      }
      const derived = this.#gspRegion[gsp] as number;
      if (region >= 0 && region !== derived) return false;
      region = derived;
    } else {
      if (meterLength > 10 || bytes[meterStart] === 48 || gsp >= 0 || region < 0) return false;
    }
    this.key = meterValue * 8 + group;
    this.cell = user * CELLS_PER_MONTH + ((group * 3 + region) * 2 + premises) * 2;
    this.from = from;
    this.to = to;
    this.enrolledFrom = enrolledFrom;
    return true;
  }
}
