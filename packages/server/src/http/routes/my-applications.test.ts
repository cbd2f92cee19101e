import { type Regulation, Temporal } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../../applications/application-service.js';
import { notificationHandler, OutboxWorker } from '../../applications/outbox-worker.js';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { loadMciTable } from '../../payments/mci-table.js';
import { loadCatalogue } from '../../regulations/catalogue.js';
import type { Store } from '../../store/store.js';
import { actorFor, identifierFrom } from '../../test-support/engine-driver.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import { buildApp } from '../app.js';
import type { ZodApp } from '../zod-app.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const poisons = catalogue.get('poisons@2012-mint-364') as Regulation;

const ASKAR = { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const AIGERIM = { iin: identifierFrom('90051740001'), surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' };
const COMPANY = '150740012345';
const NEWCOMER = { iin: identifierFrom('95031240001'), surname: 'ЖАҢА', name: 'ДӘУРЕН' };

describe.each(TEST_DRIVERS)('my applications on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore(driver);
    const signIns = await TestSignIns.create(store.db);
    let now = Temporal.Instant.from('2013-03-04T04:00:00Z');
    const service = new ApplicationService(store.db, catalogue, legalTime, () => now);
    app = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 65_536,
      readinessTimeoutMs: 2000,
      signIn: signIns.signIn,
      applications: service,
      mci: await loadMciTable(),
    });
    const submit = async (
      regulation: Regulation,
      id: string,
      applicant: { kind: 'individual' | 'legal_entity'; id: string },
    ) => {
      now = now.add({ hours: 1 });
      await service.execute({
        applicationId: id,
        transactionId: `${id}:submit`,
        regulationId: regulation.id,
        command: { type: 'submit', requestKind: 'issue', channel: 'portal', applicant },
        actor: { kind: 'applicant', userId: 'a', subjectId: applicant.id },
      });
    };
    await submit(poisons, 'P-ASKAR', { kind: 'individual', id: ASKAR.iin });
    await submit(poisons, 'P-AIGERIM', { kind: 'individual', id: AIGERIM.iin });
    now = Temporal.Instant.from('2026-03-02T05:00:00Z');
    await submit(casino, 'C-COMPANY', { kind: 'legal_entity', id: COMPANY });
    now = now.add({ hours: 1 });
    await service.execute({
      applicationId: 'C-COMPANY',
      transactionId: 'C-COMPANY:assign',
      command: { type: 'assign', stepId: 'check_completeness', assignee: 'staff:responsible_executor' },
      actor: actorFor(casino, 'head_of_department'),
    });

    const handlers = { notify_applicant: notificationHandler, notify_role: notificationHandler };
    await new OutboxWorker(store.db, handlers, 'test', () => now).runOnce(1000);

    token.askar = await signIns.tokenFor(ASKAR);
    token.aigerim = await signIns.tokenFor(AIGERIM);
    token.newcomer = await signIns.tokenFor(NEWCOMER);
    token.head = await signIns.tokenFor(ASKAR, { bin: COMPANY, name: 'ТОО «ALMATY GAMING»', role: 'firstHead' });
    token.accountant = await signIns.tokenFor(AIGERIM, { bin: COMPANY, name: 'ТОО «ALMATY GAMING»', role: 'finance' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string, who?: string, language = 'ru') =>
    app.inject({
      method: 'GET',
      url,
      headers: { 'accept-language': language, ...(who ? { authorization: `Bearer ${token[who]}` } : {}) },
    });
  const ids = async (who: string) =>
    (await get('/api/v1/my/applications', who)).json().items.map((i: { id: string }) => i.id);

  it('keeps the address notifications go to, for oneself and for the company one acts for', async () => {
    const put = (who: string, query: string, payload: object) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/my/contact${query}`,
        headers: { authorization: `Bearer ${token[who]}` },
        payload,
      });
    const read = async (who: string, query = '') =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/my/contact${query}`,
          headers: { authorization: `Bearer ${token[who]}` },
        })
      ).json();
    expect(await read('aigerim')).toBeNull();
    expect((await put('aigerim', '', { email: 'aigerim@example.kz', locale: 'kk' })).statusCode).toBe(200);
    expect(await read('aigerim')).toEqual({ email: 'aigerim@example.kz', locale: 'kk' });
    const accountant = await put('accountant', '?forCompany=true', { email: 'buh@almaty-gaming.kz', locale: 'ru' });
    expect([accountant.statusCode, accountant.json().error.code]).toEqual([403, 'NOT_ACTING_FOR_COMPANY']);
    expect((await put('head', '?forCompany=true', { email: 'office@almaty-gaming.kz', locale: 'ru' })).statusCode).toBe(
      200,
    );
    expect(await read('head', '?forCompany=true')).toEqual({ email: 'office@almaty-gaming.kz', locale: 'ru' });
    expect((await put('head', '', { email: 'not an address', locale: 'ru' })).statusCode).toBe(400);
  });

  it('shows each person their own, and a company’s to the employees who act for it', async () => {
    expect(await ids('askar')).toEqual(['P-ASKAR']);
    expect(await ids('aigerim')).toEqual(['P-AIGERIM']);
    // The head signs in with the company's key: the company's application, and their own as a person.
    expect(await ids('head')).toEqual(['C-COMPANY', 'P-ASKAR']);
    // An accountant's certificate carries the BIN but no role that acts for the company.
    expect(await ids('accountant')).toEqual(['P-AIGERIM']);
  });

  it('says what «обновить статус» shows: number, service, kind, status, term and the open step', async () => {
    const { items, total } = (await get('/api/v1/my/applications', 'head')).json();
    expect(total).toBe(2);
    expect(items[0]).toMatchObject({
      id: 'C-COMPANY',
      applicant: { kind: 'legal_entity', id: COMPANY },
      requestKind: 'issue',
      status: 'in_progress',
      registrationDate: '2026-03-02',
      currentStep: { id: 'check_completeness', overdue: false },
    });
    expect(items[0].service.name).toMatch(/казино/i);
  });

  it('tells the history in plain words, in the reader’s language', async () => {
    const ru = (await get('/api/v1/my/applications/C-COMPANY', 'head')).json();
    // A portal request enters at the completeness check: the portal registered it.
    expect(ru.history.map((h: { type: string }) => h.type)).toEqual(['submitted', 'step_opened', 'step_assigned']);
    expect(ru.history[2].text).toMatch(/назначен исполнитель$/);
    expect(ru.history[0].text).toMatch(/^Заявление принято; дата регистрации 2026-03-02/);
    const kk = (await get('/api/v1/my/applications/C-COMPANY', 'head', 'kk')).json();
    expect(kk.history[0].text).toMatch(/^Өтініш қабылданды/);
  });

  it('refuses the anonymous, and hides another’s application as if it did not exist', async () => {
    const anonymous = await get('/api/v1/my/applications');
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'SESSION_REQUIRED']);
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/my/applications',
      headers: { authorization: 'Bearer not-a-real-token-at-all-xx' },
    });
    expect(forged.statusCode).toBe(401);
    for (const [who, id] of [
      ['aigerim', 'P-ASKAR'],
      ['askar', 'C-COMPANY'],
      ['accountant', 'C-COMPANY'],
    ] as const) {
      const refused = await get(`/api/v1/my/applications/${id}`, who);
      expect([refused.statusCode, refused.json().error.code], `${who} reading ${id}`).toEqual([
        404,
        'APPLICATION_NOT_FOUND',
      ]);
    }
  });

  it('pages through the list', async () => {
    const first = (await get('/api/v1/my/applications?limit=1', 'head')).json();
    const second = (await get('/api/v1/my/applications?limit=1&offset=1', 'head')).json();
    expect([first.items.length, second.items.length, first.total, second.total]).toEqual([1, 1, 2, 2]);
    expect(first.items[0].id).not.toBe(second.items[0].id);
    // A page past the end has no row to carry the total; it is still told.
    const past = (await get('/api/v1/my/applications?offset=5', 'head')).json();
    expect(past).toEqual({ items: [], total: 2 });
    expect((await get('/api/v1/my/applications', 'newcomer')).json()).toEqual({ items: [], total: 0 });
    expect((await get('/api/v1/my/applications?limit=1000', 'head')).statusCode).toBe(400);
  });

  it('tells the applicant what happened, in their language', async () => {
    const { items } = (await get('/api/v1/my/notifications', 'askar', 'kk')).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ applicationId: 'P-ASKAR', kind: 'registered' });
    expect(items[0].text).toMatch(/^Өтінішіңіз тіркелді \(2013-03-04\)/);
    // The head also hears of the company's application; the accountant does not.
    const head = (await get('/api/v1/my/notifications', 'head'))
      .json()
      .items.map((i: { applicationId: string }) => i.applicationId);
    expect(head.sort()).toEqual(['C-COMPANY', 'P-ASKAR']);
    expect(
      (await get('/api/v1/my/notifications', 'accountant'))
        .json()
        .items.map((i: { applicationId: string }) => i.applicationId),
    ).toEqual(['P-AIGERIM']);
  });

  it('withdraws while it is still possible, once; nobody else can', async () => {
    const withdraw = (who: string, id: string, transactionId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/my/applications/${id}/withdraw`,
        headers: { authorization: `Bearer ${token[who]}`, 'accept-language': 'en' },
        payload: { transactionId },
      });
    const stranger = await withdraw('aigerim', 'P-ASKAR', 'tx-00000001');
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const accountant = await withdraw('accountant', 'C-COMPANY', 'tx-00000001');
    expect(accountant.statusCode).toBe(404);
    const done = await withdraw('askar', 'P-ASKAR', 'tx-00000001');
    expect([done.statusCode, done.json().status]).toEqual([200, 'withdrawn']);
    // The same request again: the same answer, nothing written twice.
    expect((await withdraw('askar', 'P-ASKAR', 'tx-00000001')).json().status).toBe('withdrawn');
    const again = await withdraw('askar', 'P-ASKAR', 'tx-00000002');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'APPLICATION_CLOSED']);
    // The company's head withdraws for the company.
    expect((await withdraw('head', 'C-COMPANY', 'tx-00000003')).json().status).toBe('withdrawn');
  });
});

describe('the service catalogue', () => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    app = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 65_536,
      readinessTimeoutMs: 2000,
      mci: await loadMciTable(),
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const services = async (query: string, language = 'ru') =>
    (
      await app.inject({ method: 'GET', url: `/api/v1/services${query}`, headers: { 'accept-language': language } })
    ).json();

  it('lists the services in force on a date, with terms, fees in MCI and tenge, documents and channels', async () => {
    const on2026 = await services('?on=2026-03-02');
    const casinoCard = on2026.services.find((s: { id: string }) => s.id === 'casino');
    expect(casinoCard).toMatchObject({ regulationId: 'casino@2015-mcs-181', channels: ['portal', 'service_centre'] });
    expect(casinoCard.requestKinds.find((k: { kind: string }) => k.kind === 'issue')).toMatchObject({
      fee: { mci: 100, tenge: 432_500 },
      term: { unit: 'working_days' },
    });
    expect(casinoCard.documents.length).toBeGreaterThan(0);
    expect(casinoCard.unverified).toContain('fee');
    // In 2013 the casino service was under its 2012 act, and the poisons one was offered.
    const on2013 = await services('?on=2013-03-04');
    expect(on2013.services.find((s: { id: string }) => s.id === 'casino').regulationId).toBe('casino@2012-asa-294');
    expect(on2013.services.map((s: { id: string }) => s.id)).toContain('poisons');
    expect(on2026.services.map((s: { id: string }) => s.id)).not.toContain('poisons');
  });

  it('speaks the reader’s language and defaults to today', async () => {
    const kk = await services('', 'kk');
    expect(kk.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(kk.services.find((s: { id: string }) => s.id === 'casino').name).toMatch(/[әғқңөұүһі]/i);
    expect((await app.inject({ method: 'GET', url: '/api/v1/services?on=2026-13-45' })).statusCode).toBe(400);
  });
});
