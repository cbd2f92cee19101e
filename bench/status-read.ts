// What an applicant reads most: "My applications" (the list, newest first, one page) and one
// application with its history in words, over real HTTP from `ruqsat serve` as its own process —
// beside a baseline measured in the same run: a bare Fastify route (its own process too) doing one
// primary-key SELECT of an application row on the same PostgreSQL. Each at its peak (clients back
// to back) and at half of that rate (an open loop).
import type { Store } from '../packages/server/src/store/store.js';
import { type BenchRequest, type Latency, measure, measureAtRate } from './latency.js';
import { openRuqsatUnderTest } from './ruqsat-under-test.js';
import { type ServedLatency, startBaseline, startRuqsat, withServerCpu } from './server-process.js';
import { prepareSubmissions } from './signed-submissions.js';

/** The targets: the rate against the baseline's, and the p99 at half of the peak rate. */
export const STATUS_READ_TARGETS = { ofBaseline: 0.6, p99Ms: 10 } as const;

/** A kind of read at its peak (closed loop) and at half of that rate (open loop). */
export interface Read {
  readonly peak: ServedLatency;
  readonly halfPeak: Latency;
}

export interface StatusReadFigures {
  readonly applications: number;
  readonly baseline: Read;
  readonly list: Read;
  readonly one: Read;
  readonly met: boolean;
}

export async function benchStatusRead(
  store: Store,
  databaseUrl: string,
  options: {
    readonly applicants: number;
    readonly applicationsEach: number;
    readonly requests: number;
    readonly concurrency: number;
  },
): Promise<StatusReadFigures> {
  const underTest = await openRuqsatUnderTest(store, databaseUrl, { applicants: options.applicants });
  try {
    // The applications to read, submitted through the API in this process (not measured).
    const submissions = await prepareSubmissions(
      underTest.test,
      underTest.applicants,
      options.applicants * options.applicationsEach,
    );
    for (const s of submissions) {
      const answer = await underTest.test.app.inject({
        method: 'POST',
        url: `/api/v1/drafts/${s.draftId}/submit`,
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
        payload: s.body,
      });
      if (answer.statusCode !== 201) throw new Error(`submission answered ${answer.statusCode}: ${answer.body}`);
    }
    const baseline = await startBaseline({ DATABASE_URL: databaseUrl });
    const ruqsat = await startRuqsat(underTest.serverEnv);
    try {
      const pick = (i: number) => submissions[(i * 7919) % submissions.length] as (typeof submissions)[number];
      const kinds = {
        baseline: (i: number): BenchRequest => `${baseline.url}/applications/${pick(i).draftId}`,
        list: (i: number): BenchRequest => ({
          url: `${ruqsat.url}/api/v1/my/applications`,
          headers: { authorization: `Bearer ${pick(i).token}` },
        }),
        one: (i: number): BenchRequest => ({
          url: `${ruqsat.url}/api/v1/my/applications/${pick(i).draftId}`,
          headers: { authorization: `Bearer ${pick(i).token}` },
        }),
      };
      // Warm both servers and PostgreSQL's cache alike before measuring either.
      for (const next of Object.values(kinds)) await measure(options.requests / 4, options.concurrency, next);
      const figures = {} as Record<keyof typeof kinds, Read>;
      for (const [kind, next] of Object.entries(kinds) as [keyof typeof kinds, (i: number) => BenchRequest][]) {
        const server = kind === 'baseline' ? baseline : ruqsat;
        const peak = await withServerCpu([server], () => measure(options.requests, options.concurrency, next));
        const halfPeak = await measureAtRate(options.requests, peak.perSecond / 2, next);
        figures[kind] = { peak, halfPeak };
      }
      const met = [figures.list, figures.one].every(
        (f) =>
          f.peak.perSecond >= STATUS_READ_TARGETS.ofBaseline * figures.baseline.peak.perSecond &&
          f.halfPeak.p99 <= STATUS_READ_TARGETS.p99Ms,
      );
      return { applications: submissions.length, ...figures, met };
    } finally {
      await ruqsat.stop();
      await baseline.stop();
    }
  } finally {
    await underTest.close();
  }
}
