import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoPerson, JourneyContext, Language } from '../support/journey-context.js';

/**
 * The applicant's steps on the portal, as a person does them in the browser, for any journey that
 * needs an application (the office's journey finishes one the portal started). The page is signed
 * in already; every step waits for what the page shows, never for time.
 */

/** A PDF as small as a PDF can be: the server judges files by their content. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A form that passes each demo service's regulation, by field. */
export const DEMO_FORMS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  casino: {
    casinoName: 'Алтын Сарай',
    casinoAddress: 'Алматы, Абай даңғылы 10',
    gamingTables: 12,
    contactPhone: '+77012345678',
  },
  bookmaker: {
    officeName: 'Бәйге',
    officeAddress: 'Алматы, Төле би көшесі 5',
    cashDesks: 3,
    contactPhone: '+77012345678',
  },
  lottery: {
    lotteryName: 'Жұлдыз',
    lotteryKind: 'draw',
    distributionTerritory: 'Қазақстан Республикасы',
    contactPhone: '+77012345678',
  },
  totalizator: {
    totalizatorName: 'Жүйрік',
    totalizatorAddress: 'Астана, Қабанбай батыр 1',
    cashDesks: 2,
    contactPhone: '+77012345678',
  },
  'slot-machine-hall': {
    hallName: 'Сәттілік',
    hallAddress: 'Шымкент, Тәуке хан 7',
    slotMachines: 40,
    contactPhone: '+77012345678',
  },
  communications: {
    communicationServices: ['IP telephony'],
    serviceTerritory: 'Алматы қаласы',
    contactPhone: '+77012345678',
  },
};

interface RegulationForm {
  readonly schema: {
    readonly properties: Record<string, { type?: string; enum?: string[]; items?: { enum?: string[] } }>;
  };
  readonly labels: Record<string, Record<Language, string>>;
  readonly valueLabels: Record<string, Record<Language, string>>;
}

/** Words of the portal that steps click on, in each language (the journeys read the page as people do). */
export const PORTAL_WORDS = {
  kk: {
    start: 'Өтінішті бастау',
    apply: 'Өтініш беру',
    feeStep: /Лицензиялық алымды төлеу/,
    forCompany: /Ұйымым атынан/,
    saved: /Сақталды/,
    pay: 'Төлем бетіне өту',
    payAgain: 'Төлем бетін қайта ашу',
    paid: /Алым төленді/,
    yes: 'Иә',
    no: 'Жоқ',
    registered: /тіркелді/,
    refresh: 'Күйін жаңарту',
  },
  ru: {
    start: 'Начать заявление',
    apply: 'Подать заявление',
    feeStep: /Оплата лицензионного сбора/,
    forCompany: /От имени организации/,
    saved: /Сохранено/,
    pay: 'Перейти к оплате',
    payAgain: 'Открыть страницу оплаты снова',
    paid: /Сбор оплачен/,
    yes: 'Да',
    no: 'Нет',
    registered: /зарегистрировано/,
    refresh: 'Обновить статус',
  },
  en: {
    start: 'Start the application',
    apply: 'Apply',
    feeStep: /Licence fee/,
    forCompany: /For my company/,
    saved: /Saved/,
    pay: 'Go to the payment page',
    payAgain: 'Open the payment page again',
    paid: /Fee paid/,
    yes: 'Yes',
    no: 'No',
    registered: /is registered/,
    refresh: 'Refresh status',
  },
} as const;

export interface ApplyOptions {
  readonly serviceId: string;
  /** The form by field; the demo's valid form of the service when left out. */
  readonly form?: Readonly<Record<string, unknown>>;
  /** Whose SIGN key signs: `company-head` for services only companies may apply for. */
  readonly signer?: DemoPerson;
  readonly language?: Language;
  /** Called on each page of the way, for `context.look` (the applicant's journey looks; others need not). */
  readonly look?: (name: string) => Promise<void>;
}

/** The regulation's form as the API gives it: labels to find each field by, in the page's language. */
async function formOf(page: Page, serviceId: string): Promise<RegulationForm> {
  const services = await (await page.request.get('/api/v1/services')).json();
  const service = services.services.find((s: { id: string }) => s.id === serviceId);
  if (!service) throw new Error(`no service ${serviceId} in the catalogue`);
  const regulation = await (await page.request.get(`/api/v1/regulations/${service.regulationId}`)).json();
  return regulation.form as RegulationForm;
}

/** From a service's page: the company (if offered) and a new licence, then the draft opens. */
export async function startDraft(page: Page, serviceId: string, language: Language = 'kk'): Promise<string> {
  const words = PORTAL_WORDS[language];
  await page.goto(`/services/${serviceId}`);
  // The Apply panel's form (its choices and its button come together) before asking what it offers.
  await page.getByRole('heading', { level: 2, name: words.apply, exact: true }).waitFor();
  await page.getByRole('button', { name: words.start }).waitFor();
  const company = page.getByRole('radio', { name: words.forCompany });
  if (await company.count()) await company.check();
  await page.getByRole('button', { name: words.start }).click();
  await page.waitForURL(/\/drafts\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** Types the form field by field, as the labels name them, and waits until the draft is saved. */
export async function fillForm(
  page: Page,
  serviceId: string,
  values: Readonly<Record<string, unknown>>,
  language: Language = 'kk',
): Promise<void> {
  const form = await formOf(page, serviceId);
  const words = PORTAL_WORDS[language];
  for (const [field, value] of Object.entries(values)) {
    const label = form.labels[field]?.[language] ?? field;
    const schema = form.schema.properties[field] ?? {};
    if (schema.type === 'boolean') {
      await page
        .getByRole('group', { name: label })
        .getByLabel(value ? words.yes : words.no, { exact: true })
        .check();
    } else if (schema.type === 'array' && schema.items?.enum) {
      const group = page.getByRole('group', { name: label });
      for (const choice of value as string[]) {
        await group.getByLabel(form.valueLabels[choice]?.[language] ?? choice, { exact: true }).check();
      }
    } else if (schema.enum) {
      await page.getByLabel(label).selectOption(String(value));
    } else if (Array.isArray(value)) {
      await page.getByLabel(label).fill(value.join('\n'));
    } else {
      await page.getByLabel(label).fill(String(value));
    }
  }
  await page.getByText(words.saved).waitFor();
}

/** Attaches the small PDF to every document of the checklist, each upload shown with its progress. */
export async function attachDocuments(page: Page): Promise<void> {
  const inputs = page.locator('.portal-checklist input[type=file]');
  const count = await inputs.count();
  for (let i = 0; i < count; i++) {
    await inputs
      .nth(i)
      .setInputFiles({ name: `document-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: SMALL_PDF });
    await expect
      .poll(() => page.locator('.portal-document').nth(i).locator('.portal-files li').count())
      .toBeGreaterThan(0);
  }
}

/**
 * Pays the fee on the payment gateway's own page (the sandbox, another site), and comes back by the
 * link it shows after paying; the draft then shows the fee paid (the gateway's word reached the server).
 */
export async function payFee(
  page: Page,
  language: Language = 'kk',
  look?: (name: string) => Promise<void>,
): Promise<void> {
  const words = PORTAL_WORDS[language];
  const draftUrl = page.url();
  const again = page.getByRole('link', { name: words.payAgain });
  const pay = page.getByRole('button', { name: words.pay });
  // The fee panel reads the invoice first: wait for the one it shows, then take it.
  await pay.or(again).waitFor();
  if (await again.count()) await again.click();
  else await pay.click();
  await page.waitForURL((url) => url.pathname.startsWith('/pay/'));
  await look?.('payment-gateway');
  await page.getByRole('button', { name: 'Төлеу / Оплатить' }).click();
  // The gateway's answer page (not the payment page, which links back too): paid, then back.
  await page.getByRole('heading', { level: 1, name: 'Төленді / Оплачено' }).waitFor();
  await page.getByRole('link', { name: /Ruqsat-қа оралу/ }).click();
  await page.waitForURL(draftUrl);
  await page.getByText(words.paid).waitFor({ timeout: 30_000 });
}

/** Signs the request with the SIGN key and submits it; answers the registered application's number. */
export async function signAndSubmit(page: Page, context: JourneyContext, signer: DemoPerson): Promise<string> {
  await context.signWith(page, signer, 'sign');
  await page.waitForURL(/\/my\/applications\/[^/?]+/, { timeout: 30_000 });
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/**
 * The whole way from a service's page to a registered application: draft, form, documents, fee,
 * signature. The page must be signed in (as `company-head` for the demo's company-only services).
 */
export async function applyAndSubmit(
  context: JourneyContext,
  page: Page,
  options: ApplyOptions,
): Promise<{ id: string; number: string }> {
  const language = options.language ?? 'kk';
  const values = options.form ?? DEMO_FORMS[options.serviceId];
  if (!values) throw new Error(`no demo form for ${options.serviceId}: pass one`);
  await startDraft(page, options.serviceId, language);
  await fillForm(page, options.serviceId, values, language);
  await attachDocuments(page);
  const words = PORTAL_WORDS[language];
  // A service with a fee has its step (drawn with the checklist the documents went to); its panel
  // reads the invoice before it offers to pay, so wait for what it settles on before deciding.
  if (await page.getByRole('heading', { level: 2, name: words.feeStep }).count()) {
    const pay = page.getByRole('button', { name: words.pay });
    const again = page.getByRole('link', { name: words.payAgain });
    await pay.or(again).or(page.getByText(words.paid)).first().waitFor();
    if ((await pay.count()) || (await again.count())) await payFee(page, language, options.look);
  }
  await options.look?.('draft-ready');
  const id = await signAndSubmit(page, context, options.signer ?? 'company-head');
  const number = (await page.locator('.portal-number').first().textContent())?.trim() ?? '';
  expect(number).toBe(id);
  return { id, number };
}
