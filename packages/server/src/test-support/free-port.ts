import { createServer } from 'node:net';

/**
 * A port nobody listens on at this moment, for a server process to be started on. Another process
 * could take it before that server listens; the tests that use it start their servers at once.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
