import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ZodApp } from './zod-app.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Prometheus metrics: the process's own (memory, event-loop lag, GC) and one histogram of request
 * durations. Labels use the route pattern, never the raw URL, so an identifier in a path cannot
 * become a label (no personal data in metrics, no unbounded series).
 */
export function registerMetrics(app: ZodApp): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'ruqsat-server' });
  collectDefaultMetrics({ register: registry, prefix: 'ruqsat_' });
  const durations = new Histogram({
    name: 'ruqsat_http_request_duration_seconds',
    help: 'Time from request received to response sent, by route pattern and status.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    durations.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  return registry;
}
