import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { emptyCatalogue } from '../test-support/test-catalogue.js';
import { openTestStore } from '../test-support/test-store.js';
import { buildApp } from './app.js';
import type { ZodApp } from './zod-app.js';

describe('a NUL character anywhere in a request', () => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    app = await buildApp({
      store,
      catalogue: emptyCatalogue(),
      logLevel: 'silent',
      bodyLimitBytes: 4096,
      readinessTimeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('is refused as malformed before a route reads it — in the path, the query or the body', async () => {
    const answers = [
      await app.inject({ method: 'GET', url: '/api/v1/regulations/casino%00' }),
      await app.inject({ method: 'GET', url: '/api/v1/regulations?at=2026-01-01%00' }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/identifiers/check',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        payload: '{"value":"850101300015\\u0000"}',
      }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'nul_character' } });
    }
  });

  it('leaves every other request alone', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/identifiers/check',
      headers: { 'content-type': 'application/json' },
      payload: { value: '850101300015' },
    });
    expect(answer.statusCode).toBe(200);
  });
});
