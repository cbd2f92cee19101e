// `npm run bench`: the benchmarks on this machine's PostgreSQL, each figure beside a baseline
// measured in the same run. Results are recorded by hand in docs/performance.md.
//
//   npm run bench                      all of them
//   npm run bench -- submission ...    only those named (registry-search, submission, status-read, documents,
//                                      virtual-year); submission includes the server's peak RSS and two
//                                      instances against one
//   BENCH_YEAR_APPLICATIONS  applications in the virtual year (default 1 500 000; fewer while developing)
//
//   BENCH_DATABASE_URL  the server to create throw-away databases on (default: local, trust auth)
//   BENCH_LICENCES      licences in the registry (default 1 000 000)
//   BENCH_SUBMISSIONS   submissions per measured series (default 2 000)
//   BENCH_SERVER_NODE_ARGS  node options for the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigratedStore, type Store } from '../packages/server/src/store/store.js';
import { benchDocuments, DOCUMENTS_TARGET_PER_CORE, type Throughput } from './documents.js';
import type { Latency } from './latency.js';
import { benchRegistrySearch, type Search, TARGET_P99_MS } from './registry-search.js';
import type { ServedLatency } from './server-process.js';
import { benchStatusRead, type Read, STATUS_READ_TARGETS } from './status-read.js';
import { benchSubmission, SUBMISSION_TARGETS } from './submission.js';
import { benchVirtualYear, printVirtualYear } from './virtual-year.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const licences = Number(process.env.BENCH_LICENCES ?? 1_000_000);
const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const yearApplications = Number(process.env.BENCH_YEAR_APPLICATIONS ?? 1_500_000);

/** Each benchmark, those on the database on a throw-away one of its own; true when its targets are met. */
const BENCHMARKS: Record<string, () => Promise<boolean>> = {
  'registry-search': () => onThrowawayDatabase(runRegistrySearch),
  submission: () => onThrowawayDatabase(runSubmission),
  'status-read': () => onThrowawayDatabase(runStatusRead),
  documents: runDocuments,
  'virtual-year': () => onThrowawayDatabase(runVirtualYear),
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; there are: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  const met = await run();
  failed ||= !met;
}
process.exitCode = failed ? 1 : 0;

async function onThrowawayDatabase(run: (store: Store, databaseUrl: string) => Promise<boolean>): Promise<boolean> {
  const name = `ruqsat_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openMigratedStore({ databaseUrl: url.toString(), dataDir: '.' });
  try {
    return await run(store, url.toString());
  } finally {
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function runRegistrySearch(store: Store): Promise<boolean> {
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
  return figures.met;
}

async function runSubmission(store: Store, databaseUrl: string): Promise<boolean> {
  const f = await benchSubmission(store, databaseUrl, { submissions, concurrency: 16, applicants: 50 });
  const base = f.baseline.peak.perSecond;
  const line = (label: string, peak: ServedLatency, half?: Latency) =>
    `  ${label.padEnd(26)} peak ${rate(peak)} (p99 ${ms(peak.p99)})` +
    (half ? `  at half: p50 ${ms(half.p50)}  p99 ${ms(half.p99)}` : '') +
    `  server CPU ${cpu(peak)}  — ×${(peak.perSecond / base).toFixed(2)} of baseline's rate, CPU ×${(peak.serverCpuMs / f.baseline.peak.serverCpuMs).toFixed(1)}`;
  console.log(
    `submission, ${submissions.toLocaleString('en')} signed applications a series (prepared in ${f.prepareSeconds.toFixed(0)} s)`,
  );
  console.log(line('baseline: bare INSERT', f.baseline.peak, f.baseline.halfPeak));
  console.log(line('ruqsat serve, 1 instance', f.one.peak, f.one.halfPeak));
  console.log(line('ruqsat serve, 2 instances', f.two));
  console.log(`  two instances against one: ×${(f.two.perSecond / f.one.peak.perSecond).toFixed(2)}`);
  console.log(`  peak RSS of the server under that load: ${(f.peakRssBytes / 1024 / 1024).toFixed(0)} MB`);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
  console.log(`  target ≥ ${SUBMISSION_TARGETS.perSecond}/s: ${verdict(f.met.rate)}`);
  console.log(`  target ≥ ${SUBMISSION_TARGETS.ofBaseline * 100} % of the baseline: ${verdict(f.met.ofBaseline)}`);
  console.log(`  target peak RSS ≤ ${SUBMISSION_TARGETS.peakRssBytes / 1024 / 1024} MB: ${verdict(f.met.memory)}`);
  return f.met.rate && f.met.ofBaseline && f.met.memory;
}

async function runStatusRead(store: Store, databaseUrl: string): Promise<boolean> {
  const f = await benchStatusRead(store, databaseUrl, {
    applicants: 20,
    applicationsEach: 25,
    requests: 4000,
    concurrency: 8,
  });
  const base = f.baseline;
  const line = (label: string, r: Read) =>
    `  ${label.padEnd(26)} peak ${rate(r.peak)} (p99 ${ms(r.peak.p99)})  at half: p50 ${ms(r.halfPeak.p50)}  p99 ${ms(r.halfPeak.p99)}` +
    `  server CPU ${cpu(r.peak)}  — ×${(r.peak.perSecond / base.peak.perSecond).toFixed(2)} of baseline's rate, CPU ×${(r.peak.serverCpuMs / base.peak.serverCpuMs).toFixed(1)}`;
  console.log(`status read, ${f.applications} applications of 20 companies' heads`);
  console.log(line('baseline: PK SELECT', base));
  console.log(line('my applications (list)', f.list));
  console.log(line('one application', f.one));
  console.log(
    `  target ≥ ${STATUS_READ_TARGETS.ofBaseline * 100} % of the baseline's rate, p99 ≤ ${STATUS_READ_TARGETS.p99Ms} ms at half the peak: ${f.met ? 'met' : 'NOT MET'}`,
  );
  return f.met;
}

async function runDocuments(): Promise<boolean> {
  const f = await benchDocuments({ count: 300 });
  const line = (label: string, t: Throughput) =>
    `  ${label.padEnd(36)} ${t.perCpuSecond.toFixed(0).padStart(5)}/s per core (${t.perSecond.toFixed(0)}/s wall, ${(t.bytes / 1024).toFixed(0)} KB each)` +
    `  — ×${(t.perCpuSecond / f.baseline.perCpuSecond).toFixed(2)} of baseline's rate`;
  console.log(`documents, ${f.licences.count} of each, one after the other`);
  console.log(line('baseline: detached CMS over a PDF', f.baseline));
  console.log(line('licence PDF, PAdES-signed', f.licences));
  console.log(`  target ≥ ${DOCUMENTS_TARGET_PER_CORE}/s per core: ${f.met ? 'met' : 'NOT MET'}`);
  return f.met;
}

/** The simulated national year, with every 1 000th application given again through the store. */
async function runVirtualYear(store: Store): Promise<boolean> {
  const started = performance.now();
  const figures = await benchVirtualYear({
    applications: yearApplications,
    store,
    onMonth: (month, open) =>
      console.error(
        `  virtual year: month ${month} in ${((performance.now() - started) / 1000).toFixed(0)} s, ${open} open`,
      ),
  });
  printVirtualYear(figures);
  // A smaller year is a rehearsal: it says nothing about the target either way.
  return figures.applications < 1_500_000 || figures.met;
}

/** The server's CPU per request, the rate one core would serve at that cost, and PostgreSQL's CPU per request. */
function cpu(latency: ServedLatency): string {
  return (
    `${latency.serverCpuMs.toFixed(2)} ms/request (${Math.round(1000 / latency.serverCpuMs)}/s per core)` +
    `, PostgreSQL ${latency.databaseCpuMs.toFixed(2)} ms`
  );
}

function ms(value: number): string {
  return `${value.toFixed(1).padStart(6)} ms`;
}

function rate(latency: Latency): string {
  return `${String(Math.round(latency.perSecond)).padStart(5)}/s`;
}
