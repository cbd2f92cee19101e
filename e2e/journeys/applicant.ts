import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JourneyContext } from '../support/journey-context.js';
import {
  applyAndSubmit,
  attachDocuments,
  DEMO_FORMS,
  fillForm,
  payFee,
  SMALL_PDF,
  signAndSubmit,
  startDraft,
} from './portal-steps.js';

/** The demo applicant acts for the demo company: every service in force today is for companies. */
const SIGNER = 'company-head';
const SERVICE = 'casino';

/**
 * The applicant's journey on the portal, in Kazakh: the catalogue (also at phone width), an
 * application from the form to the signature — inline errors, a reload that loses nothing, uploads,
 * the fee paid on the gateway's page — the status page, a decided application's licence PDF and
 * survey, a reissue and a duplicate from "My licences", a withdrawal, notifications and contact.
 */
export async function applicantJourney(context: JourneyContext): Promise<void> {
  await catalogueAtPhoneWidth(context);

  const page = await context.page();
  const look = (name: string) => context.look(page, `applicant-${name}`);
  await context.signIn(page, SIGNER, '/services');
  await page.getByRole('heading', { level: 1, name: 'Мемлекеттік қызметтер' }).waitFor();
  await page.locator('.portal-service').first().waitFor();
  await look('catalogue');

  // The service's page: terms, fee, documents; the application is started for the company.
  await page
    .getByRole('link', { name: /Казино/ })
    .first()
    .click();
  await page.getByRole('table', { name: /Өтініш түрлері/ }).waitFor();
  await look('service');
  const draftId = await startDraft(page, SERVICE);
  await page.getByRole('heading', { level: 2, name: /Өтініш нысаны/ }).waitFor();

  // An invalid field says what is wrong beside it, in Kazakh; corrected, the error goes.
  const phone = page.getByLabel('Байланыс телефоны');
  await phone.fill('8701');
  await phone.blur();
  await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
  const phoneError = page.locator(`[id="${describedBy.split(' ').pop()}"]`);
  await expect.poll(async () => (await phoneError.textContent()) ?? '').toMatch(/[әғқңөұүһі]/i);
  await look('draft-invalid-field');

  // A count is a whole number (no service in force asks for a fraction): "1.5" typed key by key
  // stays as typed and is refused beside the field; "12" is accepted, and saved as the number 12.
  const tables = page.getByLabel('Ойын үстелдерінің саны');
  await tables.pressSequentially('1.5');
  expect(await tables.inputValue()).toBe('1.5');
  await tables.blur();
  await expect.poll(() => tables.getAttribute('aria-invalid')).toBe('true');
  const tablesError = page.locator(
    `[id="${((await tables.getAttribute('aria-describedby')) ?? '').split(' ').pop()}"]`,
  );
  await expect.poll(async () => (await tablesError.textContent()) ?? '').toMatch(/[әғқңөұүһі]/i);
  const savedAsNumber = page.waitForRequest(
    (request) => request.method() === 'PUT' && request.postDataJSON()?.form?.gamingTables === 12,
  );
  await tables.fill('12');
  await savedAsNumber;
  await expect.poll(() => tables.getAttribute('aria-invalid')).toBeNull();

  const form = DEMO_FORMS[SERVICE] ?? {};
  await fillForm(page, SERVICE, form);
  await expect.poll(() => phone.getAttribute('aria-invalid')).toBeNull();

  // Nothing is lost on a reload: the draft was saved as it was typed.
  await page.reload();
  await expect.poll(() => page.getByLabel('Казиноның атауы').inputValue()).toBe(form.casinoName);
  await expect.poll(() => page.getByLabel('Байланыс телефоны').inputValue()).toBe(form.contactPhone);

  // A file that is no PDF, JPEG or PNG is refused with the reason beside its document.
  await page
    .locator('.portal-checklist input[type=file]')
    .first()
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a document') });
  await page.locator('.portal-checklist [data-error-code="ATTACHMENT_TYPE_NOT_ALLOWED"]').waitFor();
  await look('draft-upload-refused');
  // A button that takes itself away hands the focus to its document's file input, not to the page.
  const firstInputId = await page.locator('.portal-checklist input[type=file]').first().getAttribute('id');
  const focusedId = () => page.evaluate(() => document.activeElement?.id);
  await page.getByRole('button', { name: 'Жабу' }).click();
  await expect.poll(focusedId).toBe(firstInputId);
  await attachDocuments(page);
  // A file removed is gone from its document, and can be attached again.
  await page.getByRole('button', { name: 'document-1.pdf файлын жою' }).click();
  await expect.poll(() => page.locator('.portal-document').first().locator('.portal-files li').count()).toBe(0);
  await expect.poll(focusedId).toBe(firstInputId);
  await page
    .locator('.portal-checklist input[type=file]')
    .first()
    .setInputFiles({ name: 'application.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
  await page.getByText('application.pdf').waitFor();
  await look('draft-documents');

  // To the gateway's page and back without paying: the draft waits for the payment, and a request
  // signed now is refused with the regulation's words, in Kazakh.
  await page.getByRole('button', { name: 'Төлем бетіне өту' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/pay/'));
  await page.getByRole('link', { name: /Ruqsat-қа оралу/ }).click();
  await page.getByText(/Төлем әлі расталмады/).waitFor();
  await context.signWith(page, SIGNER, 'sign');
  const refusal = page.locator('.portal-draft p[role=alert]').last();
  await refusal.waitFor({ timeout: 30_000 });
  expect(`${await refusal.getAttribute('data-error-code')}: ${await refusal.textContent()}`).toMatch(
    /^PORTAL_REFUSED: .*төлем/,
  );
  await look('draft-refused-unpaid');

  // The fee on the gateway's page, and back to the draft, which shows it paid.
  await payFee(page, 'kk', look);
  await look('draft-paid');
  const id = await signAndSubmit(page, context, SIGNER);
  expect(id).toBe(draftId);

  // The status page: the registered number, term, due date, current step, history.
  await page
    .getByText(/тіркелді/)
    .first()
    .waitFor();
  expect((await page.locator('.portal-number').textContent())?.trim()).toBe(id);
  await page.getByRole('heading', { level: 2, name: 'Өтініштің тарихы' }).waitFor();
  expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
  // The time of the last check is shown, not spoken (the page checks by itself every few seconds);
  // the Refresh button has the status said once, politely.
  expect(
    await page
      .locator('[role=status], [aria-live]')
      .filter({ hasText: /Соңғы рет тексерілді/ })
      .count(),
  ).toBe(0);
  await page.getByRole('button', { name: 'Күйін жаңарту' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Күйін жаңарту' }).getAttribute('aria-busy')).toBeNull();
  await expect
    .poll(() => page.locator('.portal-page p[role=status][aria-live=polite]').textContent())
    .toMatch(/^Өтініштің күйі: .+\. Тексерілді: /);
  await look('status');
  context.shared.portalApplication = { id, number: id };
  await statusAtPhoneWidth(context, id);

  // In the list of one's applications.
  await page.getByRole('link', { name: 'Менің өтініштерім', exact: true }).click();
  await page.getByRole('link', { name: id }).waitFor();
  await look('applications');

  await decidedApplication(context, page, look);
  await licences(page, look);
  await withdrawal(context, page, look);
  await notifications(page, look);
  await page.context().close();
}

async function catalogueAtPhoneWidth(context: JourneyContext): Promise<void> {
  const phone = await context.page({ phone: true });
  await phone.goto('/services');
  await phone.getByRole('heading', { level: 1, name: 'Мемлекеттік қызметтер' }).waitFor();
  await phone.locator('.portal-service').first().waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.look(phone, 'applicant-catalogue-phone');
  await phone.context().close();
}

async function statusAtPhoneWidth(context: JourneyContext, id: string): Promise<void> {
  const phone = await context.page({ phone: true });
  await context.signIn(phone, SIGNER, `/my/applications/${id}`);
  await phone.locator('.portal-number').waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.look(phone, 'applicant-status-phone');
  await phone.context().close();
}

/** A licence the demo issued to the company: its signed PDF, saved, and the survey after it. */
async function decidedApplication(context: JourneyContext, page: Page, look: (name: string) => Promise<void>) {
  await page.getByRole('row').filter({ hasText: 'Лицензия берілді' }).first().getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: 'Нәтиже' }).waitFor();
  await page.getByRole('button', { name: 'PDF құжатын алу' }).click({ timeout: 90_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'PDF-ті сақтау' }).click();
  const saved = await (await download).path();
  expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect.poll(() => page.getByRole('link', { name: 'PDF-ті ашу' }).getAttribute('href')).toMatch(/^blob:/);
  // The survey: the demo's regulations in force offer none, and the page says so in Kazakh.
  await page.getByRole('heading', { level: 2, name: 'Сапаны бағалау сауалнамасы' }).waitFor();
  await page.getByText('Бұл қызметтің регламенті сауалнама жүргізбейді.').waitFor();
  await look('result');
  void context;
}

/** My licences: each with its status and document; a duplicate and a reissue start from here. */
async function licences(page: Page, look: (name: string) => Promise<void>) {
  await page.getByRole('link', { name: 'Менің лицензияларым', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Менің лицензияларым' }).waitFor();
  const first = page.locator('.portal-licences > li').first();
  await first.waitFor();
  const number = ((await first.getByRole('heading').textContent()) ?? '').match(/KZ[\d-]+/)?.[0] ?? '';
  expect(number).not.toBe('');
  await first.getByRole('link', { name: new RegExp(`${number}`) }).waitFor();
  await look('licences');

  await page.getByRole('button', { name: `Телнұсқа алу — ${number}` }).click();
  await page.waitForURL(/\/drafts\//);
  await page.getByText('Лицензияның телнұсқасы').first().waitFor();
  await page.getByText(number).first().waitFor();
  await look('duplicate-draft');

  await page.goBack();
  await page.getByRole('button', { name: `Қайта ресімдеу — ${number}` }).click();
  await page.waitForURL(/\/drafts\//);
  await page.getByText('Лицензияны қайта ресімдеу').first().waitFor();
  await page.getByText(number).first().waitFor();
  await look('reissue-draft');
}

/** A second application, for another service (a form with a list to choose from), withdrawn. */
async function withdrawal(context: JourneyContext, page: Page, look: (name: string) => Promise<void>) {
  const { id } = await applyAndSubmit(context, page, { serviceId: 'lottery', signer: SIGNER });
  await page.getByRole('button', { name: 'Өтінішті кері қайтарып алу' }).click();
  await page.getByRole('group', { name: /шынымен кері қайтарып/ }).waitFor();
  await look('withdraw-confirm');
  await page.getByRole('button', { name: 'Иә, кері қайтарып алу' }).click();
  await page.locator('.badge', { hasText: 'Кері қайтарылды' }).waitFor();
  expect(context.shared.portalApplication?.id).not.toBe(id);
}

/** Notifications of what happened, and the e-mail and language they go to — kept across a reload. */
async function notifications(page: Page, look: (name: string) => Promise<void>) {
  await page.getByRole('link', { name: 'Хабарламалар', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Хабарламалар' }).waitFor();
  await page.locator('.portal-notifications > li').first().waitFor();
  await page.getByRole('textbox', { name: 'Электрондық пошта' }).fill('asqar@example.kz');
  await page.getByRole('combobox', { name: 'Хабарламалардың тілі' }).selectOption('ru');
  await page.getByRole('button', { name: 'Сақтау' }).click();
  await page.getByText('Сақталды.').waitFor();
  await look('notifications');
  await page.reload();
  await expect
    .poll(() => page.getByRole('textbox', { name: 'Электрондық пошта' }).inputValue())
    .toBe('asqar@example.kz');
  expect(await page.getByRole('combobox', { name: 'Хабарламалардың тілі' }).inputValue()).toBe('ru');

  // The portal speaks English when asked, on the same page.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await page.getByRole('button', { name: 'Қазақша' }).click();
}
