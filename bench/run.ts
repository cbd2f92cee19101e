// `npm run bench`: the benchmarks on this machine's PostgreSQL, each figure beside a baseline
// measured in the same run. Results are recorded by hand in docs/performance.md.
//
//   BENCH_DATABASE_URL  the server to create a throw-away database on (default: local, trust auth)
//   BENCH_LICENCES      licences in the registry (default 1 000 000)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigratedStore } from '../packages/server/src/store/store.js';
import type { Latency } from './latency.js';
import { benchRegistrySearch, type Search, TARGET_P99_MS } from './registry-search.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const licences = Number(process.env.BENCH_LICENCES ?? 1_000_000);

const name = `ruqsat_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const store = await openMigratedStore({ databaseUrl: url.toString(), dataDir: '.' });
let failed = false;
try {
  const figures = await benchRegistrySearch(store, { licences, requests: 4000, concurrency: 8 });
  const base = figures.baseline;
  const line = (label: string, f: Search) =>
    `  ${label.padEnd(20)} peak ${rate(f.peak)} (p99 ${ms(f.peak.p99)})  at half: p50 ${ms(f.halfPeak.p50)}  p99 ${ms(f.halfPeak.p99)}` +
    `  — ×${(f.peak.perSecond / base.peak.perSecond).toFixed(2)} of baseline's rate, p99 ×${(f.halfPeak.p99 / base.halfPeak.p99).toFixed(2)}`;
  console.log(
    `registry search over ${figures.licences.toLocaleString('en')} licences (seeded in ${figures.seedSeconds.toFixed(0)} s)`,
  );
  console.log(line('baseline: PK SELECT', base));
  console.log(line('by number', figures.byNumber));
  console.log(line('by BIN', figures.byBin));
  console.log(line('by name fragment', figures.byName));
  console.log(`  target p99 ≤ ${TARGET_P99_MS} ms at half the peak rate: ${figures.met ? 'met' : 'NOT MET'}`);
  failed = !figures.met;
} finally {
  await store.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
process.exitCode = failed ? 1 : 0;

function ms(value: number): string {
  return `${value.toFixed(1).padStart(6)} ms`;
}

function rate(latency: Latency): string {
  return `${String(Math.round(latency.perSecond)).padStart(5)}/s`;
}
