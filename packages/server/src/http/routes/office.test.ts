import { type Regulation, Temporal } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationService } from '../../applications/application-service.js';
import { DeadlineSweeper } from '../../applications/deadline-sweeper.js';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { loadCatalogue } from '../../regulations/catalogue.js';
import type { OfficialKeyVault } from '../../signing/official-key-vault.js';
import type { Store } from '../../store/store.js';
import { identifierFrom } from '../../test-support/engine-driver.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { openTestApp } from '../../test-support/test-app.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import { giveSigningKey } from '../../test-support/test-vault.js';
import type { ZodApp } from '../zod-app.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const communications = catalogue.get('communications@2015-mid-draft') as Regulation;
const AUTHORITY = casino.authority.id;

const person = (eleven: string, surname: string, name: string) => ({ iin: identifierFrom(eleven), surname, name });
const STAFF = {
  erlan: person('80020230001', 'СЕРІКБАЕВ', 'ЕРЛАН'),
  dina: person('86071140002', 'ОМАРОВА', 'ДИНА'),
  kairat: person('75050530003', 'ЖАҚСЫЛЫҚОВ', 'ҚАЙРАТ'),
  gulnar: person('70121240004', 'НҰРҒАЛИЕВА', 'ГҮЛНАР'),
  other: person('82030330005', 'ТӨЛЕГЕНОВ', 'БАҚЫТ'),
};
const APPLICANT = person('85010130001', 'ҚҰСАЙЫНОВ', 'АСҚАР');
/** A leader who has not registered a signing key yet. */
const NEWCOMER = person('79090940006', 'ЖАҢАБАЕВ', 'ӘЛИ');
const COMPANY = '150740012345';

describe.each(TEST_DRIVERS)('the back office on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let service: ApplicationService;
  let signIns: TestSignIns;
  let vault: OfficialKeyVault;
  let now = Temporal.Instant.from('2026-03-02T04:00:00Z');
  const token: Record<string, string> = {};

  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token[who]}`, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  let submitted = 0;
  const submit = async (regulation: Regulation = casino) => {
    submitted += 1;
    const id = `APP-${submitted}`;
    await service.execute({
      applicationId: id,
      transactionId: `${id}:submit`,
      regulationId: regulation.id,
      command: {
        type: 'submit',
        requestKind: 'issue',
        channel: 'portal',
        applicant: { kind: 'legal_entity', id: COMPANY },
      },
      actor: { kind: 'applicant', userId: 'iin:applicant', subjectId: COMPANY },
    });
    return id;
  };
  let tx = 0;
  const txId = () => `transaction-${++tx}`;

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db);
    const clock = () => now;
    const opened = await openTestApp(store, { signIns, now: clock });
    vault = opened.parts.vault;
    app = opened.app;
    service = opened.services.applications;
    const admin = opened.services.admin;
    const name = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });
    await admin.addOrganisation('test', { id: AUTHORITY, kind: 'authority', name: name('Sport committee') });
    await admin.addOrganisation('test', {
      id: communications.authority.id,
      kind: 'authority',
      name: name('Communications committee'),
    });
    const post = (id: string, who: { iin: string; name: string }, roles: string[], organisationId = AUTHORITY) =>
      admin.addStaffMember('test', { id, iin: who.iin, name: who.name, organisationId, roles });
    await post('erlan', STAFF.erlan, ['responsible_executor']);
    await post('dina', STAFF.dina, ['responsible_executor']);
    // The head of department also drafts now and then: the four-eyes rule must catch him.
    await post('kairat', STAFF.kairat, ['head_of_department', 'responsible_executor']);
    await post('gulnar', STAFF.gulnar, ['leadership']);
    await post('newcomer', NEWCOMER, ['leadership']);
    token.newcomer = await signIns.tokenFor(NEWCOMER);
    await post('other', STAFF.other, ['responsible_executor', 'head_of_department'], communications.authority.id);
    for (const [key, who] of Object.entries(STAFF)) {
      token[key] = await signIns.tokenFor(who);
      // Valid over the test's own days (March 2026), whatever day the tests run on.
      await giveSigningKey(opened.parts.vault, signIns, who, {
        notBefore: new Date('2026-01-01T00:00:00Z'),
        notAfter: new Date('2030-01-01T00:00:00Z'),
      });
    }
    token.applicant = await signIns.tokenFor(APPLICANT);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('refuses the back office to a signed-in person with no post at an authority', async () => {
    const { status, body } = await call('applicant', 'GET', '/office/queue');
    expect([status, body.error.code]).toEqual([403, 'STAFF_ONLY']);
  });

  it('shows each official the open work for their roles, and nothing of another authority', async () => {
    const id = await submit();
    const mine = await call('erlan', 'GET', '/office/queue');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const item = mine.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({
      stepRole: 'responsible_executor',
      assignee: null,
      currentStep: { id: 'check_completeness' },
    });
    // The leadership holds no executor role: nothing is theirs yet, but the authority's work is visible.
    expect((await call('gulnar', 'GET', '/office/queue')).body.items).toEqual([]);
    expect((await call('gulnar', 'GET', '/office/queue?scope=authority')).body.total).toBeGreaterThan(0);
    // Another authority: not in its queue, and its file is answered as no application at all.
    expect((await call('other', 'GET', '/office/queue?scope=authority')).body.items).toEqual([]);
    const foreign = await call('other', 'GET', `/office/applications/${id}`);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
  });

  it('takes an application from portal to licence with four eyes: who drafts cannot agree or sign', async () => {
    const id = await submit();
    // An executor may take a step but not hand it to a colleague.
    const handOut = await call('erlan', 'POST', `/office/applications/${id}/assign`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      assigneeId: 'dina',
    });
    expect([handOut.status, handOut.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    // The leadership cannot assign the step to someone without its role.
    const toLeader = await call('gulnar', 'POST', `/office/applications/${id}/assign`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      assigneeId: 'gulnar',
    });
    expect([toLeader.status, toLeader.body.error.code]).toEqual([422, 'ASSIGNEE_NOT_ELIGIBLE']);
    const assigned = await call('gulnar', 'POST', `/office/applications/${id}/assign`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      assigneeId: 'kairat',
    });
    expect(assigned.status).toBe(200);
    // Assigned to Kairat: Erlan no longer sees it as his, and may not act on it.
    expect((await call('erlan', 'GET', '/office/queue')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const notHis = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      outcome: 'complete',
    });
    expect([notHis.status, notHis.body.error.code]).toEqual([403, 'STEP_ASSIGNED_TO_ANOTHER']);
    // Nor may he take it over himself: work in a colleague's hands is reassigned by those who hand it out.
    const takeOver = await call('erlan', 'POST', `/office/applications/${id}/assign`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      assigneeId: 'erlan',
    });
    expect([takeOver.status, takeOver.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);

    const step = async (who: string, stepId: string, outcome: string) =>
      call(who, 'POST', `/office/applications/${id}/complete`, { transactionId: txId(), stepId, outcome });
    expect((await step('kairat', 'check_completeness', 'complete')).body.currentStep.id).toBe('draft_decision');
    expect((await step('kairat', 'draft_decision', 'drafted')).body.currentStep.id).toBe('agree_decision');
    const ownDraft = await step('kairat', 'agree_decision', 'agreed');
    expect([ownDraft.status, ownDraft.body.error.code]).toEqual([403, 'FOUR_EYES']);

    // Kairat's absence is covered by Dina, who may agree for him — and the history says so.
    now = now.add({ minutes: 5 });
    const today = legalTime.clockFor().localDate(now).toString();
    const delegation = await call('kairat', 'POST', '/office/delegations', {
      toStaffId: 'dina',
      startsOn: today,
      endsOn: today,
      reason: 'annual leave',
    });
    expect(delegation.status).toBe(201);
    const agreed = await step('dina', 'agree_decision', 'agreed');
    expect([agreed.status, agreed.body.currentStep?.id]).toEqual([200, 'sign_decision']);
    // A leader with no signing key registered cannot take the decision: it could never be issued.
    const keyless = await step('newcomer', 'sign_decision', 'signed');
    expect([keyless.status, keyless.body.error.code]).toEqual([409, 'OFFICIAL_KEY_MISSING']);
    // Nor with a key that has expired by the day of the decision.
    await giveSigningKey(vault, signIns, NEWCOMER, {
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-01T00:00:00Z'),
    });
    const expired = await step('newcomer', 'sign_decision', 'signed');
    expect([expired.status, expired.body.error.details.reason]).toEqual([409, 'expired']);
    expect((await step('gulnar', 'sign_decision', 'signed')).body.currentStep.id).toBe('send_result');
    const issued = await step('erlan', 'send_result', 'licence_issued');
    expect(issued.body).toMatchObject({ status: 'completed', result: 'licence', currentStep: null });

    const file = await call('erlan', 'GET', `/office/applications/${id}`);
    const agreeing = file.body.history.find(
      (h: { type: string; by: string }) => h.type === 'step_completed' && h.by === STAFF.dina.name,
    );
    expect(agreeing).toMatchObject({ by: STAFF.dina.name, onBehalfOf: STAFF.kairat.name });
    const revoke = await call('kairat', 'POST', `/office/delegations/${delegation.body.id}/revoke`);
    expect(revoke.status).toBe(204);
  });

  it('refuses for incompleteness only with reasons, and the applicant reads them', async () => {
    const id = await submit();
    const bare = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      outcome: 'incomplete',
      comment: '   ',
    });
    expect([bare.status, bare.body.error.code]).toEqual([422, 'REASONS_REQUIRED']);
    const reasons = 'The title to the gambling premises is missing (Annex 2, para 8).';
    const refused = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      outcome: 'incomplete',
      comment: reasons,
    });
    expect(refused.body.currentStep.id).toBe('send_result');
    const sent = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      transactionId: txId(),
      stepId: 'send_result',
      outcome: 'refusal_sent',
    });
    expect(sent.body).toMatchObject({ status: 'completed', result: 'motivated_refusal' });
    const file = await call('erlan', 'GET', `/office/applications/${id}`);
    expect(file.body.history.map((h: { comment: string | null }) => h.comment)).toContain(reasons);
  });

  it('repeats the first answer to a repeated transaction id, and refuses a step that is not open', async () => {
    const id = await submit();
    const body = { transactionId: 'take-it-once', stepId: 'check_completeness', assigneeId: 'erlan' };
    const first = await call('erlan', 'POST', `/office/applications/${id}/assign`, body);
    const again = await call('erlan', 'POST', `/office/applications/${id}/assign`, body);
    expect(again).toEqual(first);
    // A completion whose answer was lost: asked again after the step moved on, the same answer.
    const completion = { transactionId: 'complete-it-once', stepId: 'check_completeness', outcome: 'complete' };
    const done = await call('erlan', 'POST', `/office/applications/${id}/complete`, completion);
    expect(done.body.currentStep.id).toBe('draft_decision');
    expect(await call('erlan', 'POST', `/office/applications/${id}/complete`, completion)).toEqual(done);
    const otherCommand = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      ...completion,
      outcome: 'incomplete',
      comment: 'reasons',
    });
    expect([otherCommand.status, otherCommand.body.error.code]).toEqual([409, 'TRANSACTION_ID_REUSED']);
    const wrong = await call('erlan', 'POST', `/office/applications/${id}/complete`, {
      transactionId: txId(),
      stepId: 'agree_decision',
      outcome: 'signed',
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([409, 'STEP_NOT_OPEN']);
  });

  it('assigns in bulk, each application on its own: another authority’s is reported, the rest assigned', async () => {
    const ids = [await submit(), await submit(), await submit(communications)];
    const bulk = { transactionId: txId(), applicationIds: ids, assigneeId: 'dina' };
    const result = await call('gulnar', 'POST', '/office/assignments', bulk);
    expect(result.status).toBe(200);
    expect(
      result.body.results.map((r: { assigned: boolean; error: { code: string } | null }) => r.error?.code ?? 'ok'),
    ).toEqual(['ok', 'ok', 'APPLICATION_NOT_FOUND']);
    const dinas = (await call('dina', 'GET', '/office/queue')).body.items.filter(
      (i: { assignee: string | null }) => i.assignee === 'staff:dina',
    );
    expect(dinas.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids.slice(0, 2)));
    // The answer was lost and Dina got on with the first one: asked again, the same answer.
    await call('dina', 'POST', `/office/applications/${ids[0]}/complete`, {
      transactionId: txId(),
      stepId: 'check_completeness',
      outcome: 'complete',
    });
    const again = await call('gulnar', 'POST', '/office/assignments', bulk);
    expect(again.body).toEqual(result.body);
  });

  it('flags overdue steps in the queue once the deadline has passed and the sweep has run', async () => {
    const id = await submit();
    now = now.add({ hours: 240 });
    await new DeadlineSweeper(store.db, service, () => now).sweepOnce();
    const overdue = await call('erlan', 'GET', '/office/queue?overdue=true');
    const item = overdue.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ currentStep: { id: 'check_completeness', overdue: true }, dueToday: false });
  });

  it('refuses a delegation to oneself, into the past, or to another authority’s official', async () => {
    const today = legalTime.clockFor().localDate(now);
    const attempts = [
      { toStaffId: 'erlan', startsOn: `${today}`, endsOn: `${today}` },
      { toStaffId: 'dina', startsOn: `${today.subtract({ days: 3 })}`, endsOn: `${today}` },
      { toStaffId: 'dina', startsOn: `${today}`, endsOn: `${today.add({ days: 120 })}` },
    ];
    for (const attempt of attempts) {
      const { status, body } = await call('erlan', 'POST', '/office/delegations', { ...attempt, reason: 'leave' });
      expect([status, body.error.code]).toEqual([422, 'DELEGATION_INVALID']);
    }
    const foreign = await call('erlan', 'POST', '/office/delegations', {
      toStaffId: 'other',
      startsOn: `${today}`,
      endsOn: `${today}`,
      reason: 'leave',
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'STAFF_MEMBER_NOT_FOUND']);
    const forColleague = await call('erlan', 'POST', '/office/delegations', {
      fromStaffId: 'dina',
      toStaffId: 'kairat',
      startsOn: `${today}`,
      endsOn: `${today}`,
      reason: 'leave',
    });
    expect([forColleague.status, forColleague.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });
});
