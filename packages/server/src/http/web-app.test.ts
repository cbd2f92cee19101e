import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { emptyCatalogue } from '../test-support/test-catalogue.js';
import { openTestStore } from '../test-support/test-store.js';
import { buildApp } from './app.js';
import { WEB_CONTENT_SECURITY_POLICY } from './web-app.js';
import type { ZodApp } from './zod-app.js';

const INDEX = '<!doctype html><html lang="kk"><div id="root"></div></html>';

describe('the web app served beside the API', () => {
  let store: Store;
  let app: ZodApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'notes.txt'), 'left in the build folder, not part of the app');
    writeFileSync(path.join(tmpdir(), 'ruqsat-web-outside.txt'), 'outside');
    store = await openTestStore('pglite');
    app = await buildApp({
      store,
      catalogue: emptyCatalogue(),
      logLevel: 'silent',
      bodyLimitBytes: 4096,
      readinessTimeoutMs: 2000,
      webDir: dir,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the app at its own addresses, with the security policy and no caching of the page', async () => {
    for (const url of [
      '/',
      '/services',
      '/office/applications/42?tab=history',
      '/registry/licences/KZ26-00000042-71',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('forbids inline scripts and outside origins in the policy', () => {
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(WEB_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(WEB_CONTENT_SECURITY_POLICY).not.toMatch(/https?:\/\//);
  });

  it('serves hashed assets for a year, and a missing asset as 404 rather than the page', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/index-old.js' })).statusCode).toBe(404);
    const zipped = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe('console.log(1)');
    expect((await app.inject({ method: 'GET', url: '/favicon.ico' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/notes.txt' })).statusCode).toBe(404);
  });

  it('never reads a path the request names: traversal gets the page or 404, not a file', async () => {
    for (const url of [
      '/../ruqsat-web-outside.txt',
      '/assets/../../ruqsat-web-outside.txt',
      '/%2e%2e/ruqsat-web-outside.txt',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body, url).not.toBe('outside');
      expect(response.statusCode === 404 || response.body === INDEX, url).toBe(true);
    }
  });

  it('leaves the API and the operations routes to themselves: an unknown API address is the JSON 404', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/verify/not-a-document' })).body).not.toBe(INDEX);
    expect((await app.inject({ method: 'GET', url: '/metrics/x' })).body).not.toBe(INDEX);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });
});
