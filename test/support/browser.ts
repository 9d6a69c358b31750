/**
 * Opens a page in headless Chromium (Debian's package; `.ci/run` installs it) and reports
 * what a reader sees: the rendered text, and a screenshot when asked.
 */
import { chromium } from 'playwright-core';

/** Where Chromium is; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** What the page showed. */
export interface RenderedPage {
  /** The visible text of the body, as rendered. */
  readonly text: string;
  /** Number of elements matching each selector asked for. */
  readonly counts: Readonly<Record<string, number>>;
  /** Requests the page made to anything but its own document (must be none for a self-contained page). */
  readonly externalRequests: readonly string[];
}

/**
 * Renders HTML in headless Chromium with scripts disabled (the page must be readable without them).
 * @param options.screenshot - a PNG path for a full-page screenshot.
 * @param options.count - CSS selectors to count.
 */
export async function renderHtml(
  html: string,
  options: { screenshot?: string; count?: readonly string[]; width?: number; print?: boolean } = {},
): Promise<RenderedPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: options.width ?? 1100, height: 800 } });
    const page = await context.newPage();
    const externalRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') externalRequests.push(request.url());
    });
    if (options.print === true) await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    const text = await page.innerText('body');
    const counts: Record<string, number> = {};
    for (const selector of options.count ?? []) counts[selector] = await page.locator(selector).count();
    if (options.screenshot !== undefined) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { text, counts, externalRequests };
  } finally {
    await browser.close();
  }
}
