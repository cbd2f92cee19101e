import { createHash } from 'node:crypto';
import { type Regulation, Temporal } from '@ruqsat/core';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { SignIn } from '../auth/sign-in.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { loadMciTable } from '../payments/mci-table.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { Store } from '../store/store.js';
import { identifierFrom } from '../test-support/engine-driver.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { registerAccess } from './access.js';
import { buildApp } from './app.js';
import type { ZodApp } from './zod-app.js';

const catalogue = await loadCatalogue();
const poisons = catalogue.get('poisons@2012-mint-364') as Regulation;
const ASKAR = { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const NEWCOMER = { iin: identifierFrom('95031240001'), surname: 'ЖАҢА', name: 'ДӘУРЕН' };
const SESSION_HOURS = 8;

/** A SignIn that counts how often it reads a session on its own, outside a route's read. */
class CountingSignIn extends SignIn {
  lookups = 0;
  override async session(token: string | undefined) {
    this.lookups++;
    return super.session(token);
  }
  override async confirm(tokenHash: string) {
    this.lookups++;
    return super.confirm(tokenHash);
  }
}

// Two instances on one database, each with its own memory of sessions: what the applicant reads most
// takes its principal from that memory and confirms the session in the read's own statement.
describe.each(TEST_DRIVERS)('sessions confirmed in the read on %s', (driver) => {
  let store: Store;
  let signIns: TestSignIns;
  let a: ZodApp;
  let b: ZodApp;
  let bSignIn: CountingSignIn;
  let now = new Date();
  const clock = () => now;

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db, { clock });
    bSignIn = new CountingSignIn(store.db, signIns.trust, clock);
    const instance = async (signIn: SignIn) =>
      buildApp({
        store,
        catalogue,
        logLevel: 'silent',
        bodyLimitBytes: 65_536,
        readinessTimeoutMs: 2000,
        signIn,
        mci: await loadMciTable(),
      });
    a = await instance(signIns.signIn);
    b = await instance(bSignIn);
    // Received while the regulation was in force; the sessions live on today's clock.
    const service = new ApplicationService(store.db, catalogue, await loadLegalTime(), () =>
      Temporal.Instant.from('2013-03-04T04:00:00Z'),
    );
    await service.execute({
      applicationId: 'P-ASKAR',
      transactionId: 'P-ASKAR:submit',
      regulationId: poisons.id,
      command: {
        type: 'submit',
        requestKind: 'issue',
        channel: 'portal',
        applicant: { kind: 'individual', id: ASKAR.iin },
      },
      actor: { kind: 'applicant', userId: 'a', subjectId: ASKAR.iin },
    });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
  });

  const read = (app: ZodApp, url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const signOut = (app: ZodApp, token: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
  const statusAndCode = (answer: Awaited<ReturnType<typeof read>>) => [
    answer.statusCode,
    answer.statusCode >= 400 ? answer.json().error.code : undefined,
  ];
  const READS = [
    '/api/v1/my/applications',
    '/api/v1/my/applications/P-ASKAR',
    '/api/v1/my/applications/P-NOBODY',
    '/api/v1/my/notifications',
  ];

  it('reads a session it remembers without asking for it on its own', async () => {
    const token = await signIns.tokenFor(ASKAR);
    const first = await read(b, '/api/v1/my/applications/P-ASKAR', token);
    expect(first.statusCode).toBe(200);
    expect(bSignIn.lookups).toBe(1); // b had never seen the token
    const again = await read(b, '/api/v1/my/applications/P-ASKAR', token);
    expect(again.json()).toEqual(first.json());
    expect((await read(b, '/api/v1/my/applications', token)).json().total).toBe(1);
    expect(bSignIn.lookups).toBe(1);
    // Found nothing: the session is asked on its own, and the answer is "not found", as it should be.
    expect(statusAndCode(await read(b, '/api/v1/my/applications/P-NOBODY', token))).toEqual([
      404,
      'APPLICATION_NOT_FOUND',
    ]);
    expect(bSignIn.lookups).toBe(2);
  });

  it('refuses a session ended on the other instance, though it still remembers it', async () => {
    const token = await signIns.tokenFor(ASKAR);
    const empty = await signIns.tokenFor(NEWCOMER);
    for (const url of READS) {
      expect((await read(b, url, token)).statusCode).toBeLessThan(500);
      expect((await read(b, url, empty)).statusCode).toBeLessThan(500);
    }
    expect((await read(b, '/api/v1/my/applications', empty)).json()).toEqual({ items: [], total: 0 });
    expect((await signOut(a, token)).statusCode).toBe(204);
    expect((await signOut(a, empty)).statusCode).toBe(204);
    for (const url of READS) {
      for (const ended of [token, empty]) {
        expect([url, ...statusAndCode(await read(b, url, ended))]).toEqual([url, 401, 'SESSION_REQUIRED']);
      }
    }
  });

  it('refuses an ended session before telling it what else is wrong with its request', async () => {
    const token = await signIns.tokenFor(ASKAR);
    const malformed = [
      '/api/v1/my/applications?limit=1000',
      '/api/v1/my/notifications?limit=0',
      '/api/v1/my/applications?offset=-1',
    ];
    for (const url of malformed) expect([url, (await read(b, url, token)).statusCode]).toEqual([url, 400]);
    expect((await signOut(a, token)).statusCode).toBe(204);
    for (const url of malformed) {
      expect([url, ...statusAndCode(await read(b, url, token))]).toEqual([url, 401, 'SESSION_REQUIRED']);
    }
  });

  it('refuses a session whose row has expired, though its remembered expiry is later', async () => {
    const token = await signIns.tokenFor(ASKAR);
    expect((await read(b, '/api/v1/my/applications', token)).statusCode).toBe(200);
    // Only the statement's own condition can tell: the memory still says eight hours.
    await store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(now.getTime() - 1000) })
      .where('token_hash', '=', createHash('sha256').update(token, 'utf8').digest('hex'))
      .execute();
    for (const url of READS) {
      expect([url, ...statusAndCode(await read(b, url, token))]).toEqual([url, 401, 'SESSION_REQUIRED']);
    }
  });

  it('refuses a remembered session once it has expired', async () => {
    const token = await signIns.tokenFor(ASKAR);
    expect((await read(b, '/api/v1/my/applications', token)).statusCode).toBe(200);
    now = new Date(now.getTime() + SESSION_HOURS * 3_600_000 + 1);
    try {
      for (const url of READS) {
        expect([url, ...statusAndCode(await read(b, url, token))]).toEqual([url, 401, 'SESSION_REQUIRED']);
      }
    } finally {
      now = new Date(now.getTime() - SESSION_HOURS * 3_600_000 - 1);
    }
  });

  it('answers 500 rather than data when a route forgets to confirm a remembered session', async () => {
    const bare = Fastify({ logger: false });
    registerAccess(bare as unknown as ZodApp, signIns.signIn, new StaffDirectory(store.db));
    bare.get(
      '/api/v1/forgetful',
      { config: { access: 'signed_in', sessionConfirmedInRead: true } },
      async (request) => ({ iin: request.principal?.iin }),
    );
    const token = await signIns.tokenFor(ASKAR); // remembered by the sign-in that opened it
    const answer = await read(bare as unknown as ZodApp, '/api/v1/forgetful', token);
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain(ASKAR.iin);
    await bare.close();
  });
});
