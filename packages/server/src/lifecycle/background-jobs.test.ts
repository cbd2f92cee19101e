import { describe, expect, it } from 'vitest';
import { BackgroundJobs, type JobLogger } from './background-jobs.js';

const silent: JobLogger = { error: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background jobs', () => {
  it('never overlaps passes of one job, and close waits for the pass in flight', async () => {
    let running = 0;
    let overlapped = false;
    let finished = 0;
    const jobs = new BackgroundJobs(
      [
        {
          name: 'slow',
          intervalMs: 5,
          run: async () => {
            running++;
            if (running > 1) overlapped = true;
            await sleep(40);
            running--;
            finished++;
          },
        },
      ],
      silent,
    );
    jobs.start();
    await sleep(60);
    await jobs.close();
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    const afterClose = finished;
    expect(afterClose).toBeGreaterThanOrEqual(1);
    await sleep(30);
    expect(finished).toBe(afterClose); // nothing starts after close
  });

  it('logs a failing pass and keeps the job running', async () => {
    let calls = 0;
    const errors: { details: Record<string, unknown>; message: string }[] = [];
    const logger: JobLogger = { error: (details, message) => void errors.push({ details, message }) };
    const jobs = new BackgroundJobs(
      [
        {
          name: 'flaky',
          intervalMs: 5,
          run: async () => {
            calls++;
            throw new Error('database away');
          },
        },
      ],
      logger,
    );
    jobs.start();
    await sleep(40);
    await jobs.close();
    expect(calls).toBeGreaterThan(1);
    expect(errors[0]).toMatchObject({ details: { job: 'flaky' }, message: 'background job failed' });
  });
});
