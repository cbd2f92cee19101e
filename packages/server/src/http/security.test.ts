import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signDetached } from '@ruqsat/pki';
import { buildSandbox, Fixtures } from '@ruqsat/sandbox';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStateSystems } from '../gateway/state-systems-factory.js';
import { loadMciTable } from '../payments/mci-table.js';
import { PaymentService } from '../payments/payment-service.js';
import type { Store } from '../store/store.js';
import { identifierFrom } from '../test-support/engine-driver.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { openTestApp } from '../test-support/test-app.js';
import { MINIMAL_PDF } from '../test-support/test-attachments.js';
import { emptyCatalogue } from '../test-support/test-catalogue.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { buildApp } from './app.js';
import type { RateLimits } from './rate-limit.js';
import { API_CONTENT_SECURITY_POLICY } from './security-headers.js';
import type { ZodApp } from './zod-app.js';

const ASKAR = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const AIGERIM = { iin: identifierFrom('90051740001'), surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' };
const COMPANY = { bin: Fixtures.demoCompany, name: 'ТОО «ALMATY GAMING»' };
const WINDOW_MS = 60_000;
const LIMITS = { sign_in: 6, registry: 5, registry_export: 2, verification: 3 } as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);

/**
 * The security checks of the API, each one a test that fails when its protection is taken away:
 * sessions (fixation, single-use challenges, sign-out, expiry, one person's token and another's
 * data), CSRF and CORS, security headers, upload limits, path traversal on downloads, and rate
 * limiting. The role × route matrix is `access.test.ts`; what it does not reach is checked here.
 */
describe.each(TEST_DRIVERS)('security checks on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let signIns: TestSignIns;
  let sandbox: ReturnType<typeof buildSandbox>;
  /** The sign-in's clock (sessions and challenges expire on it) and the rate limiter's, moved by hand. */
  let signInNow = Date.now();
  let limiterNow = 0;
  const token: Record<string, string> = {};
  const limits = (now: () => number): RateLimits => ({ perWindow: LIMITS, windowMs: WINDOW_MS, maxClients: 1000, now });

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db, { clock: () => new Date(signInNow) });
    const secret = 'security-test-secret';
    sandbox = buildSandbox({ paymentSecret: secret });
    const systems = connectStateSystems(
      {
        baseUrl: await sandbox.listen({ port: 0, host: '127.0.0.1' }),
        timeoutMs: 1000,
        retries: 0,
        backoffMs: 0,
        breakerFailures: 5,
        breakerCooldownMs: 1000,
      },
      store.db,
    );
    const payments = new PaymentService(store.db, systems.payments, {
      mci: await loadMciTable(),
      callbackUrl: 'http://127.0.0.1:9/never-called',
      callbackSecret: secret,
      now: () => new Date(),
    });
    ({ app } = await openTestApp(store, {
      signIns,
      outside: { systems, payments },
      rateLimits: limits(() => limiterNow),
    }));
    token.head = await signIns.tokenFor(ASKAR, { ...COMPANY, role: 'firstHead' });
    token.aigerim = await signIns.tokenFor(AIGERIM);
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
    await app.close();
    await store.close();
  });

  const bearer = (who: string) => ({ authorization: `Bearer ${token[who]}` });
  /** A casino-licence draft of the company's head, to attach files to and read back. */
  const companyDraft = async (): Promise<{ id: string }> =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/v1/drafts',
        headers: bearer('head'),
        payload: { serviceId: 'casino', requestKind: 'issue', forCompany: true },
      })
    ).json();
  const count = async (table: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0]?.n ?? 0);
  /** Each test that signs in over HTTP comes from an address of its own, so limits do not mix. */
  let nextAddress = 0;
  const freshAddress = () => {
    const n = nextAddress++;
    return `10.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  };

  async function signInOverHttp(remoteAddress: string, headers: Record<string, string> = {}) {
    const challenge = await app.inject({ method: 'POST', url: '/api/v1/auth/challenge', remoteAddress, headers });
    const { nonce } = challenge.json();
    const key = await signIns.keyFor(ASKAR, 'auth');
    const signature = Buffer.from(
      await signDetached(new TextEncoder().encode(nonce), key, new Date(signInNow - 1000)),
    ).toString('base64');
    const answer = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress,
        headers,
        payload: { nonce, signature },
      });
    return { nonce, signature, response: await answer(), again: answer };
  }

  describe('sessions', () => {
    it('issues a fresh token at every sign-in, whatever token the client offers', async () => {
      const chosen = 'a-token-the-attacker-planted-0123456789';
      const address = freshAddress();
      const first = await signInOverHttp(address, { authorization: `Bearer ${chosen}` });
      const second = await signInOverHttp(address);
      expect([first.response.statusCode, second.response.statusCode]).toEqual([200, 200]);
      const [a, b] = [first.response.json().token, second.response.json().token];
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set([a, b, chosen]).size).toBe(3);
      // The planted token opened nothing; the issued ones each open their own session.
      const planted = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { authorization: `Bearer ${chosen}` },
      });
      expect(planted.statusCode).toBe(401);
      for (const issued of [a, b]) {
        const session = await app.inject({
          method: 'GET',
          url: '/api/v1/auth/session',
          headers: { authorization: `Bearer ${issued}` },
        });
        expect(session.json().iin).toBe(ASKAR.iin);
      }
      // Only a hash of the token is kept: a copy of the database opens no session.
      const stored = await store.db.selectFrom('sessions').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).not.toContain(a);
    });

    it('takes a challenge once, and not after it expires or when the client made it up', async () => {
      const address = freshAddress();
      const used = await signInOverHttp(address);
      expect(used.response.statusCode).toBe(200);
      const replay = await used.again();
      expect([replay.statusCode, replay.json().error.code]).toEqual([401, 'SIGN_IN_CHALLENGE_USED']);

      const challenge = (
        await app.inject({ method: 'POST', url: '/api/v1/auth/challenge', remoteAddress: address })
      ).json();
      expect(Date.parse(challenge.expiresAt) - signInNow).toBe(5 * 60_000);
      const key = await signIns.keyFor(ASKAR, 'auth');
      const signature = Buffer.from(
        await signDetached(new TextEncoder().encode(challenge.nonce), key, new Date(signInNow - 1000)),
      ).toString('base64');
      signInNow += 5 * 60_000;
      try {
        const late = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          remoteAddress: address,
          payload: { nonce: challenge.nonce, signature },
        });
        expect([late.statusCode, late.json().error.code]).toEqual([401, 'SIGN_IN_CHALLENGE_EXPIRED']);
      } finally {
        signInNow -= 5 * 60_000;
      }
      const madeUp = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: address,
        payload: { nonce: 'A'.repeat(43), signature },
      });
      expect(madeUp.json().error.code).toBe('SIGN_IN_CHALLENGE_UNKNOWN');
    });

    it('stops a token at sign-out and at the end of its eight hours', async () => {
      const url = '/api/v1/auth/session';
      const leaving = await signIns.tokenFor(AIGERIM);
      const headers = { authorization: `Bearer ${leaving}` };
      expect((await app.inject({ method: 'GET', url, headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url, headers })).statusCode).toBe(401);

      const expiring = { authorization: `Bearer ${await signIns.tokenFor(AIGERIM)}` };
      signInNow += 8 * 3_600_000 - 1000;
      try {
        expect((await app.inject({ method: 'GET', url, headers: expiring })).statusCode).toBe(200);
        signInNow += 1000;
        const expired = await app.inject({ method: 'GET', url, headers: expiring });
        expect([expired.statusCode, expired.json().error.code]).toEqual([401, 'SESSION_REQUIRED']);
      } finally {
        signInNow -= 8 * 3_600_000;
      }
    });

    it('never lets one person’s token read another’s draft or file', async () => {
      const draft = await companyDraft();
      const file = (
        await app.inject({
          method: 'POST',
          url: `/api/v1/drafts/${draft.id}/attachments?documentId=application&fileName=a.png`,
          headers: { ...bearer('head'), 'content-type': 'application/octet-stream' },
          payload: PNG,
        })
      ).json();
      expect(
        (await app.inject({ method: 'GET', url: `/api/v1/drafts/${draft.id}`, headers: bearer('head') })).statusCode,
      ).toBe(200);
      for (const url of [`/api/v1/drafts/${draft.id}`, `/api/v1/drafts/${draft.id}/attachments/${file.id}`]) {
        const stranger = await app.inject({ method: 'GET', url, headers: bearer('aigerim') });
        expect([stranger.statusCode, stranger.json().error.code], url).toEqual([404, 'DRAFT_NOT_FOUND']);
      }
      const removal = await app.inject({
        method: 'DELETE',
        url: `/api/v1/drafts/${draft.id}/attachments/${file.id}`,
        headers: bearer('aigerim'),
      });
      expect(removal.statusCode).toBe(404);
      expect(await count('attachments')).toBeGreaterThan(0);
    });
  });

  describe('cross-site requests', () => {
    it('authenticates by the bearer header only: a session token in a cookie is nobody', async () => {
      for (const cookie of [`token=${token.head}`, `session=${token.head}`, `authorization=Bearer%20${token.head}`]) {
        const response = await app.inject({ method: 'GET', url: '/api/v1/my/applications', headers: { cookie } });
        expect([response.statusCode, response.json().error.code], cookie).toEqual([401, 'SESSION_REQUIRED']);
      }
      // And no answer ever sets a cookie a browser would send back by itself.
      const signedIn = await signInOverHttp(freshAddress());
      expect(signedIn.response.headers['set-cookie']).toBeUndefined();
    });

    it('grants no other origin the right to read answers, with or without credentials', async () => {
      const origin = 'https://evil.example';
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/my/applications',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      const read = await app.inject({ method: 'GET', url: '/api/v1/services', headers: { origin } });
      for (const response of [preflight, read]) {
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it('refuses the bodies a cross-site form can send without asking (form, multipart, text)', async () => {
      const before = [await count('sessions'), await count('drafts'), await count('payments')];
      const forms: [string, string][] = [
        ['application/x-www-form-urlencoded', 'serviceId=casino&requestKind=issue&forCompany=true'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\ncasino\r\n--x--\r\n',
        ],
        ['text/plain', '{"serviceId":"casino","requestKind":"issue","forCompany":true}'],
      ];
      for (const [contentType, payload] of forms) {
        for (const url of ['/api/v1/drafts', '/api/v1/auth/sign-in', '/api/v1/payments/callback']) {
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { ...bearer('head'), 'content-type': contentType },
            payload,
          });
          expect([response.statusCode, response.json().error.code], `${contentType} → ${url}`).toEqual([
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          ]);
        }
      }
      // The payment gateway's door takes JSON, and believes it only with the gateway's HMAC.
      const unsigned = await app.inject({
        method: 'POST',
        url: '/api/v1/payments/callback',
        headers: { 'content-type': 'application/json' },
        payload: { invoiceId: 'x', status: 'paid' },
      });
      expect([unsigned.statusCode, unsigned.json().error.code]).toEqual([401, 'PAYMENT_CALLBACK_FORGED']);
      expect([await count('sessions'), await count('drafts'), await count('payments')]).toEqual(before);
    });
  });

  describe('security headers', () => {
    const expectGuarded = (response: InjectResponse, label: string) => {
      expect(response.headers['x-content-type-options'], label).toBe('nosniff');
      expect(response.headers['x-frame-options'], label).toBe('DENY');
      expect(response.headers['referrer-policy'], label).toMatch(/^(no-referrer|same-origin)$/);
      expect(String(response.headers['content-security-policy']), label).toContain("frame-ancestors 'none'");
    };

    it('puts them on API answers, refusals and errors alike', async () => {
      const answers = {
        'a JSON answer': await app.inject({ method: 'GET', url: '/api/v1/services' }),
        'a refusal': await app.inject({ method: 'GET', url: '/api/v1/my/applications' }),
        'an unknown address': await app.inject({ method: 'GET', url: '/api/v1/nowhere' }),
        'a malformed address': await app.inject({ method: 'GET', url: '/api/v1/registry/licences/%ff' }),
        'a bad body': await app.inject({
          method: 'POST',
          url: '/api/v1/identifiers/check',
          headers: { 'content-type': 'application/json' },
          payload: '{',
        }),
        'the OpenAPI document': await app.inject({ method: 'GET', url: '/api/openapi.json' }),
      };
      for (const [label, response] of Object.entries(answers)) expectGuarded(response, label);
      expect(answers['a JSON answer'].headers['content-security-policy']).toBe(API_CONTENT_SECURITY_POLICY);
    });

    it('puts them on the QR verification page, which runs no script', async () => {
      const page = await app.inject({ method: 'GET', url: '/verify/not-a-document?lang=ru' });
      expect(page.headers['content-type']).toContain('text/html');
      expectGuarded(page, 'the QR page');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(page.headers['content-security-policy']).not.toMatch(/script-src/);
    });

    it('puts them on the web app’s page and files, which keep their own policy', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-security-web-'));
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="kk"><div id="root"></div></html>');
      writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
      const web = await buildApp({
        store,
        catalogue: emptyCatalogue(),
        logLevel: 'silent',
        bodyLimitBytes: 4096,
        readinessTimeoutMs: 2000,
        webDir: dir,
      });
      try {
        const page = await web.inject({ method: 'GET', url: '/registry' });
        expectGuarded(page, 'the page');
        expect(page.headers['content-security-policy']).toContain("script-src 'self'");
        expectGuarded(await web.inject({ method: 'GET', url: '/assets/app-1.js' }), 'a script');
      } finally {
        await web.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('uploads', () => {
    it('refuses a file too large, of a type its bytes do not show, or one too many — storing nothing', async () => {
      const draft = await companyDraft();
      const upload = (fileName: string, bytes: Buffer) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/drafts/${draft.id}/attachments?documentId=application&fileName=${encodeURIComponent(fileName)}`,
          headers: { ...bearer('head'), 'content-type': 'application/octet-stream' },
          payload: bytes,
        });
      const stored = () => count('attachments');
      const before = await stored();
      const refusals: [string, Buffer, number, string][] = [
        ['big.pdf', Buffer.alloc(10 * 1024 * 1024 + 1), 413, 'PAYLOAD_TOO_LARGE'],
        [
          'scan.pdf',
          Buffer.from('MZ\x90\x00 This program cannot be run in DOS mode', 'latin1'),
          415,
          'ATTACHMENT_TYPE_NOT_ALLOWED',
        ],
        [
          'photo.png',
          Buffer.from('<html><script>alert(document.domain)</script></html>'),
          415,
          'ATTACHMENT_TYPE_NOT_ALLOWED',
        ],
        ['cut.pdf', Buffer.from(MINIMAL_PDF.slice(0, 30), 'latin1'), 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        [
          'image.svg',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          415,
          'ATTACHMENT_TYPE_NOT_ALLOWED',
        ],
      ];
      for (const [name, bytes, status, code] of refusals) {
        const refused = await upload(name, bytes);
        expect([refused.statusCode, refused.json().error.code], name).toEqual([status, code]);
      }
      expect(await stored()).toBe(before);
      // Thirty files is what one application may carry (ATTACHMENT_MAX_FILES); the thirty-first is refused.
      for (let i = 0; i < 30; i++) expect((await upload(`page-${i}.png`, PNG)).statusCode).toBe(201);
      const extra = await upload('page-31.png', PNG);
      expect([extra.statusCode, extra.json().error.code]).toEqual([422, 'ATTACHMENTS_TOO_MANY']);
      expect(await stored()).toBe(before + 30);
    });
  });

  describe('downloads', () => {
    it('answers a path in place of an id with a 4xx, never a file from outside the store', async () => {
      const draft = await companyDraft();
      const traversals = [
        '..%2F..%2F..%2F..%2Fetc%2Fpasswd',
        '..%252F..%252Fetc%252Fpasswd',
        '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '..%5C..%5Cwindows%5Cwin.ini',
        '%C0%AE%C0%AE%2Fetc%2Fpasswd',
        '....%2F%2F....%2F%2Fetc%2Fpasswd',
        '%2Fetc%2Fpasswd',
        'file%3A%2F%2F%2Fetc%2Fpasswd',
      ];
      const urls = traversals.flatMap((id) => [
        `/api/v1/drafts/${draft.id}/attachments/${id}`,
        `/api/v1/drafts/${id}/attachments/${id}`,
        `/api/v1/my/applications/${id}/result.pdf`,
        `/api/v1/my/applications/${id}/receipt.pdf`,
        `/api/v1/verify/documents/${id}`,
        `/verify/${id}`,
      ]);
      urls.push(`/api/v1/drafts/${draft.id}/attachments/../../../../etc/passwd`, '/verify/../../etc/passwd');
      for (const url of urls) {
        const response = await app.inject({
          method: 'GET',
          url,
          headers: bearer('head'),
          remoteAddress: freshAddress(),
        });
        expect(response.statusCode, url).not.toBe(429);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.body, url).not.toMatch(/root:.*:0:0:|\[fonts\]/);
      }
    });
  });

  describe('rate limits', () => {
    const from = (remoteAddress: string, url: string, method: 'GET' | 'POST' = 'GET', headers = {}) =>
      app.inject({ method, url, remoteAddress, headers });

    it('answers 429 RATE_LIMITED with Retry-After once an address spends its sign-in budget, until it refills', async () => {
      const address = freshAddress();
      const challenges = [];
      for (let i = 0; i < LIMITS.sign_in; i++) challenges.push(await from(address, '/api/v1/auth/challenge', 'POST'));
      expect(challenges.map((r) => r.statusCode)).toEqual(Array(LIMITS.sign_in).fill(201));
      expect(challenges.map((r) => r.headers['ratelimit-remaining'])).toEqual(['5', '4', '3', '2', '1', '0']);
      expect(challenges[0]?.headers).toMatchObject({ 'ratelimit-limit': '6', 'ratelimit-policy': '6;w=60' });

      const challengesBefore = await count('sign_in_challenges');
      // The sign-in itself counts in the same budget as the challenge.
      for (const url of ['/api/v1/auth/challenge', '/api/v1/auth/sign-in']) {
        const refused = await from(address, url, 'POST', { 'accept-language': 'ru' });
        expect([refused.statusCode, refused.json().error.code], url).toEqual([429, 'RATE_LIMITED']);
        expect(refused.json().error.message).toMatch(/Слишком много запросов/);
        expect(refused.headers['retry-after']).toBe(String(WINDOW_MS / LIMITS.sign_in / 1000));
      }
      expect(await count('sign_in_challenges')).toBe(challengesBefore);
      // Someone else, and the rest of the API, are not held up.
      expect((await from(freshAddress(), '/api/v1/auth/challenge', 'POST')).statusCode).toBe(201);
      const elsewhere = await from(address, '/api/v1/services');
      expect(elsewhere.statusCode).toBe(200);
      expect(elsewhere.headers['ratelimit-limit']).toBeUndefined();

      // Retry-After later, one more is allowed; a whole window later, the full budget again.
      limiterNow += WINDOW_MS / LIMITS.sign_in - 1;
      expect((await from(address, '/api/v1/auth/challenge', 'POST')).statusCode).toBe(429);
      limiterNow += 1;
      expect((await from(address, '/api/v1/auth/challenge', 'POST')).statusCode).toBe(201);
      expect((await from(address, '/api/v1/auth/challenge', 'POST')).statusCode).toBe(429);
      limiterNow += WINDOW_MS;
      const reopened = [];
      for (let i = 0; i <= LIMITS.sign_in; i++)
        reopened.push((await from(address, '/api/v1/auth/challenge', 'POST')).statusCode);
      expect(reopened).toEqual([...Array(LIMITS.sign_in).fill(201), 429]);
    });

    it('limits the registry search and the verifications, which write a row for every check', async () => {
      const address = freshAddress();
      const search = [];
      for (let i = 0; i <= LIMITS.registry; i++)
        search.push(await from(address, `/api/v1/registry/licences?name=abc${i}`));
      expect(search.map((r) => r.statusCode)).toEqual([...Array(LIMITS.registry).fill(200), 429]);
      expect(search.at(-1)?.headers['retry-after']).toBe('12');
      // The export streams the whole registry: a budget of its own, however much search is left.
      const exports = [];
      for (let i = 0; i <= LIMITS.registry_export; i++)
        exports.push(await from(freshAddress(), '/api/v1/registry/export.csv'));
      const exporter = freshAddress();
      const mine = [];
      for (let i = 0; i <= LIMITS.registry_export; i++) mine.push(await from(exporter, '/api/v1/registry/export.csv'));
      expect(exports.map((r) => r.statusCode)).toEqual(Array(LIMITS.registry_export + 1).fill(200));
      expect(mine.map((r) => r.statusCode)).toEqual([...Array(LIMITS.registry_export).fill(200), 429]);
      expect((await from(exporter, '/api/v1/registry/licences')).statusCode).toBe(200);

      const verifications = await count('verifications');
      const checks = [];
      for (let i = 0; i < LIMITS.verification; i++)
        checks.push(await from(address, `/api/v1/verify/documents/forged-${i}`));
      expect(checks.map((r) => r.statusCode)).toEqual(Array(LIMITS.verification).fill(404));
      expect(await count('verifications')).toBe(verifications + LIMITS.verification);
      const api = await from(address, '/api/v1/verify/licences/KZ26-00000001-00');
      const page = await from(address, '/verify/forged-9?lang=en');
      expect([api.statusCode, api.json().error.code]).toEqual([429, 'RATE_LIMITED']);
      // The QR page says it in a page, in the reader's language, under the page's own policy.
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Too many requests');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      expect(await count('verifications')).toBe(verifications + LIMITS.verification);
    });

    it('counts the socket’s address: a forged X-Forwarded-For does not buy a new budget', async () => {
      const address = freshAddress();
      const statuses = [];
      for (let i = 0; i <= LIMITS.verification; i++) {
        const response = await from(address, `/api/v1/verify/documents/x-${i}`, 'GET', {
          'x-forwarded-for': `203.0.113.${i}`,
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([...Array(LIMITS.verification).fill(404), 429]);
    });

    it('behind a trusted proxy, counts the address the proxy forwards, and only from that proxy', async () => {
      const now = 0;
      const { app: proxied } = await openTestApp(store, {
        signIns,
        trustProxy: ['10.0.0.1'],
        rateLimits: limits(() => now),
      });
      try {
        const call = (remoteAddress: string, forwardedFor: string) =>
          proxied.inject({
            method: 'GET',
            url: '/api/v1/verify/documents/nothing',
            remoteAddress,
            headers: { 'x-forwarded-for': forwardedFor },
          });
        const viaProxy = [];
        for (let i = 0; i <= LIMITS.verification; i++)
          viaProxy.push((await call('10.0.0.1', '203.0.113.50')).statusCode);
        expect(viaProxy).toEqual([...Array(LIMITS.verification).fill(404), 429]);
        // Another client behind the same proxy has its own budget.
        expect((await call('10.0.0.1', '203.0.113.51')).statusCode).toBe(404);
        // A client that is not the proxy cannot claim to be someone the proxy forwarded.
        const direct = [];
        for (let i = 0; i <= LIMITS.verification; i++)
          direct.push((await call('198.51.100.200', `203.0.113.${60 + i}`)).statusCode);
        expect(direct).toEqual([...Array(LIMITS.verification).fill(404), 429]);
        // HTTPS as the proxy reports it asks browsers for HTTPS only from now on; nobody else can say so.
        const https = (remoteAddress: string) =>
          proxied.inject({
            method: 'GET',
            url: '/api/v1/services',
            remoteAddress,
            headers: { 'x-forwarded-proto': 'https' },
          });
        expect((await https('10.0.0.1')).headers['strict-transport-security']).toMatch(/^max-age=31536000/);
        expect((await https('198.51.100.201')).headers['strict-transport-security']).toBeUndefined();
      } finally {
        await proxied.close();
      }
    });
  });

  describe('the routes the access check does not see', () => {
    it('are only the known public few outside /api/v1 — a new one must be added here on purpose', () => {
      // The API reference's own files (Swagger UI) count as one: which files it serves is its business.
      const served = routesOf(app)
        .filter((r) => !r.url.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.url.startsWith('/api/docs') ? '/api/docs…' : r.url}`);
      expect([...new Set(served)].sort()).toEqual(
        [
          'GET /api/docs…',
          'GET /api/openapi.json',
          'GET /healthz',
          'GET /metrics',
          'GET /readyz',
          'GET /verify/:id',
        ].sort(),
      );
      // And every route under /api/v1 is one the access check knows, with its declared access.
      const known = new Set(app.routeAccess.map((r) => `${r.method} ${r.url}`));
      for (const route of routesOf(app).filter((r) => r.url.startsWith('/api/v1/'))) {
        expect(known, `${route.method} ${route.url}`).toContain(`${route.method} ${route.url}`);
      }
    });
  });
});

/** Every route the app serves (HEAD aside), read from Fastify's own route tree. */
function routesOf(app: ZodApp): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      routes.push({ method, url: stack.join('') });
    }
  }
  return routes;
}
