import { sendError } from './errors.js';
import type { ZodApp } from './zod-app.js';

/**
 * What the API does between SIGTERM and exit. Node's server.close() stops accepting connections
 * and closes the idle ones once; a keep-alive connection busy at that moment would otherwise stay
 * open until its keep-alive timeout and hold the shutdown up. So while draining: every answer says
 * `Connection: close`, connections are closed as soon as they fall idle, and a request that still
 * arrives on an open connection is refused with 503 SHUTTING_DOWN (the load balancer retries it
 * elsewhere) instead of starting work we would have to cut short.
 */
export function registerDraining(app: ZodApp): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (draining) return sendError(request, reply, 'SHUTTING_DOWN');
    return undefined;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (draining) setImmediate(() => app.server.closeIdleConnections());
  });
}
