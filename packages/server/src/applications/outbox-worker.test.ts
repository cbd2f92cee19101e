import { Temporal } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { type OutboxHandler, OutboxWorker } from './outbox-worker.js';

describe.each(TEST_DRIVERS)('outbox worker (%s)', (driver) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store.close());

  const row = (id: number) => store.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function enqueue(applicationId: string): Promise<number> {
    const at = new Date('2026-06-01T05:00:00Z');
    const inserted = await store.db
      .insertInto('outbox')
      .values({
        application_id: applicationId,
        sequence: 1,
        kind: 'test',
        payload: '{}',
        created_at: at,
        available_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }

  it('retries a failed delivery with backoff and delivers it later', async () => {
    const id = await enqueue('RETRY-1');
    let now = Temporal.Instant.from('2026-06-01T05:00:01Z');
    let fail = true;
    const handler: OutboxHandler = async () => {
      if (fail) throw new Error('mail server down');
    };
    const worker = new OutboxWorker(store.db, { test: handler }, 'w1', () => now);
    expect(await worker.runOnce()).toEqual({ delivered: 0, failed: 1, released: 0 });
    expect(await row(id)).toMatchObject({
      attempts: 1,
      claimed_by: null,
      last_error: 'mail server down',
      done_at: null,
    });
    expect(await worker.runOnce()).toEqual({ delivered: 0, failed: 0, released: 0 }); // backing off
    now = now.add({ seconds: 5 });
    fail = false;
    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, released: 0 });
  });

  it('a delivery failing after its lease ran out leaves the new holder’s claim alone', async () => {
    const id = await enqueue('LEASE-1');
    const now = Temporal.Instant.from('2026-06-01T05:00:01Z');
    const slowFailing: OutboxHandler = async () => {
      // Meanwhile the lease ran out and another worker claimed the message.
      await store.db
        .updateTable('outbox')
        .set({ claimed_by: 'w2', claimed_until: new Date('2026-06-01T06:00:00Z') })
        .where('id', '=', id)
        .execute();
      throw new Error('timed out');
    };
    await new OutboxWorker(store.db, { test: slowFailing }, 'w1', () => now).runOnce();
    expect(await row(id)).toMatchObject({ claimed_by: 'w2', attempts: 0, last_error: null });
  });

  it('past half its lease a batch hands back the messages it has not started, and another worker takes them', async () => {
    const ids = [await enqueue('HALF-1'), await enqueue('HALF-2'), await enqueue('HALF-3')];
    let now = Temporal.Instant.from('2026-06-01T05:00:01Z');
    const handled: number[] = [];
    // The first delivery hangs on an outside system for 40 s of a 60 s lease.
    const slow: OutboxHandler = async (message) => {
      handled.push(message.id);
      if (handled.length === 1) now = now.add({ seconds: 40 });
    };
    const first = new OutboxWorker(store.db, { test: slow }, 'w1', () => now, 60_000);
    expect(await first.runOnce()).toEqual({ delivered: 1, failed: 0, released: 2 });
    expect(await row(ids[1] as number)).toMatchObject({ claimed_by: null, claimed_until: null, done_at: null });
    const second = new OutboxWorker(store.db, { test: slow }, 'w2', () => now, 60_000);
    expect(await second.runOnce()).toEqual({ delivered: 2, failed: 0, released: 0 });
    expect(handled).toEqual(ids);
  });
});
