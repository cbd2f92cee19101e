import { type Regulation, Temporal } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { DeadlineSweeper } from '../applications/deadline-sweeper.js';
import { verifyApplicationChains } from '../applications/event-log.js';
import { notificationHandler, type OutboxHandler, OutboxWorker } from '../applications/outbox-worker.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import { IN_MEMORY, openMigratedStore, type Store } from '../store/store.js';
import { TEST_BIN } from '../test-support/engine-driver.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from './support/throwaway-database.js';

const ADMIN_URL = process.env.DATABASE_URL;
const APPLICATIONS = 40;
const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
/** Wednesday 1 April 2026, 10:00 in Almaty: the centre's register step («1 күн») is due Thursday 18:30. */
const RECEIVED = Temporal.Instant.from('2026-04-01T05:00:00Z');
/** Friday 09:00: every one of them is overdue. */
const LATER = Temporal.Instant.from('2026-04-03T04:00:00Z');

/**
 * What two server instances do at once to one PostgreSQL, each with a connection pool of its
 * own: the deadline sweeper and the outbox worker of each claim with FOR UPDATE SKIP LOCKED (and
 * the outbox with a lease), so that of many items due at once each is done by exactly one.
 * PGlite has one connection and nothing to contend for, hence PostgreSQL only.
 */
describe.skipIf(!ADMIN_URL)('claims of two instances under contention (PostgreSQL only: needs DATABASE_URL)', () => {
  let database: ThrowawayDatabase;
  let one: Store;
  let two: Store;
  let now = RECEIVED;

  beforeAll(async () => {
    database = await createThrowawayDatabase(ADMIN_URL as string);
    one = await openMigratedStore({ databaseUrl: database.url, dataDir: IN_MEMORY });
    two = await openMigratedStore({ databaseUrl: database.url, dataDir: IN_MEMORY });
    const service = new ApplicationService(one.db, catalogue, legalTime, () => now);
    for (let i = 0; i < APPLICATIONS; i++) {
      const id = `CONTENDED-${String(i).padStart(3, '0')}`;
      await service.execute({
        applicationId: id,
        transactionId: `${id}:submit`,
        regulationId: casino.id,
        command: {
          type: 'submit',
          requestKind: 'duplicate',
          channel: 'service_centre',
          applicant: { kind: 'legal_entity', id: TEST_BIN },
        },
        actor: { kind: 'staff', userId: 'operator', authorityId: 'con-almaty', roles: ['service_centre_operator'] },
      });
    }
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('sweeps each overdue application once, however the two sweepers interleave', async () => {
    now = LATER;
    const sweepers = [one, two].map(
      (store) =>
        new DeadlineSweeper(store.db, new ApplicationService(store.db, catalogue, legalTime, () => now), () => now),
    );
    // Small passes, both at once, until neither finds anything due.
    const passes = await Promise.all(
      sweepers.map(async (sweeper) => {
        let changed = 0;
        for (;;) {
          const pass = await sweeper.sweepOnce(3);
          changed += pass.changed;
          expect(pass.failed).toBe(0);
          if (pass.swept === 0) return changed;
        }
      }),
    );
    expect(passes.reduce((a, b) => a + b, 0)).toBe(APPLICATIONS);
    const marks = await one.db
      .selectFrom('application_events')
      .select(['application_id', 'type'])
      .where('type', 'in', ['step_overdue', 'escalated'])
      .execute();
    const perApplication = new Map<string, string[]>();
    for (const mark of marks)
      perApplication.set(mark.application_id, [...(perApplication.get(mark.application_id) ?? []), mark.type]);
    expect(perApplication.size).toBe(APPLICATIONS);
    for (const types of perApplication.values()) expect(types.sort()).toEqual(['escalated', 'step_overdue']);
    expect(await verifyApplicationChains(one.db)).toMatchObject({ intact: true, applications: APPLICATIONS });
  });

  it('delivers each outbox message once while the two workers claim side by side', async () => {
    const effects = new Map<number, string[]>();
    let releaseFirst: () => void = () => undefined;
    const secondHasDelivered = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const counting =
      (worker: string, holdFirst: boolean): OutboxHandler =>
      async (message, db, at) => {
        // The first worker holds its first claim until the second has delivered something, so that
        // the second claims while the first's batch is taken: the two must not meet on a message.
        if (holdFirst && effects.size === 0) await secondHasDelivered;
        effects.set(message.id, [...(effects.get(message.id) ?? []), worker]);
        await notificationHandler(message, db, at);
        if (!holdFirst) releaseFirst();
      };
    const handlers = (worker: string, holdFirst: boolean) => ({
      notify_applicant: counting(worker, holdFirst),
      notify_role: counting(worker, holdFirst),
    });
    const workers = [
      new OutboxWorker(one.db, handlers('one', true), 'instance-one', () => now),
      new OutboxWorker(two.db, handlers('two', false), 'instance-two', () => now),
    ];
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          const pass = await worker.runOnce(4);
          expect(pass.failed).toBe(0);
          if (pass.delivered === 0) return;
        }
      }),
    );
    const expected = await one.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', 'in', ['notify_applicant', 'notify_role'])
      .execute();
    expect(expected.length).toBeGreaterThanOrEqual(APPLICATIONS * 2);
    expect([...effects.keys()].sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
    expect([...effects.values()].filter((by) => by.length !== 1)).toEqual([]);
    const byWorker = [...effects.values()].flat();
    expect(byWorker).toContain('one');
    expect(byWorker).toContain('two');
    const pending = await one.db
      .selectFrom('outbox')
      .select('id')
      .where('done_at', 'is', null)
      .where('kind', 'in', ['notify_applicant', 'notify_role'])
      .execute();
    expect(pending).toEqual([]);
  });
});
