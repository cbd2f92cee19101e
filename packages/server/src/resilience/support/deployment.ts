import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSandbox, type FaultSettingsInput, Fixtures } from '@ruqsat/sandbox';
import { Applicant } from './applicant.js';
import { freePort, ServerProcess } from './server-process.js';
import { ProcessTrust } from './test-pki.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.js';

/** The demo applicant, head of the demo company, as the sandbox's state databases know them. */
/** Starting real server processes on a busy 2-core machine can take longer than vitest's default hook time. */
export const STARTUP_TIMEOUT_MS = 180_000;

export const ASKAR = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' } as const;
export const COMPANY = { bin: Fixtures.demoCompany, name: 'ТОО «ALMATY GAMING»', role: 'firstHead' } as const;

/** How often the background jobs run in these tests: fast, so that rounds stay short. */
const FAST_JOBS = {
  OUTBOX_INTERVAL_MS: '100',
  SWEEP_INTERVAL_MS: '300',
  RECONCILE_INTERVAL_MS: '500',
  // A message claimed by a killed process is taken up again after this, not after a minute.
  OUTBOX_LEASE_MS: '5000',
} as const;

/**
 * Everything a server process needs that outlives it: a throw-away PostgreSQL database, a data
 * folder (the mail sink is there), a test CA the server trusts, and the sandbox of the outside
 * systems running in the test process — so that it survives the server's kills and its faults can
 * be set from the test.
 */
export class Deployment {
  private constructor(
    readonly database: ThrowawayDatabase,
    readonly dir: string,
    readonly trust: ProcessTrust,
    readonly sandbox: ReturnType<typeof buildSandbox>,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  static async create(adminUrl: string, options: { readonly faults?: FaultSettingsInput } = {}): Promise<Deployment> {
    const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-resilience-'));
    const database = await createThrowawayDatabase(adminUrl);
    const trust = await ProcessTrust.create(dir);
    const secret = randomBytes(24).toString('hex');
    const sandbox = buildSandbox({
      paymentSecret: secret,
      // Its callbacks to a server just killed fail by design; their warnings would only be noise.
      logLevel: 'error',
      ...(options.faults ? { faults: options.faults } : {}),
    });
    const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const env = {
      ...trust.env,
      ...FAST_JOBS,
      DATABASE_URL: database.url,
      GATEWAY_URL: sandboxUrl,
      PAYMENT_CALLBACK_SECRET: secret,
      // Every instance of one deployment seals officials' keys under the same secret.
      OFFICIAL_KEYS_SECRET: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      GATEWAY_TIMEOUT_MS: '2000',
      GATEWAY_BACKOFF_MS: '50',
      SHUTDOWN_GRACE_MS: '3000',
      READINESS_TIMEOUT_MS: '1000',
    };
    return new Deployment(database, dir, trust, sandbox, env);
  }

  /** A server instance on a port of its own, with its own data folder (its mail sink) unless told. */
  async instance(name: string, overrides: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
    const port = await freePort();
    return new ServerProcess(port, {
      ...this.env,
      DATA_DIR: path.join(this.dir, name),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...overrides,
    });
  }

  mailDir(instance: string): string {
    return path.join(this.dir, instance, 'mail');
  }

  async applicant(): Promise<Applicant> {
    return Applicant.create((person, purpose, employer) => this.trust.key(person, purpose, employer), ASKAR, COMPANY);
  }

  async close(): Promise<void> {
    this.sandbox.server.closeAllConnections();
    await this.sandbox.close();
    await this.database.drop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
