/**
 * Tests that need a program outside npm (LibreOffice Calc) or a browser run where it is present
 * and are skipped, with the reason in their title, where it is not, so that `npm ci && npm test`
 * passes on a machine without them. With `DCC_CHARGES_REQUIRE_TOOLS=1` (set by `.ci/run`, which
 * installs them) a missing tool fails the test file instead, so that CI cannot skip silently.
 */

/** The variable that turns a missing tool from a skip into a failure. */
export const REQUIRE_TOOLS = 'DCC_CHARGES_REQUIRE_TOOLS';

/**
 * The reason to skip, or undefined when the tool is there.
 * @param missing - why the tool cannot be used here, or undefined when it can.
 * @throws Error when the tool is missing and {@link REQUIRE_TOOLS} is `1`.
 */
export function skipReason(tool: string, missing: string | undefined): string | undefined {
  if (missing === undefined) return undefined;
  if (process.env[REQUIRE_TOOLS] === '1')
    throw new Error(`${tool} is required here (${REQUIRE_TOOLS}=1) but ${missing}`);
  return missing;
}

/** A describe title that says why its tests are skipped, when they are. */
export function titleWithSkip(title: string, reason: string | undefined): string {
  return reason === undefined ? title : `${title} (skipped: ${reason})`;
}
