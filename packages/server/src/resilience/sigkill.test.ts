import { SeededRandom } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import {
  type Applicant,
  type ApplicationAttempt,
  advancePatiently,
  call,
  expectStatus,
  type Patience,
} from './support/applicant.js';
import { Deployment, STARTUP_TIMEOUT_MS } from './support/deployment.js';
import { mailedMessages, openLedgerStore, outboxDrained, readLedger } from './support/ledger.js';
import { type ServerProcess, sleep } from './support/server-process.js';

const ADMIN_URL = process.env.DATABASE_URL;
/**
 * A killed server gives no answer: the round is over for that application. A refusal because the
 * payment is not confirmed yet (its callback died with the server), or a server going down, is
 * asked again a moment later, as a person would.
 */
const PATIENCE: Patience = {
  notYet: ['PORTAL_REFUSED', 'SHUTTING_DOWN', 'DATABASE_UNAVAILABLE'],
  onNoAnswer: 'stop',
  tries: 100,
};
/** The issue asks for at least fifty kills; each is a restart of the real process (2–5 s). */
const KILLS = Number(process.env.RESILIENCE_KILLS ?? 50);
/**
 * Applications on their way at once: each of this many clients takes a new application as soon as
 * its last is acknowledged, until the kill, so the server is killed at work, never idle — and no
 * more than this many are open, since on a busy machine ever more open applications would make
 * every round slower still.
 */
const OPEN_APPLICATIONS = 3;
/** The share of kills that must land with requests in flight (the rest fall between two requests). */
const KILLS_AT_WORK = 0.8;
/**
 * A kill lands somewhere in this many milliseconds after the server said it is ready: long enough
 * for a submission's whole way (about ten requests) on a busy machine, so that kills fall on every
 * step of it, the submission's transaction and the outbox deliveries after it included.
 */
const KILL_WINDOW_MS = 2500;
const SEED = 20_261_130;

/**
 * The real server, killed with SIGKILL at seeded random moments while applications are submitted
 * over HTTP and the outbox delivers their notifications (by e-mail to the company too), then
 * started again on the same database, KILLS times. Afterwards every submission the client was
 * told about (201) exists once, every chain verifies, and every outbox message took effect once.
 * Needs real PostgreSQL: the killed process's database must outlive it, as in production.
 */
describe.skipIf(!ADMIN_URL)(
  'SIGKILL at random points, restarted each time (PostgreSQL only: needs DATABASE_URL)',
  () => {
    let deployment: Deployment;
    let server: ServerProcess;
    let applicant: Applicant;
    let ledgerStore: Store;

    beforeAll(async () => {
      deployment = await Deployment.create(ADMIN_URL as string);
      server = await deployment.instance('serve');
      applicant = await deployment.applicant();
      await server.start();
      await applicant.ensureSignedIn(server.baseUrl);
      // The company's e-mail address: the applicant's notifications are mailed there (a visible effect).
      expectStatus(
        await call(server.baseUrl, 'PUT', '/api/v1/my/contact?forCompany=true', {
          token: applicant.token,
          body: { email: 'office@almaty-gaming.kz', locale: 'kk' },
        }),
        200,
      );
      ledgerStore = await openLedgerStore(deployment.database.url);
    }, STARTUP_TIMEOUT_MS);

    afterAll(async () => {
      await server?.kill();
      await ledgerStore?.close();
      await deployment?.close();
    });

    it(`loses no acknowledged submission and does no side effect twice over ${KILLS} kills`, async () => {
      const random = new SeededRandom(SEED);
      const startedAt = Date.now();
      const attempts: ApplicationAttempt[] = [];
      let killsWithRequestsInFlight = 0;
      // Any answer but the expected or a "not now" fails the test, even in a round that was killed.
      const unexpected: string[] = [];
      for (let round = 0; round < KILLS; round++) {
        if (!server.running) await server.start();
        const open = attempts.filter((a) => a.acknowledged === null);
        const inFlight = new Set<ApplicationAttempt>();
        let killed = false;
        // A client goes on with its unanswered application, then with new ones, until the kill.
        const client = async (first: ApplicationAttempt | undefined) => {
          let attempt = first;
          while (!killed) {
            if (!attempt) {
              attempt = applicant.attempt();
              attempts.push(attempt);
            }
            await advancePatiently(attempt, server.baseUrl, PATIENCE, inFlight);
            if (attempt.acknowledged === null) return; // no answer: the server is gone
            attempt = undefined;
          }
        };
        const work = Promise.allSettled(Array.from({ length: OPEN_APPLICATIONS }, (_, i) => client(open[i])));
        await sleep(random.int(0, KILL_WINDOW_MS));
        killsWithRequestsInFlight += inFlight.size > 0 ? 1 : 0;
        killed = true;
        await server.kill('SIGKILL');
        for (const result of await work) {
          if (result.status === 'rejected') unexpected.push(String(result.reason));
        }
      }
      // The last start: no more kills; the client finishes what it was never answered.
      await server.start();
      for (const attempt of attempts) {
        while (attempt.acknowledged === null) await advancePatiently(attempt, server.baseUrl, PATIENCE);
      }
      const retriedSubmissions = attempts.filter((a) => a.unanswered > 0).length;
      expect(unexpected).toEqual([]);
      // The kills fell on a server at work, not on one idle between rounds.
      expect(killsWithRequestsInFlight).toBeGreaterThanOrEqual(Math.ceil(KILLS * KILLS_AT_WORK));
      const roundsMs = Date.now() - startedAt;
      // A message claimed by a killed process waits out its lease (OUTBOX_LEASE_MS) before another takes it.
      expect(await outboxDrained(ledgerStore, 60_000), server.log()).toBe(0);
      await server.kill('SIGTERM');

      const ledger = await readLedger(ledgerStore);
      const acknowledged = attempts.map((a) => a.acknowledged?.applicationId).sort();
      console.info(
        `SIGKILL: ${KILLS} kills (${killsWithRequestsInFlight} with requests in flight), ${attempts.length} applications, ` +
          `${retriedSubmissions} submitted again after no answer, outbox ${JSON.stringify(ledger.outbox.byKind)}, ` +
          `${ledger.emailDeliveries} e-mails; rounds ${roundsMs} ms, then drained in ${Date.now() - startedAt - roundsMs} ms`,
      );
      // Every acknowledged submission exists, once; nothing exists that the client was not told of.
      expect(new Set(acknowledged).size).toBe(attempts.length);
      expect(ledger.applicationIds).toEqual(acknowledged);
      expect(ledger.submittedOtherThanOnce).toEqual([]);
      // Every chain verifies: each application's events and the audit log.
      expect(ledger.chains).toMatchObject({ intact: true, applications: attempts.length });
      expect(ledger.audit).toMatchObject({ intact: true });
      // Every outbox message was delivered, and each with its effect once: one notification each,
      // one e-mail per recorded delivery, no e-mail twice.
      expect(ledger.outbox.pending).toBe(0);
      expect(ledger.outbox.byKind.notify_applicant).toBeGreaterThanOrEqual(attempts.length);
      expect(ledger.notificationsOtherThanOnce).toBe(0);
      const mails = await mailedMessages([deployment.mailDir('serve')]);
      expect([...mails.values()].filter((n) => n !== 1)).toEqual([]);
      expect(ledger.emailDeliveries).toBeGreaterThanOrEqual(attempts.length);
      expect(mails.size).toBe(ledger.emailDeliveries);
    }, 600_000);
  },
);
