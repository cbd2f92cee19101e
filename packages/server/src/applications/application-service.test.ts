import {
  type Actor,
  type ApplicationState,
  type Regulation,
  type RegulationCatalogue,
  RuqsatError,
  Temporal,
} from '@ruqsat/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LegalTime, loadLegalTime } from '../calendar/legal-time.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import {
  actorFor,
  driveToEnd,
  type Goal,
  submissionInstant,
  TEST_BIN,
  TEST_IIN,
} from '../test-support/engine-driver.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { ApplicationService } from './application-service.js';
import { DeadlineSweeper } from './deadline-sweeper.js';
import { verifyApplicationChains } from './event-log.js';
import { notificationHandler, OutboxWorker } from './outbox-worker.js';

const catalogue: RegulationCatalogue = await loadCatalogue();
const legalTime: LegalTime = await loadLegalTime();

/** Every request kind of every regulation version of the seeds, granted and refused. */
const PATHS = catalogue
  .list()
  .flatMap((regulation) =>
    regulation.requestKinds.flatMap((spec) =>
      (['grant', 'refuse'] as Goal[]).map((goal) => ({ id: regulation.id, kind: spec.kind, goal })),
    ),
  );

function applicantOf(regulation: Regulation) {
  const kind = regulation.applicantKinds[0] ?? 'legal_entity';
  const id = kind === 'legal_entity' ? TEST_BIN : TEST_IIN;
  const actor: Actor = { kind: 'applicant', userId: `applicant:${id}`, subjectId: id };
  return { applicant: { kind, id }, actor };
}

describe.each(TEST_DRIVERS)('applications on %s', (driverKind) => {
  let store: Store;
  let now: Temporal.Instant;
  let service: ApplicationService;
  beforeAll(async () => {
    store = await openTestStore(driverKind);
    now = Temporal.Instant.from('2026-03-02T05:00:00Z');
    service = new ApplicationService(store.db, catalogue, legalTime, () => now);
  });
  afterAll(async () => store.close());

  /** Submits on the regulation's first channel, or at a service centre (where registration is a step of its own). */
  async function submit(
    regulation: Regulation,
    kind: string,
    applicationId: string,
    at: Temporal.Instant,
    atCentre = false,
  ) {
    now = at;
    const { applicant, actor } = applicantOf(regulation);
    const operator = regulation.roles.find((r) => r.kind === 'service_centre')?.id ?? 'service_centre_operator';
    return service.execute({
      applicationId,
      transactionId: `${applicationId}:submit`,
      regulationId: regulation.id,
      command: {
        type: 'submit',
        requestKind: kind as never,
        channel: atCentre ? 'service_centre' : (regulation.channels[0] ?? 'portal'),
        applicant,
      },
      actor: atCentre ? { kind: 'staff', userId: 'operator', authorityId: 'con-almaty', roles: [operator] } : actor,
    });
  }

  it.each(PATHS)('$id $kind: $goal, with due instants from the calendar', async ({ id, kind, goal }) => {
    const regulation = catalogue.get(id) as Regulation;
    const clock = legalTime.clockFor(regulation.authority.id);
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    const applicationId = `${id}:${kind}:${goal}`;
    const received = submissionInstant(regulation, (d) => legalTime.calendar.isWorkingDay(d));
    const submitted = await submit(regulation, kind, applicationId, received);
    const registration = clock.registrationDate(received);
    expect(submitted.state.registrationDate).toBe(registration.toString());
    expect(submitted.state.termDue).toBe(
      clock.overallDue(registration, spec?.term ?? { value: 0, unit: 'minutes' }).toString(),
    );

    const process = regulation.processes.find((p) => p.id === submitted.state.processId);
    const openedDue = new Map<string, string>();
    const checkOpened = (events: readonly { type: string }[], at: Temporal.Instant) => {
      for (const event of events) {
        if (event.type !== 'step_opened') continue;
        const opened = event as unknown as { stepId: string; due: string; termOf: string };
        const step = process?.steps.find((s) => s.id === opened.stepId);
        const budget = openedDue.get(opened.termOf);
        if (budget !== undefined)
          expect(opened.due).toBe(budget); // a shared or resumed term
        else if (step?.duration) expect(opened.due).toBe(clock.due(at, step.duration).toString());
        openedDue.set(opened.termOf, opened.due);
        const due = Temporal.Instant.from(opened.due);
        if (step?.duration?.unit === 'working_days') {
          expect(legalTime.calendar.isWorkingDay(clock.localDate(due))).toBe(true);
          expect(clock.format(due).slice(11, 16)).toBe('18:30');
        }
      }
    };
    checkOpened(submitted.events, received);
    const end = await driveToEnd({
      service,
      regulation,
      applicationId,
      goal,
      tick: () => {
        now = now.add({ minutes: 20 });
        return now;
      },
      onEvents: checkOpened,
    });
    expect(end.state.status).toBe('completed');
    if (goal === 'refuse') expect(end.state.result).toBe('motivated_refusal');
    else expect(end.state.result).not.toBe('motivated_refusal');
    expect(spec?.results).toContain(end.state.result);
  });

  it('keeps every event chain intact and the read model at the head of its log', async () => {
    const verification = await verifyApplicationChains(store.db);
    expect(verification).toMatchObject({ intact: true, applications: PATHS.length });
  });

  describe('bad input', () => {
    const casino = () => catalogue.get('casino@2015-mcs-181') as Regulation;
    const executor = () => actorFor(casino(), 'responsible_executor');
    let state: ApplicationState;
    beforeAll(async () => {
      state = (await submit(casino(), 'issue', 'BAD-1', Temporal.Instant.from('2026-03-02T05:00:00Z'), true)).state;
    });

    async function counts() {
      const events = await sql<{
        n: number;
      }>`SELECT count(*)::int8 AS n FROM application_events WHERE application_id = 'BAD-1'`.execute(store.db);
      const outbox = await sql<{
        n: number;
      }>`SELECT count(*)::int8 AS n FROM outbox WHERE application_id = 'BAD-1'`.execute(store.db);
      const row = await store.db
        .selectFrom('applications')
        .select('version')
        .where('id', '=', 'BAD-1')
        .executeTakeFirst();
      return { events: events.rows[0]?.n, outbox: outbox.rows[0]?.n, version: row?.version };
    }

    it('refuses a command out of step, by the wrong role or on a stale version, writing nothing', async () => {
      const before = await counts();
      const attempt = (input: Partial<Parameters<ApplicationService['execute']>[0]>) =>
        service
          .execute({
            applicationId: 'BAD-1',
            transactionId: `bad:${Math.random()}`,
            command: { type: 'complete', stepId: 'register', outcome: 'registered' },
            actor: executor(),
            ...input,
          })
          .then(
            () => 'accepted',
            (e: unknown) => (e instanceof RuqsatError ? e.code : String(e)),
          );
      expect(await attempt({ command: { type: 'complete', stepId: 'sign_decision', outcome: 'signed' } })).toBe(
        'STEP_NOT_OPEN',
      );
      expect(await attempt({ actor: actorFor(casino(), 'leadership') })).toBe('ROLE_NOT_ALLOWED');
      expect(await attempt({ expectedVersion: state.version - 1 })).toBe('STALE_VERSION');
      expect(await attempt({ applicationId: 'NO-SUCH' })).toBe('APPLICATION_NOT_FOUND');
      expect(await counts()).toEqual(before);
    });

    it('answers a repeated transaction id with the first answer, and refuses it for another command', async () => {
      const input = {
        applicationId: 'BAD-1',
        transactionId: 'tx-assign-1',
        command: { type: 'assign', stepId: 'register', assignee: 'staff:responsible_executor' } as const,
        actor: actorFor(casino(), 'head_of_department'),
      };
      const first = await service.execute(input);
      const again = await service.execute(input);
      expect(again.replayed).toBe(true);
      expect(again.events).toEqual(first.events);
      expect(again.state.version).toBe(first.state.version);
      expect((await counts()).version).toBe(first.state.version);
      await expect(
        service.execute({ ...input, command: { ...input.command, assignee: 'someone-else' } }),
      ).rejects.toMatchObject({
        code: 'TRANSACTION_ID_REUSED',
      });
    });

    it('lets only one of two concurrent writers on one application succeed', async () => {
      const current = await service.get('BAD-1');
      const write = (n: number) =>
        service
          .execute({
            applicationId: 'BAD-1',
            transactionId: `race-${n}`,
            expectedVersion: current?.version,
            command: { type: 'complete', stepId: 'register', outcome: 'registered' },
            actor: executor(),
          })
          .then(
            () => 'ok',
            (e: unknown) => (e instanceof RuqsatError ? e.code : String(e)),
          );
      const results = await Promise.all([write(1), write(2), write(3)]);
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r !== 'ok').every((r) => r === 'STALE_VERSION')).toBe(true);
      const after = await service.get('BAD-1');
      expect(after?.version).toBe((current?.version ?? 0) + 2); // step_completed + step_opened
      expect(after?.workItem?.stepId).toBe('check_completeness');
    });

    it('answers retries of one command racing each other with the one answer, written once', async () => {
      const current = await service.get('BAD-1');
      const input = {
        applicationId: 'BAD-1',
        transactionId: 'retry-race',
        expectedVersion: current?.version,
        command: { type: 'complete', stepId: 'check_completeness', outcome: 'complete' } as const,
        actor: executor(),
      };
      const results = await Promise.all([1, 2, 3].map(() => service.execute(input)));
      expect(new Set(results.map((r) => r.state.version)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const after = await service.get('BAD-1');
      expect(after?.version).toBe(results[0]?.state.version);
      expect(after?.completedSteps.filter((c) => c.stepId === 'check_completeness')).toHaveLength(1);
    });
  });

  describe('deadlines', () => {
    it('sets aside an application it cannot sweep and sweeps the others', async () => {
      const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
      await submit(casino, 'duplicate', 'ORPHAN-1', Temporal.Instant.from('2026-05-04T05:00:00Z'));
      await submit(casino, 'duplicate', 'FINE-1', Temporal.Instant.from('2026-05-04T05:00:01Z'));
      // ORPHAN-1 names a regulation version this server no longer has: its sweep can only fail.
      await sql`UPDATE applications SET state = jsonb_set(state, '{regulationId}', '"casino@gone"')
                WHERE id = 'ORPHAN-1'`.execute(store.db);
      const logged: Record<string, unknown>[] = [];
      const logger = { error: (details: Record<string, unknown>) => void logged.push(details) };
      now = Temporal.Instant.from('2026-05-07T04:00:00Z');
      const pass = await new DeadlineSweeper(store.db, service, () => now, {
        logger,
        retryAfterMs: 600_000,
      }).sweepOnce();
      expect(pass.failed).toBe(1);
      expect((await service.get('FINE-1'))?.workItem?.overdue).toBe(true);
      expect(logged).toMatchObject([{ applicationId: 'ORPHAN-1' }]);
      const orphan = await store.db
        .selectFrom('applications')
        .select('next_sweep_at')
        .where('id', '=', 'ORPHAN-1')
        .executeTakeFirstOrThrow();
      expect(orphan.next_sweep_at?.getTime()).toBe(now.epochMilliseconds + 600_000);
      // Set aside, it is not tried again until then.
      const again = await new DeadlineSweeper(store.db, service, () => now, { logger }).sweepOnce();
      expect(again.failed).toBe(0);
      // Deliver what these two queued, and put the read model back as the events say it is, so the
      // outbox and audit tests that follow see only their own.
      const handlers = { notify_role: notificationHandler, notify_applicant: notificationHandler };
      await new OutboxWorker(store.db, handlers, 'w-orphan', () => now).runOnce(1000);
      await sql`UPDATE applications SET state = jsonb_set(state, '{regulationId}', '"casino@2015-mcs-181"')
                WHERE id = 'ORPHAN-1'`.execute(store.db);
    });

    it('sweeps an overdue step once, escalates it, and the outbox delivers the notification', async () => {
      const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
      await submit(casino, 'duplicate', 'LATE-1', Temporal.Instant.from('2026-04-01T05:00:00Z'), true);
      const sweeper = new DeadlineSweeper(store.db, service, () => now);
      const escalations = () =>
        store.db
          .selectFrom('application_events')
          .select('type')
          .where('application_id', '=', 'LATE-1')
          .where('type', 'in', ['step_overdue', 'escalated'])
          .execute();
      // Received Wednesday 1 April 2026 at 10:00; the register step («1 күн») is due Thursday 18:30.
      now = Temporal.Instant.from('2026-04-02T13:00:00Z'); // Thursday 18:00 local
      await sweeper.sweepOnce();
      expect(await escalations()).toEqual([]);
      now = Temporal.Instant.from('2026-04-03T04:00:00Z'); // Friday 09:00
      // Two instances sweep at once; the step is marked overdue and escalated exactly once.
      await Promise.all([sweeper.sweepOnce(), new DeadlineSweeper(store.db, service, () => now).sweepOnce()]);
      expect((await service.get('LATE-1'))?.workItem?.overdue).toBe(true);
      expect((await escalations()).map((e) => e.type).sort()).toEqual(['escalated', 'step_overdue']);
      expect(await new DeadlineSweeper(store.db, service, () => now).sweepOnce()).toMatchObject({ swept: 0 });

      const worker = new OutboxWorker(
        store.db,
        { notify_role: notificationHandler, notify_applicant: notificationHandler },
        'w1',
        () => now,
      );
      const other = new OutboxWorker(
        store.db,
        { notify_role: notificationHandler, notify_applicant: notificationHandler },
        'w2',
        () => now,
      );
      await Promise.all([worker.runOnce(1000), other.runOnce(1000)]);
      const notes = await store.db
        .selectFrom('notifications')
        .selectAll()
        .where('application_id', '=', 'LATE-1')
        .where('kind', '=', 'step_overdue')
        .execute();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ recipient_kind: 'role', recipient: 'leadership' });
      const undelivered = await store.db
        .selectFrom('outbox')
        .select('kind')
        .where('done_at', 'is', null)
        .where('kind', 'in', ['notify_role', 'notify_applicant'])
        .execute();
      expect(undelivered).toEqual([]);
    });

    it('keeps an application on the regulation version it was submitted under', async () => {
      const old = catalogue.get('casino@2012-asa-294') as Regulation;
      const submitted = await submit(
        old,
        'issue',
        'PINNED-1',
        submissionInstant(old, (d) => legalTime.calendar.isWorkingDay(d)),
      );
      expect(submitted.state.regulationId).toBe('casino@2012-asa-294');
      // Long after order 181 replaced order 294, the application still runs under 294.
      now = Temporal.Instant.from('2016-01-11T05:00:00Z');
      const step = submitted.state.workItem?.stepId ?? '';
      const next = await service.execute({
        applicationId: 'PINNED-1',
        transactionId: 'pinned-1',
        command: {
          type: 'complete',
          stepId: step,
          outcome: old.processes[0]?.steps.find((s) => s.id === step)?.outcomes[0]?.id ?? '',
        },
        actor: actorFor(old, submitted.state.workItem?.role ?? ''),
      });
      expect(next.state.regulationId).toBe('casino@2012-asa-294');
      const refused = submit(
        catalogue.get('casino@2012-asa-294') as Regulation,
        'issue',
        'PINNED-2',
        Temporal.Instant.from('2016-01-11T05:00:00Z'),
      );
      await expect(refused).rejects.toMatchObject({ code: 'REGULATION_NOT_IN_FORCE' });
    });
  });
});
