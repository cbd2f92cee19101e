import { Temporal } from '@ruqsat/core';
import { type AssemblyParts, appOptionsOf, assembleServices, type Services } from '../assembly.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { buildApp } from '../http/app.js';
import type { RateLimits } from '../http/rate-limit.js';
import type { TrustProxy } from '../http/trusted-proxies.js';
import type { ZodApp } from '../http/zod-app.js';
import { loadMciTable } from '../payments/mci-table.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import type { TestSignIns } from './signed-in.js';
import { testAttachments } from './test-attachments.js';
import { openTestVault, TEST_PUBLIC_URL } from './test-vault.js';

export interface TestApp {
  readonly app: ZodApp;
  readonly services: Services;
  readonly parts: AssemblyParts;
}

/**
 * The API as `ruqsat serve` assembles it (assembly.ts), on a test store, signing in through the
 * test CA, on the given clock; with the outside systems and payments when given.
 */
export async function openTestApp(
  store: Store,
  options: {
    readonly signIns: TestSignIns;
    readonly now?: () => Temporal.Instant;
    readonly outside?: AssemblyParts['outside'];
    readonly bodyLimitBytes?: number;
    /** Unset: no rate limits, so that suites calling a route many times do not trip them. */
    readonly rateLimits?: RateLimits;
    readonly trustProxy?: TrustProxy;
  },
): Promise<TestApp> {
  const now = options.now ?? (() => Temporal.Now.instant());
  const parts: AssemblyParts = {
    store,
    catalogue: await loadCatalogue(),
    legalTime: await loadLegalTime(),
    mci: await loadMciTable(),
    now,
    trust: options.signIns.trust,
    attachments: testAttachments(store.db, now),
    vault: await openTestVault(store.db),
    publicUrl: TEST_PUBLIC_URL,
    ...(options.outside ? { outside: options.outside } : {}),
  };
  const services = assembleServices(parts);
  const app = await buildApp({
    ...appOptionsOf(parts, services, {
      signIn: options.signIns.signIn,
      logLevel: 'silent',
      bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
      readinessTimeoutMs: 2000,
    }),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  return { app, services, parts };
}
