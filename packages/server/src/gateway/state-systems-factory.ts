import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { databaseExchangeLog, type ExchangeLog } from './exchange-log.js';
import { GatewayClient } from './gateway-client.js';
import { httpPaymentGateway, type PaymentGateway } from './payment-gateway.js';
import {
  type EntityRegistry,
  httpEntityRegistry,
  httpLegalStatistics,
  httpPersonRegistry,
  type LegalStatistics,
  type PersonRegistry,
} from './state-systems.js';

/** Where each system answers under the gateway's base URL (the sandbox serves the same layout). */
export const GatewayPaths = {
  gbd_fl: 'gbd-fl/',
  gbd_ul: 'gbd-ul/',
  legal_statistics: 'legal-statistics/',
  payment_gateway: 'payments/',
} as const;
export type GatewaySystem = keyof typeof GatewayPaths;

export interface GatewaySettings {
  /** The e-government gateway's base URL; each system under its path (GatewayPaths). */
  readonly baseUrl: string;
  /** A system that lives elsewhere: its own base URL. */
  readonly overrides?: Partial<Record<GatewaySystem, string>>;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
}

export interface StateSystems {
  readonly persons: PersonRegistry;
  readonly entities: EntityRegistry;
  readonly legalStatistics: LegalStatistics;
  readonly payments: PaymentGateway;
  /** One breaker per system: a failing persons database does not stop payments. */
  readonly breakers: Readonly<Record<GatewaySystem, CircuitBreaker>>;
}

export function connectStateSystems(
  settings: GatewaySettings,
  db: Kysely<DatabaseSchema>,
  options: { readonly log?: ExchangeLog; readonly now?: () => number } = {},
): StateSystems {
  const log = options.log ?? databaseExchangeLog(db);
  const breakers = {} as Record<GatewaySystem, CircuitBreaker>;
  const client = (system: GatewaySystem) => {
    breakers[system] = new CircuitBreaker({
      failureThreshold: settings.breakerFailures,
      cooldownMs: settings.breakerCooldownMs,
      ...(options.now ? { now: options.now } : {}),
    });
    const base = settings.overrides?.[system] ?? new URL(GatewayPaths[system], withSlash(settings.baseUrl)).toString();
    return new GatewayClient({
      system,
      baseUrl: base,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      backoffMs: settings.backoffMs,
      breaker: breakers[system],
      log,
    });
  };
  return {
    persons: httpPersonRegistry(client('gbd_fl')),
    entities: httpEntityRegistry(client('gbd_ul')),
    legalStatistics: httpLegalStatistics(client('legal_statistics')),
    payments: httpPaymentGateway(client('payment_gateway')),
    breakers,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
