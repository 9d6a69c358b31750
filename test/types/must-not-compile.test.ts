/**
 * Calls that must not compile. `tsc --noEmit` (the first step of npm test) checks this file:
 * each `@ts-expect-error` line below must be an error, so the check fails the day one of them
 * starts compiling (money taken as a number, a Charging Group g6, an unknown kind, an
 * unchecked string where a checked one is required). The run-time parts check the guards.
 */
import { describe, expect, it } from 'vitest';
import {
  calculateMonthlyCharges,
  readInvoice,
  type ChargeLine,
  type DecimalString,
  type InvoiceLine,
  type MonthlyChargesInput,
  type ReconciliationLine,
} from '../../src/index.js';
import {
  decimalOf,
  isDecimalString,
  isValidMonth,
  parseDecimalString,
  parseMonth,
  type ValidMonth,
} from '../../src/schema/brands.js';
import { assertNever } from '../../src/errors/invariant-error.js';
import { InputError } from '../../src/errors/input-error.js';
import { minimalStatement } from '../support/statements.js';

const input: MonthlyChargesInput = {
  statements: [minimalStatement()],
  month: '2025-04',
  meters: [{ chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 1 }],
};

/** What a line charges for; every kind is handled, so the compiler accepts the `never`. */
function chargedFor(line: ChargeLine): string {
  switch (line.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return `${line.chargingGroup} ${line.region}`;
    case 'explicit':
    case 'elective':
      return line.code;
    default:
      return assertNever(line);
  }
}

describe('money is a decimal string, never a number', () => {
  it('refuses numbers for amounts, rates and quantities', () => {
    // @ts-expect-error a VAT rate is a decimal string
    const vat: MonthlyChargesInput = { ...input, vatRate: 0.2 };
    // @ts-expect-error an elective amount is a decimal string
    const elective: MonthlyChargesInput = { ...input, elective: [{ reference: 'R', description: 'd', amount: 10 }] };
    // A usage quantity may be a whole JSON number (a count read as its digits): that compiles.
    const usage: MonthlyChargesInput = { ...input, usage: [{ code: 'TEST_LAB_DAY', quantity: 2 }] };
    const rate: MonthlyChargesInput = {
      ...input,
      statements: [
        // @ts-expect-error a rate is a decimal string
        { ...minimalStatement(), fixedCharges: [{ chargingGroup: 'g1', region: 'north', ratePerMeterMonth: 0.5 }] },
      ],
    };
    expect([vat, elective, usage, rate]).toHaveLength(4);
  });
});

describe('closed vocabularies', () => {
  it('refuses a Charging Group g6, a national meter count and an unknown rounding mode', () => {
    const g6: MonthlyChargesInput = {
      ...input,
      // @ts-expect-error there are five Charging Groups, g1..g5
      meters: [{ chargingGroup: 'g6', region: 'north', premises: 'domestic', enrolled: true, count: 1 }],
    };
    const national: MonthlyChargesInput = {
      ...input,
      // @ts-expect-error meters are counted per Region: national is not a Region
      meters: [{ chargingGroup: 'g1', region: 'national', premises: 'domestic', enrolled: true, count: 1 }],
    };
    // @ts-expect-error rounding modes are a closed set
    const bankers: MonthlyChargesInput = { ...input, rounding: 'bankers' };
    expect([g6, national, bankers]).toHaveLength(3);
  });
});

describe('results discriminated by kind', () => {
  it('refuses an unknown kind in a switch, a missing case, and a field of another kind', () => {
    const line = calculateMonthlyCharges(input).lines[0] as ChargeLine;
    switch (line.kind) {
      // @ts-expect-error a charge line is never of kind vat (that is an invoice row)
      case 'vat':
        break;
      default:
        break;
    }
    const missingCase = (of: ChargeLine): string => {
      switch (of.kind) {
        case 'fixed':
        case 'fixedCh':
        case 'fixedAltHan':
          return of.region;
        case 'explicit':
          return of.code;
        default:
          // @ts-expect-error the elective case is missing, so `of` is not `never` here
          return assertNever(of);
      }
    };
    // @ts-expect-error an explicit line has no Charging Group (narrow on kind first)
    const group = (line as Extract<ChargeLine, { kind: 'explicit' }>).chargingGroup;
    const keyCode = (of: ReconciliationLine) =>
      // @ts-expect-error a reconciliation key has a code only when its kind says so (narrow on kind first)
      of.key.code;
    expect([chargedFor(line), missingCase(line), group, keyCode]).toHaveLength(4);
  });
});

describe('checked values carry a brand', () => {
  it('refuses an unchecked string where a checked one is required', () => {
    // @ts-expect-error a plain string has not been checked as a decimal
    const unchecked = decimalOf('1.50');
    // @ts-expect-error a plain string has not been checked as a month
    const month: ValidMonth = '2025-06';
    // @ts-expect-error an invoice row's amount is a checked decimal; a string cannot be written there
    const row: InvoiceLine = { month: '2025-06', kind: 'total', amount: '1.00', location: {} };
    expect([unchecked, month, row]).toHaveLength(3);
  });

  it('makes a brand only by checking', () => {
    const text: string = '1.50';
    if (isDecimalString(text)) expect(decimalOf(text).toFixed()).toBe('1.5');
    expect(isDecimalString('1e3')).toBe(false);
    expect(isValidMonth('2025-13')).toBe(false);
    expect(parseMonth('2025-06')).toBe('2025-06');
    expect(() => parseDecimalString('1,000.00', { source: 'rates.csv', line: 2 })).toThrow(InputError);
    expect(() => parseMonth(202506)).toThrow(/expected a month YYYY-MM/);
    const amount: DecimalString = readInvoice('month,kind,amount\n2025-06,total,12.00\n').lines[0]!.amount;
    expect(decimalOf(amount).toFixed(2)).toBe('12.00');
  });
});
