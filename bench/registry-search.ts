// The registry search over a million licences, on real PostgreSQL, through real HTTP: p50/p99 by
// number, by BIN and by name fragment, each beside a baseline measured in the same run — a bare
// Fastify route doing one primary-key SELECT on the same table through the same pool. Each is
// measured at its peak (clients back to back) and at half of that rate; the target is the p99 at
// half the peak, the load a service is planned for, not the queue at saturation.
import { Temporal } from '@ruqsat/core';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadLegalTime } from '../packages/server/src/calendar/legal-time.js';
import { buildApp } from '../packages/server/src/http/app.js';
import { LicenceRegistry } from '../packages/server/src/registry/licence-registry.js';
import { ResultDocumentsReader } from '../packages/server/src/registry/result-documents-reader.js';
import { VerificationService } from '../packages/server/src/registry/verification.js';
import { loadCatalogue } from '../packages/server/src/regulations/catalogue.js';
import { SigningKeys } from '../packages/server/src/signing/signing-keys.js';
import type { Store } from '../packages/server/src/store/store.js';
import { seedSyntheticLicences } from '../packages/server/src/test-support/synthetic-licences.js';
import { openTestVault } from '../packages/server/src/test-support/test-vault.js';
import { type Latency, measure, measureAtRate } from './latency.js';

/** The target for the registry search. */
export const TARGET_P99_MS = 50;

/** A kind of search at its peak (closed loop) and at half of that rate (open loop). */
export interface Search {
  readonly peak: Latency;
  readonly halfPeak: Latency;
}

export interface RegistryFigures {
  readonly licences: number;
  readonly seedSeconds: number;
  readonly baseline: Search;
  readonly byNumber: Search;
  readonly byBin: Search;
  readonly byName: Search;
  readonly met: boolean;
}

export async function benchRegistrySearch(
  store: Store,
  options: { readonly licences: number; readonly requests: number; readonly concurrency: number },
): Promise<RegistryFigures> {
  const catalogue = await loadCatalogue();
  const services = catalogue.list().map((r) => ({
    serviceId: r.service.id,
    regulationId: r.id,
    authorityId: r.authority.id,
  }));
  const seeding = performance.now();
  await seedSyntheticLicences(store.db, { count: options.licences, services });
  // As after any bulk load: statistics for the planner, and the trigram index's pending entries merged.
  await sql`VACUUM ANALYZE licences, licence_search`.execute(store.db);
  // The load's WAL written out now, not by a checkpoint in the middle of a measurement (superuser only).
  await sql`CHECKPOINT`.execute(store.db).catch(() => undefined);
  const seedSeconds = (performance.now() - seeding) / 1000;

  const sample = await sql<{ number: string; holder_id: string; public_name: string }>`
    SELECT number, holder_id, public_name FROM licences TABLESAMPLE SYSTEM (1) LIMIT 2000`.execute(store.db);
  const numbers = sample.rows.map((r) => r.number);
  const bins = sample.rows.map((r) => r.holder_id);
  const fragments = nameFragments(sample.rows.map((r) => r.public_name));
  if (numbers.length === 0) throw new Error('the registry is empty');

  const registry = new LicenceRegistry(store.db, catalogue, nowInstant);
  const vault = await openTestVault(store.db);
  const trust = { trustAnchors: [], revocation: [] };
  const app = await buildApp({
    store,
    catalogue,
    legalTime: await loadLegalTime(),
    logLevel: 'silent',
    bodyLimitBytes: 1_048_576,
    readinessTimeoutMs: 2000,
    registry: {
      registry,
      verification: new VerificationService(store.db, registry, trust, nowInstant),
      reader: new ResultDocumentsReader(store.db, catalogue),
      signingKeys: new SigningKeys(vault, trust, () => new Date()),
    },
  });
  const baselineApp = Fastify({ logger: false });
  baselineApp.get<{ Params: { number: string } }>('/licence/:number', async (request) => {
    const row = await store.db
      .selectFrom('licences')
      .selectAll()
      .where('number', '=', request.params.number)
      .executeTakeFirst();
    return row ?? {};
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const baselineUrl = await baselineApp.listen({ port: 0, host: '127.0.0.1' });
  try {
    const pick = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length] as T;
    const kinds = {
      baseline: (i: number) => `${baselineUrl}/licence/${pick(numbers, i)}`,
      byNumber: (i: number) => `${url}/api/v1/registry/licences?number=${pick(numbers, i)}`,
      byBin: (i: number) => `${url}/api/v1/registry/licences?holderId=${pick(bins, i)}`,
      byName: (i: number) => `${url}/api/v1/registry/licences?name=${encodeURIComponent(pick(fragments, i))}`,
    };
    // Warm both servers and PostgreSQL's cache alike before measuring either.
    for (const next of Object.values(kinds)) await measure(options.requests / 4, options.concurrency, next);
    const figures = {} as Record<keyof typeof kinds, Search>;
    for (const [kind, next] of Object.entries(kinds) as [keyof typeof kinds, (i: number) => string][]) {
      // The peak: clients sending back to back. Then the latency at half that rate, arriving on schedule.
      const peak = await measure(options.requests, options.concurrency, next);
      const halfPeak = await measureAtRate(options.requests, peak.perSecond / 2, next);
      figures[kind] = { peak, halfPeak };
    }
    const { baseline, byNumber, byBin, byName } = figures;
    const met = [byNumber, byBin, byName].every((f) => f.halfPeak.p99 <= TARGET_P99_MS);
    return { licences: options.licences, seedSeconds, baseline, byNumber, byBin, byName, met };
  } finally {
    await app.close();
    await baselineApp.close();
  }
}

/**
 * What people type to find a company: one of its words, two words in a row, or the words with
 * the name's number — taken from names in the registry, lower-cased as typed.
 */
function nameFragments(names: readonly string[]): string[] {
  const fragments: string[] = [];
  names.forEach((name, i) => {
    const words = name
      .replace(/[«»"]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length >= 3 && w !== 'ЖШС');
    const start = i % Math.max(1, words.length);
    const take = 1 + (i % 3);
    const fragment = words.slice(start, start + take).join(' ');
    if (fragment.length >= 3) fragments.push(i % 2 ? fragment.toLowerCase() : fragment);
  });
  return fragments;
}

function nowInstant(): Temporal.Instant {
  return Temporal.Now.instant();
}
