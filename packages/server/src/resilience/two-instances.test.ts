import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import {
  type Applicant,
  type ApplicationAttempt,
  advancePatiently,
  call,
  expectStatus,
  type Patience,
  signIn,
} from './support/applicant.js';
import { ASKAR, COMPANY, Deployment, STARTUP_TIMEOUT_MS } from './support/deployment.js';
import { mailedMessages, openLedgerStore, outboxDrained, readLedger } from './support/ledger.js';
import type { ServerProcess } from './support/server-process.js';

const ADMIN_URL = process.env.DATABASE_URL;
/** Each instance answers; a submission is asked again only while the payment is not yet seen. */
const PATIENCE: Patience = { notYet: ['PORTAL_REFUSED'], onNoAnswer: 'fail', tries: 101 };
const APPLICATIONS = 16;

/**
 * Two `ruqsat serve` processes on different ports and one PostgreSQL database, as behind a load
 * balancer: a session opened on one is good on the other (and ended on either), and the two
 * outbox workers, running side by side, have every notification of the submissions sent to both
 * instances take effect once — one notification row, one e-mail in one of the two mail folders.
 */
describe.skipIf(!ADMIN_URL)('two instances on one PostgreSQL (PostgreSQL only: needs DATABASE_URL)', () => {
  let deployment: Deployment;
  let a: ServerProcess;
  let b: ServerProcess;
  let applicant: Applicant;
  let ledgerStore: Store;

  beforeAll(async () => {
    deployment = await Deployment.create(ADMIN_URL as string);
    a = await deployment.instance('a');
    b = await deployment.instance('b');
    // Started together: the migrations are applied once, under their advisory lock.
    await Promise.all([a.start(), b.start()]);
    applicant = await deployment.applicant();
    ledgerStore = await openLedgerStore(deployment.database.url);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await ledgerStore?.close();
    await deployment?.close();
  });

  it('keeps a session made on one instance good on the other, and ended on either', async () => {
    const key = await deployment.trust.key(ASKAR, 'auth', COMPANY);
    const token = await signIn(a.baseUrl, key);
    const onA = expectStatus(await call(a.baseUrl, 'GET', '/api/v1/auth/session', { token }), 200);
    const onB = expectStatus(await call(b.baseUrl, 'GET', '/api/v1/auth/session', { token }), 200);
    expect(onB).toEqual(onA);
    expect(onB).toMatchObject({ iin: ASKAR.iin });
    // Both remember it now; "my applications" takes it from that memory and confirms it in its read.
    for (const instance of [a, b]) {
      expectStatus(await call(instance.baseUrl, 'GET', '/api/v1/my/applications', { token }), 200);
    }
    expect((await call(b.baseUrl, 'POST', '/api/v1/auth/sign-out', { token })).status).toBe(204);
    for (const instance of [a, b]) {
      for (const url of ['/api/v1/auth/session', '/api/v1/my/applications']) {
        const refused = await call(instance.baseUrl, 'GET', url, { token });
        expect([url, refused.status, (refused.body.error as { code?: string } | undefined)?.code]).toEqual([
          url,
          401,
          'SESSION_REQUIRED',
        ]);
      }
    }
  });

  it('has each outbox message of submissions to both instances take effect once', async () => {
    await applicant.ensureSignedIn(a.baseUrl);
    expectStatus(
      await call(b.baseUrl, 'PUT', '/api/v1/my/contact?forCompany=true', {
        token: applicant.token,
        body: { email: 'office@almaty-gaming.kz', locale: 'ru' },
      }),
      200,
    );
    // Submitted alternately through A and B, a few at a time, while both outbox workers poll.
    const attempts: ApplicationAttempt[] = Array.from({ length: APPLICATIONS }, () => applicant.attempt());
    for (let i = 0; i < attempts.length; i += 4) {
      await Promise.all(
        attempts
          .slice(i, i + 4)
          .map((attempt, j) => advancePatiently(attempt, ((i + j) % 2 === 0 ? a : b).baseUrl, PATIENCE)),
      );
    }
    expect(await outboxDrained(ledgerStore, 60_000), `${a.log()}\n${b.log()}`).toBe(0);

    const ledger = await readLedger(ledgerStore);
    expect(ledger.applicationIds).toEqual(attempts.map((x) => x.acknowledged?.applicationId).sort());
    expect(ledger.chains).toMatchObject({ intact: true, applications: APPLICATIONS });
    expect(ledger.audit).toMatchObject({ intact: true });
    expect(ledger.notificationsOtherThanOnce).toBe(0);
    // One e-mail per applicant notification, in one folder or the other, never in both.
    const mailedByA = await mailedMessages([deployment.mailDir('a')]);
    const mailedByB = await mailedMessages([deployment.mailDir('b')]);
    const all = await mailedMessages([deployment.mailDir('a'), deployment.mailDir('b')]);
    expect([...all.values()].filter((n) => n !== 1)).toEqual([]);
    expect(all.size).toBe(ledger.emailDeliveries);
    expect(ledger.emailDeliveries).toBe(ledger.outbox.byKind.notify_applicant);
    console.info(`two instances: ${all.size} e-mails, ${mailedByA.size} sent by A and ${mailedByB.size} by B`);
  }, 180_000);
});
