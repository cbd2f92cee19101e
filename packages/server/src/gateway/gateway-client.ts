import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuqsatError } from '@ruqsat/core';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Exchange, ExchangeLog } from './exchange-log.js';

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

/** What one attempt came to: an answer (2xx with JSON), not found (404), refused (other 4xx), or a failure. */
type Attempt =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'not_found'; readonly body: unknown }
  | { readonly kind: 'refused'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'failed'; readonly error: string };

/**
 * HTTP to one outside system: a timeout per attempt, bounded retries with exponential backoff for
 * idempotent calls, a circuit breaker counting failed calls, a correlation id the other side
 * echoes, and a record of every exchange. A 404 is an answer ("not found"); another 4xx is a
 * refusal (GATEWAY_REFUSED, not retried); a 5xx, a timeout, a refused connection or a body that
 * does not arrive whole is a failure, and when the attempts run out the caller gets
 * GATEWAY_UNAVAILABLE. The record is written before the caller sees the outcome; if it cannot be
 * written, the call fails with that error, and the system is not blamed for it.
 */
export class GatewayClient {
  constructor(readonly options: GatewayClientOptions) {}

  async call<T>(call: GatewayCall, context: CallContext): Promise<GatewayAnswer<T>> {
    const correlationId = context.correlationId ?? randomUUID();
    const startedAt = new Date();
    const started = performance.now();
    const record = (
      outcome: Exchange['outcome'],
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

    const pass = this.options.breaker.tryPass();
    if (!pass) {
      await record('circuit_open', 0, { error: 'circuit open' });
      throw this.#error('GATEWAY_UNAVAILABLE', 'circuit_open', correlationId);
    }
    const maxAttempts = call.idempotent ? 1 + this.options.retries : 1;
    let attempt: Attempt = { kind: 'failed', error: 'not attempted' };
    let attempts = 0;
    while (attempts < maxAttempts) {
      attempts++;
      attempt = await this.#attempt(call, correlationId);
      if (attempt.kind !== 'failed') break;
      if (attempts < maxAttempts) await sleep(this.#backoff(attempts));
    }

    if (attempt.kind === 'failed') {
      this.options.breaker.failed(pass);
      await record('failed', attempts, { error: attempt.error });
      throw this.#error('GATEWAY_UNAVAILABLE', attempt.error, correlationId);
    }
    this.options.breaker.succeeded(pass);
    switch (attempt.kind) {
      case 'not_found':
        await record('not_found', attempts, { httpStatus: 404, response: attempt.body });
        return { found: false };
      case 'refused':
        await record('refused', attempts, { httpStatus: attempt.status, response: attempt.body });
        throw this.#error('GATEWAY_REFUSED', `HTTP ${attempt.status}`, correlationId);
      case 'answered':
        await record('answered', attempts, { httpStatus: attempt.status, response: attempt.body });
        return { found: true, body: attempt.body as T };
    }
  }

  async #attempt(call: GatewayCall, correlationId: string): Promise<Attempt> {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    try {
      const response = await fetch(new URL(call.path.replace(/^\//, ''), base), {
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
      if (response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'failed', error: `HTTP ${response.status}` };
      }
      const text = await response.text();
      if (response.status === 404) return { kind: 'not_found', body: parseOrText(text) };
      if (!response.ok) return { kind: 'refused', status: response.status, body: parseOrText(text) };
      // A 2xx whose body is not JSON did not arrive whole (or is not this system): try again.
      try {
        return { kind: 'answered', status: response.status, body: JSON.parse(text) as unknown };
      } catch {
        return { kind: 'failed', error: 'the answer is not JSON' };
      }
    } catch (error) {
      return { kind: 'failed', error: describe(error) };
    }
  }

  #backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** (attempt - 1);
    return base / 2 + Math.random() * (base / 2);
  }

  #error(code: 'GATEWAY_UNAVAILABLE' | 'GATEWAY_REFUSED', reason: string, correlationId: string): RuqsatError {
    return new RuqsatError(code, { system: this.options.system, reason, correlationId });
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 1000);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error.name === 'TimeoutError' ? 'timed out' : `${error.message}${cause}`;
}
