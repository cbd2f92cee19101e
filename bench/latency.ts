import http from 'node:http';

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

/**
 * Sends `count` requests made by `next`, `concurrency` at a time (a closed loop: each client sends
 * its next request when the previous answer is in), and measures each from send to full body.
 */
export async function measure(
  count: number,
  concurrency: number,
  next: (i: number) => BenchRequest,
  check: (status: number, body: string) => void = expectOk,
): Promise<Latency> {
  const times: number[] = [];
  let issued = 0;
  const started = performance.now();
  const client = async () => {
    while (issued < count) {
      const request = next(issued++);
      const t0 = performance.now();
      const { status, body } = await send(request);
      times.push(performance.now() - t0);
      check(status, body);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return summarise(times, started);
}

function expectOk(status: number, body: string): void {
  if (status !== 200) throw new Error(`answered ${status}: ${body.slice(0, 300)}`);
}

/**
 * Sends `count` requests at a fixed rate (an open loop: requests leave on schedule whether or not
 * earlier answers are in), so the latency is that of a server under that load, not of a queue.
 */
export async function measureAtRate(
  count: number,
  perSecond: number,
  next: (i: number) => BenchRequest,
  check: (status: number, body: string) => void = expectOk,
): Promise<Latency> {
  const times: number[] = [];
  const started = performance.now();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = next(i);
    requests.push(
      (async () => {
        const t0 = performance.now();
        const { status, body } = await send(request);
        times.push(performance.now() - t0);
        check(status, body);
      })(),
    );
  }
  await Promise.all(requests);
  return summarise(times, started);
}

/**
 * node:http on keep-alive connections, lighter than undici's fetch: the load generator shares the
 * machine's two cores with the server it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(request: BenchRequest): Promise<{ status: number; body: string }> {
  const { url, method = 'GET', headers = {}, body } = typeof request === 'string' ? { url: request } : request;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Percentiles of the measured times, and the rate since `started`. */
function summarise(times: number[], started: number): Latency {
  const seconds = (performance.now() - started) / 1000;
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
