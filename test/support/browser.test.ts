import { describe, expect, it } from 'vitest';
import { browserMissing, renderHtml } from './browser.js';
import { titleWithSkip } from './required-tools.js';

const noBrowser = await browserMissing();

describe.skipIf(noBrowser !== undefined)(titleWithSkip('renderHtml', noBrowser), () => {
  it('reports the rendered text and counts, not the markup', async () => {
    const page = await renderHtml(
      '<html><body><h1>Verdict</h1><p hidden>secret</p><table><tr><td>1</td></tr></table></body></html>',
      {
        count: ['td', 'h1'],
      },
    );
    expect(page.text).toContain('Verdict');
    expect(page.text).not.toContain('secret');
    expect(page.counts).toEqual({ td: 1, h1: 1 });
    expect(page.externalRequests).toEqual([]);
  });
});
