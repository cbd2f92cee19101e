import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCatalogue } from '@ruqsat/core';
import { CertificationAuthority, type IssuedKey } from '@ruqsat/pki';
import { buildSandbox, Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../auth/sign-in.js';
import { loadTrust } from '../auth/trust.js';
import { buildApp } from '../http/app.js';
import type { ZodApp } from '../http/zod-app.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { freePort } from './support/server-process.js';
import { signedBase64 } from './support/test-pki.js';

const catalogue = await loadCatalogue();
const ASKAR = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' } as const;
/** Long enough that "answered before the OCSP question gave up" cannot be luck of the scheduler. */
const OCSP_TIMEOUT_MS = 1500;

/**
 * The national CA (the sandbox's, with its OCSP responder and CRL at the sandbox) slow, failing or
 * silent, seen through the sign-in route as a browser sees it. What gateway.test.ts and
 * trust.test.ts leave open: the revocation check's degradation end to end — a slow CA still
 * answers, a silent or failing one makes the sign-in INDETERMINATE (a localized 503, no session
 * written, never a silent pass), a recently answered certificate is served from the OCSP cache,
 * the wait for a silent CA holds no database connection other requests need, and all is well
 * again once the CA answers.
 */
describe.each(TEST_DRIVERS)('the national CA slow, failing or silent, at sign-in (%s)', (driver) => {
  let store: Store;
  let dir: string;
  let sandbox: ReturnType<typeof buildSandbox>;
  let sandboxUrl: string;
  let app: ZodApp;
  let ca: CertificationAuthority;
  const keys: IssuedKey[] = [];
  /** Requests the CA's OCSP responder has received, so a test knows a sign-in is waiting on it. */
  let ocspQuestions = 0;

  const faults = async (settings: object) => {
    const answer = await fetch(`${sandboxUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
    expect(answer.ok).toBe(true);
  };
  const sessions = async () => (await store.db.selectFrom('sessions').select('token_hash').execute()).length;
  const signIn = async (key: IssuedKey) => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/api/v1/auth/challenge' })).json();
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'accept-language': 'kk' },
      payload: { nonce, signature: await signedBase64(key, nonce) },
    });
  };

  beforeAll(async () => {
    store = await openTestStore(driver);
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-ca-faults-'));
    // The CA writes the sandbox's address into its certificates, so the port is chosen first.
    const port = await freePort();
    sandboxUrl = `http://127.0.0.1:${port}`;
    const now = Date.now();
    ca = await CertificationAuthority.create({
      name: 'FAULTY NCA',
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 365 * 86_400_000),
      urls: { crl: `${sandboxUrl}/nca/crl`, ocsp: `${sandboxUrl}/nca/ocsp` },
    });
    sandbox = buildSandbox({ paymentSecret: 'ca-faults-test-secret', ca });
    await sandbox.listen({ port, host: '127.0.0.1' });
    // Counted as the requests arrive, before the sandbox's faults decide whether to answer them.
    sandbox.server.on('request', (request) => {
      if (request.url?.startsWith('/nca/ocsp')) ocspQuestions++;
    });
    const rootFile = path.join(dir, 'root.pem');
    await writeFile(rootFile, ca.root.certificate.toString('pem'));
    // As `ruqsat serve` reads it: OCSP asked first (the responder the certificate names), no CRL file.
    const trust = await loadTrust({
      TRUST_ANCHORS: rootFile,
      CRL_FILES: '',
      OCSP: 'on',
      OCSP_TIMEOUT_MS,
      OCSP_CACHE_SECONDS: 300,
    });
    app = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 1_048_576,
      readinessTimeoutMs: 5_000,
      signIn: new SignIn(store.db, trust),
    });
    for (let i = 0; i < 4; i++) {
      const key = await ca.issue({
        person: ASKAR,
        purpose: 'auth',
        keyAlgorithm: 'ecdsaP256',
        notBefore: new Date(now - 3_600_000),
        notAfter: new Date(now + 86_400_000),
      });
      keys.push({ ...key, chain: [ca.intermediate.certificate] });
    }
  });

  afterAll(async () => {
    sandbox?.server.closeAllConnections();
    await sandbox?.close();
    await app?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in through a slow CA that still answers within the OCSP timeout', async () => {
    await faults({ certification_authority: { latencyMs: 300 } });
    const answer = await signIn(keys[0] as IssuedKey);
    expect(answer.statusCode, answer.body).toBe(200);
  });

  it('refuses a sign-in it cannot check as INDETERMINATE, in the asker’s language, writing no session', async () => {
    for (const fault of [{ noAnswer: true }, { errorRate: 1 }]) {
      await faults({ certification_authority: fault });
      const before = await sessions();
      const answer = await signIn(keys[1] as IssuedKey);
      expect(answer.statusCode, JSON.stringify(fault)).toBe(503);
      expect(answer.json()).toMatchObject({
        error: {
          code: 'REVOCATION_UNKNOWN',
          message: ErrorCatalogue.REVOCATION_UNKNOWN.message.kk,
          details: { indication: 'INDETERMINATE', subIndication: 'TRY_LATER' },
        },
      });
      expect(await sessions()).toBe(before);
    }
  });

  it('serves a certificate OCSP answered a moment ago from the cache while the CA is silent', async () => {
    await faults({ certification_authority: { noAnswer: true } });
    const answer = await signIn(keys[0] as IssuedKey);
    expect(answer.statusCode, answer.body).toBe(200);
  });

  it('holds no database connection while it waits for a silent CA: other requests are answered meanwhile', async () => {
    await faults({ certification_authority: { noAnswer: true } });
    const order: string[] = [];
    const asked = ocspQuestions;
    const waiting = signIn(keys[2] as IssuedKey).then((answer) => {
      order.push(`sign-in ${answer.statusCode}`);
    });
    // The sign-in has asked the (silent) CA and is waiting on it now.
    await expect.poll(() => ocspQuestions, { interval: 10, timeout: OCSP_TIMEOUT_MS }).toBeGreaterThan(asked);
    const readiness = await app.inject({ method: 'GET', url: '/readyz' });
    order.push(`readyz ${readiness.statusCode}`);
    await waiting;
    // On the embedded database, whose one connection a waiting transaction would hold, readiness
    // would wait for the CA's timeout and come second.
    expect(order).toEqual(['readyz 200', 'sign-in 503']);
  });

  it('signs in again as soon as the CA answers', async () => {
    await faults({});
    const answer = await signIn(keys[3] as IssuedKey);
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await signIn(keys[1] as IssuedKey)).statusCode).toBe(200);
  });
});
