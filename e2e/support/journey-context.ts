import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, screenshot, seriousAccessibilityViolations } from './browser.js';
import type { RunningRuqsat } from './ruqsat-server.js';

export type Language = 'kk' | 'ru' | 'en';

/** A person of the demo: their folder under the demo directory (see its README.md). */
export type DemoPerson = string;

/** What the journeys pass on to each other (the application the portal started, its licence). */
export interface SharedJourneyState {
  portalApplication?: { readonly id: string; readonly number: string };
  walkInApplication?: { readonly id: string; readonly number: string };
  licenceNumber?: string;
  verificationUrl?: string;
}

export class JourneyContext {
  readonly shared: SharedJourneyState = {};
  #shots = 0;

  constructor(
    readonly server: RunningRuqsat,
    readonly browser: Browser,
  ) {}

  /** A new page in a context of its own (own session), in a language, at desktop or phone width. */
  async page(options: { language?: Language; phone?: boolean } = {}): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL: this.server.baseUrl,
      viewport: options.phone ? { width: 375, height: 740 } : { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: options.language === 'en' ? 'en-GB' : options.language === 'ru' ? 'ru-RU' : 'kk-KZ',
    });
    const language = options.language ?? 'kk';
    await context.addInitScript((lang) => {
      if (!window.localStorage.getItem('ruqsat.language')) window.localStorage.setItem('ruqsat.language', lang);
    }, language);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** The key file of a demo person and its password. */
  keyFile(person: DemoPerson, purpose: 'auth' | 'sign'): { readonly file: string; readonly password: string } {
    const dir = path.join(this.server.demoDir, person);
    const password = readFileSync(path.join(dir, 'password.txt'), 'utf8').trim();
    const names = readdirSync(dir).filter((name) => name.endsWith('.p12'));
    const name = names.find((n) => (purpose === 'auth' ? n.startsWith('AUTH_') : !n.startsWith('AUTH_')));
    if (!name) throw new Error(`no ${purpose} key in ${dir}`);
    return { file: path.join(dir, name), password };
  }

  /** The IIN of a demo person, as the demo's README lists it. */
  iinOf(person: DemoPerson): string {
    const readme = readFileSync(path.join(this.server.demoDir, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.includes(`/${person} |`));
    const iin = row?.match(/\| (\d{12})/)?.[1];
    if (!iin) throw new Error(`no IIN for ${person} in the demo README`);
    return iin;
  }

  /** Signs in through the sign-in page with the person's AUTH key, and waits to be let in. */
  async signIn(page: Page, person: DemoPerson, next = '/'): Promise<void> {
    const key = this.keyFile(person, 'auth');
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await fillKeyForm(page, key);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
  }

  /** Fills the key form on the page (file and password) and submits it: signing in or signing. */
  async signWith(page: Page, person: DemoPerson, purpose: 'auth' | 'sign'): Promise<void> {
    await fillKeyForm(page, this.keyFile(person, purpose));
  }

  /**
   * Looks at the page as it is: axe-core finds no serious or critical violation, and a screenshot
   * is saved under e2e/screenshots/<driver>/ in the order taken.
   */
  async look(page: Page, name: string): Promise<void> {
    this.#shots += 1;
    await screenshot(page, this.server.driver, `${String(this.#shots).padStart(2, '0')}-${name}`);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }
}

async function fillKeyForm(page: Page, key: { file: string; password: string }): Promise<void> {
  const form = page.locator('form.key-file');
  await form.locator('input[type=file]').setInputFiles(key.file);
  await form.locator('input[type=password]').fill(key.password);
  await form.locator('button[type=submit]').click();
}
