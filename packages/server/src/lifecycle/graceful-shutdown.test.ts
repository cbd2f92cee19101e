import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import type { PooledConnection } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { emptyCatalogue } from '../test-support/test-catalogue.js';
import { openTestStore } from '../test-support/test-store.js';
import { shutdownOnSignal } from './graceful-shutdown.js';

/** A store whose connections take `delayMs` to hand out, so a /readyz request stays in flight. */
function slowed(store: Store, delayMs: number): Store {
  return {
    ...store,
    driver: {
      ...store.driver,
      acquire: async (): Promise<PooledConnection> => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return store.driver.acquire();
      },
    },
  };
}

function get(port: number, path: string): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown on SIGTERM', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close().catch(() => {});
  });

  it('lets the in-flight request finish, refuses new connections, closes the store, resolves 0', async () => {
    store = await openTestStore('pglite');
    const closed: string[] = [];
    const app = await buildApp({
      store: slowed(store, 400),
      logLevel: 'silent',
      catalogue: emptyCatalogue(),
      bodyLimitBytes: 1024,
      readinessTimeoutMs: 5000,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const signals = new EventEmitter();
    const trackedStore = { close: async () => void closed.push('store') };
    const trackedApp = {
      close: async () => {
        await app.close();
        closed.push('app');
      },
    };
    const exitCode = shutdownOnSignal({
      signals,
      logger: app.log,
      graceMs: 5000,
      resources: [trackedApp, trackedStore],
    });

    const inFlight = get(port, '/readyz');
    await new Promise((resolve) => setTimeout(resolve, 100));
    signals.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(get(port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body)).toMatchObject({ status: 'ready' });
    expect(await exitCode).toBe(0);
    expect(closed).toEqual(['app', 'store']);
  });

  it('closes a busy keep-alive connection once its answer is sent and serves nothing more on it', async () => {
    store = await openTestStore('pglite');
    const app = await buildApp({
      store: slowed(store, 300),
      logLevel: 'silent',
      catalogue: emptyCatalogue(),
      bodyLimitBytes: 1024,
      readinessTimeoutMs: 5000,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n');
    await socketClosed;
    await closing;
    // Without closing idle connections the server would wait out the 72 s keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(2_000);
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[0]).toMatch(/\r\nConnection: close\r\n/i);
    // The request that arrived during the drain was not served (refused or dropped with the socket).
    expect(received).not.toContain('"status":"ok"');
  });

  it('resolves 1 when the grace period runs out', async () => {
    const signals = new EventEmitter();
    const never = { close: () => new Promise<void>(() => {}) };
    const logger = { info: () => {}, error: () => {} } as unknown as Parameters<typeof shutdownOnSignal>[0]['logger'];
    const exitCode = shutdownOnSignal({ signals, logger, graceMs: 50, resources: [never] });
    signals.emit('SIGINT');
    expect(await exitCode).toBe(1);
  });

  it('resolves 1 when closing fails', async () => {
    const signals = new EventEmitter();
    const failing = { close: async () => Promise.reject(new Error('disk gone')) };
    const logger = { info: () => {}, error: () => {} } as unknown as Parameters<typeof shutdownOnSignal>[0]['logger'];
    const exitCode = shutdownOnSignal({ signals, logger, graceMs: 1000, resources: [failing] });
    signals.emit('SIGTERM');
    expect(await exitCode).toBe(1);
  });
});
