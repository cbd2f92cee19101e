import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../regulations/catalogue.js';
import type { Store } from '../../store/store.js';
import { openTestStore } from '../../test-support/test-store.js';
import { buildApp } from '../app.js';
import type { ZodApp } from '../zod-app.js';

describe('regulation API', () => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    app = await buildApp({
      store,
      catalogue: await loadCatalogue(),
      logLevel: 'silent',
      bodyLimitBytes: 4096,
      readinessTimeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists the versions in force on a date', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/regulations?at=2016-01-01' });
    expect(response.statusCode).toBe(200);
    const ids = response.json().map((r: { id: string }) => r.id);
    expect(ids).toContain('casino@2015-mcs-181');
    expect(ids).not.toContain('casino@2012-asa-294');
  });

  it('refuses a date that is not a date', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/regulations?at=soon' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('returns one regulation in full', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/regulations/casino@2015-mcs-181' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: 'casino@2015-mcs-181', authority: { routing: 'central' } });
  });

  it('answers 404 REGULATION_NOT_FOUND in the asked language', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/regulations/casino@1999',
      headers: { 'accept-language': 'ru' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({
      code: 'REGULATION_NOT_FOUND',
      message: 'Такой версии регламента нет.',
      details: { id: 'casino@1999' },
    });
  });

  it('serves the BPMN of a request kind, and 404 for a kind not offered', async () => {
    const bpmn = await app.inject({
      method: 'GET',
      url: '/api/v1/regulations/casino@2015-mcs-181/bpmn?kind=duplicate',
    });
    expect(bpmn.statusCode).toBe(200);
    expect(bpmn.headers['content-type']).toMatch(/^application\/xml/);
    expect(bpmn.body).toContain('<bpmn:laneSet');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/regulations/casino@2015-mcs-181/bpmn?kind=reissue_reorganisation',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({
      code: 'REQUEST_KIND_NOT_OFFERED',
      details: { offered: ['issue', 'reissue', 'duplicate'] },
    });
  });
});
