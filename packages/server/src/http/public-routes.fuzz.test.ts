import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStateSystems } from '../gateway/state-systems-factory.js';
import { loadMciTable } from '../payments/mci-table.js';
import { PaymentService } from '../payments/payment-service.js';
import type { Store } from '../store/store.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { seedSyntheticLicences } from '../test-support/synthetic-licences.js';
import { openTestApp } from '../test-support/test-app.js';
import { openTestStore } from '../test-support/test-store.js';
import type { ZodApp } from './zod-app.js';

/** Cases in all, spread over the public routes at random; `FUZZ_CASES` asks for a deeper run by hand. */
const CASES = Number(process.env.FUZZ_CASES) || 10_000;

/** The tables a request could write to; a refused request must leave every one as it was. */
const TABLES = [
  'sign_in_challenges',
  'sessions',
  'verifications',
  'audit_log',
  'outbox',
  'payments',
  'payment_callbacks',
  'application_events',
  'centre_bookings',
] as const;

/**
 * What a route records even when it answers "no": a verification is written down found or not
 * (docs/registry.md) — a check of a document that does not exist is how a forged licence shows up;
 * and every payment callback is kept as evidence, a forged one above all.
 */
const RECORDED_EVEN_WHEN_REFUSED: Readonly<Record<string, readonly string[]>> = {
  'POST /api/v1/payments/callback': ['payment_callbacks'],
  'GET /api/v1/verify/documents/:id': ['verifications'],
  'GET /api/v1/verify/licences/:number': ['verifications'],
  'GET /verify/:id': ['verifications'],
};

/** Query names the public routes read, and others nobody reads: both must be answered calmly. */
const QUERY_NAMES = [
  'on',
  'at',
  'date',
  'year',
  'number',
  'holderId',
  'name',
  'service',
  'authority',
  'status',
  'after',
  'limit',
  'kind',
  'requestKind',
  'lang',
  'q',
  '__proto__',
  'constructor',
];

/** Strings that have broken parsers elsewhere: paths, encodings, numbers at their edges, markup. */
const NASTY = fc.constantFrom(
  '',
  ' ',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  '%',
  '%zz',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(400),
  'KZ26-00000001-00',
  'kz26 00000001 85',
  '٣٤٥',
  'ӘҒҚҢӨҰҮҺІ',
  '😀',
  'null',
  'true',
  '{}',
  '[]',
  '2026-02-30',
  '2026-13-01',
  '99999-01-01',
  'T',
  '\ud800',
);

const text = fc.oneof(NASTY, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** A body of any shape: JSON values, objects with the fields the public routes take, or not JSON at all. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      nonce: text,
      signature: fc.oneof(text, fc.base64String({ maxLength: 200 })),
      value: text,
      invoiceId: text,
      merchantReference: text,
      paymentId: text,
      amount: fc.oneof(fc.integer(), fc.double(), text),
      paidAt: text,
    },
    { requiredKeys: [] },
  ),
);

interface PublicRoute {
  readonly method: string;
  readonly url: string;
}

const request = (routes: readonly PublicRoute[]) =>
  fc.record({
    route: fc.constantFrom(...routes),
    params: fc.array(
      fc.oneof(
        text.map((t) => encodeURIComponent(t.toWellFormed())),
        // Sent as they are: broken percent-encodings, overlong UTF-8 dots, a lone surrogate's bytes.
        fc.constantFrom('%ED%A0%80', '%C0%AE%C0%AE', '..%2F..%2F', '%00', '%ff', '%', '%2e%2e'),
      ),
      { minLength: 4, maxLength: 4 },
    ),
    query: fc.dictionary(fc.constantFrom(...QUERY_NAMES), text, { maxKeys: 4 }),
    body,
    rawBody: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', undefined),
    language: fc.constantFrom('kk', 'ru', 'en', 'kz', '*', 'de;q=0', '', 'x'.repeat(300)),
  });

describe('every public route, fuzzed', () => {
  let store: Store;
  let app: ZodApp;
  let routes: PublicRoute[];

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const signIns = await TestSignIns.create(store.db);
    // Outside systems nobody answers: a fuzzed request must not hang on them either.
    const nowhere = connectStateSystems(
      {
        baseUrl: 'http://127.0.0.1:9/',
        timeoutMs: 100,
        retries: 0,
        backoffMs: 0,
        breakerFailures: 1,
        breakerCooldownMs: 60_000,
      },
      store.db,
    );
    const payments = new PaymentService(store.db, nowhere.payments, {
      mci: await loadMciTable(),
      callbackUrl: 'http://127.0.0.1/',
      callbackSecret: 'a-secret-nobody-knows',
      now: () => new Date(),
    });
    ({ app } = await openTestApp(store, { signIns, outside: { systems: nowhere, payments }, bodyLimitBytes: 65_536 }));
    await seedSyntheticLicences(store.db, {
      count: 200,
      services: [{ serviceId: 'casino', regulationId: 'casino@2015-mcs-181', authorityId: 'mcs-sport-committee' }],
    });
    routes = app.routeAccess.filter((r) => r.access === 'public').map(({ method, url }) => ({ method, url }));
    // The QR page is public too, outside /api/v1.
    routes.push({ method: 'GET', url: '/verify/:id' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
        store.db,
      );
      result[table] = Number(rows[0]?.n ?? 0);
    }
    return result;
  }

  it(`answers ${CASES} random requests without a server error, a stack trace, or a write when it refuses`, async () => {
    expect(routes.length).toBeGreaterThan(15);
    const seen = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(request(routes), async (r) => {
        let n = 0;
        const url = r.route.url.replace(/:\w+/g, () => r.params[n++] ?? '');
        const search = new URLSearchParams(r.query).toString();
        const before = await counts();
        const response = await app.inject({
          method: r.route.method as 'GET' | 'POST',
          url: search ? `${url}?${search}` : url,
          headers: {
            'accept-language': r.language,
            ...(r.contentType ? { 'content-type': r.contentType } : {}),
          },
          ...(r.route.method === 'GET' ? {} : { payload: r.rawBody ?? JSON.stringify(r.body) }),
        });
        const key = `${r.route.method} ${r.route.url}`;
        seen.set(key, (seen.get(key) ?? new Set()).add(response.statusCode));
        const where = `${r.route.method} ${url}?${search} → ${response.statusCode}: ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        expect(response.body, where).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|\.ts:\d+:\d+/);
        if (response.statusCode >= 400) {
          if (response.headers['content-type']?.toString().startsWith('application/json')) {
            expect(response.json().error.code, where).toMatch(/^[A-Z][A-Z0-9_]+$/);
          }
          const after = await counts();
          for (const table of RECORDED_EVEN_WHEN_REFUSED[key] ?? []) {
            delete after[table];
            delete before[table];
          }
          expect(after, where).toEqual(before);
        }
      }),
      { numRuns: CASES },
    );
    // Every public route was reached, and the refusals were not all one kind.
    expect([...seen.keys()].length).toBe(routes.length);
  }, 600_000);
});
