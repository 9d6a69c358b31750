/**
 * One registration (docs/registrations.md): which meter point a User was registered for, in which
 * Charging Group, from when to when, and since when it is enrolled; and its validation.
 * This is the reference validator: the fast CSV path accepts a row only where this one does.
 */
import { describeReceived, type InputIssue, type IssueLocation } from '../errors/input-error.js';
import type { InputIssueCode } from '../errors/issue-codes.js';
import { CHARGING_GROUPS, ELECTRICITY_GROUPS, parseChargingGroup } from '../vocabulary/charging-groups.js';
import { PREMISES_TYPES } from '../vocabulary/premises.js';
import { REGIONS } from '../vocabulary/regions.js';
import { dayNumberOfIsoDate } from './dates.js';
import { gspGroupOfDistributor, isGspGroup, type GspGroupRegions } from './gsp-groups.js';
import { isMpanCore, isMprn, mpanCheckDigit, MPAN_CORE_LENGTH } from './meter-points.js';

/** Columns of a registration file: those every file has, and those it may have. */
export const REGISTRATION_COLUMNS = {
  required: ['meterPoint', 'chargingGroup', 'premises', 'registeredFrom', 'registeredTo', 'enrolledFrom'],
  optional: ['region', 'gspGroup', 'user'],
} as const;

/** A registration column name. */
export type RegistrationColumn =
  | (typeof REGISTRATION_COLUMNS.required)[number]
  | (typeof REGISTRATION_COLUMNS.optional)[number];

/**
 * One registration as a caller or file writes it. Dates are ISO `YYYY-MM-DD`; `registeredTo`
 * is inclusive. An empty, `null` or absent optional value means: still registered
 * (`registeredTo`), not enrolled (`enrolledFrom`), derived (`region`, `gspGroup`).
 */
export interface RegistrationRow {
  /** MPAN core (13 digits) for an electricity group; MPRN for a gas group. */
  readonly meterPoint: string;
  /** A Charging Group identifier or symbol g1..g5. */
  readonly chargingGroup: string;
  /** `domestic` or `nonDomestic`. */
  readonly premises: string;
  /** First day registered, `YYYY-MM-DD`. */
  readonly registeredFrom: string;
  /** Last day registered (inclusive); empty while still registered. */
  readonly registeredTo?: string | null | undefined;
  /** Day from which the meter point is enrolled; empty when not enrolled. */
  readonly enrolledFrom?: string | null | undefined;
  /** The Region; needed for gas, derived for an MPAN when empty. */
  readonly region?: string | null | undefined;
  /** The GSP Group `_A`.. `_P`; needed for an independent network's MPAN. */
  readonly gspGroup?: string | null | undefined;
  /**
   * The User the meter point is registered to (its User ID), when the file says; empty or
   * absent when not stated. A User ID is 1 to 64 letters, digits, `.`, `_` or `-`.
   */
  readonly user?: string | null | undefined;
  /** The line of the row in its file (the header being line 1), when read from one. */
  readonly line?: number | undefined;
}

/**
 * A User ID as a registration row may give it: 1 to 64 characters, each an ASCII letter, a
 * digit, `-`, `_` or `.` (such as an EUI-64 written `00-DB-12-34-56-78-9A-BC`). Compared
 * exactly, case included.
 */
export const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Longest User ID accepted. */
export const MAX_USER_ID_LENGTH = 64;

/** Day number standing for "no end" (still registered) and "never" (not enrolled). */
export const OPEN_END = 2 ** 31 - 1;

/**
 * A valid registration in numbers, as the counter uses it. Indexes are positions in
 * `CHARGING_GROUPS`, `REGIONS` and `PREMISES_TYPES`; dates are day numbers.
 */
export interface CheckedRegistration {
  /** The meter point and group in one number: `meterPoint x 8 + group`. */
  readonly key: number;
  readonly group: number;
  readonly region: number;
  readonly premises: number;
  readonly from: number;
  /** Last day registered, or {@link OPEN_END}. */
  readonly to: number;
  /** First day enrolled, or {@link OPEN_END}. */
  readonly enrolledFrom: number;
  /** The User ID, when the row gives one. */
  readonly user: string | undefined;
}

/** What each registration field must be, as issue messages say it. */
export const REGISTRATION_EXPECTED = {
  text: 'a text value',
  chargingGroup: `a Charging Group: one of ${CHARGING_GROUPS.join(', ')} or g1..g5`,
  premises: `a premises type: one of ${PREMISES_TYPES.join(', ')}`,
  mpan: 'an MPAN core: 13 digits, the last being the check digit of the first 12',
  mprn: 'an MPRN: 6 to 10 digits, the first not 0',
  date: 'a real calendar date written YYYY-MM-DD',
  optionalDate: 'a real calendar date written YYYY-MM-DD, or empty',
  endAfterStart: 'registeredTo on or after registeredFrom',
  region: `a Region: one of ${REGIONS.join(', ')}, or empty`,
  gspGroup: 'a GSP Group _A to _P (no _I, no _O), or empty',
  user: 'a User ID: 1 to 64 letters, digits, "-", "_" or ".", or empty',
  userByUser: 'the User id of every row with --by-user',
  gspGroupOfIndependent:
    "the meter point's GSP Group: an independent network's MPAN (distributor id not 10 to 23) needs it",
  gspGroupOfDno: "the GSP Group of the MPAN's distributor id, or empty",
  regionOfElectricity: 'the Region of the GSP Group under the GSP Group to Region table, or empty',
  regionOfGas: 'the Region of the gas meter point',
  noGspGroupForGas: 'no GSP Group for a gas meter point (GSP Groups are electricity areas)',
  knownField: `only the fields ${[...REGISTRATION_COLUMNS.required, ...REGISTRATION_COLUMNS.optional, 'line'].join(', ')}`,
} as const;

/** The result of checking one registration: the registration in numbers, or its problems. */
export type RegistrationCheck =
  | { readonly ok: true; readonly registration: CheckedRegistration }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...REGISTRATION_COLUMNS.required,
  ...REGISTRATION_COLUMNS.optional,
  'line',
]);
const ELECTRICITY_GROUP_INDEXES: ReadonlySet<number> = new Set(
  ELECTRICITY_GROUPS.map((group) => CHARGING_GROUPS.indexOf(group)),
);

/** True when the Charging Group at `groupIndex` counts electricity meter points (MPANs). */
export function isElectricityGroupIndex(groupIndex: number): boolean {
  return ELECTRICITY_GROUP_INDEXES.has(groupIndex);
}

/**
 * Checks one registration against every counting rule (docs/registrations.md) except overlaps (which need
 * the other rows): meter point form and check digit, known group and premises, real dates,
 * `registeredFrom <= registeredTo`, and a GSP Group and Region that are given or derivable.
 * @param values - the row's fields by name (a CSV row's cells, or a caller's object).
 * @param location - where the row is, for its issues.
 * @param regions - the GSP Group to Region table.
 * @param requireUser - true in a count by User: the `user` value is then required (decision 0081).
 * @returns the registration in numbers, or every problem of the row.
 */
export function checkRegistration(
  values: Readonly<Record<string, unknown>>,
  location: IssueLocation,
  regions: GspGroupRegions,
  requireUser = false,
): RegistrationCheck {
  const issues: InputIssue[] = [];
  const problem = (field: string, code: InputIssueCode, expected: string, received: unknown, detail?: string) => {
    const issue: InputIssue = { ...location, field, code, expected, received: describeReceived(received) };
    issues.push(detail === undefined ? issue : { ...issue, detail });
  };
  for (const name of Object.keys(values)) {
    if (!KNOWN_FIELDS.has(name)) {
      issues.push({
        ...location,
        code: 'unknownField',
        expected: REGISTRATION_EXPECTED.knownField,
        received: `the field ${describeReceived(name)}`,
      });
    }
  }
  const text = (field: RegistrationColumn, required: boolean): string | undefined => {
    const value = values[field];
    if (value === undefined || value === null || value === '') {
      if (required) {
        const expected = field === 'user' ? REGISTRATION_EXPECTED.userByUser : expectedOf(field);
        issues.push({
          ...location,
          field,
          code: 'missingValue',
          expected,
          received: value === '' ? 'an empty value' : 'nothing (the field is missing)',
        });
      }
      return undefined;
    }
    if (typeof value !== 'string') {
      problem(field, 'invalidValue', `${expectedOf(field)}, as ${REGISTRATION_EXPECTED.text}`, value);
      return undefined;
    }
    return value;
  };

  const groupText = text('chargingGroup', true);
  const premisesText = text('premises', true);
  const meterPoint = text('meterPoint', true);
  const fromText = text('registeredFrom', true);
  const toText = text('registeredTo', false);
  const enrolledText = text('enrolledFrom', false);
  const regionText = text('region', false);
  const gspText = text('gspGroup', false);
  const userText = text('user', requireUser);
  if (userText !== undefined && !USER_ID.test(userText))
    problem('user', 'invalidValue', REGISTRATION_EXPECTED.user, userText);

  const groupName = groupText === undefined ? undefined : parseChargingGroup(groupText);
  if (groupText !== undefined && groupName === undefined) {
    problem('chargingGroup', 'unknownChargingGroup', REGISTRATION_EXPECTED.chargingGroup, groupText);
  }
  const group = groupName === undefined ? -1 : CHARGING_GROUPS.indexOf(groupName);
  const premises = premisesText === undefined ? -1 : (PREMISES_TYPES as readonly string[]).indexOf(premisesText);
  if (premisesText !== undefined && premises < 0) {
    problem('premises', 'unknownPremises', REGISTRATION_EXPECTED.premises, premisesText);
  }

  const electricity = group >= 0 && isElectricityGroupIndex(group);
  let meterPointValid = false;
  if (meterPoint !== undefined && group >= 0) {
    if (electricity) {
      meterPointValid = isMpanCore(meterPoint);
      if (!meterPointValid) {
        const hasForm = meterPoint.length === MPAN_CORE_LENGTH && /^[0-9]+$/.test(meterPoint);
        const detail = hasForm ? `its check digit should be ${mpanCheckDigit(meterPoint.slice(0, 12))}` : undefined;
        problem(
          'meterPoint',
          hasForm ? 'badCheckDigit' : 'invalidMpan',
          REGISTRATION_EXPECTED.mpan,
          meterPoint,
          detail,
        );
      }
    } else {
      meterPointValid = isMprn(meterPoint);
      if (!meterPointValid) problem('meterPoint', 'invalidMprn', REGISTRATION_EXPECTED.mprn, meterPoint);
    }
  }

  const from = fromText === undefined ? undefined : dayNumberOfIsoDate(fromText);
  if (fromText !== undefined && from === undefined)
    problem('registeredFrom', 'invalidDate', REGISTRATION_EXPECTED.date, fromText);
  const to = toText === undefined ? OPEN_END : dayNumberOfIsoDate(toText);
  if (toText !== undefined && to === undefined)
    problem('registeredTo', 'invalidDate', REGISTRATION_EXPECTED.optionalDate, toText);
  if (from !== undefined && to !== undefined && to < from) {
    problem(
      'registeredTo',
      'endsBeforeStart',
      REGISTRATION_EXPECTED.endAfterStart,
      toText,
      `registeredFrom is ${fromText}`,
    );
  }
  const enrolledFrom = enrolledText === undefined ? OPEN_END : dayNumberOfIsoDate(enrolledText);
  if (enrolledText !== undefined && enrolledFrom === undefined) {
    problem('enrolledFrom', 'invalidDate', REGISTRATION_EXPECTED.optionalDate, enrolledText);
  }

  let region = -1;
  const givenRegion = regionText === undefined ? -1 : (REGIONS as readonly string[]).indexOf(regionText);
  if (regionText !== undefined && givenRegion < 0)
    problem('region', 'unknownRegion', REGISTRATION_EXPECTED.region, regionText);
  const gspKnown = gspText !== undefined && isGspGroup(gspText);
  if (gspText !== undefined && !gspKnown)
    problem('gspGroup', 'unknownGspGroup', REGISTRATION_EXPECTED.gspGroup, gspText);
  if (group >= 0 && !electricity) {
    if (gspText !== undefined)
      problem('gspGroup', 'unexpectedGspGroup', REGISTRATION_EXPECTED.noGspGroupForGas, gspText);
    if (regionText === undefined) {
      issues.push({
        ...location,
        field: 'region',
        code: 'missingRegion',
        expected: REGISTRATION_EXPECTED.regionOfGas,
        received: 'an empty value',
      });
    }
    region = givenRegion;
  } else if (electricity && meterPointValid && (gspText === undefined || gspKnown)) {
    const dnoGsp = gspGroupOfDistributor(Number((meterPoint as string).slice(0, 2)));
    if (gspText !== undefined && dnoGsp !== undefined && gspText !== dnoGsp) {
      problem(
        'gspGroup',
        'gspGroupMismatch',
        REGISTRATION_EXPECTED.gspGroupOfDno,
        gspText,
        `distributor id ${(meterPoint as string).slice(0, 2)} is GSP Group ${dnoGsp}`,
      );
    } else {
      const gsp = gspText ?? dnoGsp;
      if (gsp === undefined || !isGspGroup(gsp)) {
        issues.push({
          ...location,
          field: 'gspGroup',
          code: 'missingGspGroup',
          expected: REGISTRATION_EXPECTED.gspGroupOfIndependent,
          received: `an empty value (distributor id ${(meterPoint as string).slice(0, 2)})`,
        });
      } else {
        const derived = REGIONS.indexOf(regions[gsp]);
        if (regionText !== undefined && givenRegion >= 0 && givenRegion !== derived) {
          problem(
            'region',
            'regionMismatch',
            REGISTRATION_EXPECTED.regionOfElectricity,
            regionText,
            `GSP Group ${gsp} is in ${regions[gsp]}`,
          );
        }
        region = derived;
      }
    }
  }

  if (
    issues.length > 0 ||
    from === undefined ||
    to === undefined ||
    enrolledFrom === undefined ||
    region < 0 ||
    premises < 0 ||
    group < 0
  ) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    registration: {
      key: Number(meterPoint) * 8 + group,
      group,
      region,
      premises,
      from,
      to,
      enrolledFrom,
      user: userText,
    },
  };
}

function expectedOf(field: RegistrationColumn): string {
  switch (field) {
    case 'meterPoint':
      return 'a meter point (an MPAN core for electricity, an MPRN for gas)';
    case 'chargingGroup':
      return REGISTRATION_EXPECTED.chargingGroup;
    case 'premises':
      return REGISTRATION_EXPECTED.premises;
    case 'registeredFrom':
      return REGISTRATION_EXPECTED.date;
    case 'registeredTo':
    case 'enrolledFrom':
      return REGISTRATION_EXPECTED.optionalDate;
    case 'region':
      return REGISTRATION_EXPECTED.region;
    case 'gspGroup':
      return REGISTRATION_EXPECTED.gspGroup;
    case 'user':
      return REGISTRATION_EXPECTED.user;
  }
}
