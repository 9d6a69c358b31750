/**
 * Worked cases of reconcileInvoice: each status, the tolerance, the totals (a wrong VAT
 * line among them), the money at stake and the order of the lines. Expected figures are
 * written as the arithmetic that gives them.
 */
import { describe, expect, it } from 'vitest';
import { reconcileInvoice, type Reconciliation } from '../../src/index.js';
import { lineName } from '../../src/reconciliation/summarise.js';
import { D, findRow, invoiceOf, money, MONTH, smallCharges, withRow, type Row } from './support.js';
import { inputIssues } from '../support/errors.js';

const expected = smallCharges();
const rows = invoiceOf(expected);

function lineOf(result: Reconciliation, name: string) {
  const line = result.lines.find((candidate) => lineName(candidate.key) === name);
  if (line === undefined) throw new Error(`no line ${name}`);
  return line;
}

function statusesOtherThan(result: Reconciliation, name: string): string[] {
  return [...new Set(result.lines.filter((line) => lineName(line.key) !== name).map((line) => line.status))];
}

describe('reconcileInvoice: the expected invoice', () => {
  it('has the lines the small User is charged for', () => {
    expect(expected.lines.map((line) => [line.kind, line.quantity, line.unitPrice, line.amount])).toEqual([
      ['fixed', '1000', '0.4', money(D(1000).times('0.4'))],
      ['fixed', '1000', '0.03', money(D(1000).times('0.03'))],
      ['fixedCh', '1000', '0.85', money(D(1000).times('0.85'))],
      ['fixedAltHan', '1000', '0.05', money(D(1000).times('0.05'))],
      ['explicit', '7', '0.1825', money(D(7).times('0.1825'))], // 1.2775 rounds half-up to 1.28
      ['explicit', '2.5', '512.40', money(D('2.5').times('512.40'))],
      ['elective', '1', '100.00', '100.00'],
    ]);
  });

  it('reconciles with itself as all match, every total included', () => {
    const result = reconcileInvoice({ invoice: rows, expected });
    expect(result.verdict).toBe('allMatch');
    expect(result.lines.map((line) => line.status)).toEqual(expected.lines.map(() => 'match'));
    expect([result.totals.net.status, result.totals.vat.status, result.totals.gross.status]).toEqual([
      'match',
      'match',
      'match',
    ]);
    expect(result.moneyAtStake).toEqual({
      netDifference: '0.00',
      vatDifference: '0.00',
      grossDifference: '0.00',
      overcharged: '0.00',
      undercharged: '0.00',
      sumOfAbsoluteDifferences: '0.00',
    });
    expect(result.counts.match).toBe(expected.lines.length);
  });
});

describe('reconcileInvoice: one status per line', () => {
  it('quantityDiffers: 1001 meters invoiced instead of 1000', () => {
    const at = findRow(rows, 'fixed', 'importSupplier', 'north');
    const amount = money(D(1001).times('0.03'));
    const result = reconcileInvoice({
      invoice: withRow(rows, at, { quantity: '1001', amount }),
      expected,
      tolerance: '0.00',
    });
    const line = lineOf(result, 'fixed g1 north');
    expect(line.status).toBe('quantityDiffers');
    expect(line.difference).toEqual({
      quantity: '1',
      unitPrice: '0',
      amount: money(D(1001).times('0.03').minus(D(1000).times('0.03'))),
    });
    expect(line.differsIn).toEqual(['quantity', 'amount']);
    expect(line.explanation).toBe(
      'Quantity invoiced 1001, expected 1000 (+1). Amount invoiced 30.03, expected 30.00: +0.03.',
    );
    expect(statusesOtherThan(result, 'fixed g1 north')).toEqual(['match']);
    expect(result.verdict).toBe('differencesFound');
  });

  it('unitPriceDiffers: a transposed price 521.40 for 512.40', () => {
    const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
    const amount = money(D('2.5').times('521.40'));
    const result = reconcileInvoice({ invoice: withRow(rows, at, { unitPrice: '521.40', amount }), expected });
    const line = lineOf(result, 'explicit TEST_LAB_DAY');
    expect(line.status).toBe('unitPriceDiffers');
    expect(line.difference.unitPrice).toBe(D('521.40').minus('512.40').toFixed());
    expect(line.difference.amount).toBe(money(D('2.5').times('521.40').minus(D('2.5').times('512.40'))));
    expect(statusesOtherThan(result, 'explicit TEST_LAB_DAY')).toEqual(['match']);
  });

  it('amountDiffers: the invoice says 850.10 for 1000 x 0.85', () => {
    const at = findRow(rows, 'fixedCh', 'importSupplier', 'national');
    const result = reconcileInvoice({ invoice: withRow(rows, at, { amount: '850.10' }), expected });
    const line = lineOf(result, 'fixedCh g1 national');
    expect(line.status).toBe('amountDiffers');
    expect(line.invoiceArithmetic).toEqual({
      computed: money(D(1000).times('0.85')),
      difference: D('850.10').minus(D(1000).times('0.85')).toFixed(2),
      holds: false,
    });
    expect(line.differsIn).toEqual(['invoiceArithmetic', 'amount']);
    expect(line.explanation).toContain(
      "The invoice's arithmetic is wrong: round2(1000 x 0.85) = 850.00, but it says 850.10 (+0.10)",
    );
  });

  it('missingFromInvoice: the elective line is not invoiced', () => {
    const at = findRow(rows, 'elective', 'EA-1');
    const result = reconcileInvoice({ invoice: rows.filter((_, index) => index !== at), expected });
    const line = lineOf(result, 'elective EA-1');
    expect(line.status).toBe('missingFromInvoice');
    expect(line.invoiced).toBeUndefined();
    expect(line.difference).toEqual({ amount: D('100.00').negated().toFixed(2) });
  });

  it('unexpectedOnInvoice: a gateway connection that was not used', () => {
    const extra: Row = {
      month: MONTH,
      kind: 'explicit',
      code: 'GATEWAY_LOW_VOLUME',
      quantity: '1',
      unitPrice: '126.50',
      amount: money(D(1).times('126.50')),
    };
    const result = reconcileInvoice({ invoice: [...rows, extra], expected });
    const line = lineOf(result, 'explicit GATEWAY_LOW_VOLUME');
    expect(line.status).toBe('unexpectedOnInvoice');
    expect(line.expected).toBeUndefined();
    expect(line.difference).toEqual({ amount: '126.50' });
    expect(line.invoiced?.location).toEqual({ source: 'invoice', path: [rows.length] });
  });

  it('names the quantity first when quantity and price both differ, and lists both', () => {
    const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
    const amount = money(D(3).times('500'));
    const result = reconcileInvoice({
      invoice: withRow(rows, at, { quantity: '3', unitPrice: '500', amount }),
      expected,
    });
    const line = lineOf(result, 'explicit TEST_LAB_DAY');
    expect(line.status).toBe('quantityDiffers');
    expect(line.differsIn).toEqual(['quantity', 'unitPrice', 'amount']);
  });

  it('names the price before the arithmetic when both are wrong', () => {
    const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
    const result = reconcileInvoice({ invoice: withRow(rows, at, { unitPrice: '500', amount: '1300.00' }), expected });
    const line = lineOf(result, 'explicit TEST_LAB_DAY');
    expect(line.status).toBe('unitPriceDiffers');
    expect(line.differsIn).toEqual(['unitPrice', 'invoiceArithmetic', 'amount']);
  });

  it('compares quantities numerically: "2.50" is 2.5', () => {
    const at = findRow(rows, 'explicit', 'TEST_LAB_DAY');
    const result = reconcileInvoice({ invoice: withRow(rows, at, { quantity: '2.50' }), expected });
    expect(lineOf(result, 'explicit TEST_LAB_DAY').status).toBe('match');
  });
});

describe('reconcileInvoice: the tolerance', () => {
  // 7 x 0.1825 = 1.2775: half-up gives 1.28; an invoice that truncates says 1.27.
  const at = findRow(rows, 'explicit', 'CH_STOCK_LEVEL');
  const truncated = D(7).times('0.1825').toDecimalPlaces(2, 1).toFixed(2); // ROUND_DOWN
  const invoice = withRow(rows, at, { amount: truncated });

  it('a rounding difference of one penny is amountDiffers at tolerance 0.00', () => {
    expect(truncated).toBe('1.27');
    const result = reconcileInvoice({ invoice, expected, tolerance: '0.00' });
    const line = lineOf(result, 'explicit CH_STOCK_LEVEL');
    expect(line.status).toBe('amountDiffers');
    expect(line.difference.amount).toBe(
      D(truncated)
        .minus(money(D(7).times('0.1825')))
        .toFixed(2),
    );
    expect(result.totals.net.status).toBe('differs');
  });

  it('the same penny is a match at tolerance 0.01, and the explanation says so', () => {
    const result = reconcileInvoice({ invoice, expected, tolerance: '0.01' });
    const line = lineOf(result, 'explicit CH_STOCK_LEVEL');
    expect(line.status).toBe('match');
    expect(line.explanation).toBe('Matches within the tolerance of 0.01: invoiced 1.27, expected 1.28 (-0.01).');
    expect(result.verdict).toBe('allMatch');
    // The penny still counts in the money at stake.
    expect(result.moneyAtStake.undercharged).toBe('0.01');
  });

  it('two pennies are outside a tolerance of 0.01', () => {
    const result = reconcileInvoice({
      invoice: withRow(rows, at, { amount: D('1.28').minus('0.02').toFixed(2) }),
      expected,
      tolerance: '0.01',
    });
    expect(lineOf(result, 'explicit CH_STOCK_LEVEL').status).toBe('amountDiffers');
  });

  it('does not apply to quantities: one meter more is a difference whatever the tolerance', () => {
    const north = findRow(rows, 'fixed', 'importSupplier', 'north');
    const result = reconcileInvoice({
      invoice: withRow(rows, north, { quantity: '1001', amount: money(D(1001).times('0.03')) }),
      expected,
      tolerance: '100.00',
    });
    expect(lineOf(result, 'fixed g1 north').status).toBe('quantityDiffers');
  });

  it('applies to each total: pennies within the tolerance on each line can add up beyond it', () => {
    // Three lines each one penny over: every line is within 0.01, the net is 0.03 over.
    const fixedRows = [
      findRow(rows, 'fixed', 'importSupplier', 'national'),
      findRow(rows, 'fixed', 'importSupplier', 'north'),
      findRow(rows, 'fixedCh', 'importSupplier', 'national'),
    ];
    let changed = rows;
    for (const index of fixedRows)
      changed = withRow(changed, index, {
        amount: D(rows[index]?.amount ?? '0')
          .plus('0.01')
          .toFixed(2),
      });
    const totals = changed.filter((row) => row.kind !== 'vat' && row.kind !== 'total');
    const result = reconcileInvoice({ invoice: totals, expected, tolerance: '0.01' });
    expect(result.lines.every((line) => line.status === 'match')).toBe(true);
    expect(result.totals.net.status).toBe('differs');
    expect(result.totals.net.difference).toBe(D('0.01').times(3).toFixed(2));
    expect(result.verdict).toBe('differencesFound');
  });
});

describe('reconcileInvoice: totals', () => {
  const vatAt = findRow(rows, 'vat', '');
  const net = expected.totals.net;

  it('the expected VAT is round2(net x 0.20) and the gross net + VAT', () => {
    expect(expected.totals.vat).toBe(money(D(net).times('0.20')));
    expect(expected.totals.gross).toBe(D(net).plus(expected.totals.vat).toFixed(2));
  });

  it('a wrong VAT line: lines match, the VAT is one pound more than round2(net x rate)', () => {
    const wrongVat = D(expected.totals.vat).plus(1).toFixed(2);
    const invoice = withRow(rows, vatAt, { amount: wrongVat }).filter((row) => row.kind !== 'total');
    const result = reconcileInvoice({ invoice, expected });
    expect(result.lines.every((line) => line.status === 'match')).toBe(true);
    expect(result.totals.vat.status).toBe('amountDiffers');
    expect(result.totals.vat.difference).toBe('1.00');
    expect(result.totals.vat.invoiceArithmetic).toEqual({
      computed: expected.totals.vat,
      difference: '1.00',
      holds: false,
    });
    // Without a total row the gross is the invoice's net plus its VAT.
    expect(result.totals.gross).toMatchObject({
      status: 'differs',
      invoicedBasis: 'netPlusStatedVat',
      difference: '1.00',
    });
    expect(result.moneyAtStake).toMatchObject({
      netDifference: '0.00',
      vatDifference: '1.00',
      grossDifference: '1.00',
      sumOfAbsoluteDifferences: '0.00',
    });
    expect(result.verdict).toBe('differencesFound');
  });

  it('a VAT line at another rate is unitPriceDiffers', () => {
    const vat = money(D(net).times('0.175'));
    const invoice = withRow(rows, vatAt, { unitPrice: '0.175', amount: vat }).filter((row) => row.kind !== 'total');
    const result = reconcileInvoice({ invoice, expected });
    expect(result.totals.vat.status).toBe('unitPriceDiffers');
    expect(result.totals.vat.difference).toBe(D(vat).minus(expected.totals.vat).toFixed(2));
    expect(result.totals.vat.explanation).toContain('Its rate is 0.175, not 0.20.');
  });

  it('a VAT line charged on another base than the invoice net is amountDiffers', () => {
    const base = D(net).plus(10).toFixed(2);
    const invoice = withRow(rows, vatAt, { quantity: base, amount: money(D(base).times('0.20')) });
    const result = reconcileInvoice({ invoice, expected });
    expect(result.totals.vat.status).toBe('amountDiffers');
    expect(result.totals.vat.explanation).toContain(`It is charged on ${base}, not on the invoice's own net ${net}.`);
  });

  it('VAT that is right for a net that differs: differs, following the lines', () => {
    const at = findRow(rows, 'elective', 'EA-1');
    const withoutElective = rows.filter(
      (_, index) => index !== at && rows[index]?.kind !== 'vat' && rows[index]?.kind !== 'total',
    );
    const invoiceNet = D(net).minus('100.00');
    const vat = money(invoiceNet.times('0.20'));
    const invoice: Row[] = [...withoutElective, { month: MONTH, kind: 'vat', amount: vat }];
    const result = reconcileInvoice({ invoice, expected });
    expect(result.totals.net).toMatchObject({
      status: 'differs',
      invoiced: invoiceNet.toFixed(2),
      difference: '-100.00',
    });
    expect(result.totals.vat).toMatchObject({
      status: 'differs',
      difference: D(vat).minus(expected.totals.vat).toFixed(2),
    });
    expect(result.totals.vat.vat).toEqual({
      expectedBase: net,
      expectedRate: '0.20',
      invoicedBase: invoiceNet.toFixed(2),
      invoicedRate: '0.20',
    });
  });

  it('a total that is not net + VAT is amountDiffers', () => {
    const totalAt = findRow(rows, 'total', '');
    const result = reconcileInvoice({
      invoice: withRow(rows, totalAt, { amount: D(expected.totals.gross).plus('0.50').toFixed(2) }),
      expected,
    });
    expect(result.totals.gross.status).toBe('amountDiffers');
    expect(result.totals.gross.invoiceArithmetic).toEqual({
      computed: expected.totals.gross,
      difference: '0.50',
      holds: false,
    });
  });

  it('without vat and total rows, VAT and gross are notStated and not differences', () => {
    const result = reconcileInvoice({ invoice: invoiceOf(expected, { totals: false }), expected });
    expect(result.totals.vat.status).toBe('notStated');
    expect(result.totals.gross.status).toBe('notStated');
    expect(result.moneyAtStake.grossDifference).toBeUndefined();
    expect(result.verdict).toBe('allMatch');
  });

  it('a total row without a vat row is compared with the expected gross', () => {
    const invoice = rows.filter((row) => row.kind !== 'vat');
    const result = reconcileInvoice({ invoice, expected });
    expect(result.totals.vat.status).toBe('notStated');
    expect(result.totals.gross).toMatchObject({ status: 'match', invoicedBasis: 'statedOnInvoice' });
  });
});

describe('reconcileInvoice: money at stake, order, and every invoice row once', () => {
  // +1 meter on g1 north (+0.03), elective missing (-100.00), an unexpected gateway (+126.50).
  const north = findRow(rows, 'fixed', 'importSupplier', 'north');
  const elective = findRow(rows, 'elective', 'EA-1');
  const gateway: Row = {
    month: MONTH,
    kind: 'explicit',
    code: 'GATEWAY_LOW_VOLUME',
    quantity: '1',
    unitPrice: '126.50',
    amount: '126.50',
  };
  const invoice = [
    gateway,
    ...withRow(rows, north, { quantity: '1001', amount: money(D(1001).times('0.03')) }).filter(
      (row, index) => index !== elective && row.kind !== 'vat' && row.kind !== 'total',
    ),
  ];
  const result = reconcileInvoice({ invoice, expected });
  const over = D(1001).times('0.03').minus(D(1000).times('0.03')).plus('126.50');
  const under = D('100.00');

  it('sums what is over and under, and their net and absolute sums', () => {
    expect(result.moneyAtStake).toEqual({
      netDifference: over.minus(under).toFixed(2),
      overcharged: over.toFixed(2),
      undercharged: under.toFixed(2),
      sumOfAbsoluteDifferences: over.plus(under).toFixed(2),
    });
    expect(result.totals.net.difference).toBe(over.minus(under).toFixed(2));
  });

  it('orders lines by kind, group and region, unexpected ones after the expected of their kind', () => {
    expect(result.lines.map((line) => lineName(line.key))).toEqual([
      'fixed g1 national',
      'fixed g1 north',
      'fixedCh g1 national',
      'fixedAltHan g1 national',
      'explicit CH_STOCK_LEVEL',
      'explicit TEST_LAB_DAY',
      'explicit GATEWAY_LOW_VOLUME',
      'elective EA-1',
    ]);
  });

  it('shows every invoice row exactly once', () => {
    const shown = result.lines.flatMap((line) => (line.invoiced === undefined ? [] : [line.invoiced.location]));
    expect(shown).toHaveLength(invoice.length);
    expect(new Set(shown.map((location) => JSON.stringify(location))).size).toBe(invoice.length);
  });

  it('counts the statuses', () => {
    expect(result.counts).toEqual({
      match: 5,
      quantityDiffers: 1,
      unitPriceDiffers: 0,
      amountDiffers: 0,
      missingFromInvoice: 1,
      unexpectedOnInvoice: 1,
    });
  });
});

describe('reconcileInvoice: bad input', () => {
  const issuesOf = (run: () => unknown) => inputIssues(run).issues;

  it('rejects an invoice for another month, naming each row', () => {
    const invoice = rows.map((row) => ({ ...row, month: '2025-07' }));
    const issues = issuesOf(() => reconcileInvoice({ invoice, expected }));
    expect(issues).toHaveLength(rows.length);
    expect(issues[0]).toMatchObject({
      source: 'invoice',
      path: [0],
      field: 'month',
      code: 'otherMonth',
      received: '"2025-07"',
    });
  });

  it('rejects duplicate keys, naming both rows', () => {
    const issues = issuesOf(() => reconcileInvoice({ invoice: [...rows, rows[0]!], expected }));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'duplicateKey', path: [rows.length], detail: 'first at invoice, at [0]' }),
    ]);
  });

  it('rejects an empty invoice', () => {
    expect(issuesOf(() => reconcileInvoice({ invoice: [], expected }))).toEqual([
      expect.objectContaining({ code: 'emptyInvoice' }),
    ]);
  });

  it('rejects unknown kinds and groups, and amounts that are not plain decimals', () => {
    const invoice = [
      { ...rows[0]!, kind: 'fixedCharge' as 'fixed' },
      { ...rows[1]!, chargingGroup: 'g6' as 'g1' },
      { ...rows[2]!, amount: '1e3' },
      { ...rows[3]!, amount: 50 as unknown as string },
      { ...rows[4]!, amount: '1,000.00' },
      { ...rows[5]!, amount: '12.345' },
    ];
    const issues = issuesOf(() => reconcileInvoice({ invoice, expected }));
    expect(issues.map((issue) => [issue.path?.[0], issue.field, issue.code])).toEqual([
      [0, 'kind', 'invalidValue'],
      [1, 'chargingGroup', 'invalidValue'],
      [2, 'amount', 'invalidValue'],
      [3, 'amount', 'invalidValue'],
      [4, 'amount', 'invalidValue'],
      [5, 'amount', 'invalidValue'],
    ]);
    expect(issues[3]?.expected).toContain('plain decimal');
  });

  it('rejects a tolerance that is not a non-negative amount', () => {
    for (const tolerance of ['-0.01', '0.001', 'abc', '1e-2']) {
      expect(issuesOf(() => reconcileInvoice({ invoice: rows, expected, tolerance }))).toEqual([
        expect.objectContaining({ field: 'tolerance', code: 'invalidValue' }),
      ]);
    }
  });

  it('rejects expected charges whose totals do not add up', () => {
    const broken = { ...expected, totals: { ...expected.totals, net: D(expected.totals.net).plus(1).toFixed(2) } };
    const issues = issuesOf(() => reconcileInvoice({ invoice: rows, expected: broken }));
    expect(issues.map((issue) => issue.code)).toContain('inconsistentTotal');
  });
});
