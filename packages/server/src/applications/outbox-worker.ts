import type { Temporal } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema, OutboxTable } from '../store/schema.js';

export interface OutboxMessage {
  readonly id: number;
  readonly applicationId: string;
  readonly sequence: number;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly attempts: number;
}

/** Carries out one kind of side effect; must be idempotent, since a message may be delivered again. */
export type OutboxHandler = (message: OutboxMessage, db: Kysely<DatabaseSchema>, now: Date) => Promise<void>;

/** How long a claim holds by default: longer than any handler runs, short enough to pick up after a crash. */
export const DEFAULT_LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Delivers outbox messages. A batch is claimed with FOR UPDATE SKIP LOCKED and leased (a minute
 * by default), so instances share the work without taking the same message; handlers run outside the
 * claiming transaction (they may call other systems), and a failure is retried with backoff.
 */
export class OutboxWorker {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly handlers: Readonly<Record<string, OutboxHandler>>,
    private readonly workerId: string,
    private readonly now: () => Temporal.Instant,
    /**
     * How long a claimed message is held before another worker may take it: what a message
     * claimed by a crashed instance waits. Must be longer than any handler takes, or a slow
     * delivery is taken and done again (handlers are idempotent, but it is work twice).
     */
    private readonly leaseMs: number = DEFAULT_LEASE_MS,
  ) {}

  async runOnce(limit = 50): Promise<{ delivered: number; failed: number; released: number }> {
    const claimedAt = this.now().epochMilliseconds;
    const claimed = await this.#claim(limit);
    let delivered = 0;
    let failed = 0;
    for (const [index, message] of claimed.entries()) {
      // A batch behind a slow outside system could outlive its lease, and another instance would
      // then take the rest and run it too: past half the lease, the messages not yet started are
      // handed back for whoever comes next.
      if (this.now().epochMilliseconds - claimedAt > this.leaseMs / 2) {
        const released = await this.#release(claimed.slice(index).map((m) => m.id));
        return { delivered, failed, released };
      }
      const handler = this.handlers[message.kind];
      try {
        if (!handler) throw new Error(`no handler for outbox messages of kind ${message.kind}`);
        await handler(message, this.db, this.#nowDate());
        await this.db
          .updateTable('outbox')
          .set({ done_at: this.#nowDate(), claimed_by: null, claimed_until: null })
          .where('id', '=', message.id)
          .where('claimed_by', '=', this.workerId)
          .execute();
        delivered++;
      } catch (error) {
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** message.attempts);
        await this.db
          .updateTable('outbox')
          .set({
            attempts: message.attempts + 1,
            available_at: new Date(this.now().epochMilliseconds + backoff),
            claimed_by: null,
            claimed_until: null,
            last_error: error instanceof Error ? error.message : String(error),
          })
          .where('id', '=', message.id)
          // Only while the lease is still ours: after it ran out another worker may hold the message.
          .where('claimed_by', '=', this.workerId)
          .where('done_at', 'is', null)
          .execute();
        failed++;
      }
    }
    return { delivered, failed, released: 0 };
  }

  /** Gives back claims not yet worked on, still ours, for the next pass of any worker. */
  async #release(ids: readonly number[]): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ claimed_by: null, claimed_until: null })
      .where('id', 'in', ids)
      .where('claimed_by', '=', this.workerId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Claims only kinds this worker can handle: the others wait for a worker that can. */
  async #claim(limit: number): Promise<OutboxMessage[]> {
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const now = this.#nowDate();
      const { rows } = await sql<{ id: number }>`
        SELECT id FROM outbox
        WHERE done_at IS NULL AND available_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
          AND kind IN (${sql.join(kinds)})
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`.execute(trx);
      if (rows.length === 0) return [];
      const claimed = await trx
        .updateTable('outbox')
        .set({ claimed_by: this.workerId, claimed_until: new Date(now.getTime() + this.leaseMs) })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .returning(['id', 'application_id', 'sequence', 'kind', 'payload', 'attempts'])
        .execute();
      return claimed
        .map((r) => ({
          id: r.id,
          applicationId: r.application_id,
          sequence: r.sequence,
          kind: r.kind,
          payload: r.payload as OutboxTable['payload']['__select__'],
          attempts: r.attempts,
        }))
        .sort((a, b) => a.id - b.id);
    });
  }

  #nowDate(): Date {
    return new Date(this.now().epochMilliseconds);
  }
}

/** Notifications are kept in the database, where the portal and the inboxes read them. */
export const notificationHandler: OutboxHandler = async (message, db, now) => {
  const payload = message.payload;
  await db
    .insertInto('notifications')
    .values({
      application_id: message.applicationId,
      recipient_kind: message.kind === 'notify_applicant' ? 'applicant' : 'role',
      recipient: String(payload.to),
      kind: String(payload.what),
      payload: JSON.stringify(payload),
      created_at: now,
      outbox_id: message.id,
    })
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .execute();
};
