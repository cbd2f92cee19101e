import type { AddressInfo } from 'node:net';
import { type Regulation, RuqsatError, Temporal } from '@ruqsat/core';
import { buildSandbox, callbackSignature, Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { OutboxWorker } from '../applications/outbox-worker.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { buildApp } from '../http/app.js';
import type { ZodApp } from '../http/zod-app.js';
import { loadMciTable } from '../payments/mci-table.js';
import { PaymentService } from '../payments/payment-service.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import { actorFor } from '../test-support/engine-driver.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { externalCheckHandler } from './external-check-handler.js';
import { lookUpEntity, lookUpPerson } from './lookups.js';
import { connectStateSystems, type StateSystems } from './state-systems-factory.js';

const SECRET = 'test-callback-secret';
const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const mci = await loadMciTable();

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'fulfilled';
  } catch (error) {
    return error instanceof RuqsatError ? `${error.code}:${String(error.details?.reason ?? '')}` : String(error);
  }
}

describe.each(TEST_DRIVERS)('the outside state systems over HTTP (%s)', (driver) => {
  let store: Store;
  let sandbox: ReturnType<typeof buildSandbox>;
  let sandboxUrl: string;
  let clock = 0;
  let systems: StateSystems;
  let api: ZodApp;
  let payments: PaymentService;
  let now = Temporal.Instant.from('2026-03-02T05:00:00Z');
  const warnings: Record<string, unknown>[] = [];

  const faults = (settings: object) =>
    fetch(`${sandboxUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
  const exchanges = () => store.db.selectFrom('gateway_exchanges').selectAll().orderBy('id').execute();
  const who = { requestedBy: 'operator:test' };

  beforeAll(async () => {
    store = await openTestStore(driver);
    sandbox = buildSandbox({ paymentSecret: SECRET, now: () => new Date(now.epochMilliseconds) });
    sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    systems = connectStateSystems(
      {
        baseUrl: sandboxUrl,
        timeoutMs: 250,
        retries: 2,
        backoffMs: 10,
        breakerFailures: 2,
        breakerCooldownMs: 60_000,
      },
      store.db,
      { now: () => clock },
    );
    let callbackUrl = '';
    payments = new PaymentService(store.db, systems.payments, {
      logger: { warn: (details, message) => void warnings.push({ ...details, message }) },
      mci,
      callbackUrl: () => callbackUrl,
      callbackSecret: SECRET,
      now: () => new Date(now.epochMilliseconds),
    });
    api = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 1_048_576,
      readinessTimeoutMs: 2_000,
      payments,
    });
    await api.listen({ port: 0, host: '127.0.0.1' });
    callbackUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api/v1/payments/callback`;
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
    await api.close();
    await store.close();
  });

  describe('lookups', () => {
    it('finds a person and a company, says "not found" plainly, and logs every exchange', async () => {
      const before = (await exchanges()).length;
      expect(await systems.persons.find(Fixtures.demoPerson, who)).toMatchObject({ surname: 'ҚҰСАЙЫНОВ' });
      expect(await systems.persons.find(Fixtures.deceasedPerson, who)).toMatchObject({ status: 'deceased' });
      expect(await systems.persons.find('000101300009', who)).toBeNull();
      expect(await systems.entities.find(Fixtures.demoCompany, who)).toMatchObject({ status: 'active' });
      expect(await systems.entities.find(Fixtures.liquidatedCompany, who)).toMatchObject({ status: 'liquidated' });
      expect(await systems.entities.find('990740000019', who)).toBeNull();
      expect((await systems.legalStatistics.recordsOf(Fixtures.personWithRecord, who))?.convictions).toHaveLength(1);
      const logged = (await exchanges()).slice(before);
      expect(logged.map((e) => [e.system, e.outcome])).toEqual([
        ['gbd_fl', 'answered'],
        ['gbd_fl', 'answered'],
        ['gbd_fl', 'not_found'],
        ['gbd_ul', 'answered'],
        ['gbd_ul', 'answered'],
        ['gbd_ul', 'not_found'],
        ['legal_statistics', 'answered'],
      ]);
      expect(logged[0]).toMatchObject({ requested_by: 'operator:test', http_status: 200, attempts: 1 });
      expect(logged[0]?.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged[0]?.response).toMatchObject({ iin: Fixtures.demoPerson });
    });

    it('answers an operator’s lookup, or refuses with "not found" in so many words', async () => {
      expect(await lookUpPerson(systems, Fixtures.demoPerson, who)).toMatchObject({ name: 'АСҚАР' });
      expect(await lookUpEntity(systems, Fixtures.demoCompany, who)).toMatchObject({ status: 'active' });
      expect(await refusal(lookUpPerson(systems, '000101300009', who))).toBe('PERSON_NOT_FOUND:');
      expect(await refusal(lookUpEntity(systems, '990740000019', who))).toBe('ENTITY_NOT_FOUND:');
      expect(await refusal(lookUpPerson(systems, '850101300014', who))).toBe('IDENTIFIER_CONTROL_DIGIT_MISMATCH:');
      expect(await refusal(lookUpEntity(systems, Fixtures.demoPerson, who))).toBe('IDENTIFIER_WRONG_KIND:');
    });

    it('refuses to put anything but twelve digits into a path', async () => {
      expect(await refusal(systems.persons.find('../admin', who))).toBe('IDENTIFIER_NOT_TWELVE_DIGITS:');
    });
  });

  describe('timeouts, retries and the circuit breaker', () => {
    it('takes a refusal (4xx) as an answer: not retried, not held against the system', async () => {
      await refusal(
        systems.payments.createInvoice(
          { reference: 'BAD', amount: -1, description: 'x', callbackUrl: 'http://127.0.0.1/' },
          who,
        ),
      ).then((code) => expect(code).toBe('GATEWAY_REFUSED:HTTP 400'));
      expect((await exchanges()).at(-1)).toMatchObject({ outcome: 'refused', http_status: 400, attempts: 1 });
      expect(systems.breakers.payment_gateway.state).toBe('closed');
    });

    it('retries a failing system and gets through when a retry does', async () => {
      // The next two requests fail: the third attempt of one call gets the answer.
      await faults({ gbd_ul: { failNext: 2 } });
      expect(await systems.entities.find(Fixtures.demoCompany, who)).not.toBeNull();
      const last = (await exchanges()).at(-1);
      expect(last).toMatchObject({ system: 'gbd_ul', outcome: 'answered', attempts: 3 });
      // Two failures in a row, then a success: below the threshold, and the count starts again.
      expect(systems.breakers.gbd_ul.state).toBe('closed');
      await faults({});
    });

    it('gives up on a silent system after bounded attempts, then the circuit opens and fails fast', async () => {
      await faults({ legal_statistics: { noAnswer: true } });
      const started = performance.now();
      expect(await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who))).toBe(
        'GATEWAY_UNAVAILABLE:timed out',
      );
      // Three attempts of 250 ms each, with short backoffs between them.
      expect(performance.now() - started).toBeGreaterThanOrEqual(700);
      // One failed call is not yet a pattern; the second in a row opens the circuit.
      expect(systems.breakers.legal_statistics.state).toBe('closed');
      await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who));
      expect(systems.breakers.legal_statistics.state).toBe('open');
      const fast = performance.now();
      expect(await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who))).toBe(
        'GATEWAY_UNAVAILABLE:circuit_open',
      );
      expect(performance.now() - fast).toBeLessThan(100);
      const logged = (await exchanges()).filter((e) => e.system === 'legal_statistics').slice(-3);
      expect(logged.map((e) => [e.outcome, e.attempts])).toEqual([
        ['failed', 3],
        ['failed', 3],
        ['circuit_open', 0],
      ]);
      // Other systems are not held back by this one's breaker.
      expect(await systems.persons.find(Fixtures.demoPerson, who)).not.toBeNull();
    });

    it('lets exactly one trial through after the cool-down and closes again when it succeeds', async () => {
      await faults({ legal_statistics: { latencyMs: 150 } });
      expect(systems.breakers.legal_statistics.state).toBe('open');
      clock += 60_000;
      expect(systems.breakers.legal_statistics.state).toBe('half_open');
      // Two at once: the first is the trial, the second is refused while it is out.
      const [trial, second] = await Promise.all([
        systems.legalStatistics.recordsOf(Fixtures.demoPerson, who),
        refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who)),
      ]);
      expect(trial).toMatchObject({ convictions: [] });
      expect(second).toBe('GATEWAY_UNAVAILABLE:circuit_open');
      expect(systems.breakers.legal_statistics.state).toBe('closed');
      await faults({});
    });

    it('opens again at once when the trial fails', async () => {
      await faults({ legal_statistics: { errorRate: 1 } });
      await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who));
      await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who));
      expect(systems.breakers.legal_statistics.state).toBe('open');
      clock += 60_000;
      await refusal(systems.legalStatistics.recordsOf(Fixtures.demoPerson, who));
      expect(systems.breakers.legal_statistics.state).toBe('open');
      await faults({});
      clock += 60_000;
      expect(await systems.legalStatistics.recordsOf(Fixtures.demoPerson, who)).not.toBeNull();
    });
  });

  describe('fee payment', () => {
    const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
    const callback = (body: string, signature: string) =>
      api.inject({
        method: 'POST',
        url: '/api/v1/payments/callback',
        headers: { 'content-type': 'application/json', 'x-signature': signature },
        payload: body,
      });

    it('invoices MCI × the year’s MCI value, and a paid invoice is seen through its callback', async () => {
      const invoice = await payments.invoiceFor('APP-PAY-1', casino, 'issue', 'applicant:test');
      expect(invoice).toMatchObject({ mci: 100, mciValue: 4325, amount: 432_500, status: 'pending' });
      // Asked again for the same application and request kind: the same invoice.
      expect((await payments.invoiceFor('APP-PAY-1', casino, 'issue', 'applicant:test')).invoiceId).toBe(
        invoice.invoiceId,
      );
      await fetch(invoice.paymentUrl, { method: 'POST' });
      await expect.poll(async () => (await payments.get(invoice.invoiceId)).status).toBe('paid');
      expect((await payments.currentInvoiceOf('APP-PAY-1', 'issue', 'test'))?.status).toBe('paid');
    });

    it('a lost callback does not leave a paid fee unseen: reconciliation finds it', async () => {
      await faults({ payment_gateway: { callbackLossRate: 1 } });
      const invoice = await payments.invoiceFor('APP-PAY-2', casino, 'reissue', 'applicant:test');
      expect(invoice.amount).toBe(43_250);
      await fetch(invoice.paymentUrl, { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await payments.get(invoice.invoiceId)).status).toBe('pending');
      const pass = await payments.reconcile();
      expect(pass.paid).toBeGreaterThanOrEqual(1);
      expect((await payments.get(invoice.invoiceId)).status).toBe('paid');
      await faults({});
    });

    it('reconciliation passes running at once (one per instance) ask the gateway about each invoice once', async () => {
      const invoices = await Promise.all(
        ['APP-PAY-R1', 'APP-PAY-R2', 'APP-PAY-R3'].map((ref) =>
          payments.invoiceFor(ref, casino, 'issue', 'applicant:test'),
        ),
      );
      const asksAboutOurs = (request: unknown) => invoices.some((i) => JSON.stringify(request).includes(i.invoiceId));
      const questions = async () =>
        (await exchanges()).filter((e) => e.operation === 'invoice_status' && asksAboutOurs(e.request)).length;
      const passes = await Promise.all([payments.reconcile(), payments.reconcile(), payments.reconcile()]);
      expect(await questions()).toBe(3);
      expect(passes.reduce((n, p) => n + p.checked, 0)).toBeGreaterThanOrEqual(3);
      // Asked a moment ago: left alone until the quiet interval has passed, then asked again, once.
      await payments.reconcile();
      expect(await questions()).toBe(3);
      now = now.add({ seconds: 31 });
      await Promise.all([payments.reconcile(), payments.reconcile()]);
      expect(await questions()).toBe(6);
    });

    it('a forged callback does not mark an unpaid fee paid, and is kept as evidence', async () => {
      const invoice = await payments.invoiceFor('APP-PAY-3', casino, 'issue', 'applicant:test');
      const body = JSON.stringify({ invoiceId: invoice.invoiceId, paymentId: 'PAY-FAKE', amount: 432_500 });
      const forged = await callback(body, callbackSignature(body, 'not-the-secret'));
      expect([forged.statusCode, forged.json().error.code]).toEqual([401, 'PAYMENT_CALLBACK_FORGED']);
      const unsigned = await callback(body, '');
      expect(unsigned.statusCode).toBe(401);
      // Correctly signed but the gateway knows of no payment: still not paid.
      const genuine = await callback(body, callbackSignature(body, SECRET));
      expect([genuine.statusCode, genuine.json().status]).toEqual([200, 'pending']);
      expect((await payments.get(invoice.invoiceId)).status).toBe('pending');
      const kept = await store.db
        .selectFrom('payment_callbacks')
        .select(['signature_valid', 'outcome'])
        .where('invoice_id', '=', invoice.invoiceId)
        .orderBy('id')
        .execute();
      expect(kept).toEqual([
        { signature_valid: false, outcome: 'refused: forged signature' },
        { signature_valid: false, outcome: 'refused: forged signature' },
        { signature_valid: true, outcome: 'confirmed: pending' },
      ]);
    });

    it('a callback naming its invoice with a NUL character is refused and kept, without a server error', async () => {
      const body = '{"invoiceId":"INV-\\u0000"}';
      const forged = await callback(body, '');
      expect([forged.statusCode, forged.json().error.code]).toEqual([401, 'PAYMENT_CALLBACK_FORGED']);
      const signed = await callback(body, callbackSignature(body, SECRET));
      expect([signed.statusCode, signed.json().error.code]).toEqual([404, 'PAYMENT_NOT_FOUND']);
      const kept = await store.db
        .selectFrom('payment_callbacks')
        .select(['invoice_id', 'outcome'])
        .where('body', '=', body)
        .orderBy('id')
        .execute();
      expect(kept).toEqual([
        { invoice_id: null, outcome: 'refused: forged signature' },
        { invoice_id: null, outcome: 'refused: unknown invoice' },
      ]);
    });

    it('a repeated callback changes nothing; a second payment is detected and reported', async () => {
      const invoice = await payments.invoiceFor('APP-PAY-4', casino, 'issue', 'applicant:test');
      await faults({ payment_gateway: { callbackLossRate: 1 } });
      await fetch(invoice.paymentUrl, { method: 'POST' });
      const body = JSON.stringify({ invoiceId: invoice.invoiceId });
      for (let i = 0; i < 3; i++)
        expect((await callback(body, callbackSignature(body, SECRET))).json().status).toBe('paid');
      await fetch(invoice.paymentUrl, { method: 'POST' });
      expect((await callback(body, callbackSignature(body, SECRET))).json().status).toBe('double_paid');
      const row = await store.db
        .selectFrom('payments')
        .select('gateway_payments')
        .where('invoice_id', '=', invoice.invoiceId)
        .executeTakeFirstOrThrow();
      expect(row.gateway_payments).toHaveLength(2);
      await faults({});
    });

    it('answers an unknown invoice and a regulation without a fee with their own codes', async () => {
      // Invoices are read through their drafts; by invoice id there is no way in.
      expect((await api.inject({ method: 'GET', url: '/api/v1/payments/INV-none' })).statusCode).toBe(404);
      expect(await refusal(payments.get('INV-none'))).toBe('PAYMENT_NOT_FOUND:');
      const noFee = { ...casino, fee: { ...casino.fee, mci: {} } } as Regulation;
      expect(await refusal(payments.invoiceFor('APP-PAY-5', noFee, 'issue', 'applicant:test'))).toBe('FEE_NOT_DUE:');
    });
  });

  describe('an external check requested at a step', () => {
    const guard = catalogue.get('security-guard@2018-mia-895') as Regulation;
    let service: ApplicationService;
    const worker = () =>
      new OutboxWorker(
        store.db,
        { external_request: externalCheckHandler({ applications: service, catalogue, systems, payments }) },
        'gateway-worker',
        () => now,
      );

    async function requestCheck(applicationId: string, bin: string): Promise<void> {
      now = Temporal.Instant.from('2019-06-03T04:00:00Z'); // Monday 10:00 in Almaty; the 2018 order is in force
      let n = 0;
      const run = (
        command: Parameters<ApplicationService['execute']>[0]['command'],
        actor: Parameters<ApplicationService['execute']>[0]['actor'],
      ) => {
        now = now.add({ minutes: 5 });
        return service.execute({
          applicationId,
          transactionId: `${applicationId}:${++n}`,
          regulationId: guard.id,
          command,
          actor,
        });
      };
      await run(
        { type: 'submit', requestKind: 'issue', channel: 'portal', applicant: { kind: 'legal_entity', id: bin } },
        { kind: 'applicant', userId: 'a', subjectId: bin },
      );
      await run({ type: 'complete', stepId: 'assign_executor', outcome: 'assigned' }, actorFor(guard, 'provider_head'));
      await run(
        { type: 'complete', stepId: 'check_completeness', outcome: 'complete' },
        actorFor(guard, 'kqb_officer'),
      );
      await run({ type: 'request_external_check', stepId: 'qualification_checks' }, actorFor(guard, 'kqb_officer'));
    }

    beforeAll(() => {
      service = new ApplicationService(store.db, catalogue, legalTime, () => now);
    });

    it('is answered from the state system, and the executor sees the answer with its summary', async () => {
      await requestCheck('GUARD-1', Fixtures.demoCompany);
      expect(await worker().runOnce()).toMatchObject({ delivered: 1, failed: 0 });
      const state = await service.get('GUARD-1');
      expect(state?.workItem?.externalCheck).toMatchObject({ status: 'answered', answer: 'positive' });
      const answered = await store.db
        .selectFrom('application_events')
        .select('event')
        .where('application_id', '=', 'GUARD-1')
        .where('type', '=', 'external_check_answered')
        .executeTakeFirstOrThrow();
      expect(answered.event).toMatchObject({ summary: expect.stringContaining('no standing conviction') });
    });

    it('answers negative for a company whose head has a standing conviction, and says why', async () => {
      await requestCheck('GUARD-3', Fixtures.companyWithConvictedHead);
      await worker().runOnce();
      expect((await service.get('GUARD-3'))?.workItem?.externalCheck).toMatchObject({
        status: 'answered',
        answer: 'negative',
      });
      const answered = await store.db
        .selectFrom('application_events')
        .select('event')
        .where('application_id', '=', 'GUARD-3')
        .where('type', '=', 'external_check_answered')
        .execute();
      expect(answered).toHaveLength(1);
      expect(answered[0]?.event).toMatchObject({ summary: expect.stringContaining('190 (ҚК, алаяқтық)') });
    });

    it('a redelivered request does not answer twice', async () => {
      await requestCheck('GUARD-4', Fixtures.demoCompany);
      const message = await store.db
        .selectFrom('outbox')
        .select(['id', 'application_id', 'sequence', 'kind', 'payload', 'attempts'])
        .where('application_id', '=', 'GUARD-4')
        .where('kind', '=', 'external_request')
        .executeTakeFirstOrThrow();
      const handler = externalCheckHandler({ applications: service, catalogue, systems, payments });
      const delivered = {
        id: Number(message.id),
        applicationId: message.application_id,
        sequence: message.sequence,
        kind: message.kind,
        payload: message.payload as Record<string, unknown>,
        attempts: message.attempts,
      };
      await handler(delivered, store.db, new Date());
      await handler(delivered, store.db, new Date());
      const answers = await store.db
        .selectFrom('application_events')
        .select('sequence')
        .where('application_id', '=', 'GUARD-4')
        .where('type', '=', 'external_check_answered')
        .execute();
      expect(answers).toHaveLength(1);
    });

    it('a silent system is asked again later; its answer still arrives in time', async () => {
      await requestCheck('GUARD-2', Fixtures.demoCompany);
      await faults({ legal_statistics: { noAnswer: true } });
      expect(await worker().runOnce()).toMatchObject({ failed: 1 });
      expect((await service.get('GUARD-2'))?.workItem?.externalCheck?.status).toBe('requested');
      await faults({});
      clock += 60_000; // the breaker's cool-down
      now = now.add({ minutes: 1 }); // past the outbox's backoff
      expect(await worker().runOnce()).toMatchObject({ delivered: 1 });
      expect((await service.get('GUARD-2'))?.workItem?.externalCheck?.status).toBe('answered');
    });
  });
});
