import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { registerLocale } from './locale.js';
import { clientKey, rateLimitGroupOf, rateLimitsOf, registerRateLimits } from './rate-limit.js';
import { TokenBuckets } from './token-buckets.js';
import { trustProxyOf } from './trusted-proxies.js';
import type { ZodApp } from './zod-app.js';

describe('token buckets, one per client', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('allows a burst of the limit, then one more per limit-th of the window', () => {
    const time = clock();
    const buckets = new TokenBuckets({ limit: 4, windowMs: 60_000, maxClients: 10, now: time.now });
    expect([1, 2, 3, 4].map(() => buckets.take('a').remaining)).toEqual([3, 2, 1, 0]);
    const refused = buckets.take('a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 15, resetSeconds: 60 });
    time.advance(14_999);
    expect(buckets.take('a').allowed).toBe(false);
    time.advance(1);
    expect(buckets.take('a')).toMatchObject({ allowed: true, remaining: 0 });
    // A whole quiet window fills the bucket again, never beyond the limit.
    time.advance(10 * 60_000);
    expect([1, 2, 3, 4, 5].map(() => buckets.take('a').allowed)).toEqual([true, true, true, true, false]);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('ignores a clock that steps back instead of refilling or draining', () => {
    const time = clock();
    const buckets = new TokenBuckets({ limit: 1, windowMs: 1000, maxClients: 10, now: time.now });
    expect(buckets.take('a').allowed).toBe(true);
    time.advance(-5000);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('remembers at most maxClients, forgetting the one seen longest ago first', () => {
    const time = clock();
    const buckets = new TokenBuckets({ limit: 1, windowMs: 60_000, maxClients: 3, now: time.now });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    buckets.take('a'); // a is refused, and now the most recently seen
    for (let i = 0; i < 10_000; i++) buckets.take(`attacker-${i}`);
    expect(buckets.size).toBe(3);
    // Forgotten: a full bucket again, as after a quiet window.
    expect(buckets.take('b').allowed).toBe(true);
  });
});

describe('the client address a limit counts', () => {
  it('counts IPv4 as it is, an IPv4-mapped IPv6 as its IPv4, and IPv6 by its /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('trusts no proxy by default, and reads hops or address lists', () => {
    expect(trustProxyOf(undefined)).toBe(false);
    expect(trustProxyOf('0')).toBe(false);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('10.0.0.0/8, loopback')).toEqual(['10.0.0.0/8', 'loopback']);
    expect(() => trustProxyOf('true')).toThrow(/TRUST_PROXY/);
  });
});

describe('which routes are limited, and how much', () => {
  it('groups sign-in, the registry and verification, and nothing else', () => {
    expect(rateLimitGroupOf('POST', '/api/v1/auth/challenge')).toBe('sign_in');
    expect(rateLimitGroupOf('POST', '/api/v1/auth/sign-in')).toBe('sign_in');
    expect(rateLimitGroupOf('POST', '/api/v1/auth/sign-out')).toBeUndefined();
    expect(rateLimitGroupOf('GET', '/api/v1/registry/licences')).toBe('registry');
    expect(rateLimitGroupOf('GET', '/api/v1/registry/export.csv')).toBe('registry_export');
    expect(rateLimitGroupOf('GET', '/api/v1/registry/export.json')).toBe('registry_export');
    expect(rateLimitGroupOf('GET', '/api/v1/verify/documents/:id')).toBe('verification');
    expect(rateLimitGroupOf('GET', '/verify/:id')).toBe('verification');
    expect(rateLimitGroupOf('GET', '/api/v1/services')).toBeUndefined();
    expect(rateLimitGroupOf('GET', undefined)).toBeUndefined();
  });

  it('takes its defaults from the configuration, and leaves a group set to 0 unlimited', async () => {
    expect(rateLimitsOf(readConfig({}))).toEqual({
      perWindow: { sign_in: 60, registry: 300, registry_export: 2, verification: 120 },
      windowMs: 60_000,
      maxClients: 100_000,
    });
    const app = Fastify() as unknown as ZodApp;
    registerLocale(app);
    registerRateLimits(app, {
      ...rateLimitsOf(readConfig({ RATE_LIMIT_REGISTRY: '0', RATE_LIMIT_SIGN_IN: '1' })),
      now: () => 0,
    });
    app.get('/api/v1/registry/licences', async () => ({ items: [] }));
    app.post('/api/v1/auth/challenge', async () => ({ nonce: 'n' }));
    const searches = [];
    for (let i = 0; i < 400; i++) searches.push(await app.inject({ method: 'GET', url: '/api/v1/registry/licences' }));
    expect(new Set(searches.map((r) => r.statusCode))).toEqual(new Set([200]));
    expect(searches[0]?.headers['ratelimit-limit']).toBeUndefined();
    const challenges = [];
    for (let i = 0; i < 2; i++) challenges.push(await app.inject({ method: 'POST', url: '/api/v1/auth/challenge' }));
    expect(challenges.map((r) => r.statusCode)).toEqual([200, 429]);
    expect(challenges[1]?.headers['retry-after']).toBe('60');
    await app.close();
  });
});
