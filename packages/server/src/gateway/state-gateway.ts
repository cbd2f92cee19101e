import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { CertificationAuthority } from '@ruqsat/pki';
import type { Kysely } from 'kysely';
import { openSandboxCa } from '../auth/ca-directory.js';
import type { ServerConfig } from '../config.js';
import type { DatabaseSchema } from '../store/schema.js';
import { connectStateSystems, type StateSystems } from './state-systems-factory.js';

export interface StateGateway {
  readonly systems: StateSystems;
  readonly callbackSecret: string;
  /** The sandbox CA's root, to trust, when the sandbox plays the state systems. */
  readonly sandboxRoot: CertificationAuthority['root']['certificate'] | null;
  readonly sandboxUrl: string | null;
  close(): Promise<void>;
}

/**
 * The state systems as configured: the real gateway at GATEWAY_URL, or — on the embedded default —
 * the sandbox started in this process, with a CA kept in DATA_DIR/sandbox-ca that publishes its
 * CRL and answers OCSP, and a callback secret made for this run.
 */
export async function openStateGateway(config: ServerConfig, db: Kysely<DatabaseSchema>): Promise<StateGateway> {
  const settings = (baseUrl: string) => ({
    baseUrl,
    timeoutMs: config.GATEWAY_TIMEOUT_MS,
    retries: config.GATEWAY_RETRIES,
    backoffMs: config.GATEWAY_BACKOFF_MS,
    breakerFailures: config.GATEWAY_BREAKER_FAILURES,
    breakerCooldownMs: config.GATEWAY_BREAKER_COOLDOWN_MS,
  });
  if (config.GATEWAY_URL) {
    const secret = config.PAYMENT_CALLBACK_SECRET as string; // readConfig requires it with GATEWAY_URL
    return {
      systems: connectStateSystems(settings(config.GATEWAY_URL), db),
      callbackSecret: secret,
      sandboxRoot: null,
      sandboxUrl: null,
      close: async () => undefined,
    };
  }
  // Only on the embedded default: a production build with GATEWAY_URL never loads the sandbox.
  const { buildSandbox } = await import('@ruqsat/sandbox');
  const secret = config.PAYMENT_CALLBACK_SECRET ?? randomBytes(32).toString('hex');
  // The CA writes this address into the certificates it issues (CRL and OCSP); SANDBOX_PORT=0,
  // for tests, gets a free port that the certificates cannot know.
  const ca = await openSandboxCa(sandboxCaDir(config), sandboxBaseUrl(config));
  const sandbox = buildSandbox({ paymentSecret: secret, ca });
  // Loopback unless asked: its payment page pays for free and its faults can be set by anyone.
  const sandboxUrl = await sandbox.listen({ port: config.SANDBOX_PORT, host: config.SANDBOX_HOST });
  return {
    systems: connectStateSystems(settings(sandboxUrl), db),
    callbackSecret: secret,
    sandboxRoot: ca.root.certificate,
    sandboxUrl,
    close: async () => {
      sandbox.server.closeAllConnections();
      await sandbox.close();
    },
  };
}

/** Where the embedded default keeps its sandbox CA. */
export function sandboxCaDir(config: Pick<ServerConfig, 'DATA_DIR'>): string {
  return path.join(config.DATA_DIR, 'sandbox-ca');
}

/** The address the in-process sandbox listens at, as the CA writes it into certificates. */
export function sandboxBaseUrl(config: Pick<ServerConfig, 'SANDBOX_HOST' | 'SANDBOX_PORT'>): string {
  const host = config.SANDBOX_HOST.includes(':') ? `[${config.SANDBOX_HOST}]` : config.SANDBOX_HOST;
  return `http://${host}:${config.SANDBOX_PORT}`;
}
