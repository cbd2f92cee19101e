import { z } from 'zod';
import { isTrustProxySetting } from './http/trusted-proxies.js';

/**
 * The server's settings, read from the environment once at start-up. Anything wrong is reported
 * all at once with the variable's name, before a port is opened or a file written.
 */
export const ServerConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  READINESS_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * How long a statement of `ruqsat serve` may wait for PostgreSQL's answer before the connection
   * is given up and the request answered 503 (PostgreSQL only; 0 waits as long as TCP does).
   */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * `on`: each statement is prepared once per connection, then only bound and executed (PostgreSQL
   * only); `off` for a pooler that cannot keep prepared statements per client.
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  /** Trusted CA certificates for signatures and sign-in (PEM or DER files, path-list separated). */
  TRUST_ANCHORS: z.string().optional(),
  /** CRLs to check revocation against (files, path-list separated), asked when OCSP does not answer. */
  CRL_FILES: z.string().optional(),
  /** OCSP: `on` asks the responder each certificate names (its AIA), `off` relies on CRLs alone. */
  OCSP: z.enum(['on', 'off']).default('on'),
  /** Ask this responder instead of the one certificates name (e.g. a local OCSP proxy). */
  OCSP_URL: z.url().optional(),
  /** How long an OCSP question may take before the CRL is asked instead. */
  OCSP_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  /** How long an OCSP answer is reused for the same certificate; 0 asks every time. */
  OCSP_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
  /** How often this instance looks for passed deadlines. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /** How often this instance delivers outbox messages. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
  /** How long an outbox message claimed by an instance is held: what one claimed by a crashed instance waits. */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * The e-government gateway (ШЭП) the state systems answer behind. Unset: the sandbox starts in
   * this process on SANDBOX_PORT and plays them (the embedded default, for demos).
   */
  GATEWAY_URL: z.url().optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  /** Where the in-process sandbox listens; loopback unless a demo must reach its payment page from elsewhere. */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  GATEWAY_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  GATEWAY_BACKOFF_MS: z.coerce.number().int().min(0).default(200),
  GATEWAY_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
  GATEWAY_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  /** The secret the payment gateway signs its callbacks with; required with GATEWAY_URL. */
  PAYMENT_CALLBACK_SECRET: z.string().min(16).optional(),
  /** How this server is reached from outside (for the payment gateway's callbacks). */
  PUBLIC_URL: z.url().optional(),
  /** The built web app; unset → packages/web/dist beside the server. */
  WEB_DIR: z.string().min(1).optional(),
  /** How often each instance asks the payment gateway about unpaid invoices. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** The largest file one may attach, and how many files one application may carry. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().positive().max(200).default(30),
  /** ClamAV's daemon for the virus-scan hook; without it only the EICAR test file is recognised. */
  CLAMD_HOST: z.string().min(1).optional(),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65_535).default(3310),
  CLAMD_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** The SMTP server notifications are mailed through; without it they are written to DATA_DIR/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Ruqsat <no-reply@ruqsat.local>'),
  /**
   * The key-encryption secret (32 bytes, base64) officials' signing keys are sealed under. Every
   * instance of one deployment needs the same; unset, one is made and kept in DATA_DIR/secrets
   * (the embedded default, for demos and a single machine).
   */
  OFFICIAL_KEYS_SECRET: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, '32 bytes in base64')
    .optional(),
  /**
   * Whose X-Forwarded-For to believe for the client's address (rate limits, logs): unset, nobody's;
   * behind a load balancer its addresses or CIDRs, comma-separated, or the number of proxy hops.
   */
  TRUST_PROXY: z.string().refine(isTrustProxySetting, 'a hop count or comma-separated addresses/CIDRs').optional(),
  /** Requests one client address may make per window to sign-in, the registry, verification (0: no limit). */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_REGISTRY: z.coerce.number().int().min(0).default(300),
  /** The open-data export (the whole registry, streamed): its own, small budget. */
  RATE_LIMIT_REGISTRY_EXPORT: z.coerce.number().int().min(0).default(2),
  RATE_LIMIT_VERIFICATION: z.coerce.number().int().min(0).default(120),
  /** The most client addresses each limit remembers at once (bounds its memory). */
  RATE_LIMIT_MAX_CLIENTS: z.coerce.number().int().positive().default(100_000),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ServerConfig.safeParse(present);
  if (parsed.success && parsed.data.GATEWAY_URL !== undefined && parsed.data.PAYMENT_CALLBACK_SECRET === undefined) {
    throw new ConfigError(['PAYMENT_CALLBACK_SECRET: required with GATEWAY_URL (the payment gateway signs with it)']);
  }
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
