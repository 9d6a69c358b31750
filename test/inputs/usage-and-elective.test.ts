/** Explicit usage and elective lines: accepted forms and bad inputs. */
import { describe, expect, it } from 'vitest';
import { calculateMonthlyCharges, readElective, readUsage } from '../../src/index.js';
import { inputIssues } from '../support/errors.js';
import { minimalStatement } from '../support/statements.js';

describe('usage', () => {
  it('reads codes and quantities from CSV and JSON (whole JSON numbers or decimal strings)', () => {
    expect(readUsage('code,quantity\nA,2\nA,0.5\n')).toEqual([
      { code: 'A', quantity: '2' },
      { code: 'A', quantity: '0.5' },
    ]);
    expect(readUsage('[{"code":"B","quantity":3}]')).toEqual([{ code: 'B', quantity: '3' }]);
  });

  it.each(['-1', '1e2', 'NaN', '', '1,5'])('rejects the quantity %j', (quantity) => {
    const { issues } = inputIssues(() =>
      readUsage(`code,quantity\nA,${quantity.includes(',') ? `"${quantity}"` : quantity}\n`, { source: 'u.csv' }),
    );
    expect(issues).toEqual([expect.objectContaining({ source: 'u.csv', line: 2, field: 'quantity' })]);
  });

  it('says what a quantity must be, in its own words, for every wrong form', () => {
    for (const text of ['code,quantity\nA,-1\n', '[{"code":"A","quantity":-1}]', '[{"code":"A","quantity":"1e3"}]']) {
      expect(inputIssues(() => readUsage(text)).issues.map((issue) => issue.expected)).toEqual([
        'a non-negative quantity as a plain decimal such as "12" or "2.5" (at most 12 digits before the point and 10 after; a JSON number only when whole)',
      ]);
    }
  });

  it('rejects a fractional JSON number (quantities are decimal strings, never floats)', () => {
    expect(inputIssues(() => readUsage('[{"code":"B","quantity":0.1}]')).issues[0]).toMatchObject({
      field: 'quantity',
      received: '0.1',
    });
  });

  it('rejects a code the statement does not price, listing the codes it knows', () => {
    const statement = minimalStatement({
      explicitCharges: [
        { code: 'GATEWAY', description: 'Gateway', unit: 'per month', unitPrice: '100' },
        { code: 'TEST_DAY', description: 'Testing', unit: 'per day', unitPrice: '500' },
      ],
    });
    const { messages } = inputIssues(() =>
      calculateMonthlyCharges({
        statements: [statement],
        month: '2025-04',
        meters: [],
        usage: [
          { code: 'GATEWAY', quantity: '1' },
          { code: 'GATWAY', quantity: '1' },
        ],
      }),
    );
    expect(messages).toEqual([
      'usage, field "code": expected an Explicit Charging Metric of statement "test-2025-26": GATEWAY, TEST_DAY, received "GATWAY"',
    ]);
  });
});

describe('elective lines', () => {
  it('reads references, descriptions and amounts, credits negative', () => {
    expect(readElective('reference,description,amount\nEA-1,"Service, monthly",125.00\nEA-2,Credit,-10.5\n')).toEqual([
      { reference: 'EA-1', description: 'Service, monthly', amount: '125.00' },
      { reference: 'EA-2', description: 'Credit', amount: '-10.5' },
    ]);
  });

  it.each(['12.345', '1e2', '', '12,50'])(
    'rejects the amount %j (pounds with at most two decimal places)',
    (amount) => {
      const { issues } = inputIssues(() => readElective(`reference,description,amount\nEA-1,x,"${amount}"\n`));
      expect(issues).toEqual([expect.objectContaining({ line: 2, field: 'amount' })]);
    },
  );

  it('rejects a repeated reference', () => {
    const { issues } = inputIssues(() =>
      readElective('reference,description,amount\nEA-1,x,1\nEA-1,y,2\n', { source: 'e.csv' }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ line: 3, field: 'reference', code: 'duplicateRow', detail: 'first at e.csv, line 2' }),
    ]);
  });
});
