import { randomUUID } from 'node:crypto';
import type { Temporal } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';
import type { ApplicationService } from './application-service.js';

const SYSTEM = { kind: 'system', userId: 'deadline-sweeper' } as const;

/**
 * Finds applications whose next deadline has passed and runs the engine's sweep on each. Any
 * number of server instances may run it at once: each application is claimed with FOR UPDATE SKIP
 * LOCKED and swept while the lock is held, so two instances never sweep the same one, and the
 * sweep marks a deadline only once in any case.
 */
export class DeadlineSweeper {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly service: ApplicationService,
    private readonly now: () => Temporal.Instant,
  ) {}

  /** Sweeps due applications, at most `limit`; returns how many were swept and how many changed. */
  async sweepOnce(limit = 100): Promise<{ swept: number; changed: number }> {
    let swept = 0;
    let changed = 0;
    for (; swept < limit; swept++) {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const now = new Date(this.now().epochMilliseconds);
        const { rows } = await sql<{ id: string; version: number }>`
          SELECT id, version FROM applications
          WHERE next_sweep_at IS NOT NULL AND next_sweep_at < ${now}
          ORDER BY next_sweep_at
          LIMIT 1
          FOR UPDATE SKIP LOCKED`.execute(trx);
        const row = rows[0];
        if (!row) return null;
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
      });
      if (outcome === null) break;
      if (outcome > 0) changed++;
    }
    return { swept, changed };
  }
}
