import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromPkcs12, keyFileSigner } from '@ruqsat/pki';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoPerson, JourneyContext } from '../support/journey-context.js';

/** A file as the operator's scanner gives it: a name, its type and its bytes. */
export interface ScanFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** The smallest PDF any reader opens: a scan of a paper document, made by the test. */
export function scannedPdf(name = 'scan.pdf'): ScanFile {
  const text = '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text, 'latin1') };
}

/** What the operator keys in for a walk-in; the labels are the Russian ones the centre's desk shows. */
export interface WalkIn {
  /** The applicant's IIN, or BIN for a legal entity. */
  readonly iin: string;
  /** The service's id (`casino`, …): its version in force today is chosen. */
  readonly serviceId: string;
  readonly applicantKind?: 'individual' | 'sole_entrepreneur' | 'legal_entity';
  /** The form, by the field labels in Russian (`Наименование казино`: …). */
  readonly form: Readonly<Record<string, string>>;
  /** Document names (Russian) ticked as seen on paper; every document of the request when omitted. */
  readonly papers?: readonly string[];
  /** Scans to upload, by document name (Russian). */
  readonly scans?: readonly { readonly document: string; readonly file: ScanFile }[];
  /** Whose SIGN key signs: the operator signed in. */
  readonly operator: DemoPerson;
  /** A name to look at the checked intake under (screenshot and accessibility check), before signing. */
  readonly lookAs?: string;
  /** Keys tried first that must be refused beside the signing form, each with its error code. */
  readonly refusedKeys?: readonly {
    readonly person: DemoPerson;
    readonly purpose: 'auth' | 'sign';
    readonly code: string;
  }[];
}

/** The centre's desks speak the operator's language; the steps below read them in Russian. */
export async function inRussian(page: Page): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === 'ru') return;
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
}

/** Opens the intake desk and fills the applicant, the service, the form and the papers (not checked yet). */
export async function fillWalkIn(page: Page, walkIn: Omit<WalkIn, 'operator' | 'scans'>): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/centre/intake')) await page.goto('/centre/intake');
  await inRussian(page);
  // The desk shows the walk-in in progress once the services are read: checked already (the request
  // locked), it is started anew first.
  const intake = page.locator('[data-intake]');
  await intake.waitFor();
  if ((await intake.getAttribute('data-intake')) === 'checked') {
    await page.getByRole('button', { name: 'Новое заявление' }).click();
    await page.locator('[data-intake="open"]').waitFor();
  }
  const service = page.getByLabel('Услуга', { exact: true });
  await service.locator(`option[value^="${walkIn.serviceId}@"]`).first().waitFor({ state: 'attached' });
  const version = await service.locator(`option[value^="${walkIn.serviceId}@"]`).first().getAttribute('value');
  await service.selectOption(version ?? '');
  await page.getByLabel('Вид заявления').selectOption('issue');
  await page.getByLabel('Вид заявителя').selectOption(walkIn.applicantKind ?? 'legal_entity');
  const idLabel = (walkIn.applicantKind ?? 'legal_entity') === 'legal_entity' ? 'БИН заявителя' : 'ИИН заявителя';
  await page.getByLabel(idLabel).fill(walkIn.iin);
  for (const [label, value] of Object.entries(walkIn.form)) await page.getByLabel(label, { exact: true }).fill(value);
  const papers = page.getByRole('group', { name: 'Документы, представленные на бумаге' }).getByRole('checkbox');
  await papers.first().waitFor();
  for (const box of await papers.all()) {
    const name = ((await box.locator('xpath=..').textContent()) ?? '').trim();
    await box.setChecked(walkIn.papers ? walkIn.papers.includes(name) : true);
  }
}

/** «Check in the state database»: resolves with the number it gave, or leaves the error on the page. */
export async function checkWalkIn(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Проверить по базе данных' }).click();
  return page.locator('.application-number');
}

/** Uploads a scan for one document and waits until the desk lists it as uploaded. */
export async function uploadScan(page: Page, document: string, file: ScanFile): Promise<void> {
  await page.getByLabel(`Файл скана: ${document}`).setInputFiles(file);
  await page.getByRole('button', { name: `Загрузить: ${document}` }).click();
  await page
    .getByRole('list', { name: `Загруженные файлы: ${document}` })
    .getByText(file.name)
    .waitFor();
}

/**
 * A walk-in application taken at the centre's desk, end to end: form and papers, the state
 * database check, scans, the operator's signature; answers the registered application, whose
 * receipt page is then open. The operator must be signed in on `page`.
 */
export async function takeWalkIn(
  context: JourneyContext,
  page: Page,
  walkIn: WalkIn,
): Promise<{ readonly id: string; readonly number: string }> {
  await fillWalkIn(page, walkIn);
  const number = await checkWalkIn(page);
  await number.waitFor();
  const id = ((await number.textContent()) ?? '').trim();
  for (const scan of walkIn.scans ?? []) await uploadScan(page, scan.document, scan.file);
  if (walkIn.lookAs) await context.look(page, walkIn.lookAs);
  const signing = page.locator('form.key-file');
  for (const refused of walkIn.refusedKeys ?? []) {
    await context.signWith(page, refused.person, refused.purpose);
    await signing.locator(`[data-error-code="${refused.code}"]`).waitFor();
  }
  await context.signWith(page, walkIn.operator, 'sign');
  await page.waitForURL(new RegExp(`/centre/applications/${id}$`), { timeout: 30_000 });
  await page.getByRole('heading', { level: 1, name: 'Расписка о приёме документов' }).waitFor();
  return { id, number: id };
}

/**
 * Opens the receipt's PDF: the page fetches it with the session (its first bytes, as received, are
 * answered) and shows it from an object URL (the page's CSP keeps fetch() off blob: addresses).
 */
export async function openReceiptPdf(page: Page): Promise<string> {
  // The answer is passed through untouched; only its bytes are kept to look at.
  let received: { type: string; bytes: Buffer } | null = null;
  await page.route('**/receipt.pdf', async (route) => {
    const response = await route.fetch();
    received = { type: response.headers()['content-type'] ?? '', bytes: await response.body() };
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: 'Открыть PDF расписки' }).click();
  const link = page.getByRole('link', { name: 'Сохранить PDF' });
  await link.waitFor();
  expect((await link.getAttribute('href')) ?? '').toMatch(/^blob:/);
  expect((await page.locator('iframe.pdf-frame').getAttribute('src')) ?? '').toMatch(/^blob:/);
  await page.unroute('**/receipt.pdf');
  const pdf = received as { type: string; bytes: Buffer } | null;
  expect(pdf?.type).toBe('application/pdf');
  return pdf?.bytes.subarray(0, 5).toString('latin1') ?? '';
}

/**
 * Signs a demo person in through the API, their AUTH key opened here as the browser would: for the
 * steps of other desks (the authority deciding) that this journey does not walk through itself.
 */
async function apiSession(context: JourneyContext, person: DemoPerson) {
  const dir = path.join(context.server.demoDir, person);
  const password = readFileSync(path.join(dir, 'password.txt'), 'utf8').trim();
  const file = readdirSync(dir).find((name) => name.startsWith('AUTH_') && name.endsWith('.p12')) ?? '';
  const signer = keyFileSigner(await fromPkcs12(new Uint8Array(readFileSync(path.join(dir, file))), password));
  const api = `${context.server.baseUrl}/api/v1`;
  const { nonce } = (await (await fetch(`${api}/auth/challenge`, { method: 'POST' })).json()) as { nonce: string };
  const signature = Buffer.from(await signer.sign(new TextEncoder().encode(nonce), 'auth')).toString('base64');
  const signedIn = await fetch(`${api}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce, signature }),
  });
  const { token } = (await signedIn.json()) as { token: string };
  return async (method: string, route: string, body?: object) => {
    const response = await fetch(`${api}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as Record<string, unknown> | null,
    };
  };
}

/**
 * The licensing authority grants a walk-in under the MCS gaming regulations (register, check,
 * draft, agree, sign, send), each step by the demo official holding its role, through the API.
 */
export async function grantThroughApi(context: JourneyContext, applicationId: string): Promise<void> {
  const official = {
    executor: await apiSession(context, 'mcs-sport-committee_responsible_executor'),
    head: await apiSession(context, 'mcs-sport-committee_head_of_department'),
    leader: await apiSession(context, 'mcs-sport-committee_leadership'),
  };
  const steps = [
    ['executor', 'register', 'registered'],
    ['executor', 'check_completeness', 'complete'],
    ['executor', 'draft_decision', 'drafted'],
    ['head', 'agree_decision', 'agreed'],
    ['leader', 'sign_decision', 'signed'],
    ['executor', 'send_result', 'licence_issued'],
  ] as const;
  for (const [who, stepId, outcome] of steps) {
    const done = await official[who]('POST', `/office/applications/${applicationId}/complete`, {
      transactionId: `centre-journey-${applicationId}-${stepId}`,
      stepId,
      outcome,
    });
    expect(done.status, `${stepId}: ${JSON.stringify(done.body)}`).toBe(200);
  }
}
