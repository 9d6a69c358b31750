/** The text and Markdown reports: verdict first, and invoice text that cannot break the layout. */
import { describe, expect, it } from 'vitest';
import { reconcileInvoice } from '../../src/index.js';
import { markdownCell, renderReconciliationMarkdown } from '../../src/render/reconciliation-markdown.js';
import { oneLine, renderReconciliationTable } from '../../src/render/reconciliation-table.js';
import { D, findRow, invoiceOf, money, MONTH, smallCharges, withRow, type Row } from './support.js';

const expected = smallCharges();
const rows = invoiceOf(expected);
const hostile: Row = {
  month: MONTH,
  kind: 'explicit',
  code: 'A|B',
  description: 'two\nlines | a pipe *stars* <b>tag</b>',
  quantity: '2',
  unitPrice: '1.50',
  amount: money(D(2).times('1.50')),
};
const elective = findRow(rows, 'elective', 'EA-1');
const result = reconcileInvoice({ invoice: [...withRow(rows, elective, { amount: '90.00' }), hostile], expected });

describe('the text report', () => {
  const text = renderReconciliationTable(result);
  const lines = text.split('\n');

  it('leads with the verdict, then the money at stake', () => {
    expect(lines[0]).toBe(
      'DIFFERENCES FOUND: 2 of 8 lines differ; the net, VAT and gross totals differ (tolerance 0.00).',
    );
    const over = D(2).times('1.50');
    const under = D('100.00').minus('90.00');
    expect(lines[1]).toBe(
      `Money at stake: net ${over.minus(under).toFixed(2)}, gross ${result.moneyAtStake.grossDifference}` +
        ` (invoiced minus expected); overcharged ${over.toFixed(2)}, undercharged ${under.toFixed(2)},` +
        ` sum of absolute differences ${over.plus(under).toFixed(2)}.`,
    );
  });

  it('keeps every line of the table on one line', () => {
    expect(text).toContain('explicit A|B');
    expect(lines.filter((line) => line.startsWith('unexpectedOnInvoice'))).toHaveLength(1);
    expect(oneLine('a\r\nb\tc')).toBe('a\\r\\nb\\tc');
  });
});

describe('the Markdown report', () => {
  const markdown = renderReconciliationMarkdown(result);

  it('leads with the verdict, then the money at stake', () => {
    const [title, , verdict, , money] = markdown.split('\n');
    expect(title).toBe('# Invoice reconciliation for 2025-06');
    expect(verdict).toMatch(/^\*\*DIFFERENCES FOUND\*\*: 2 of 8 lines differ/);
    expect(money).toMatch(/^Money at stake: /);
  });

  it('escapes invoice text so that each row keeps its cells', () => {
    // The line break is shown as the escape \n, whose backslash Markdown then needs escaped.
    expect(markdownCell('two\nlines | a pipe *stars* <b>tag</b>')).toBe(
      'two\\\\nlines \\| a pipe \\*stars\\* \\<b\\>tag\\</b\\>',
    );
    const row = markdown
      .split('\n')
      .find((line) => line.startsWith('| unexpectedOnInvoice | explicit A\\|B |') && line.includes('two\\\\nlines'));
    expect(row).toBeDefined();
    // Ten columns in "All lines": eleven unescaped pipes.
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(11);
  });
});

describe('a report too long for one text', () => {
  it('is refused with reportTooLarge, saying to list only the lines that differ', async () => {
    const { renderReconciliation } = await import('../../src/cli/commands/reconcile.js');
    const { InputError } = await import('../../src/index.js');
    // A line that cannot be written as text stands in for millions of lines (the engine's limit on a text's length).
    const tooLong = {
      ...result,
      lines: [
        {
          ...result.lines[0],
          toJSON: () => {
            throw new RangeError('Invalid string length');
          },
        },
      ],
    } as unknown as typeof result;
    let caught: unknown;
    try {
      renderReconciliation(tooLong, 'json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InstanceType<typeof InputError>).issues).toEqual([
      {
        field: '--format',
        code: 'reportTooLarge',
        expected: 'a report that fits in one text: list only the lines that differ (--listing differing)',
        received: '8 lines (1 listed) as json',
      },
    ]);
    // Any other error is not taken for one.
    const broken = {
      ...tooLong,
      lines: [
        {
          ...result.lines[0],
          toJSON: () => {
            throw new TypeError('broken');
          },
        },
      ],
    } as unknown as typeof result;
    expect(() => renderReconciliation(broken, 'json')).toThrow(TypeError);
  });
});
