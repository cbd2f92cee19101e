import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuqsatError } from '@ruqsat/core';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { ExchangeLog } from './exchange-log.js';

export interface GatewayClientOptions {
  /** The system's name in logs and errors: gbd_fl, gbd_ul, legal_statistics, payment_gateway. */
  readonly system: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Retries after the first attempt, for requests safe to repeat; bounded. */
  readonly retries: number;
  /** The first retry waits this long, each next one twice as long (with jitter). */
  readonly backoffMs: number;
  readonly breaker: CircuitBreaker;
  readonly log: ExchangeLog;
}

/** Who asks and for what, so the exchange log can say it. */
export interface CallContext {
  readonly requestedBy: string;
  readonly applicationId?: string | null;
  readonly correlationId?: string;
}

export interface GatewayCall {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** Safe to send again after a failure (lookups); a payment invoice is not. */
  readonly idempotent: boolean;
}

export type GatewayAnswer<T> = { readonly found: true; readonly body: T } | { readonly found: false };

/**
 * HTTP to one outside system: a timeout per attempt, bounded retries with exponential backoff for
 * idempotent calls, a circuit breaker, a correlation id the other side echoes, and a record of
 * every exchange. A 404 is an answer ("not found"), not a failure; a 5xx, a timeout or a refused
 * connection is a failure, and when the attempts run out the caller gets GATEWAY_UNAVAILABLE.
 */
export class GatewayClient {
  constructor(readonly options: GatewayClientOptions) {}

  async call<T>(call: GatewayCall, context: CallContext): Promise<GatewayAnswer<T>> {
    const correlationId = context.correlationId ?? randomUUID();
    const startedAt = new Date();
    const started = performance.now();
    const record = (
      outcome: 'answered' | 'not_found' | 'failed' | 'circuit_open',
      attempts: number,
      details: { httpStatus?: number | null; response?: unknown; error?: string | null },
    ) =>
      this.options.log.record({
        system: this.options.system,
        operation: call.operation,
        correlationId,
        applicationId: context.applicationId ?? null,
        requestedBy: context.requestedBy,
        request: { method: call.method, path: call.path, body: call.body ?? null },
        outcome,
        httpStatus: details.httpStatus ?? null,
        response: details.response ?? null,
        error: details.error ?? null,
        attempts,
        startedAt,
        durationMs: performance.now() - started,
      });

    const maxAttempts = call.idempotent ? 1 + this.options.retries : 1;
    let lastError = 'not attempted';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!this.options.breaker.tryPass()) {
        await record('circuit_open', attempt - 1, { error: 'circuit open' });
        throw this.#unavailable('circuit_open', correlationId);
      }
      try {
        const response = await this.#send(call, correlationId);
        if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
        const body: unknown = await response.json().catch(() => null);
        this.options.breaker.succeeded();
        if (response.status === 404) {
          await record('not_found', attempt, { httpStatus: 404, response: body });
          return { found: false };
        }
        if (!response.ok) {
          await record('failed', attempt, { httpStatus: response.status, response: body });
          throw new RuqsatError('GATEWAY_REFUSED', {
            system: this.options.system,
            httpStatus: response.status,
            correlationId,
          });
        }
        await record('answered', attempt, { httpStatus: response.status, response: body });
        return { found: true, body: body as T };
      } catch (error) {
        if (error instanceof RuqsatError) throw error;
        this.options.breaker.failed();
        lastError = describe(error);
        if (attempt < maxAttempts) await sleep(this.#backoff(attempt));
      }
    }
    await record('failed', maxAttempts, { error: lastError });
    throw this.#unavailable(lastError, correlationId);
  }

  #send(call: GatewayCall, correlationId: string): Promise<Response> {
    const url = new URL(
      call.path.replace(/^\//, ''),
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    return fetch(url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        'x-correlation-id': correlationId,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
      redirect: 'error',
    });
  }

  #backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** (attempt - 1);
    return base / 2 + Math.random() * (base / 2);
  }

  #unavailable(reason: string, correlationId: string): RuqsatError {
    return new RuqsatError('GATEWAY_UNAVAILABLE', { system: this.options.system, reason, correlationId });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error.name === 'TimeoutError' ? 'timed out' : `${error.message}${cause}`;
}
