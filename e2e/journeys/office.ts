import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JourneyContext } from '../support/journey-context.js';
import {
  ASSIGNING_ROLES,
  authorityOf,
  closeOfficePages,
  decideInOffice,
  demoOfficials,
  officePage,
  openFile,
} from './office-steps.js';
import { applyAndSubmit } from './portal-steps.js';

interface QueueRow {
  readonly number: string;
  readonly status: string;
  readonly role: string;
  readonly regulationId: string;
  readonly requestKind: string;
}

/** The rows of the inbox table as it shows them now. */
async function inboxRows(page: Page): Promise<QueueRow[]> {
  const rows = page.locator('table.office-queue tbody tr');
  const found: QueueRow[] = [];
  for (const row of await rows.all()) {
    found.push({
      number: (await row.getAttribute('data-application')) ?? '',
      status: (await row.getAttribute('data-status')) ?? '',
      role: (await row.getAttribute('data-step-role')) ?? '',
      regulationId: (await row.getAttribute('data-regulation')) ?? '',
      requestKind: (await row.getAttribute('data-request-kind')) ?? '',
    });
  }
  return found;
}

/** How many roles act in the application's process (the public regulation says). */
async function rolesOfProcess(context: JourneyContext, row: QueueRow): Promise<number> {
  const response = await fetch(`${context.server.baseUrl}/api/v1/regulations/${encodeURIComponent(row.regulationId)}`);
  const regulation = (await response.json()) as {
    processes: { id: string; steps: { actor: string }[] }[];
    requestKinds: { kind: string; process: string }[];
  };
  const processId = regulation.requestKinds.find((k) => k.kind === row.requestKind)?.process;
  return new Set(regulation.processes.find((p) => p.id === processId)?.steps.map((s) => s.actor)).size;
}

/** The role of the step that signs the result: only it may suspend or terminate the licence. */
async function signingRoleOf(context: JourneyContext, row: QueueRow): Promise<string> {
  const response = await fetch(`${context.server.baseUrl}/api/v1/regulations/${encodeURIComponent(row.regulationId)}`);
  const regulation = (await response.json()) as { processes: { steps: { actor: string; action: string }[] }[] };
  const step = regulation.processes.flatMap((p) => p.steps).find((s) => s.action === 'sign');
  if (!step) throw new Error(`${row.regulationId} has no signing step`);
  return step.actor;
}

async function showAllWork(page: Page): Promise<void> {
  await page.goto('/office');
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.getByLabel('Which work').selectOption('authority');
  await page.locator('table.office-queue caption').filter({ hasText: 'Open steps' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.table-wrap[aria-busy="true"]'));
}

/**
 * The authority's staff: the inbox with its deadline colours, a bulk assignment, the application
 * file, every remaining step of a demo application walked to an issued licence by the officials of
 * each step's role (signed result PDF opened), a refusal with reasons, the signing key, a delegation
 * made and revoked — and the portal's and the centre's applications decided, when they ran before.
 */
export async function officeJourney(context: JourneyContext): Promise<void> {
  // An authority whose head hands work out, with open applications; the one to issue is the one
  // whose process passes through the most roles, so that the walk changes hands most.
  const officials = demoOfficials(context);
  let best: { head: { person: string; authority: string }; rows: QueueRow[]; toIssue: QueueRow; roles: number } | null =
    null;
  const seen = new Set<string>();
  for (const official of officials.filter((o) => ASSIGNING_ROLES.includes(o.role))) {
    if (seen.has(official.authority)) continue;
    seen.add(official.authority);
    const page = await officePage(context, official.person);
    await showAllWork(page);
    const open = (await inboxRows(page)).filter((r) => r.status === 'in_progress');
    if (open.length < 2) continue;
    for (const row of open) {
      if (!officials.some((o) => o.person === `${official.authority}_${row.role}`)) continue;
      const roles = await rolesOfProcess(context, row);
      if (!best || roles > best.roles) best = { head: official, rows: open, toIssue: row, roles };
    }
  }
  if (!best) throw new Error('no authority of the demo has two open applications');
  const { head, rows, toIssue } = best;
  const page = await officePage(context, head.person);

  // The inbox: deadline colours said in words too.
  await showAllWork(page);
  const deadlines = page.locator('table.office-queue [data-deadline]');
  expect(await deadlines.count()).toBeGreaterThan(0);
  const states = new Set(await deadlines.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-deadline'))));
  expect([...states].every((s) => ['on_time', 'due_today', 'overdue'].includes(s ?? ''))).toBe(true);
  // Each badge says its state in visible words, not by colour alone.
  const words = { on_time: 'On time', due_today: 'Due today', overdue: 'Overdue' } as const;
  for (const cell of (await deadlines.all()).slice(0, 10)) {
    const state = (await cell.getAttribute('data-deadline')) as keyof typeof words;
    expect(await cell.locator('.badge').textContent()).toContain(words[state]);
  }
  await context.look(page, 'office-inbox');
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await page.getByRole('heading', { level: 1, name: 'Кіріс жұмыстар' }).waitFor();
  await context.look(page, 'office-inbox-kk');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

  // Another open application of the authority, to refuse.
  const toRefuse = rows.find((r) => r.number !== toIssue.number);
  if (!toRefuse) throw new Error('no second open application');

  // Bulk assignment: both to the colleague of the first one's step role; each answers on its own.
  const colleague = `${head.authority}_${toIssue.role}`;
  const colleagueName = readFileSync(`${context.server.demoDir}/README.md`, 'utf8')
    .split('\n')
    .find((line) => line.includes(`/${colleague} |`))
    ?.split('|')[2]
    ?.trim();
  await page.getByLabel(`Select application ${toIssue.number}`).check();
  await page.getByLabel(`Select application ${toRefuse.number}`).check();
  const assignTo = page.getByLabel('Colleague', { exact: true });
  const option = await assignTo
    .locator('option')
    .filter({ hasText: colleagueName ?? '' })
    .first()
    .getAttribute('value');
  await assignTo.selectOption(option ?? '');
  await page.getByRole('button', { name: 'Assign (2)' }).click();
  const results = page.locator('.office-results li');
  await expect.poll(() => results.count()).toBe(2);
  expect(
    await page.locator(`.office-results li[data-result="assigned"]`).filter({ hasText: toIssue.number }).count(),
  ).toBe(1);
  await context.look(page, 'office-bulk-assignment');

  // The file: summary, form, documents, signature report, outside checks, history with names and times.
  const file = await openFile(page, toIssue.number);
  expect(file?.status).toBe('in_progress');
  for (const heading of [
    'Summary',
    'Application form',
    'Documents',
    'Validation of the applicant’s signature',
    'History',
  ]) {
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  expect(await page.locator('.timeline li').count()).toBeGreaterThan(1);
  expect(await page.locator('.timeline li time').first().getAttribute('datetime')).toMatch(/^\d{4}-/);
  await context.look(page, 'office-file');

  // The signing key: the head sees theirs and registers it again from their own SIGN file.
  await page.getByRole('link', { name: 'Signing key' }).click();
  await page.getByRole('heading', { level: 1, name: 'My signing key' }).waitFor();
  const key = context.keyFile(head.person, 'sign');
  await page.getByLabel('SIGN key file (PKCS#12, .p12)').setInputFiles(key.file);
  // A wrong password is refused, next to the form, in words.
  await page.getByLabel('Key password').fill(`${key.password}-wrong`);
  await page.getByRole('button', { name: 'Register the key' }).click();
  await page.locator('form.signing-key-form [role=alert]').waitFor();
  await page.getByLabel('Key password').fill(key.password);
  await page.getByRole('button', { name: 'Register the key' }).click();
  await page.getByText('The key is registered.').waitFor();
  await page.locator('[data-key="registered"]').waitFor();
  await context.look(page, 'office-signing-key');

  // The actions of the first step, as its official sees them.
  const actor = await officePage(context, colleague);
  await openFile(actor, toIssue.number);
  await actor.getByRole('heading', { name: 'Complete the step' }).waitFor();
  await context.look(actor, 'office-actions');

  // Every remaining step, each by the official of its role, to an issued licence.
  await decideInOffice(context, toIssue.number, 'issue');
  const decided = await openFile(page, toIssue.number);
  expect(decided?.status).toBe('completed');
  expect(decided?.result).not.toBe('motivated_refusal');
  const download = page.getByRole('link', { name: `Download ${toIssue.number}.pdf` });
  await download.waitFor({ timeout: 60_000 });
  await page.locator('iframe.office-viewer-frame').waitFor();
  const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const bytes = readFileSync((await saved.path()) ?? '');
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  await context.look(page, 'office-result');

  // The licence, suspended on a legal ground and resumed, from the application's file — by the
  // official of the signing role, who alone may decide on the authority's licences.
  await expect
    .poll(() => page.locator('[data-result-licence]').getAttribute('data-result-licence'), { timeout: 30_000 })
    .toMatch(/^KZ/);
  const licenceNumber = (await page.locator('[data-result-licence]').getAttribute('data-result-licence')) ?? '';
  const signer = await officePage(context, `${head.authority}_${await signingRoleOf(context, toIssue)}`);
  await openFile(signer, toIssue.number);
  for (const [change, status] of [
    ['Suspend', 'Suspended'],
    ['Resume', 'Active'],
  ] as const) {
    await signer.getByLabel('Decision', { exact: true }).selectOption({ label: change });
    await signer
      .getByLabel('Legal ground')
      .fill('Order of the committee No. 12 of 30 November 2026 (Law on permits, art. 45)');
    await signer.getByRole('button', { name: 'Record the decision' }).click();
    await signer.getByText(`Licence ${licenceNumber} is now: ${status}.`).waitFor();
  }

  // A refusal, its letter with the legal grounds.
  await decideInOffice(context, toRefuse.number, 'refuse', { lookAtRefusal: true });
  const refused = await openFile(page, toRefuse.number);
  expect(refused?.result).toBe('motivated_refusal');
  await page.locator('.office-comment').filter({ hasText: 'title to the premises' }).first().waitFor();

  // Delegation: the head names a substitute for today, then revokes it.
  await page.getByRole('link', { name: 'Delegation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Delegation' }).waitFor();
  await page.getByLabel('Who stands in').selectOption({ index: 1 });
  await page.getByLabel('Reason').fill('Annual leave');
  await page.getByRole('button', { name: 'Delegate' }).click();
  await page.getByText('The delegation was created.').waitFor();
  const revoke = page.getByRole('button', { name: /^Revoke/ });
  await revoke.first().waitFor();
  await context.look(page, 'office-delegations');
  const before = await revoke.count();
  await revoke.first().click();
  await expect.poll(() => revoke.count()).toBe(before - 1);

  // An application with the applicant's documents and signature: the portal's, or one made now.
  let portal = context.shared.portalApplication;
  if (!portal) {
    const applicant = await context.page();
    await context.signIn(applicant, 'company-head', '/services');
    portal = await applyAndSubmit(context, applicant, { serviceId: 'lottery', signer: 'company-head' });
    await applicant.context().close();
  }
  const portalAuthority = await authorityOf(context, portal.number);
  const reader = await officePage(context, officials.find((o) => o.authority === portalAuthority)?.person ?? '');
  await openFile(reader, portal.number);
  expect(await reader.locator('#office-form-heading + dl dt').count()).toBeGreaterThan(0);
  await reader.getByText('Signature valid').waitFor();
  await reader.getByRole('rowheader', { name: 'Certificate chain' }).waitFor();
  await reader
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await reader.locator('.office-viewer iframe, .office-viewer img').first().waitFor();
  await context.look(reader, 'office-file-documents');

  // The portal's application is issued (and its licence handed on to the public's journey); the walk-in too.
  await decideInOffice(context, portal.number, 'issue');
  if (context.shared.portalApplication && !context.shared.licenceNumber) {
    await openFile(reader, portal.number);
    await expect
      .poll(() => reader.locator('[data-result-licence]').getAttribute('data-result-licence'), { timeout: 30_000 })
      .toMatch(/^KZ/);
    context.shared.licenceNumber =
      (await reader.locator('[data-result-licence]').getAttribute('data-result-licence')) ?? undefined;
  }
  if (context.shared.walkInApplication) await decideInOffice(context, context.shared.walkInApplication.number, 'issue');

  await closeOfficePages(context);
}
