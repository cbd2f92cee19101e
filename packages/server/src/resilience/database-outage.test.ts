import { ErrorCatalogue } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import {
  type Applicant,
  type ApplicationAttempt,
  advancePatiently,
  call,
  expectStatus,
  type Patience,
} from './support/applicant.js';
import { Deployment, STARTUP_TIMEOUT_MS } from './support/deployment.js';
import { openLedgerStore, outboxDrained, readLedger } from './support/ledger.js';
import { type ServerProcess, sleep } from './support/server-process.js';
import { CuttableTcpProxy } from './support/tcp-proxy.js';
import { terminateBackends } from './support/throwaway-database.js';

const ADMIN_URL = process.env.DATABASE_URL;
/**
 * A patient client: what got no answer or a "not now" (503 while the database is gone, unpaid until
 * the payment is seen) is asked again until the submission is answered 201.
 */
const PATIENCE: Patience = {
  notYet: ['DATABASE_UNAVAILABLE', 'PORTAL_REFUSED', 'NOT_READY'],
  onNoAnswer: 'retry',
  tries: 301,
};
/** How long the server may take to notice the database is gone, or back: a few probe periods. */
const NOTICE_WITHIN_MS = 15_000;
/** The server's DATABASE_QUERY_TIMEOUT_MS here: short, so that a silent database costs the test little. */
const QUERY_TIMEOUT_MS = 2_000;

/**
 * PostgreSQL going away under load, played without restarting the machine's server: the server
 * reaches its database through a TCP relay the test cuts (every connection reset, new ones
 * refused) and restores; then every backend of the database is ended with pg_terminate_backend,
 * as a PostgreSQL restart ends them; then the relay drops every byte without closing anything, as
 * a host that stops answering. The server must say it is not ready, answer requests with a
 * clean localized 503, stay up, and recover by itself with nothing half-written.
 */
describe.skipIf(!ADMIN_URL)('PostgreSQL lost mid-load (PostgreSQL only: needs DATABASE_URL)', () => {
  let deployment: Deployment;
  let proxy: CuttableTcpProxy;
  let server: ServerProcess;
  let applicant: Applicant;
  let ledgerStore: Store;
  const attempts: ApplicationAttempt[] = [];

  beforeAll(async () => {
    deployment = await Deployment.create(ADMIN_URL as string);
    const direct = new URL(deployment.database.url);
    proxy = await CuttableTcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const relayed = new URL(direct);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(proxy.port);
    server = await deployment.instance('serve', {
      DATABASE_URL: relayed.toString(),
      DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    });
    applicant = await deployment.applicant();
    await server.start();
    await applicant.ensureSignedIn(server.baseUrl);
    ledgerStore = await openLedgerStore(deployment.database.url);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.kill();
    await proxy?.cut();
    await ledgerStore?.close();
    await deployment?.close();
  });

  /** Submissions on their way while the database goes: each is driven until the server answers 201. */
  const load = (count: number) => {
    const started = Array.from({ length: count }, () => applicant.attempt());
    attempts.push(...started);
    return Promise.allSettled(started.map((attempt) => advancePatiently(attempt, server.baseUrl, PATIENCE)));
  };

  it('says it is not ready while the relay to PostgreSQL is cut, answers a clean 503, and recovers', async () => {
    expectStatus(await call(server.baseUrl, 'GET', '/readyz'), 200);
    const loadBefore = load(3);
    await sleep(300);
    await proxy.cut();

    // Not ready, soon: the readiness probe fails within its timeout instead of hanging.
    const notReady = await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 503);
    expect(notReady, server.log()).toBe(true);
    const readiness = await call(server.baseUrl, 'GET', '/readyz');
    expect(readiness.body).toMatchObject({
      error: { code: 'NOT_READY', message: ErrorCatalogue.NOT_READY.message.ru, details: { database: 'unreachable' } },
    });
    // A request that needs the database: a 503 in the asker's language, not a 500, not a hang.
    for (const [locale, message] of Object.entries(ErrorCatalogue.DATABASE_UNAVAILABLE.message)) {
      const startedAt = Date.now();
      const answer = await fetch(`${server.baseUrl}/api/v1/my/applications`, {
        headers: { authorization: `Bearer ${applicant.token}`, 'accept-language': locale },
        signal: AbortSignal.timeout(NOTICE_WITHIN_MS),
      });
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message } });
      expect(Date.now() - startedAt).toBeLessThan(NOTICE_WITHIN_MS);
    }
    // The process is alive and says so; it is only the database that is missing.
    expectStatus(await call(server.baseUrl, 'GET', '/healthz'), 200);
    expect(server.running).toBe(true);
    const countWhileDown = await ledgerStore.db.selectFrom('applications').select('id').execute();

    await sleep(1000);
    await proxy.restore();
    expect(await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 200), server.log()).toBe(
      true,
    );
    // The submissions caught by the cut go through on retry, and new ones are taken as before.
    await loadBefore;
    await load(2);
    expect(attempts.every((a) => a.acknowledged !== null)).toBe(true);
    expect(countWhileDown.length).toBeLessThanOrEqual(attempts.length);
  }, 120_000);

  it('recovers by itself when PostgreSQL ends every backend of the database, as a restart does', async () => {
    const loadDuring = load(3);
    await sleep(200);
    const ended = await terminateBackends(ADMIN_URL as string, deployment.database.name);
    // Our own ledger connection was ended too; the server's pool held some as well.
    expect(ended).toBeGreaterThan(0);
    await ledgerStore.close();
    ledgerStore = await openLedgerStore(deployment.database.url);
    await loadDuring;
    expect(server.running).toBe(true);
    expect(await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 200)).toBe(true);
    await load(2);
    expect(attempts.every((a) => a.acknowledged !== null)).toBe(true);
  }, 120_000);

  it('answers 503 within its query timeout while the database host drops every packet, and recovers', async () => {
    expect(await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 200)).toBe(true);
    const loadBefore = load(3);
    await sleep(300);
    proxy.silence();

    expect(await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 503), server.log()).toBe(
      true,
    );
    // Nothing is refused and nothing closes: only the query timeout ends the wait, and the answer is
    // the same clean 503 as when the database is gone for good (a fresh connection, if the request
    // needs one, waits out the pool's connection timeout instead).
    const startedAt = Date.now();
    const answer = await call(server.baseUrl, 'GET', '/api/v1/my/applications', {
      token: applicant.token,
      timeoutMs: NOTICE_WITHIN_MS,
    });
    expect([answer.status, (answer.body.error as { code?: string } | undefined)?.code]).toEqual([
      503,
      'DATABASE_UNAVAILABLE',
    ]);
    expect(Date.now() - startedAt).toBeLessThan(NOTICE_WITHIN_MS);
    expectStatus(await call(server.baseUrl, 'GET', '/healthz'), 200);
    expect(server.running).toBe(true);

    await sleep(QUERY_TIMEOUT_MS);
    proxy.speak();
    expect(await until(async () => (await call(server.baseUrl, 'GET', '/readyz')).status === 200), server.log()).toBe(
      true,
    );
    await loadBefore;
    await load(2);
    expect(attempts.every((a) => a.acknowledged !== null)).toBe(true);
  }, 120_000);

  it('has nothing half-written: every acknowledged submission once, chains intact, the outbox delivered', async () => {
    expect(await outboxDrained(ledgerStore, 90_000), server.log()).toBe(0);
    const ledger = await readLedger(ledgerStore);
    expect(ledger.applicationIds).toEqual(attempts.map((a) => a.acknowledged?.applicationId).sort());
    expect(ledger.submittedOtherThanOnce).toEqual([]);
    expect(ledger.chains).toMatchObject({ intact: true, applications: attempts.length });
    expect(ledger.audit).toMatchObject({ intact: true });
    expect(ledger.notificationsOtherThanOnce).toBe(0);
    // Nothing the server logged as a crash of ours: the database's absence is not an internal error.
    expect(server.log(10_000)).not.toContain('request failed unexpectedly');
    expect(server.running).toBe(true);
  }, 120_000);
});

/** Polls until the check holds or NOTICE_WITHIN_MS has passed. */
async function until(check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + NOTICE_WITHIN_MS;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}
