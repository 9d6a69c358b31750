/** Every bad-input class of the issue gets a typed InputError saying where and what was expected. */
import { describe, expect, it } from 'vitest';
import { InputError, formatIssue, type InputIssue } from '../../src/errors/input-error.js';
import { deriveChargingStatement } from '../../src/methodology/derive-statement.js';
import { parseMethodologyInputs, readMethodologyInputs } from '../../src/methodology/parse-inputs.js';
import type { MethodologyInputsInput } from '../../src/methodology/inputs-schema.js';
import { D, smallInputs } from './helpers.js';
import { formatPlain } from '../../src/money/rounding.js';

function issuesOf(run: () => unknown): InputIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
  throw new Error('expected an InputError, but the inputs were accepted');
}

function deriveIssues(inputs: unknown): InputIssue[] {
  return issuesOf(() => deriveChargingStatement(inputs as MethodologyInputsInput, 'inputs.json'));
}

const base = smallInputs();
const withRevenue = (revenue: Partial<MethodologyInputsInput['revenue']>) => ({
  ...base,
  revenue: { ...base.revenue, ...revenue },
});

describe('bad methodology inputs', () => {
  it('a negative Estimated Fixed Revenue says by how much, and is not clamped', () => {
    // EFR = 9000 - 4000 - 1000 - 7200 - 1200 = -4400
    const issues = deriveIssues(withRevenue({ estimatedAllowedRevenue: '9000.00' }));
    const shortfall = D(9000).minus(4000).minus(1000).minus(7200).minus(1200).negated();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'negativeFixedRevenue',
      source: 'inputs.json',
      path: ['revenue', 'estimatedAllowedRevenue'],
    });
    expect(issues[0]?.detail).toContain(`exceed EAR by ${formatPlain(shortfall)}`);
    expect(formatPlain(shortfall)).toBe('4400');
  });

  it('fixed revenue already recovered beyond the EFR says by how much', () => {
    // EFR 45600, already recovered 50000: short by 4400
    const issues = deriveIssues(withRevenue({ alreadyRecovered: '50000.00' }));
    expect(issues[0]).toMatchObject({ code: 'negativeFixedRevenue', path: ['revenue', 'alreadyRecovered'] });
    expect(issues[0]?.detail).toContain(`short by ${formatPlain(D(50000).minus(45600))}`);
  });

  it('regional revenue beyond the fixed revenue to recover says by how much', () => {
    const issues = deriveIssues(withRevenue({ regionalFixedRevenue: { north: '40000.00', south: '6000.00' } }));
    expect(issues[0]).toMatchObject({ code: 'negativeFixedRevenue', path: ['revenue', 'regionalFixedRevenue'] });
    expect(issues[0]?.detail).toContain(`short by ${formatPlain(D(46000).minus(45600))}`);
  });

  it('a pot with a zero weighted base', () => {
    // no meters in the south for a regional pot there... g1 r3 and g2 r6 are south: use central with only g3 and g5 weighted 0
    const issues = deriveIssues({
      ...withRevenue({ regionalFixedRevenue: { central: '100.00' } }),
      weighting: { factors: { g1: '1', g2: '0.5', g3: '0', g4: '0.25', g5: '0' } },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'zeroWeightedBase', source: 'inputs.json', path: ['estimatedMeters'] });
    expect(issues[0]?.expected).toContain('fixed/central');
  });

  it('a pot with no meters at all', () => {
    const issues = deriveIssues({ ...base, estimatedMeters: [] });
    expect(issues.map((issue) => issue.code)).toEqual(['zeroWeightedBase', 'zeroWeightedBase', 'zeroWeightedBase']);
    expect(issues.map((issue) => issue.expected.match(/pot (\S+)/)?.[1])).toEqual([
      'fixed/national',
      'fixedCh/national',
      'fixedAltHan/national',
    ]);
  });

  it('a revenue share for a group without meters (revenue-share reading)', () => {
    const issues = deriveIssues({
      ...base,
      estimatedMeters: base.estimatedMeters.filter((row) => row.chargingGroup !== 'g5'),
      weighting: {
        basis: 'revenueShare',
        factors: { g1: '0.5', g2: '0.1', g3: '0.3', g4: '0.05', g5: '0.05' },
        chFactors: { g1: '0.5', g2: '0.1', g3: '0.4' },
        altHanFactors: { g1: '0.5', g2: '0.1', g3: '0.4' },
      },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'zeroWeightedBase' });
    expect(issues[0]?.received).toContain('g5');
  });

  it('a weighting factor missing for a group that has meters', () => {
    const issues = deriveIssues({ ...base, weighting: { factors: { g1: '1', g2: '0.5', g3: '1', g5: '0.25' } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'missingWeightingFactor',
      path: ['weighting', 'factors'],
      received: 'no factor for g4',
    });
    // g1 missing from factors (used also for Fixed CH and Alt HAN by default) is reported once
    const g1 = deriveIssues({ ...base, weighting: { factors: { g2: '0.5', g3: '1', g4: '0.25', g5: '0.25' } } });
    expect(g1.map((issue) => issue.received)).toEqual(['no factor for g1']);
    // missing from chFactors
    const ch = deriveIssues({
      ...base,
      weighting: { factors: base.weighting.factors, chFactors: { g1: '1', g3: '1' } },
    });
    expect(ch[0]).toMatchObject({
      code: 'missingWeightingFactor',
      path: ['weighting', 'chFactors'],
      received: 'no factor for g2',
    });
  });

  it('a negative weighting factor', () => {
    const issues = deriveIssues({ ...base, weighting: { factors: { ...base.weighting.factors, g2: '-0.5' } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['weighting', 'factors', 'g2'], received: '"-0.5"' });
    expect(issues[0]?.expected).toContain('non-negative weighting factor');
  });

  it('a weighting factor written as a JSON number', () => {
    const issues = deriveIssues({ ...base, weighting: { factors: { ...base.weighting.factors, g2: 0.5 } } });
    expect(issues[0]).toMatchObject({ path: ['weighting', 'factors', 'g2'], received: '0.5' });
    expect(issues[0]?.expected).toContain('not a JSON number');
  });

  it('a CH or Alt HAN factor for g4 or g5', () => {
    const issues = deriveIssues({
      ...base,
      weighting: {
        factors: base.weighting.factors,
        chFactors: { g1: '1', g2: '0.5', g3: '1', g4: '1' },
        altHanFactors: { gasTransporter: '1', g1: '1' },
      },
    });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'unknownKey', path: ['weighting', 'chFactors'], received: 'the key "g4"' });
    expect(issues[0]?.expected).toContain('K3.10 excludes g4 and g5');
    expect(issues[1]).toMatchObject({
      code: 'unknownKey',
      path: ['weighting', 'altHanFactors'],
      received: 'the key "gasTransporter"',
    });
  });

  it('a factor for an unknown group, and one group written twice', () => {
    const issues = deriveIssues({
      ...base,
      weighting: { factors: { ...base.weighting.factors, g6: '1', importSupplier: '1' } },
    });
    expect(issues.map((issue) => issue.code)).toEqual(['unknownKey', 'duplicateKey']);
    expect(issues[1]?.expected).toContain('"g1" and "importSupplier" name the same group');
  });

  it('regional revenue for an unknown region', () => {
    const issues = deriveIssues(withRevenue({ regionalFixedRevenue: { north: '10.00', wales: '10.00' } as never }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'unknownKey',
      path: ['revenue', 'regionalFixedRevenue'],
      received: 'the key "wales"',
    });
    expect(issues[0]?.expected).toContain('"north", "central", "south"');
    const ch = deriveIssues(
      withRevenue({ fixedChRevenue: { north: '1', central: '1', south: '1', east: '1' } as never }),
    );
    expect(ch[0]).toMatchObject({
      code: 'unknownKey',
      path: ['revenue', 'fixedChRevenue'],
      received: 'the key "east"',
    });
  });

  it('Fixed CH revenue per Region missing a Region, or malformed', () => {
    const issues = deriveIssues(withRevenue({ fixedChRevenue: { north: '1.00', central: '1e3' } as never }));
    expect(issues.map((issue) => issue.path)).toEqual([
      ['revenue', 'fixedChRevenue', 'central'],
      ['revenue', 'fixedChRevenue', 'south'],
    ]);
    expect(issues[1]?.code).toBe('missingField');
    const number = deriveIssues(withRevenue({ fixedAltHanRevenue: 1200 as never }));
    expect(number[0]).toMatchObject({ path: ['revenue', 'fixedAltHanRevenue'], received: '1200' });
  });

  it('a negative revenue amount is refused, not clamped', () => {
    const issues = deriveIssues(withRevenue({ estimatedElectiveServiceRevenue: '-10.00' }));
    expect(issues[0]).toMatchObject({ path: ['revenue', 'estimatedElectiveServiceRevenue'] });
    expect(issues[0]?.expected).toContain('non-negative');
  });

  it('months outside the Regulatory Year', () => {
    const issues = deriveIssues({ ...base, months: { from: '2025-01', to: '2026-04' } });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['months', 'from'],
      ['months', 'to'],
    ]);
    expect(issues[0]?.expected).toBe('a month inside the Regulatory Year 2025/26 (2025-04 to 2026-03)');
    const reversed = deriveIssues({ ...base, months: { from: '2026-01', to: '2025-10' } });
    expect(reversed[0]?.path).toEqual(['months', 'to']);
  });

  it('a forecast month outside the Regulatory Year or the charging period', () => {
    const row = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 5 } as const;
    const issues = deriveIssues({
      ...base,
      months: { from: '2025-10', to: '2025-10' },
      estimatedMeters: [
        { ...row, month: '2025-10' },
        { ...row, month: '2026-04' },
        { ...row, month: '2025-09' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['estimatedMeters', 1, 'month'],
      ['estimatedMeters', 2, 'month'],
    ]);
    expect(issues[0]?.expected).toContain('inside the Regulatory Year 2025/26');
    expect(issues[1]?.expected).toContain('charging period (2025-10 to 2025-10)');
  });

  it('repeated forecast rows', () => {
    const row = base.estimatedMeters[0];
    const issues = deriveIssues({ ...base, estimatedMeters: [...base.estimatedMeters, { ...row, count: 1 }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['estimatedMeters', 8]);
    expect(issues[0]?.expected).toContain('rows are not summed');
    expect(issues[0]?.expected).toContain('estimatedMeters[0]');
  });

  it('a forecast both for every month and month by month', () => {
    const row = base.estimatedMeters[0];
    const issues = deriveIssues({ ...base, estimatedMeters: [...base.estimatedMeters, { ...row, month: '2025-06' }] });
    expect(issues.map((issue) => issue.path)).toEqual([['estimatedMeters', 8]]);
    expect(issues[0]?.expected).toContain('not both');
  });

  it('a month-by-month forecast with a month missing', () => {
    const row = { chargingGroup: 'g1', region: 'north', premises: 'domestic', enrolled: true, count: 5 } as const;
    const issues = deriveIssues({
      ...base,
      months: { from: '2026-01', to: '2026-03' },
      estimatedMeters: [
        { ...row, month: '2026-01' },
        { ...row, month: '2026-03' },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.expected).toContain('has none for 2026-02');
  });

  it('revenue-share factors that do not sum to 1', () => {
    const issues = deriveIssues({
      ...base,
      weighting: {
        basis: 'revenueShare',
        factors: { g1: '0.5', g2: '0.1', g3: '0.3', g4: '0.05', g5: '0.06' },
        chFactors: { g1: '0.5', g2: '0.1', g3: '0.4' },
      },
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['weighting', 'factors'],
      ['weighting', 'factors'],
    ]);
    // 0.5 + 0.1 + 0.3 + 0.05 + 0.06 = 1.01; Alt HAN defaults to factors of g1..g3: 0.5 + 0.1 + 0.3 = 0.9
    expect(issues[0]?.expected).toContain(
      `they sum to ${formatPlain(D('0.5').plus('0.1').plus('0.3').plus('0.05').plus('0.06'))}`,
    );
    expect(issues[1]?.expected).toContain(
      `they sum to ${formatPlain(D('0.5').plus('0.1').plus('0.3'))} (altHanFactors default`,
    );
  });

  it('explicit revenue with volumes missing, or disagreeing with the volumes', () => {
    const noVolume = deriveIssues({
      ...base,
      explicitCharges: [{ code: 'X', description: 'x', unit: 'each', unitPrice: '1.00' }],
    });
    expect(noVolume[0]?.path).toEqual(['explicitCharges', 0, 'estimatedVolume']);
    const disagree = deriveIssues(withRevenue({ estimatedExplicitChargesRevenue: '999.00' }));
    // 250.00 x 4 = 1000, given 999.00
    expect(disagree[0]?.path).toEqual(['revenue', 'estimatedExplicitChargesRevenue']);
    expect(disagree[0]?.expected).toContain(
      `the difference is ${formatPlain(D('999.00').minus(D('250.00').times(4)))}`,
    );
  });

  it('a repeated Explicit Charge code', () => {
    const row = base.explicitCharges[0];
    const issues = deriveIssues({ ...base, explicitCharges: [row, row] });
    expect(issues[0]?.path).toEqual(['explicitCharges', 1, 'code']);
  });

  it('unknown fields, a wrong format tag, a bad ratePrecision, all reported together', () => {
    const issues = deriveIssues({
      ...base,
      format: 'dcc-charges/charging-statement@1',
      ratePrecision: 2.5,
      colour: 'blue',
    });
    expect(issues.map((issue) => issue.code).sort()).toEqual(['invalidValue', 'invalidValue', 'unknownField']);
    for (const issue of issues) expect(issue.source).toBe('inputs.json');
  });

  it('figures beyond the bounds that keep the arithmetic exact', () => {
    const issues = deriveIssues({
      ...withRevenue({ estimatedElectiveServiceRevenue: '4000.0000001', fixedChRevenue: '10000000000000' }),
      weighting: { factors: { ...base.weighting.factors, g2: '1000' } },
      explicitCharges: [
        { code: 'X', description: 'x', unit: 'each', unitPrice: '0.0000001', estimatedVolume: '1.1234567' },
      ],
      ratePrecision: 13,
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['revenue', 'estimatedElectiveServiceRevenue'],
      ['revenue', 'fixedChRevenue'],
      ['weighting', 'factors', 'g2'],
      ['explicitCharges', 0, 'unitPrice'],
      ['explicitCharges', 0, 'estimatedVolume'],
      ['ratePrecision'],
    ]);
    expect(issues[0]?.expected).toContain('at most 6 decimal places');
    expect(issues[2]?.expected).toContain('below 1000');
    // a meter count above 10^12 is refused where it is written, before any pot is formed
    const large = deriveIssues({
      ...base,
      estimatedMeters: [{ ...base.estimatedMeters[0], count: Number.MAX_SAFE_INTEGER }],
    });
    expect(large[0]).toMatchObject({ code: 'invalidValue', path: ['estimatedMeters', 0, 'count'] });
    expect(large[0]?.expected).toContain('from 0 to 1000000000000');
  });

  it('malformed JSON text', () => {
    const issues = issuesOf(() => readMethodologyInputs('{ "format": ', 'broken.json'));
    expect(issues[0]).toMatchObject({ code: 'malformedJson', source: 'broken.json' });
  });

  it('every issue formats on one line naming the file and path', () => {
    const issues = issuesOf(() => parseMethodologyInputs({ ...base, weighting: { factors: { g2: '-1' } } }, 'in.json'));
    expect(formatIssue(issues[0] as InputIssue)).toMatch(/^in\.json, at weighting\.factors\.g2: expected /);
  });
});
