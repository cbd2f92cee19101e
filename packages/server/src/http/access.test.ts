import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../auth/sign-in.js';
import { connectStateSystems } from '../gateway/state-systems-factory.js';
import { loadMciTable } from '../payments/mci-table.js';
import { PaymentService } from '../payments/payment-service.js';
import { StaffAdmin } from '../staff/staff-admin.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { Store } from '../store/store.js';
import { identifierFrom } from '../test-support/engine-driver.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { openTestApp } from '../test-support/test-app.js';
import { openTestStore } from '../test-support/test-store.js';
import { type Access, registerAccess } from './access.js';
import type { ZodApp } from './zod-app.js';

describe('the access check, the one choke point', () => {
  let store: Store;
  let app: ZodApp;
  let token: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const signIns = await TestSignIns.create(store.db);
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
    const payments = new PaymentService(store.db, nowhere.payments, {
      mci,
      callbackUrl: 'http://127.0.0.1/',
      callbackSecret: 'a-secret-nobody-knows',
      now: () => new Date(),
    });
    ({ app } = await openTestApp(store, { signIns, outside: { systems: nowhere, payments }, bodyLimitBytes: 65_536 }));
    token = await signIns.tokenFor({ iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' });
    // One principal per kind of access: each holds exactly the posts its name says.
    const admin = new StaffAdmin(store.db);
    const name = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });
    await admin.addOrganisation('test', {
      id: 'mcs-sport-committee',
      kind: 'authority',
      name: name('Sport committee'),
    });
    await admin.addOrganisation('test', { id: 'mid-communications-committee', kind: 'authority', name: name('Comms') });
    await admin.addOrganisation('test', { id: 'con-almaty-1', kind: 'service_centre', name: name('Centre') });
    await admin.addOrganisation('test', { id: 'ministry', kind: 'ministry', name: name('Ministry') });
    const people = {
      staff: identifierFrom('80020230001'),
      operator: identifierFrom('92040440006'),
      administrator: identifierFrom('70121240004'),
      twoPosts: identifierFrom('75050530003'),
    };
    await admin.addStaffMember('test', {
      iin: people.staff,
      name: 'STAFF',
      organisationId: 'mcs-sport-committee',
      roles: ['responsible_executor'],
    });
    await admin.addStaffMember('test', {
      iin: people.operator,
      name: 'OPERATOR',
      organisationId: 'con-almaty-1',
      roles: ['service_centre_operator'],
    });
    await admin.addStaffMember('test', {
      iin: people.administrator,
      name: 'ADMIN',
      organisationId: 'ministry',
      roles: ['administrator'],
    });
    for (const organisationId of ['mcs-sport-committee', 'mid-communications-committee']) {
      await admin.addStaffMember('test', {
        iin: people.twoPosts,
        name: 'TWO POSTS',
        organisationId,
        roles: ['head_of_department'],
      });
    }
    for (const [key, iin] of Object.entries(people)) {
      tokens[key] = await signIns.tokenFor({ iin, surname: key.toUpperCase(), name: 'TEST' });
    }
    tokens.applicant = await signIns.tokenFor({ iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('knows every API route with its declared access — a new route must be added here on purpose', () => {
    const routes = app.routeAccess.map((r) => `${r.method} ${r.url} ${r.access}`).sort();
    expect(routes).toEqual(
      [
        'GET /api/v1/auth/posts signed_in',
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
        'GET /api/v1/calendars/:year public',
        'POST /api/v1/my/applications/:id/withdraw signed_in',
        'POST /api/v1/payments/callback public',
        'GET /api/v1/regulations public',
        'GET /api/v1/regulations/:id public',
        'GET /api/v1/regulations/:id/bpmn public',
        'POST /api/v1/auth/challenge public',
        'POST /api/v1/auth/sign-in public',
        'POST /api/v1/auth/sign-out public',
        'POST /api/v1/identifiers/check public',
        'GET /api/v1/my/bookings signed_in',
        'GET /api/v1/my/applications/:id/receipt.pdf signed_in',
        'GET /api/v1/my/contact signed_in',
        'PUT /api/v1/my/contact signed_in',
        'POST /api/v1/drafts/:id/attachments signed_in',
        'GET /api/v1/drafts/:id/attachments/:attachmentId signed_in',
        'DELETE /api/v1/drafts/:id/attachments/:attachmentId signed_in',
        'GET /api/v1/office/applications/:id/attachments/:attachmentId staff',
        'POST /api/v1/centre/intakes/:id/attachments operator',
        'POST /api/v1/my/bookings signed_in',
        'POST /api/v1/my/bookings/:id/cancel signed_in',
        'GET /api/v1/centres/:id/slots public',
        'GET /api/v1/centres public',
        'GET /api/v1/centre/bookings operator',
        'GET /api/v1/centre/queue operator',
        'POST /api/v1/centre/tickets operator',
        'POST /api/v1/centre/queue/call-next operator',
        'POST /api/v1/centre/tickets/:id/finish operator',
        'POST /api/v1/centre/intakes/prepare operator',
        'POST /api/v1/centre/intakes/:id operator',
        'GET /api/v1/centre/applications/:id/receipt operator',
        'GET /api/v1/centre/applications/:id/receipt.pdf operator',
        'POST /api/v1/centre/applications/:id/hand-over operator',
        'GET /api/v1/office/me staff',
        'GET /api/v1/office/queue staff',
        'GET /api/v1/office/applications/:id staff',
        'POST /api/v1/office/applications/:id/assign staff',
        'POST /api/v1/office/assignments staff',
        'POST /api/v1/office/applications/:id/complete staff',
        'POST /api/v1/office/applications/:id/return staff',
        'POST /api/v1/office/applications/:id/external-check staff',
        'POST /api/v1/office/applications/:id/external-check/answer staff',
        'GET /api/v1/office/staff staff',
        'GET /api/v1/office/delegations staff',
        'POST /api/v1/office/delegations staff',
        'POST /api/v1/office/delegations/:id/revoke staff',
        'GET /api/v1/admin/organisations administrator',
        'POST /api/v1/admin/organisations administrator',
        'GET /api/v1/admin/organisations/:id/staff administrator',
        'POST /api/v1/admin/staff administrator',
        'PUT /api/v1/admin/staff/:id/roles administrator',
        'POST /api/v1/admin/staff/:id/close administrator',
        'GET /api/v1/admin/reports/applications administrator',
        'GET /api/v1/admin/reports/deadlines administrator',
        'GET /api/v1/admin/reports/survey administrator',
        'GET /api/v1/my/applications/:id/survey signed_in',
        'POST /api/v1/my/applications/:id/survey signed_in',
        'GET /api/v1/registry/licences public',
        'GET /api/v1/registry/licences/:number public',
        'GET /api/v1/verify/licences/:number public',
        'GET /api/v1/verify/documents/:id public',
        'GET /api/v1/registry/export.json public',
        'GET /api/v1/registry/export.csv public',
        'GET /api/v1/my/licences signed_in',
        'GET /api/v1/my/applications/:id/result signed_in',
        'GET /api/v1/my/applications/:id/result.pdf signed_in',
        'GET /api/v1/office/applications/:id/result staff',
        'GET /api/v1/office/applications/:id/result.pdf staff',
        'POST /api/v1/office/licences/:number/changes staff',
        'GET /api/v1/office/signing-key staff',
        'PUT /api/v1/office/signing-key staff',
      ].sort(),
    );
  });

  /** Who may pass the choke point of a route with this access. */
  const HOLDERS: Record<Access, readonly string[]> = {
    public: ['anonymous', 'applicant', 'staff', 'operator', 'administrator'],
    signed_in: ['applicant', 'staff', 'operator', 'administrator'],
    staff: ['staff'],
    operator: ['operator'],
    administrator: ['administrator'],
  };
  const REFUSAL: Record<Access, string> = {
    public: '',
    signed_in: 'SESSION_REQUIRED',
    staff: 'STAFF_ONLY',
    operator: 'OPERATOR_ONLY',
    administrator: 'ADMINISTRATOR_ONLY',
  };
  const CHOKE_POINT_CODES = ['SESSION_REQUIRED', 'STAFF_ONLY', 'OPERATOR_ONLY', 'ADMINISTRATOR_ONLY'];

  it('lets exactly the holders of a route’s access through it: every role × every route', async () => {
    const principals = ['anonymous', 'applicant', 'staff', 'operator', 'administrator'];
    for (const route of app.routeAccess) {
      // Signing out would end the session the rest of the matrix needs; it is public and tested below.
      if (route.url === '/api/v1/auth/sign-out') continue;
      const url = route.url.replace(/:(\w+)/g, 'x');
      for (const principal of principals) {
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: principal === 'anonymous' ? {} : { authorization: `Bearer ${tokens[principal]}` },
          // A body that would not even validate: a refusal must come before validation.
          ...(route.method === 'GET' ? {} : { payload: { nonsense: true } }),
        });
        // The verification page answers in HTML; every other refusal is the JSON envelope.
        const json = String(response.headers['content-type'] ?? '').includes('json');
        const code = response.statusCode >= 400 && json ? response.json().error?.code : undefined;
        const label = `${principal} → ${route.method} ${route.url}`;
        if (HOLDERS[route.access].includes(principal)) {
          expect(CHOKE_POINT_CODES, label).not.toContain(code);
        } else {
          const expected = principal === 'anonymous' ? 'SESSION_REQUIRED' : REFUSAL[route.access];
          expect([response.statusCode, code], label).toEqual([expected === 'SESSION_REQUIRED' ? 401 : 403, expected]);
        }
      }
    }
  });

  it('refuses a forged or malformed bearer token on every route that is not public', async () => {
    for (const route of app.routeAccess.filter((r) => r.access !== 'public')) {
      for (const authorization of ['Bearer this-token-was-never-issued-xx', 'Basic abc']) {
        const response = await app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:(\w+)/g, 'x'),
          headers: { authorization },
        });
        expect([response.statusCode, response.json().error.code], `${route.method} ${route.url}`).toEqual([
          401,
          'SESSION_REQUIRED',
        ]);
      }
    }
  });

  it('asks someone with posts at two authorities which one they act for', async () => {
    const url = '/api/v1/office/queue';
    const authorization = `Bearer ${tokens.twoPosts}`;
    const unsure = await app.inject({ method: 'GET', url, headers: { authorization } });
    expect([unsure.statusCode, unsure.json().error.code]).toEqual([400, 'ORGANISATION_AMBIGUOUS']);
    const chosen = await app.inject({
      method: 'GET',
      url,
      headers: { authorization, 'x-ruqsat-organisation': 'mid-communications-committee' },
    });
    expect(chosen.statusCode).toBe(200);
    const notTheirs = await app.inject({
      method: 'GET',
      url,
      headers: { authorization, 'x-ruqsat-organisation': 'con-almaty-1' },
    });
    expect([notTheirs.statusCode, notTheirs.json().error.code]).toEqual([403, 'STAFF_ONLY']);
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
