/**
 * Opens a page in headless Chromium and reports what a reader sees: the rendered text, and a
 * screenshot when asked. Chromium is found in this order (decision 0060): `CHROMIUM_PATH`; a
 * system Chromium (`/usr/bin/chromium`, `/usr/bin/chromium-browser`); else the Chromium that the
 * npm package `@sparticuz/chromium` ships (a dev dependency), so that a fresh machine with no
 * browser installed runs these tests too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { skipReason } from './required-tools.js';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium the tests use: see the module comment. */
export async function chromiumPath(): Promise<string> {
  const given = process.env['CHROMIUM_PATH'];
  if (given !== undefined && given !== '') return given;
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system !== undefined) return system;
  // Launched below with plain flags, not the package's serverless `args`.
  const shipped = (await import('@sparticuz/chromium')).default;
  // The package unpacks its Chromium into os.tmpdir() and reuses a copy it finds there: it is
  // pointed at the machine's temporary folder, not the test run's own (see
  // private-temporary-folder.ts), so that one copy serves every run.
  const shared = process.env['DCC_CHARGES_SHARED_TMPDIR'];
  const runs = process.env['TMPDIR'];
  if (shared === undefined) return shipped.executablePath();
  process.env['TMPDIR'] = shared;
  try {
    return await shipped.executablePath();
  } finally {
    if (runs === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = runs;
  }
}

/** A Chromium started by {@link launchChromium}; `close` also removes its temporary folder. */
interface StartedChromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the Chromium of {@link chromiumPath}, headless, with background networking off, and
 * with a temporary folder of its own (`TMPDIR`): Chromium leaves a `.org.chromium.Chromium.*`
 * folder behind when it does not clean up after itself, and `close` removes the whole folder.
 */
async function launchChromium(): Promise<StartedChromium> {
  const scratch = mkdtempSync(join(tmpdir(), 'dcc-charges-chromium-'));
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: await chromiumPath(),
      env: { ...process.env, TMPDIR: scratch },
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
  } catch (error) {
    remove();
    throw error;
  }
  return {
    browser,
    close: async () => {
      try {
        await browser.close();
      } finally {
        remove();
      }
    },
  };
}

/**
 * Why the page tests cannot run here (for a skipped test's title), or undefined when a Chromium
 * is found and starts. After `npm ci` the shipped Chromium is there on Linux x64; this says why
 * not elsewhere (another platform, a system library missing).
 * @throws Error when none starts and DCC_CHARGES_REQUIRE_TOOLS=1 (see `required-tools.ts`).
 */
export async function browserMissing(): Promise<string | undefined> {
  let missing: string | undefined;
  try {
    const started = await launchChromium();
    await started.close();
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    missing = `no Chromium starts (${first.slice(0, 160)}); set CHROMIUM_PATH to a Chromium to run these tests`;
  }
  return skipReason('Chromium', missing);
}

/** What the page showed. */
export interface RenderedPage {
  /** The visible text of the body, as rendered. */
  readonly text: string;
  /** Number of elements matching each selector asked for. */
  readonly counts: Readonly<Record<string, number>>;
  /** Requests the page made to anything but its own document (must be none for a self-contained page). */
  readonly externalRequests: readonly string[];
  /** The SVG text of the charts, when asked (`svgTexts`): where each shows and how large. */
  readonly svgTexts: readonly SvgText[];
}

/** One text of a chart as drawn: its content, its box on the page, its font size on screen (scale applied). */
export interface SvgText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  /** The class of the SVG group that holds it, such as `mark-text role-mark ...` (data labels) or `mark-text role-axis-label`. */
  readonly role: string;
}

/** Whether two drawn texts overlap (boxes sharing more than half a pixel each way). */
export function overlaps(a: SvgText, b: SvgText): boolean {
  return (
    a.x + a.width - 0.5 > b.x && b.x + b.width - 0.5 > a.x && a.y + a.height - 0.5 > b.y && b.y + b.height - 0.5 > a.y
  );
}

/**
 * Renders HTML in headless Chromium with scripts disabled (the page must be readable without them).
 * @param options.screenshot - a PNG path for a full-page screenshot.
 * @param options.count - CSS selectors to count.
 */
export async function renderHtml(
  html: string,
  options: { screenshot?: string; count?: readonly string[]; width?: number; print?: boolean; svgTexts?: boolean } = {},
): Promise<RenderedPage> {
  const started = await launchChromium();
  try {
    const context = await started.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: options.width ?? 1100, height: 800 },
    });
    const page = await context.newPage();
    const externalRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') externalRequests.push(request.url());
    });
    if (options.print === true) await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as rendered, is what a reader sees
    const text = await page.innerText('body');
    const counts: Record<string, number> = {};
    for (const selector of options.count ?? []) counts[selector] = await page.locator(selector).count();
    const svgTexts: SvgText[] =
      options.svgTexts === true
        ? await page.$$eval('figure svg text', (elements) =>
            elements.map((element) => {
              const svg = element.ownerSVGElement!;
              const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
              const box = element.getBoundingClientRect();
              return {
                text: element.textContent ?? '',
                x: box.x,
                y: box.y,
                width: box.width,
                height: box.height,
                fontSize:
                  Number.parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).fontSize) * scale,
                role: element.closest('g[class]')?.getAttribute('class') ?? '',
              };
            }),
          )
        : [];
    if (options.screenshot !== undefined) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { text, counts, externalRequests, svgTexts };
  } finally {
    await started.close();
  }
}
