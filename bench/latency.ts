import { Worker } from 'node:worker_threads';

/** Latency figures of a series of requests, in milliseconds. */
export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
}

/** A request to send: a URL to GET, or a method, headers and body too. */
export type BenchRequest =
  | string
  | {
      readonly url: string;
      readonly method?: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    };

/** What the load generator's thread (load-generator.ts) is given: the requests and how to send them. */
export interface LoadOrder {
  readonly requests: readonly BenchRequest[];
  readonly loop:
    | { readonly kind: 'closed'; readonly concurrency: number }
    | { readonly kind: 'open'; readonly perSecond: number };
  readonly expectedStatus: number;
}

/** What it answers: each request's time from send to full body, and the first unexpected answer. */
export interface LoadResult {
  readonly times: number[];
  readonly seconds: number;
  readonly unexpected: string | undefined;
}

/**
 * Sends `count` requests made by `next`, `concurrency` at a time (a closed loop: each client sends
 * its next request when the previous answer is in), and measures each from send to full body.
 */
export function measure(
  count: number,
  concurrency: number,
  next: (i: number) => BenchRequest,
  expectedStatus = 200,
): Promise<Latency> {
  return generateLoad(count, next, { kind: 'closed', concurrency }, expectedStatus);
}

/**
 * Sends `count` requests at a fixed rate (an open loop: requests leave on schedule whether or not
 * earlier answers are in), so the latency is that of a server under that load, not of a queue.
 */
export function measureAtRate(
  count: number,
  perSecond: number,
  next: (i: number) => BenchRequest,
  expectedStatus = 200,
): Promise<Latency> {
  return generateLoad(count, next, { kind: 'open', perSecond }, expectedStatus);
}

/**
 * The requests are made here and sent from a thread of their own (load-generator.ts, through tsx
 * as the benchmarks run); this thread waits meanwhile.
 */
async function generateLoad(
  count: number,
  next: (i: number) => BenchRequest,
  loop: LoadOrder['loop'],
  expectedStatus: number,
): Promise<Latency> {
  const order: LoadOrder = { requests: Array.from({ length: count }, (_, i) => next(i)), loop, expectedStatus };
  const entry = new URL('./load-generator.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: order });
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the load generator exited ${code} before it answered`)));
    });
    if (result.unexpected !== undefined) throw new Error(result.unexpected);
    return summarise(result.times, result.seconds);
  } finally {
    await worker.terminate();
  }
}

/** Percentiles of the measured times, and the rate over the series' seconds. */
function summarise(times: number[], seconds: number): Latency {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    count: times.length,
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    perSecond: times.length / seconds,
  };
}
