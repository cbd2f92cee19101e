import { z } from 'zod';

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
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
