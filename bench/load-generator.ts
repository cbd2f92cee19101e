// The load generator's own thread (started by latency.ts): it sends the requests it is given and
// times each answer. It runs apart from the benchmark's main thread, whose heap holds fixtures,
// stores and signed submissions: a garbage collection there paused sending and reading answers
// for tens of milliseconds, and the requests held back then left in a burst — latency the server
// under test did not cause. This thread's heap holds the requests and the times, little else.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchRequest, LoadOrder, LoadResult } from './latency.js';

/** node:http on keep-alive connections, lighter than undici's fetch on a machine shared with the server. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const order = workerData as LoadOrder;
const times: number[] = [];
let unexpected: string | undefined;

async function timed(request: BenchRequest): Promise<void> {
  const t0 = performance.now();
  const { status, body } = await send(request);
  times.push(performance.now() - t0);
  if (status !== order.expectedStatus) unexpected ??= `answered ${status}: ${body.slice(0, 300)}`;
}

/** Each client sends its next request when the previous answer is in. */
async function closedLoop(concurrency: number): Promise<void> {
  let issued = 0;
  const client = async () => {
    while (issued < order.requests.length) await timed(order.requests[issued++] as BenchRequest);
  };
  await Promise.all(Array.from({ length: concurrency }, client));
}

/** Requests leave on schedule whether or not earlier answers are in. */
async function openLoop(perSecond: number, started: number): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < order.requests.length; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(timed(order.requests[i] as BenchRequest));
  }
  await Promise.all(inFlight);
}

function send(request: BenchRequest): Promise<{ status: number; body: string }> {
  const { url, method = 'GET', headers = {}, body } = typeof request === 'string' ? { url: request } : request;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method, agent, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } },
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

const started = performance.now();
await (order.loop.kind === 'closed' ? closedLoop(order.loop.concurrency) : openLoop(order.loop.perSecond, started));
const result: LoadResult = { times, seconds: (performance.now() - started) / 1000, unexpected };
parentPort?.postMessage(result);
agent.destroy();
