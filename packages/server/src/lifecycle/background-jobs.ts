/** What the jobs need of a logger (pino's, in the server). */
export interface JobLogger {
  error(details: Record<string, unknown>, message: string): void;
}

export interface Job {
  readonly name: string;
  readonly intervalMs: number;
  /** One pass; it must be safe to run in every instance at once (claims use SKIP LOCKED). */
  readonly run: () => Promise<unknown>;
}

/**
 * Runs periodic jobs (the deadline sweep, the outbox) in this server instance. A pass never
 * overlaps the previous one; close() stops the timers and waits for the passes in flight, so a
 * shutdown does not cut a pass off in the middle of its transaction.
 */
export class BackgroundJobs {
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #running = new Set<Promise<unknown>>();
  #closed = false;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly logger: JobLogger,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      let busy = false;
      const tick = () => {
        if (busy || this.#closed) return;
        busy = true;
        const pass = job
          .run()
          .catch((error: unknown) => this.logger.error({ err: error, job: job.name }, 'background job failed'))
          .finally(() => {
            busy = false;
            this.#running.delete(pass);
          });
        this.#running.add(pass);
      };
      const timer = setInterval(tick, job.intervalMs);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    await Promise.allSettled([...this.#running]);
  }
}
