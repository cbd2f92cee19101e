import { Temporal } from '@ruqsat/core';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { SignIn } from '../auth/sign-in.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { DraftService } from '../drafts/draft-service.js';
import { connectStateSystems } from '../gateway/state-systems-factory.js';
import { loadMciTable } from '../payments/mci-table.js';
import { PaymentService } from '../payments/payment-service.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { Store } from '../store/store.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { openTestStore } from '../test-support/test-store.js';
import { registerAccess } from './access.js';
import { buildApp } from './app.js';
import type { ZodApp } from './zod-app.js';

describe('the access check, the one choke point', () => {
  let store: Store;
  let app: ZodApp;
  let token: string;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const signIns = await TestSignIns.create(store.db);
    const catalogue = await loadCatalogue();
    const mci = await loadMciTable();
    // Every optional part of the API is served, so that every route is in the matrix. Nothing here
    // reaches the payment gateway: a refused or unknown invoice is answered from the database.
    const nowhere = connectStateSystems(
      {
        baseUrl: 'http://127.0.0.1:9/',
        timeoutMs: 100,
        retries: 0,
        backoffMs: 0,
        breakerFailures: 1,
        breakerCooldownMs: 1000,
      },
      store.db,
    );
    const applications = new ApplicationService(store.db, catalogue, await loadLegalTime());
    const payments = new PaymentService(store.db, nowhere.payments, {
      mci,
      callbackUrl: 'http://127.0.0.1/',
      callbackSecret: 'a-secret-nobody-knows',
      now: () => new Date(),
    });
    app = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 65_536,
      readinessTimeoutMs: 2000,
      signIn: signIns.signIn,
      mci,
      applications,
      payments,
      drafts: new DraftService(store.db, {
        catalogue,
        applications,
        payments,
        trust: signIns.trust,
        now: () => Temporal.Now.instant(),
      }),
    });
    token = await signIns.tokenFor({ iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('knows every API route with its declared access — a new route must be added here on purpose', () => {
    const routes = app.routeAccess.map((r) => `${r.method} ${r.url} ${r.access}`).sort();
    expect(routes).toEqual(
      [
        'GET /api/v1/auth/session signed_in',
        'GET /api/v1/drafts/:id signed_in',
        'GET /api/v1/drafts/:id/invoice signed_in',
        'GET /api/v1/drafts/:id/request signed_in',
        'POST /api/v1/drafts signed_in',
        'POST /api/v1/drafts/:id/invoice signed_in',
        'POST /api/v1/drafts/:id/submit signed_in',
        'PUT /api/v1/drafts/:id/form signed_in',
        'GET /api/v1/my/applications signed_in',
        'GET /api/v1/my/applications/:id signed_in',
        'GET /api/v1/my/notifications signed_in',
        'GET /api/v1/services public',
        'POST /api/v1/my/applications/:id/withdraw signed_in',
        'POST /api/v1/payments/callback public',
        'GET /api/v1/regulations public',
        'GET /api/v1/regulations/:id public',
        'GET /api/v1/regulations/:id/bpmn public',
        'POST /api/v1/auth/challenge public',
        'POST /api/v1/auth/sign-in public',
        'POST /api/v1/auth/sign-out public',
        'POST /api/v1/identifiers/check public',
      ].sort(),
    );
  });

  it('refuses an anonymous caller on every signed-in route, before anything else of the route runs', async () => {
    const signedIn = app.routeAccess.filter((r) => r.access === 'signed_in');
    expect(signedIn.length).toBeGreaterThan(0);
    for (const route of signedIn) {
      const url = route.url.replace(/:(\w+)/g, 'x');
      for (const authorization of [undefined, 'Bearer this-token-was-never-issued-xx', 'Basic abc']) {
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: authorization ? { authorization } : {},
          // A body that would not even validate: the refusal must come first.
          ...(route.method === 'GET' ? {} : { payload: { nonsense: true } }),
        });
        expect([response.statusCode, response.json().error.code], `${route.method} ${route.url}`).toEqual([
          401,
          'SESSION_REQUIRED',
        ]);
      }
    }
  });

  it('lets a signed-in caller through on every signed-in route (what they then see is the route’s business)', async () => {
    for (const route of app.routeAccess.filter((r) => r.access === 'signed_in')) {
      const url = route.url.replace(/:(\w+)/g, 'x');
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, `${route.method} ${route.url}`).not.toBe(401);
    }
  });

  it('refuses a session that has ended or expired', async () => {
    const url = '/api/v1/my/applications';
    const ok = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
    const ended = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect([ended.statusCode, ended.json().error.code]).toEqual([401, 'SESSION_REQUIRED']);
  });

  it('refuses to build an app with an API route that does not say who may call it', async () => {
    const bare = Fastify();
    registerAccess(
      bare as unknown as ZodApp,
      new SignIn(store.db, { trustAnchors: [], revocation: [] }),
      new StaffDirectory(store.db),
    );
    expect(() => bare.get('/api/v1/forgotten', async () => 'x')).toThrow(/does not declare its access/);
    await bare.close();
  });
});
