import { expect } from 'vitest';
import type { JourneyContext } from '../support/journey-context.js';
import {
  expectVerifiedValid,
  openLicence,
  REGISTRY_WORDS,
  resultNumbers,
  searchRegistry,
  verifyFromQr,
  waitForRegistryEntries,
} from './registry-steps.js';

/**
 * The public, signed out: searches the registry by name, number and BIN, mistypes a number, opens
 * a licence, follows its QR code to the verification page in Kazakh and then Russian, checks a
 * licence by number in the app, and does it all again at phone width. Last, the licence staff
 * issued for the portal's application is verified from its QR code, when there is one.
 */
export async function publicJourney(context: JourneyContext): Promise<void> {
  const entries = await waitForRegistryEntries(context);
  const [first] = entries;
  if (!first) throw new Error('no licence in the registry');
  const kk = REGISTRY_WORDS.kk;

  const page = await context.page({ language: 'kk' });
  await page.goto('/');
  await page.getByRole('link', { name: 'Лицензиялар тізілімі' }).first().click();
  await page.waitForURL('**/registry');
  expect(await resultNumbers(page)).toContain(first.number);
  await context.look(page, 'registry-kk');

  // Keyset paging, ten a page: the next page goes on after the last number, and the URL keeps it.
  const numbers = (await waitForRegistryEntries(context, 11)).map((e) => e.number);
  await searchRegistry(page, { perPage: '10' });
  const pageOne = await resultNumbers(page);
  expect(pageOne).toEqual(numbers.slice(0, 10));
  await page.getByRole('link', { name: kk.nextPage }).click();
  await page.waitForURL((url) => url.searchParams.get('after') === pageOne.at(-1));
  const pageTwo = await resultNumbers(page);
  expect(pageTwo[0]).toBe(numbers[10]);
  await page.reload();
  expect(await resultNumbers(page)).toEqual(pageTwo);
  await context.look(page, 'registry-page-two');
  await page.getByRole('link', { name: kk.firstPage }).click();
  await page.waitForURL((url) => !url.searchParams.has('after'));
  expect(await resultNumbers(page)).toEqual(pageOne);

  // By a fragment of the holder's name, as the registry shows it.
  const fragment = nameFragment(first.holder.name);
  await searchRegistry(page, { name: fragment });
  await page.waitForURL((url) => url.searchParams.get('name') === fragment);
  const byName = await resultNumbers(page);
  expect(byName).toContain(first.number);
  const holders = await page.getByRole('table').locator('tbody tr td:nth-of-type(1)').allInnerTexts();
  for (const holder of holders) expect(holder.toLowerCase()).toContain(fragment.toLowerCase());
  await context.look(page, 'registry-by-name');

  // By number, typed as people type it; the search lives in the URL and survives a reload.
  await searchRegistry(page, { number: first.number.toLowerCase().replaceAll('-', ' ') });
  expect(await resultNumbers(page)).toEqual([first.number]);
  await page.reload();
  expect(await resultNumbers(page)).toEqual([first.number]);
  await context.look(page, 'registry-by-number');

  // By BIN: the demo's licences are companies' (every service in force is for companies), whose BIN is public.
  const company = entries.find((entry) => entry.holder.kind === 'legal_entity');
  expect(company, 'the demo registry holds a company licence').toBeDefined();
  if (company) {
    await searchRegistry(page, { holderId: company.holder.id });
    const byBin = await resultNumbers(page);
    expect(byBin).toContain(company.number);
    const holderCells = await page.getByRole('table').locator('tbody tr td:nth-of-type(1)').allInnerTexts();
    expect(holderCells.length).toBeGreaterThan(0);
    for (const holder of holderCells) expect(holder).toContain(company.holder.id);
  }

  // A typo in the number is told next to the field, in Kazakh, not as "nothing found".
  await searchRegistry(page, { number: mistype(first.number) });
  const numberField = page.getByLabel(kk.number, { exact: true });
  await expect.poll(() => numberField.getAttribute('aria-invalid')).toBe('true');
  const described = (await numberField.getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((id) => id.endsWith('-error'));
  const error = await page.locator(`[id="${errorId}"]`).textContent();
  expect(error).toMatch(/нөмір/i);
  expect(await page.getByRole('table').count()).toBe(0);
  await context.look(page, 'registry-number-typo');

  // The open data is there to download, with the same licences.
  const csv = await page.request.get(
    (await page.getByRole('link', { name: /CSV/ }).getAttribute('href')) ?? '/api/v1/registry/export.csv',
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(first.number);

  // The licence's entry, its history, and the QR code's target.
  await page.goto(`/registry?number=${encodeURIComponent(first.number)}`);
  await page.getByRole('link', { name: first.number, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(first.number) }).waitFor();
  expect(await page.locator('.timeline').textContent()).toContain('Берілді');
  const qr = await openLicence(page, first.number);
  expect(qr).toBe(`/verify/${first.currentDocumentId}`);
  await context.look(page, 'registry-licence');

  // As a QR code would: the bare address, the server's page, in the browser's language (kk)…
  await page.goto(qr);
  await expectVerifiedValid(page, first.number, 'kk');
  await context.look(page, 'verify-qr-kk');
  // …then in Russian by its own language links (no script on that page), and back into the app.
  await page.getByRole('link', { name: 'Русский' }).click();
  await expectVerifiedValid(page, first.number, 'ru');
  await context.look(page, 'verify-qr-ru');
  await page.getByRole('link', { name: REGISTRY_WORDS.ru.openEntry }).click();
  await page.getByRole('heading', { level: 1, name: `Лицензия ${first.number}` }).waitFor();
  await page.context().close();

  // Verification by number in the app, at phone width: status, then the signature in plain words.
  const phone = await context.page({ language: 'kk', phone: true });
  await phone.goto('/registry/verify');
  await phone.getByLabel(kk.number, { exact: true }).fill(first.number);
  await phone.getByRole('button', { name: kk.verify, exact: true }).click();
  await phone.getByRole('heading', { level: 2, name: new RegExp(first.number) }).waitFor();
  const verdict = await phone.locator('main').textContent();
  expect(verdict).toContain(kk.valid);
  expect(verdict).toContain(kk.signatureValid);
  await context.look(phone, 'verify-by-number-phone');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await phone.goto(qr);
  await expectVerifiedValid(phone, first.number, 'kk');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.look(phone, 'verify-qr-phone');

  await phone.goto(`/registry?holderId=${first.holder.kind === 'legal_entity' ? first.holder.id : ''}`);
  expect(await resultNumbers(phone)).toContain(first.number);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.look(phone, 'registry-phone');
  await phone.context().close();

  // The licence the staff issued for the portal's application, from its own QR code (run alone,
  // this journey takes another licence of the demo's, so the step is exercised either way).
  await verifyFromQr(context, context.shared.licenceNumber ?? numbers[1] ?? first.number);
}

/** Letters of the holder's public name long enough to search by (at least three). */
function nameFragment(name: string): string {
  const word = name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4)
    .sort((a, b) => b.length - a.length)[0];
  if (!word) throw new Error(`no searchable word in "${name}"`);
  return word.slice(0, 5);
}

/** The number with one digit of its serial changed: a typo the check digits catch. */
function mistype(number: string): string {
  const at = number.length - 4;
  const digit = Number(number[at]);
  return `${number.slice(0, at)}${(digit + 1) % 10}${number.slice(at + 1)}`;
}
