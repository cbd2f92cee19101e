import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { isUpToDate, migrationStatus } from '../../store/migrations.js';
import type { Store } from '../../store/store.js';
import { sendError } from '../errors.js';
import { METRICS_CONTENT_TYPE } from '../metrics.js';
import type { ZodApp } from '../zod-app.js';

export interface OperationsDependencies {
  readonly store: Store;
  readonly metrics: Registry;
  readonly readinessTimeoutMs: number;
}

const Liveness = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.literal('ready'),
  database: z.enum(['postgres', 'pglite']),
  migrations: z.object({ applied: z.number().int() }),
});

/** Probes for orchestrators and the scrape endpoint for Prometheus. */
export function registerOperationsRoutes(app: ZodApp, deps: OperationsDependencies): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up and answering.',
        response: { 200: Liveness },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and every migration of this build is applied.',
        response: { 200: Readiness },
      },
    },
    async (request, reply) => {
      const probe = await withTimeout(probeDatabase(deps.store), deps.readinessTimeoutMs);
      if (probe === 'timeout' || probe instanceof Error) {
        request.log.warn({ err: probe instanceof Error ? probe : undefined }, 'readiness: database unreachable');
        return sendError(request, reply, 'NOT_READY', { database: 'unreachable' });
      }
      if (!isUpToDate(probe)) {
        const { pending, unknown, drifted } = probe;
        return sendError(request, reply, 'NOT_READY', { database: 'reachable', pending, unknown, drifted });
      }
      return {
        status: 'ready' as const,
        database: deps.store.driver.kind,
        migrations: { applied: probe.applied.length },
      };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics in the text exposition format.' } },
    async (_request, reply) => reply.type(METRICS_CONTENT_TYPE).send(await deps.metrics.metrics()),
  );
}

async function probeDatabase(store: Store) {
  try {
    await sql`SELECT 1`.execute(store.db);
    return await migrationStatus(store.driver, store.migrations);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
