import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JourneyContext, Language } from '../support/journey-context.js';

/** A registry entry as the public API shows it (what the steps need of it). */
export interface RegistryEntry {
  readonly number: string;
  readonly holder: { readonly kind: string; readonly id: string; readonly name: string };
  readonly currentDocumentId: string;
}

/** The words the registry's pages say, per language, that the steps find controls by. */
export const REGISTRY_WORDS = {
  kk: {
    number: 'Лицензия нөмірі',
    holderId: 'Лицензиаттың БСН немесе ЖСН',
    name: 'Лицензиаттың атауы',
    perPage: 'Бетте көрсетілетін саны',
    nextPage: 'Келесі бет',
    firstPage: 'Бірінші бетке',
    search: 'Іздеу',
    clear: 'Тазарту',
    results: 'Табылған лицензиялар',
    qrLink: 'Құжатты тексеру (QR коды бойынша)',
    verify: 'Тексеру',
    valid: 'ҚОЛДАНЫСТА',
    signatureValid: 'Қолтаңба жарамды',
    openEntry: 'Тізілімдегі жазбаны ашу',
  },
  ru: {
    number: 'Номер лицензии',
    holderId: 'БИН или ИИН лицензиата',
    name: 'Наименование лицензиата',
    perPage: 'Показывать на странице',
    nextPage: 'Следующая страница',
    firstPage: 'К первой странице',
    search: 'Найти',
    clear: 'Очистить',
    results: 'Найденные лицензии',
    qrLink: 'Проверить документ (по QR-коду)',
    verify: 'Проверить',
    valid: 'ДЕЙСТВУЕТ',
    signatureValid: 'Подпись действительна',
    openEntry: 'Открыть запись в реестре',
  },
  en: {
    number: 'Licence number',
    holderId: 'Holder’s BIN or IIN',
    name: 'Holder’s name',
    perPage: 'Licences per page',
    nextPage: 'Next page',
    firstPage: 'Back to the first page',
    search: 'Search',
    clear: 'Clear',
    results: 'Licences found',
    qrLink: 'Verify the document (as its QR code does)',
    verify: 'Verify',
    valid: 'VALID',
    signatureValid: 'The signature is valid',
    openEntry: 'Open the registry entry',
  },
} as const satisfies Record<Language, Record<string, string>>;

/**
 * Waits until the registry has at least `count` licences (the demo issues them in the background
 * shortly after the server starts) and answers the first page of them, as the public API gives it.
 */
export async function waitForRegistryEntries(context: JourneyContext, count = 1): Promise<RegistryEntry[]> {
  let items: RegistryEntry[] = [];
  await expect
    .poll(
      async () => {
        const response = await fetch(`${context.server.baseUrl}/api/v1/registry/licences?limit=100`);
        items = ((await response.json()) as { items: RegistryEntry[] }).items;
        return items.length;
      },
      { timeout: 180_000, interval: 1_000, message: 'the demo issued no licences' },
    )
    .toBeGreaterThanOrEqual(count);
  return items;
}

/** The results table's licence numbers, once the search has answered. */
export async function resultNumbers(page: Page, language: Language = 'kk'): Promise<string[]> {
  // The address changes a moment before the page draws its search: read the results of this one.
  await expect
    .poll(() => page.locator('section[data-search]').getAttribute('data-search'), { timeout: 20_000 })
    .toBe(new URL(page.url()).searchParams.toString());
  const table = page.getByRole('table', { name: REGISTRY_WORDS[language].results });
  await table.waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
  return table.locator('tbody th[scope=row]').allInnerTexts();
}

/** Fills the search form (empty criteria are cleared) and submits it. */
export async function searchRegistry(
  page: Page,
  criteria: { number?: string; holderId?: string; name?: string; perPage?: '10' | '20' | '50' | '100' },
  language: Language = 'kk',
): Promise<void> {
  const words = REGISTRY_WORDS[language];
  await page.getByLabel(words.number, { exact: true }).fill(criteria.number ?? '');
  await page.getByLabel(words.holderId, { exact: true }).fill(criteria.holderId ?? '');
  await page.getByLabel(words.name, { exact: true }).fill(criteria.name ?? '');
  if (criteria.perPage) await page.getByLabel(words.perPage, { exact: true }).selectOption(criteria.perPage);
  await page.getByRole('button', { name: words.search, exact: true }).click();
  // The search is in the URL once the page has taken it; only then are the results this search's.
  const expected = (key: 'number' | 'holderId' | 'name') => {
    const typed = (criteria[key] ?? '').trim();
    return key === 'holderId' ? typed.replace(/\s+/g, '') : typed;
  };
  const perPage = criteria.perPage === '20' ? null : criteria.perPage;
  await page.waitForURL(
    (url) =>
      (['number', 'holderId', 'name'] as const).every((key) => (url.searchParams.get(key) ?? '') === expected(key)) &&
      (perPage === undefined || url.searchParams.get('limit') === perPage),
  );
}

/** Opens a licence's entry in the registry and answers where its QR code points (`/verify/{id}`). */
export async function openLicence(page: Page, number: string, language: Language = 'kk'): Promise<string> {
  await page.goto(`/registry/licences/${encodeURIComponent(number)}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
  const href = await page.getByRole('link', { name: REGISTRY_WORDS[language].qrLink }).getAttribute('href');
  const target = new URL(href ?? '', 'http://x');
  expect(target.pathname).toMatch(/^\/verify\/[\w-]+$/);
  return target.pathname;
}

/** Asserts that the verification page open in `page` says the licence is valid and its signature too. */
export async function expectVerifiedValid(page: Page, number: string, language: Language): Promise<void> {
  const words = REGISTRY_WORDS[language];
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  const text = await page.locator('main').textContent();
  expect(text).toContain(number);
  expect(text).toContain(words.valid);
  expect(text).toContain(words.signatureValid);
}

/**
 * What a person does with a licence in hand: finds it in the registry, follows the QR code's
 * target (the server's own page, no script), and sees that it is valid and signed.
 */
export async function verifyFromQr(context: JourneyContext, licenceNumber: string): Promise<void> {
  // The result is issued in the background after the decision: give the registry a moment to have it.
  await expect
    .poll(
      async () =>
        (await fetch(`${context.server.baseUrl}/api/v1/registry/licences/${encodeURIComponent(licenceNumber)}`)).status,
      { timeout: 60_000, interval: 1_000, message: `${licenceNumber} never reached the registry` },
    )
    .toBe(200);
  const page = await context.page({ language: 'kk' });
  try {
    const qr = await openLicence(page, licenceNumber);
    await context.look(page, `registry-licence-${licenceNumber}`);
    // A camera opens the bare address, without a language: the browser's (kk-KZ) decides.
    await page.goto(qr);
    await expectVerifiedValid(page, licenceNumber, 'kk');
    await context.look(page, `verify-qr-${licenceNumber}`);
  } finally {
    await page.context().close();
  }
}
