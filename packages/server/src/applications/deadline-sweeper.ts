import { randomUUID } from 'node:crypto';
import type { Temporal } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { JobLogger } from '../lifecycle/background-jobs.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { ApplicationService } from './application-service.js';

const SYSTEM = { kind: 'system', userId: 'deadline-sweeper' } as const;

/**
 * Finds applications whose next deadline has passed and runs the engine's sweep on each. Any
 * number of server instances may run it at once: each application is claimed with FOR UPDATE SKIP
 * LOCKED and swept while the lock is held, so two instances never sweep the same one, and the
 * sweep marks a deadline only once in any case.
 *
 * One application that cannot be swept (its regulation version no longer loaded, a bug) must not
 * stop the others: it is logged and set aside for `retryAfterMs`, and the pass goes on.
 */
export class DeadlineSweeper {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly service: ApplicationService,
    private readonly now: () => Temporal.Instant,
    private readonly options: { readonly logger?: JobLogger; readonly retryAfterMs?: number } = {},
  ) {}

  /** Sweeps due applications, at most `limit`; returns how many were swept, changed and set aside. */
  async sweepOnce(limit = 100): Promise<{ swept: number; changed: number; failed: number }> {
    let swept = 0;
    let changed = 0;
    let failed = 0;
    for (; swept < limit; swept++) {
      let claimed: { id: string; version: number } | undefined;
      const outcome = await this.db
        .transaction()
        .execute(async (trx) => {
          const now = new Date(this.now().epochMilliseconds);
          const { rows } = await sql<{ id: string; version: number }>`
          SELECT id, version FROM applications
          WHERE next_sweep_at IS NOT NULL AND next_sweep_at < ${now}
          ORDER BY next_sweep_at
          LIMIT 1
          FOR UPDATE SKIP LOCKED`.execute(trx);
          const row = rows[0];
          if (!row) return null;
          claimed = row;
          const result = await this.service.executeIn(trx, {
            applicationId: row.id,
            transactionId: `sweep:${row.id}:${row.version}:${randomUUID()}`,
            expectedVersion: row.version,
            command: { type: 'sweep' },
            actor: SYSTEM,
          });
          // next_sweep_at is the earliest deadline not yet marked, so a sweep past it always marks one;
          // if it did not, this row would be picked again forever.
          if (result.events.length === 0) throw new Error(`sweep of ${row.id} found nothing due at its next_sweep_at`);
          return result.events.length;
        })
        .catch(async (error: unknown) => {
          if (!claimed) throw error; // the database itself failed: the job's runner logs it
          failed++;
          await this.#setAside(claimed, error);
          return 0;
        });
      if (outcome === null) break;
      if (outcome > 0) changed++;
    }
    return { swept, changed, failed };
  }

  async #setAside(row: { id: string; version: number }, error: unknown): Promise<void> {
    const retryAt = new Date(this.now().epochMilliseconds + (this.options.retryAfterMs ?? 15 * 60_000));
    this.options.logger?.error(
      { err: error, applicationId: row.id, retryAt: retryAt.toISOString() },
      'deadline sweep failed for an application; set aside',
    );
    // Only if nobody changed it meanwhile: a command that moved it on has set its own next sweep.
    await this.db
      .updateTable('applications')
      .set({ next_sweep_at: retryAt })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .execute();
  }
}
