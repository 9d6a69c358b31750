/**
 * The workbook reader within bounds: a decompression bomb is refused after inflating a bounded
 * number of bytes (whatever its zip directory declares), the XML scanner holds no text between
 * pieces, and a cell longer than a spreadsheet cell holds is refused at its cell. Every bound is
 * checked by sizes, never by time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readUsage } from '../../src/index.js';
import { readWorkbookCells, readWorkbookTable, SHEET_LIMITS, XML_LIMITS, ZIP_LIMITS } from '../../src/xlsx.js';
import { XmlLimitError, XmlScanner, type XmlHandler } from '../../src/xlsx/xml-scan.js';
import { inflateEntry, readZipDirectory } from '../../src/xlsx/zip-read.js';
import { inputIssues } from '../support/errors.js';
import { bombWorkbook, handWorkbook, row, t } from '../support/workbooks.js';

const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';

/** Inflates the sheet of `bytes` into a counter; what came out before the refusal, and the refusal. */
function inflateCounting(
  bytes: Uint8Array,
  limits: { maxPartBytes: number; ratioFreeBytes: number; maxRatio: number } = ZIP_LIMITS,
): { delivered: number; issues: ReturnType<typeof inputIssues>['issues'] } {
  const entry = readZipDirectory(bytes, {}).get(SHEET);
  if (entry === undefined) throw new Error('no sheet in the test workbook');
  let delivered = 0;
  const { issues } = inputIssues(() =>
    inflateEntry(
      bytes,
      entry,
      { source: 'bomb.xlsx' },
      (chunk) => {
        delivered += chunk.length;
      },
      limits,
    ),
  );
  return { delivered, issues };
}

describe('a decompression bomb', () => {
  // 2 GiB of spaces in about 2 MiB on disk.
  const gibibytes = 2;

  it('is refused before inflating when its directory declares a size past the bounds', () => {
    const bomb = bombWorkbook(gibibytes);
    expect(bomb.length).toBeLessThan(4 * MiB);
    const { delivered, issues } = inflateCounting(bomb);
    expect(delivered).toBe(0);
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'bomb.xlsx',
        code: 'workbookTooLarge',
        received: expect.stringMatching(/declaring that it expands to 4294967294 bytes/),
      }),
    ]);
  });

  it('is refused while inflating, past the free bytes, when it expands faster than the ratio allows', () => {
    // Declares 300 MiB: within the size bound, and 300 MiB / 2 MiB is within the ratio.
    const declared = 300 * MiB;
    const bomb = bombWorkbook(gibibytes, declared);
    expect(declared).toBeLessThan(ZIP_LIMITS.maxPartBytes);
    expect(declared / bomb.length).toBeLessThan(ZIP_LIMITS.maxRatio);
    const { delivered, issues } = inflateCounting(bomb);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'workbookTooLarge', received: expect.stringMatching(/at more than 200 times/) }),
    ]);
    // What reached the reader: at most the free bytes (the slice that crossed them is not passed on).
    expect(delivered).toBeLessThanOrEqual(ZIP_LIMITS.ratioFreeBytes);
    expect(delivered).toBeGreaterThan(0);
  });

  it('is refused as soon as it expands past the size its directory declares', () => {
    const bomb = bombWorkbook(gibibytes, MiB);
    const { delivered, issues } = inflateCounting(bomb);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'workbookTooLarge',
        received: expect.stringMatching(/expanding past the 1048576 bytes its zip directory declares/),
      }),
    ]);
    expect(delivered).toBeLessThanOrEqual(MiB);
  });

  it('is refused past the largest part, whatever the ratio', () => {
    const limits = { maxPartBytes: 8 * MiB, ratioFreeBytes: 64 * MiB, maxRatio: 2000 };
    const { delivered, issues } = inflateCounting(bombWorkbook(1, limits.maxPartBytes), limits);
    expect(issues).toEqual([expect.objectContaining({ code: 'workbookTooLarge' })]);
    expect(delivered).toBeLessThanOrEqual(limits.maxPartBytes);
  });

  it('is refused by the sheet reader with a located, typed error', () => {
    const { issues, messages } = inputIssues(() =>
      readWorkbookTable(bombWorkbook(gibibytes, 300 * MiB), { source: 'bomb.xlsx' }),
    );
    expect(issues).toEqual([expect.objectContaining({ source: 'bomb.xlsx', code: 'workbookTooLarge' })]);
    expect(messages[0]).toMatch(/^bomb\.xlsx: expected a workbook part that expands to at most 1073741824 bytes/);
  });
});

/** Records what a scanner reports, with runs of text joined as the readers join them. */
function recorder(): { handler: XmlHandler; events: string[] } {
  const events: string[] = [];
  const handler: XmlHandler = {
    open: (name, attributes, selfClosing) =>
      events.push(`<${name} ${JSON.stringify(attributes)}${selfClosing ? '/' : ''}>`),
    close: (name) => events.push(`</${name}>`),
    text: (text) => {
      const last = events.length - 1;
      if (last >= 0 && (events[last] as string).startsWith('"'))
        events[last] = JSON.stringify(JSON.parse(events[last] as string) + text);
      else events.push(JSON.stringify(text));
    },
  };
  return { handler, events };
}

describe('the XML scanner', () => {
  it('holds no text between pieces: a 64 MiB text node costs a few characters of memory', () => {
    let reported = 0;
    const scanner = new XmlScanner({
      open: () => undefined,
      close: () => undefined,
      text: (text) => void (reported += text.length),
    });
    scanner.push('<t>');
    const length = MiB;
    // 64 pieces of a megabyte each, every one cut inside an entity ("&am" + "p;").
    for (let index = 0; index < 64; index += 1) scanner.push(`${index === 0 ? '' : 'p;'}${'x'.repeat(length)}&am`);
    scanner.push('p;</t>');
    scanner.end();
    // Every piece is reported as it comes; only the cut entity ("&am", 3 characters) waits.
    expect(scanner.largestPending).toBe(3);
    expect(reported).toBe(64 * length + 64); // the x's, and one "&" for each of the 64 entities
  });

  it('gives the same events however the text is cut into pieces', () => {
    const xml =
      '<?xml version="1.0"?><worksheet xmlns:x="u"><!-- a comment --><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>A &amp; B &#x263A; &lt;x&gt;</t></is></c>' +
      '<c r="B1"><f>SUM(A1:A2)</f><v>3</v></c><x:c r=\'C1\'/></row></sheetData><![CDATA[<raw> & text]]></worksheet>';
    const whole = recorder();
    const scanner = new XmlScanner(whole.handler);
    scanner.push(xml);
    scanner.end();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), xml.length];
        const pieces = recorder();
        const cutScanner = new XmlScanner(pieces.handler);
        for (let index = 1; index < points.length; index += 1)
          cutScanner.push(xml.slice(points[index - 1], points[index]));
        cutScanner.end();
        expect(pieces.events).toEqual(whole.events);
      }),
    );
  });

  it('refuses markup longer than its bound', () => {
    const scanner = new XmlScanner({ open: () => undefined, close: () => undefined, text: () => undefined });
    expect(() => scanner.push(`<c r="${'A'.repeat(XML_LIMITS.maxMarkupChars)}`)).toThrow(XmlLimitError);
  });

  it('a sheet with a tag longer than the bound is refused as too large, located at its file', () => {
    // Digits that do not compress, so that the tag reaches the scanner in many pieces.
    let state = 1;
    const digits = Array.from({ length: 2 * XML_LIMITS.maxMarkupChars }, () => {
      state = (state * 48271) % 2147483647;
      return String(state % 10);
    }).join('');
    const bytes = handWorkbook([
      { name: 'Usage', data: row(1, t('A1', 'code'), t('B1', 'quantity')) + `<row r="2" spans="${digits}"/>` },
    ]);
    expect(inputIssues(() => readWorkbookTable(bytes, { source: 'usage.xlsx' })).issues).toEqual([
      expect.objectContaining({
        source: 'usage.xlsx',
        code: 'workbookTooLarge',
        received: expect.stringMatching(/^xl\/worksheets\/sheet1\.xml with an unfinished tag/),
      }),
    ]);
  });
});

describe('a cell longer than a spreadsheet cell holds', () => {
  const long = 'x'.repeat(SHEET_LIMITS.cellCharacters + 1);

  it('is refused at its cell, inline or shared, and a cell of exactly the bound is read', () => {
    const exact = 'y'.repeat(SHEET_LIMITS.cellCharacters);
    const bytes = handWorkbook([
      {
        name: 'Usage',
        data:
          row(1, t('A1', 'code'), t('B1', 'quantity')) +
          row(2, t('A2', long), t('B2', '1')) +
          row(3, t('A3', exact), t('B3', '2')),
      },
    ]);
    const table = readWorkbookTable(bytes, { source: 'usage.xlsx' });
    expect(table.rows.map((line) => line.cells[0]?.length)).toEqual([SHEET_LIMITS.cellCharacters]);
    expect(table.issues).toEqual([
      expect.objectContaining({ source: 'usage.xlsx', sheet: 'Usage', cell: 'A2', field: 'code', code: 'cellTooLong' }),
    ]);
    expect(inputIssues(() => readUsage(table)).messages).toEqual([
      'usage.xlsx, sheet "Usage", cell A2, field "code": expected at most 32767 characters in a cell, the most a spreadsheet cell holds, received a cell of more than 32767 characters',
    ]);
    expect(inputIssues(() => readWorkbookCells(bytes, 'usage.xlsx')).issues).toEqual([
      expect.objectContaining({ cell: 'A2', code: 'cellTooLong' }),
    ]);
  });
});
