import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../../packages/pki/src/test-support/chromium.js';

export { launchChromium } from '../../packages/pki/src/test-support/chromium.js';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `the browser journeys are SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

const SCREENSHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

/** Starts a run's screenshots afresh, so that the folder shows this run's pages and no older ones. */
export function clearScreenshots(driver: string): void {
  rmSync(path.join(SCREENSHOTS, driver), { recursive: true, force: true });
}

/** A full-page screenshot under e2e/screenshots/<driver>/, kept by CI as an artefact. */
export async function screenshot(page: Page, driver: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOTS, driver);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: unknown; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules) and answers the serious and
 * critical violations. axe is evaluated through the DevTools protocol, so the page's CSP (no
 * inline scripts) stays on.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated source defines
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable account of violations for a failing expectation. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}
