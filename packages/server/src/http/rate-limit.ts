import { isIPv6 } from 'node:net';
import { type Locale, RuqsatError } from '@ruqsat/core';
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.js';
import { sendError } from './errors.js';
import { VERIFICATION_PAGE_POLICY, verificationRefusal } from './routes/verification-page.js';
import { TokenBuckets } from './token-buckets.js';
import type { ZodApp } from './zod-app.js';

/**
 * The routes anyone can call that cost us something per call: sign-in (a nonce written, a
 * signature verified with revocation), the public registry (searches over a million licences, the
 * open-data export) and verification (a row written for every check, found or not — by design).
 */
export const RateLimitGroup = {
  signIn: 'sign_in',
  registry: 'registry',
  /** The open-data export streams the whole registry: a few a window, not a search's budget. */
  registryExport: 'registry_export',
  verification: 'verification',
} as const;
export type RateLimitGroup = (typeof RateLimitGroup)[keyof typeof RateLimitGroup];

export interface RateLimits {
  /** Requests one client address may make per window in each group; 0 leaves the group unlimited. */
  readonly perWindow: Readonly<Record<RateLimitGroup, number>>;
  readonly windowMs: number;
  /** The most client addresses remembered per group (memory stays bounded whatever the traffic). */
  readonly maxClients: number;
  /** Milliseconds since the epoch; injected by tests, which move it on instead of sleeping. */
  readonly now?: () => number;
}

/** The limits the configuration sets (RATE_LIMIT_*). */
export function rateLimitsOf(config: ServerConfig): RateLimits {
  return {
    perWindow: {
      sign_in: config.RATE_LIMIT_SIGN_IN,
      registry: config.RATE_LIMIT_REGISTRY,
      registry_export: config.RATE_LIMIT_REGISTRY_EXPORT,
      verification: config.RATE_LIMIT_VERIFICATION,
    },
    windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    maxClients: config.RATE_LIMIT_MAX_CLIENTS,
  };
}

/** The group a route belongs to, by its pattern (`request.routeOptions.url`), if it is limited. */
export function rateLimitGroupOf(method: string, routeUrl: string | undefined): RateLimitGroup | undefined {
  if (routeUrl === undefined) return undefined;
  if (method === 'POST' && (routeUrl === '/api/v1/auth/challenge' || routeUrl === '/api/v1/auth/sign-in')) {
    return RateLimitGroup.signIn;
  }
  if (routeUrl.startsWith('/api/v1/registry/export')) return RateLimitGroup.registryExport;
  if (routeUrl.startsWith('/api/v1/registry/')) return RateLimitGroup.registry;
  if (routeUrl.startsWith('/api/v1/verify/') || routeUrl.startsWith('/verify/')) return RateLimitGroup.verification;
  return undefined;
}

/**
 * The key a client is counted under: its address as `request.ip` gives it (the socket's peer, or
 * the forwarded address when it came through a configured trusted proxy). An IPv6 client is
 * counted by its /64, which one subscriber usually holds whole — counting each of its 2^64
 * addresses apart would be no limit at all.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Counts each client per group in this process and answers `429 RATE_LIMITED` with Retry-After
 * once its budget is spent; every answer of a limited group carries the RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers) so a well-behaved client can slow down before it is
 * refused. Runs in onRequest, before the body is parsed or the database is touched.
 */
export function registerRateLimits(app: ZodApp, limits: RateLimits): void {
  const now = limits.now ?? Date.now;
  const groups = new Map<RateLimitGroup, TokenBuckets>();
  for (const group of Object.values(RateLimitGroup)) {
    const limit = limits.perWindow[group];
    if (limit > 0) {
      groups.set(group, new TokenBuckets({ limit, windowMs: limits.windowMs, maxClients: limits.maxClients, now }));
    }
  }
  const windowSeconds = Math.ceil(limits.windowMs / 1000);
  app.addHook('onRequest', async (request, reply) => {
    const group = rateLimitGroupOf(request.method, request.routeOptions.url);
    const buckets = group === undefined ? undefined : groups.get(group);
    if (group === undefined || buckets === undefined) return undefined;
    const taken = buckets.take(clientKey(request.ip));
    reply
      .header('ratelimit-policy', `${limits.perWindow[group]};w=${windowSeconds}`)
      .header('ratelimit-limit', String(limits.perWindow[group]))
      .header('ratelimit-remaining', String(taken.remaining))
      .header('ratelimit-reset', String(taken.resetSeconds));
    if (taken.allowed) return undefined;
    reply.header('retry-after', String(taken.retryAfterSeconds));
    const details = { group, retryAfterSeconds: taken.retryAfterSeconds };
    if (request.routeOptions.url?.startsWith('/verify/')) {
      // The QR page is read in a phone's browser: it says so in HTML, in the reader's language.
      return reply
        .code(429)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', VERIFICATION_PAGE_POLICY)
        .send(verificationRefusal(new RuqsatError('RATE_LIMITED', details), pageLocale(request)));
    }
    return sendError(request, reply, 'RATE_LIMITED', details);
  });
}

/** The page's language as the page itself reads it: `?lang=` first, then Accept-Language. */
function pageLocale(request: FastifyRequest): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  return lang === 'kk' || lang === 'ru' || lang === 'en' ? lang : request.locale;
}
