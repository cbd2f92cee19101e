import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { emptyCatalogue } from '../test-support/test-catalogue.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { buildApp } from './app.js';
import type { ZodApp } from './zod-app.js';

const options = {
  logLevel: 'silent',
  bodyLimitBytes: 4096,
  readinessTimeoutMs: 2000,
  catalogue: emptyCatalogue(),
} as const;
const json = { 'content-type': 'application/json' };

describe.each(TEST_DRIVERS)('API on %s', (kind) => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore(kind);
    app = await buildApp({ store, ...options });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('GET /healthz answers while the process is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database answers and is migrated', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      database: kind,
      migrations: { applied: store.migrations.length },
    });
  });

  it('echoes a plain X-Request-Id and replaces an unsafe one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-42' } });
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b\u0000c' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API contract', () => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    app = await buildApp({ store, ...options });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('POST /api/v1/identifiers/check', () => {
    it('decodes a valid BIN', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/identifiers/check',
        headers: json,
        payload: { value: '940740000911' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ valid: true, kind: 'BIN', registered: '1994-07' });
    });

    it('explains an invalid number in the asked language', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/identifiers/check',
        headers: { ...json, 'accept-language': 'ru-RU,ru;q=0.9' },
        payload: { value: '940740000912' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe('ru');
      expect(response.json()).toEqual({
        value: '940740000912',
        valid: false,
        kind: 'BIN',
        reason: 'IDENTIFIER_CONTROL_DIGIT_MISMATCH',
        message: 'Контрольная цифра не совпадает: проверьте номер на опечатку.',
      });
    });
  });

  describe('bad input gets the error envelope with a stable code, never a stack trace', () => {
    const cases = [
      { name: 'malformed JSON', status: 400, code: 'MALFORMED_JSON', request: { headers: json, payload: '{"value":' } },
      { name: 'empty JSON body', status: 400, code: 'EMPTY_BODY', request: { headers: json, payload: '' } },
      {
        name: 'wrong field type',
        status: 400,
        code: 'VALIDATION_FAILED',
        request: { headers: json, payload: { value: 5 } },
      },
      { name: 'missing field', status: 400, code: 'VALIDATION_FAILED', request: { headers: json, payload: {} } },
      {
        name: 'JSON that is not an object',
        status: 400,
        code: 'VALIDATION_FAILED',
        request: { headers: json, payload: '[1]' },
      },
      {
        name: 'text/plain body',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        request: { headers: { 'content-type': 'text/plain' }, payload: 'x' },
      },
      {
        name: 'form body',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        request: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'value=1' },
      },
      {
        name: 'oversize body',
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        request: { headers: json, payload: JSON.stringify({ value: 'x'.repeat(5000) }) },
      },
    ] as const;

    it.each(cases)('$name → $status $code', async ({ status, code, request }) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/identifiers/check', ...request });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = response.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(/[әғқңөұүһі]/i); // Kazakh by default
      expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    });

    it('names the offending field', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/identifiers/check',
        headers: { ...json, 'accept-language': 'en' },
        payload: { value: 5 },
      });
      expect(response.json().error).toMatchObject({
        message: 'The request has invalid fields. See details.',
        details: { in: 'body', issues: [{ path: '/value', rule: 'invalid_type' }] },
      });
    });

    it('unknown route → 404 ROUTE_NOT_FOUND without the query string', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/nothing?iin=900517300012',
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: {
          code: 'ROUTE_NOT_FOUND',
          message: 'There is no such address in the API.',
          details: { method: 'GET', path: '/api/v1/nothing' },
        },
      });
    });

    it('unknown method on a known path → 404 ROUTE_NOT_FOUND', async () => {
      const response = await app.inject({ method: 'DELETE', url: '/healthz' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/api/v1/identifiers/check']),
    );
    const check = document.paths['/api/v1/identifiers/check'].post;
    expect(check.requestBody.content['application/json'].schema).toMatchObject({ required: ['value'] });
    expect(Object.keys(check.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
  });

  it('serves the browsable reference from its own files', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/);
    const script = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(script.statusCode).toBe(200);
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/ruqsat_http_request_duration_seconds_count\{.*route="\/healthz".*\} [1-9]/);
    expect(response.body).toContain('ruqsat_process_resident_memory_bytes');
    expect(response.body).not.toContain('900517300012');
  });
});

describe('readiness failures', () => {
  it('answers 503 NOT_READY with the pending migrations when the schema is behind', async () => {
    const store = await openTestStore('pglite', { migrated: false });
    const app = await buildApp({ store, ...options });
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz', headers: { 'accept-language': 'en' } });
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toMatchObject({
        code: 'NOT_READY',
        details: { database: 'reachable', pending: store.migrations.map((m) => m.version), unknown: [], drifted: [] },
      });
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('answers 503 NOT_READY when the database cannot be reached', async () => {
    const unreachable = await openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: 'memory' });
    const app = await buildApp({ store: unreachable, ...options });
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toMatchObject({ code: 'NOT_READY', details: { database: 'unreachable' } });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it('answers within the readiness timeout when the database hangs', async () => {
    const store = await openTestStore('pglite');
    const hanging = { ...store, driver: { ...store.driver, acquire: () => new Promise<never>(() => {}) } };
    const app = await buildApp({ store: hanging, ...options, readinessTimeoutMs: 200 });
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.details).toEqual({ database: 'unreachable' });
    } finally {
      await app.close();
      await store.close();
    }
  });
});
