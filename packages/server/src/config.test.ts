import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

describe('readConfig', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:8080', () => {
    expect(readConfig({})).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      SHUTDOWN_GRACE_MS: 10_000,
      READINESS_TIMEOUT_MS: 2_000,
      DATABASE_QUERY_TIMEOUT_MS: 30_000,
      DATABASE_PREPARED_STATEMENTS: 'on',
      SWEEP_INTERVAL_MS: 30_000,
      OUTBOX_INTERVAL_MS: 2_000,
      OUTBOX_LEASE_MS: 60_000,
      OCSP: 'on',
      OCSP_TIMEOUT_MS: 3_000,
      OCSP_CACHE_SECONDS: 300,
      SANDBOX_PORT: 8081,
      SANDBOX_HOST: '127.0.0.1',
      GATEWAY_TIMEOUT_MS: 5_000,
      GATEWAY_RETRIES: 2,
      GATEWAY_BACKOFF_MS: 200,
      GATEWAY_BREAKER_FAILURES: 5,
      GATEWAY_BREAKER_COOLDOWN_MS: 30_000,
      RECONCILE_INTERVAL_MS: 60_000,
      ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024,
      ATTACHMENT_MAX_FILES: 30,
      CLAMD_PORT: 3310,
      CLAMD_TIMEOUT_MS: 10_000,
      MAIL_FROM: 'Ruqsat <no-reply@ruqsat.local>',
      RATE_LIMIT_WINDOW_SECONDS: 60,
      RATE_LIMIT_SIGN_IN: 60,
      RATE_LIMIT_REGISTRY: 300,
      RATE_LIMIT_REGISTRY_EXPORT: 2,
      RATE_LIMIT_VERIFICATION: 120,
      RATE_LIMIT_MAX_CLIENTS: 100_000,
    });
  });

  it('reads the environment and treats an empty variable as unset', () => {
    const config = readConfig({ PORT: '9000', DATABASE_URL: 'postgresql://u@h/db', DATA_DIR: '', HOME: '/root' });
    expect(config).toMatchObject({ PORT: 9000, DATABASE_URL: 'postgresql://u@h/db', DATA_DIR: './data' });
  });

  it('wants the payment callback secret when a real gateway is named', () => {
    expect(() => readConfig({ GATEWAY_URL: 'https://shep.example.kz/' })).toThrow(/PAYMENT_CALLBACK_SECRET/);
    expect(
      readConfig({ GATEWAY_URL: 'https://shep.example.kz/', PAYMENT_CALLBACK_SECRET: 'a-long-enough-secret' }),
    ).toMatchObject({ GATEWAY_URL: 'https://shep.example.kz/' });
  });

  it('believes no proxy unless told, and never every proxy', () => {
    expect(readConfig({}).TRUST_PROXY).toBeUndefined();
    for (const good of ['1', '10.0.0.0/8, 192.168.1.10', 'loopback', 'fd00::/8']) {
      expect(readConfig({ TRUST_PROXY: good }).TRUST_PROXY, good).toBe(good);
    }
    for (const bad of ['true', '*', '10.0.0.0/33', 'lb.example.kz', '1.2.3.4/8/8']) {
      expect(() => readConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('lists every problem at once, by variable name', () => {
    try {
      readConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', OCSP: 'maybe', OCSP_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'OCSP', 'OCSP_URL']) expect(problems).toContain(name);
    }
  });
});
