import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/** One question to an outside system and what came of it, kept for audit. */
export interface Exchange {
  readonly system: string;
  readonly operation: string;
  readonly correlationId: string;
  readonly applicationId: string | null;
  readonly requestedBy: string;
  readonly request: unknown;
  readonly outcome: 'answered' | 'not_found' | 'refused' | 'failed' | 'circuit_open';
  readonly httpStatus: number | null;
  readonly response: unknown;
  readonly error: string | null;
  readonly attempts: number;
  readonly startedAt: Date;
  readonly durationMs: number;
}

export interface ExchangeLog {
  record(exchange: Exchange): Promise<void>;
}

/**
 * Every exchange is written to `gateway_exchanges` before the caller sees the answer: who asked,
 * for which application, what was sent and what came back. The table holds personal data from the
 * state databases; only auditors read it.
 */
export function databaseExchangeLog(db: Kysely<DatabaseSchema>): ExchangeLog {
  return {
    async record(e) {
      await db
        .insertInto('gateway_exchanges')
        .values({
          system: e.system,
          operation: e.operation,
          correlation_id: e.correlationId,
          application_id: e.applicationId,
          requested_by: e.requestedBy,
          request: JSON.stringify(e.request ?? null),
          outcome: e.outcome,
          http_status: e.httpStatus,
          response: JSON.stringify(e.response ?? null),
          error: e.error,
          attempts: e.attempts,
          started_at: e.startedAt,
          duration_ms: Math.round(e.durationMs),
        })
        .execute();
    },
  };
}
