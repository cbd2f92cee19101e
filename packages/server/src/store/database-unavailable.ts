import { QUERY_TIMEOUT_MESSAGE, STALE_STATEMENT_MESSAGE } from './postgres-driver.js';

/**
 * SQLSTATE classes and codes that mean "the database went away", not "the statement was wrong":
 * class 08 (connection exception) and the shutdown codes a restarting server or
 * pg_terminate_backend sends (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
 */
const SHUTDOWN_CODES = ['57P01', '57P02', '57P03'] as const;
/** Socket errors node-postgres passes on as they are. */
const SOCKET_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'] as const;
/** node-postgres says these in words only, without a code. */
const POOL_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  // No answer within DATABASE_QUERY_TIMEOUT_MS.
  QUERY_TIMEOUT_MESSAGE,
  // A prepared statement whose table a migration changed meanwhile: the driver prepares it afresh
  // for the next request.
  STALE_STATEMENT_MESSAGE,
] as const;

/**
 * Whether an error means the database cannot be reached right now: the request may be repeated
 * once it is back, so it is answered 503 DATABASE_UNAVAILABLE instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if ((SHUTDOWN_CODES as readonly string[]).includes(code) || (SOCKET_CODES as readonly string[]).includes(code)) {
      return true;
    }
  }
  return POOL_MESSAGES.some((words) => error.message.includes(words));
}
