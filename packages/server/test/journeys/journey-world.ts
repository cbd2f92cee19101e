// The whole of Ruqsat as `ruqsat serve` assembles it — engine, portal, centre, back office,
// payments, the outside systems' sandbox over real HTTP — on a virtual clock, driven through the
// HTTP API only. The journeys of journeys.test.ts walk applications of each seed act through it.
import type { Regulation, Temporal } from '@ruqsat/core';
import { type Employer, type IssuedKey, type Person, signDetached, toPkcs12 } from '@ruqsat/pki';
import { buildSandbox } from '@ruqsat/sandbox';
import { DeadlineSweeper } from '../../src/applications/deadline-sweeper.js';
import { OutboxWorker } from '../../src/applications/outbox-worker.js';
import { appOptionsOf, assembleServices, outboxHandlersOf } from '../../src/assembly.js';
import { AttachmentStore } from '../../src/attachments/attachment-store.js';
import { TestSignatureScanner } from '../../src/attachments/scanner.js';
import { loadLegalTime } from '../../src/calendar/legal-time.js';
import { connectStateSystems } from '../../src/gateway/state-systems-factory.js';
import { buildApp } from '../../src/http/app.js';
import type { ZodApp } from '../../src/http/zod-app.js';
import { loadMciTable } from '../../src/payments/mci-table.js';
import { PaymentService } from '../../src/payments/payment-service.js';
import { loadCatalogue } from '../../src/regulations/catalogue.js';
import type { StaffAdmin } from '../../src/staff/staff-admin.js';
import type { DriverKind } from '../../src/store/sql-driver.js';
import type { Store } from '../../src/store/store.js';
import { identifierFrom } from '../../src/test-support/engine-driver.js';
import { TestSignIns } from '../../src/test-support/signed-in.js';
import { openTestStore } from '../../src/test-support/test-store.js';
import { openTestVault, TEST_PUBLIC_URL } from '../../src/test-support/test-vault.js';

export const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const mci = await loadMciTable();

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are JSON read by the journeys' expectations
  readonly body: any;
}

/** Sessions last eight hours; a journey that moves its clock further signs in again. */
const SESSION_REFRESH_MS = 7 * 3_600_000;
const PAYMENT_SECRET = 'journeys-payment-secret';
const KEY_PASSWORD = 'journeys-official-key';

/** A signed-in participant: their session and, for those who sign, their SIGN key. */
interface Participant {
  readonly person: Person;
  readonly employer?: Employer;
  token?: string;
  signedInAt?: number;
  signKey?: IssuedKey;
}

/** The world's "now": every service reads it, the journeys move it on. */
class VirtualClock {
  constructor(public current: Temporal.Instant) {}
  readonly now = (): Temporal.Instant => this.current;
  readonly date = (): Date => new Date(this.current.epochMilliseconds);
}

export class JourneyWorld {
  readonly #participants = new Map<string, Participant>();
  #nextIin = 1;

  private constructor(
    readonly app: ZodApp,
    private readonly store: Store,
    private readonly sandbox: ReturnType<typeof buildSandbox>,
    private readonly signIns: TestSignIns,
    private readonly outbox: OutboxWorker,
    private readonly sweeper: DeadlineSweeper,
    private readonly admin: StaffAdmin,
    private readonly clock: VirtualClock,
  ) {}

  static async open(driver: DriverKind, start: Temporal.Instant): Promise<JourneyWorld> {
    const store = await openTestStore(driver);
    const clock = new VirtualClock(start);
    const { now, date } = clock;
    const signIns = await TestSignIns.create(store.db, { clock: date, horizonDays: 120 });
    const sandbox = buildSandbox({
      paymentSecret: PAYMENT_SECRET,
      faults: { payment_gateway: { callbackLossRate: 1 } },
    });
    const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const systems = connectStateSystems(
      { baseUrl: sandboxUrl, timeoutMs: 3000, retries: 1, backoffMs: 10, breakerFailures: 20, breakerCooldownMs: 1000 },
      store.db,
    );
    const payments = new PaymentService(store.db, systems.payments, {
      mci,
      callbackUrl: 'http://127.0.0.1:9/callbacks-are-lost-in-the-journeys',
      callbackSecret: PAYMENT_SECRET,
      now: date,
    });
    const parts = {
      store,
      catalogue,
      legalTime,
      mci,
      now,
      trust: signIns.trust,
      attachments: new AttachmentStore(store.db, new TestSignatureScanner(), now),
      vault: await openTestVault(store.db),
      publicUrl: TEST_PUBLIC_URL,
      outside: { systems, payments },
    };
    const services = assembleServices(parts);
    const app = await buildApp(
      appOptionsOf(parts, services, {
        signIn: signIns.signIn,
        logLevel: 'silent',
        bodyLimitBytes: 1_048_576,
        readinessTimeoutMs: 5000,
      }),
    );
    const outbox = new OutboxWorker(store.db, outboxHandlersOf(parts, services), 'journeys', now);
    const world = new JourneyWorld(
      app,
      store,
      sandbox,
      signIns,
      outbox,
      new DeadlineSweeper(store.db, services.applications, now),
      services.admin,
      clock,
    );
    return world;
  }

  now(): Temporal.Instant {
    return this.clock.current;
  }

  /** Moves the virtual clock on. */
  advance(duration: Temporal.DurationLike): void {
    this.clock.current = this.clock.current.add(duration);
  }

  /** Delivers every side effect due: system steps, outside checks, notifications — until none is left. */
  async settle(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const { delivered, failed } = await this.outbox.runOnce(100);
      if (failed > 0) throw new Error(`${failed} side effects failed; the outbox table says why`);
      if (delivered === 0) return;
    }
    throw new Error('the outbox does not settle');
  }

  /** The deadline sweep, as the background job runs it. */
  async sweep(): Promise<void> {
    await this.sweeper.sweepOnce();
  }

  // ---- participants -------------------------------------------------------------------------

  /** An applicant: a person, acting for their company when an employer is given. */
  applicant(key: string, person: Person, employer?: Employer): void {
    this.#participants.set(key, { person, ...(employer ? { employer } : {}) });
  }

  /** A post at an organisation (created if new) for a new person, known by `key`. */
  async post(
    key: string,
    organisation: { id: string; kind: 'authority' | 'service_centre' | 'ministry' },
    roles: readonly string[],
  ): Promise<void> {
    const existing = await this.store.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisation.id)
      .executeTakeFirst();
    if (!existing) {
      const name = { kk: `${organisation.id} (kk)`, ru: `${organisation.id} (ru)`, en: organisation.id };
      await this.admin.addOrganisation('journeys', { ...organisation, name, windows: 3 });
    }
    const iin = identifierFrom(`7701013${String(this.#nextIin++).padStart(4, '0')}`);
    const person = { iin, surname: key.toUpperCase(), name: 'JOURNEY' };
    await this.admin.addStaffMember('journeys', {
      id: key,
      iin,
      name: `${key} (${roles.join(', ')})`,
      organisationId: organisation.id,
      roles,
    });
    this.#participants.set(key, { person });
    // An official registers their own SIGN key, as the back office asks before their first signature.
    if (organisation.kind === 'authority') {
      const signKey = await this.signIns.keyFor(person, 'sign');
      const keyFile = Buffer.from(await toPkcs12(signKey, { password: KEY_PASSWORD, iterations: 2048 }));
      const registered = await this.call(key, 'PUT', '/office/signing-key', {
        keyFile: keyFile.toString('base64'),
        password: KEY_PASSWORD,
      });
      if (registered.status !== 200) throw new Error(`${key}: signing key refused: ${JSON.stringify(registered.body)}`);
    }
  }

  /** Posts at the regulation's authority, one person per authority role, named by the role. */
  async staffFor(regulation: Regulation): Promise<void> {
    for (const role of regulation.roles.filter((r) => r.kind === 'authority')) {
      const key = `${regulation.authority.id}/${role.id}`;
      if (!this.#participants.has(key))
        await this.post(key, { id: regulation.authority.id, kind: 'authority' }, [role.id]);
    }
  }

  /** A detached CMS signature of `text` with the participant's SIGN key, made at the virtual now. */
  async sign(key: string, text: string): Promise<string> {
    const participant = this.#participant(key);
    participant.signKey ??= await this.signIns.keyFor(participant.person, 'sign', participant.employer);
    const at = new Date(this.now().epochMilliseconds - 1000);
    return Buffer.from(await signDetached(new TextEncoder().encode(text), participant.signKey, at)).toString('base64');
  }

  /** Calls the API as a participant (or anonymously with `null`). */
  async call(key: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<Answer> {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (key !== null) headers.authorization = `Bearer ${await this.#token(key)}`;
    const response = await this.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  }

  /** Fetches a file (a PDF) as a participant, or anonymously with `null`. */
  async download(key: string | null, url: string): Promise<{ status: number; bytes: Uint8Array; type: string }> {
    const headers: Record<string, string> = {};
    if (key !== null) headers.authorization = `Bearer ${await this.#token(key)}`;
    const response = await this.app.inject({ method: 'GET', url, headers });
    return {
      status: response.statusCode,
      bytes: new Uint8Array(response.rawPayload),
      type: String(response.headers['content-type'] ?? ''),
    };
  }

  /** Uploads a file as a participant. */
  async upload(key: string, url: string, bytes: Uint8Array): Promise<Answer> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${await this.#token(key)}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(bytes),
    });
    return { status: response.statusCode, body: response.json() };
  }

  async close(): Promise<void> {
    this.sandbox.server.closeAllConnections();
    await this.sandbox.close();
    await this.app.close();
    await this.store.close();
  }

  async #token(key: string): Promise<string> {
    const participant = this.#participant(key);
    const stale =
      participant.signedInAt === undefined ||
      this.now().epochMilliseconds - participant.signedInAt > SESSION_REFRESH_MS;
    if (stale || !participant.token) {
      participant.token = await this.signIns.tokenFor(participant.person, participant.employer);
      participant.signedInAt = this.now().epochMilliseconds;
    }
    return participant.token;
  }

  #participant(key: string): Participant {
    const participant = this.#participants.get(key);
    if (!participant) throw new Error(`no participant ${key} in this world`);
    return participant;
  }
}
