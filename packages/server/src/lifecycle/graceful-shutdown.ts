import type { FastifyBaseLogger } from 'fastify';

export interface Closable {
  close(): Promise<unknown>;
}

/** Where termination signals come from; `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface ShutdownOptions {
  readonly signals: SignalSource;
  readonly logger: FastifyBaseLogger;
  /** How long in-flight requests may take to finish before we give up on them. */
  readonly graceMs: number;
  /** Closed in order: the HTTP server first (it drains), then what it uses (the store). */
  readonly resources: readonly Closable[];
}

/**
 * Resolves with the exit code once the process may exit: 0 after an orderly drain on SIGTERM or
 * SIGINT, 1 when the grace period ran out or closing failed. On the signal the server stops
 * accepting connections, answers new requests on open connections with 503 SHUTTING_DOWN, and
 * lets in-flight requests finish.
 */
export function shutdownOnSignal(options: ShutdownOptions): Promise<number> {
  return new Promise((resolve) => {
    let started = false;
    const onSignal = (signal: NodeJS.Signals) => () => {
      if (started) return;
      started = true;
      options.logger.info({ signal, graceMs: options.graceMs }, 'shutting down: draining in-flight requests');
      const timer = setTimeout(() => {
        options.logger.error(
          { graceMs: options.graceMs },
          'shutdown grace period elapsed; exiting with requests unfinished',
        );
        resolve(1);
      }, options.graceMs);
      timer.unref();
      closeInOrder(options.resources).then(
        () => {
          clearTimeout(timer);
          options.logger.info('shutdown complete');
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(timer);
          options.logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    for (const signal of ['SIGTERM', 'SIGINT'] as const) options.signals.once(signal, onSignal(signal));
  });
}

async function closeInOrder(resources: readonly Closable[]): Promise<void> {
  for (const resource of resources) await resource.close();
}
