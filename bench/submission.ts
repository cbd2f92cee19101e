// Signed applications submitted over real HTTP to `ruqsat serve` running as its own process on
// real PostgreSQL — the whole path: schema validation, the CMS signature checked with its chain and
// revocation (OCSP, cached), the regulation's portal conditions, registration, the first event and
// the outbox — beside a baseline measured in the same run: a bare Fastify route (its own process
// too) doing one INSERT of the same body into the same PostgreSQL. Each at its peak (clients back to
// back) and at half of that rate (an open loop, the latency a planned load sees). The same run
// reads the server's peak RSS under that load, and measures two instances on the same database,
// the client spreading the submissions over them, against one.
import { sql } from 'kysely';
import type { Store } from '../packages/server/src/store/store.js';
import { type BenchRequest, type Latency, measure, measureAtRate } from './latency.js';
import { openRuqsatUnderTest } from './ruqsat-under-test.js';
import { type ServedLatency, startBaseline, startRuqsat, withServerCpu } from './server-process.js';
import { prepareSubmissions, type SignedSubmission } from './signed-submissions.js';

/** The targets. */
export const SUBMISSION_TARGETS = {
  perSecond: 1000,
  ofBaseline: 0.5,
  peakRssBytes: 512 * 1024 * 1024,
} as const;

export interface SubmissionFigures {
  readonly prepareSeconds: number;
  readonly baseline: { readonly peak: ServedLatency; readonly halfPeak: Latency };
  readonly one: { readonly peak: ServedLatency; readonly halfPeak: Latency };
  readonly peakRssBytes: number;
  readonly two: ServedLatency;
  readonly met: { readonly rate: boolean; readonly ofBaseline: boolean; readonly memory: boolean };
}

export async function benchSubmission(
  store: Store,
  databaseUrl: string,
  options: { readonly submissions: number; readonly concurrency: number; readonly applicants: number },
): Promise<SubmissionFigures> {
  const underTest = await openRuqsatUnderTest(store, databaseUrl, { applicants: options.applicants });
  try {
    const warm = Math.min(500, Math.ceil(options.submissions / 10));
    const preparing = performance.now();
    // Warm-up, peak and half the peak on one instance, then the peak on two: each a batch of its own.
    const batches = [warm, options.submissions, options.submissions, warm, options.submissions];
    const all = await prepareSubmissions(
      underTest.test,
      underTest.applicants,
      batches.reduce((a, b) => a + b, 0),
    );
    const prepareSeconds = (performance.now() - preparing) / 1000;
    const [warmOne, peakOne, halfOne, warmTwo, peakTwo] = split(all, batches) as [
      SignedSubmission[],
      SignedSubmission[],
      SignedSubmission[],
      SignedSubmission[],
      SignedSubmission[],
    ];
    const count = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM applications`.execute(store.db)).rows[0]?.n ?? 0);

    await sql`CREATE TABLE bench_submissions (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(
      store.db,
    );
    const baseline = await startBaseline({ DATABASE_URL: databaseUrl });
    let baselineFigures: SubmissionFigures['baseline'];
    try {
      const insert = (i: number): BenchRequest => ({
        url: `${baseline.url}/submissions`,
        method: 'POST',
        body: (all[i % all.length] as SignedSubmission).body,
      });
      await measure(warm, options.concurrency, insert, CREATED);
      const peak = await withServerCpu([baseline], () =>
        measure(options.submissions, options.concurrency, insert, CREATED),
      );
      const halfPeak = await measureAtRate(options.submissions, peak.perSecond / 2, insert, CREATED);
      baselineFigures = { peak, halfPeak };
    } finally {
      await baseline.stop();
    }

    const first = await startRuqsat(underTest.serverEnv);
    let one: SubmissionFigures['one'];
    let peakRssBytes: number;
    try {
      const before = await count();
      await measure(warmOne.length, options.concurrency, submitTo([first.url], warmOne), CREATED);
      const peak = await withServerCpu([first], () =>
        measure(peakOne.length, options.concurrency, submitTo([first.url], peakOne), CREATED),
      );
      const halfPeak = await measureAtRate(halfOne.length, peak.perSecond / 2, submitTo([first.url], halfOne), CREATED);
      peakRssBytes = first.peakRssBytes();
      one = { peak, halfPeak };
      const registered = (await count()) - before;
      const sent = warmOne.length + peakOne.length + halfOne.length;
      if (registered !== sent)
        throw new Error(`${sent} submissions acknowledged, ${registered} applications registered`);

      const second = await startRuqsat(underTest.serverEnv);
      try {
        const both = [first.url, second.url];
        const beforeTwo = await count();
        await measure(warmTwo.length, options.concurrency, submitTo(both, warmTwo), CREATED);
        const two = await withServerCpu([first, second], () =>
          measure(peakTwo.length, options.concurrency, submitTo(both, peakTwo), CREATED),
        );
        const registeredByTwo = (await count()) - beforeTwo;
        if (registeredByTwo !== warmTwo.length + peakTwo.length) {
          throw new Error(
            `${warmTwo.length + peakTwo.length} acknowledged by two instances, ${registeredByTwo} registered`,
          );
        }
        const met = {
          rate: peak.perSecond >= SUBMISSION_TARGETS.perSecond,
          ofBaseline: peak.perSecond >= SUBMISSION_TARGETS.ofBaseline * baselineFigures.peak.perSecond,
          memory: peakRssBytes <= SUBMISSION_TARGETS.peakRssBytes,
        };
        return { prepareSeconds, baseline: baselineFigures, one, peakRssBytes, two, met };
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  } finally {
    await underTest.close();
  }
}

/** The submissions in turn, the i-th to the (i mod n)-th server. */
function submitTo(urls: readonly string[], submissions: readonly SignedSubmission[]) {
  return (i: number): BenchRequest => {
    const submission = submissions[i] as SignedSubmission;
    return {
      url: `${urls[i % urls.length]}/api/v1/drafts/${submission.draftId}/submit`,
      method: 'POST',
      headers: { authorization: `Bearer ${submission.token}` },
      body: submission.body,
    };
  };
}

/** What a submission, and the baseline's INSERT, answer. */
const CREATED = 201;

function split<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  let at = 0;
  return sizes.map((size) => {
    const part = items.slice(at, at + size);
    at += size;
    return part;
  });
}
