// A server under test as its own process, as it runs in production: `ruqsat serve` (or the bare
// baseline), started on a free port, waited for until ready, its peak memory read from the kernel.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../packages/server/src/test-support/free-port.js';
import type { Latency } from './latency.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** The process's peak resident set since it started (VmHWM), in bytes. */
  peakRssBytes(): number;
  /** The CPU time the process has used so far (user and system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** `node packages/server/bin/ruqsat.js serve` with these settings (the build in dist/). */
export function startRuqsat(env: Readonly<Record<string, string>>): Promise<ServerProcess> {
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under test.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  return start([...nodeArgs, path.join(root, 'packages/server/bin/ruqsat.js'), 'serve'], env, '/readyz');
}

/** The baseline routes (bench/baseline-server.ts), through tsx as the benchmarks themselves run. */
export function startBaseline(env: Readonly<Record<string, string>>): Promise<ServerProcess> {
  return start(['--import', 'tsx', path.join(root, 'bench/baseline-server.ts')], env, '/readyz');
}

async function start(args: string[], env: Readonly<Record<string, string>>, ready: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}: ${errors}`);
    const answer = await fetch(`${url}${ready}`).catch(() => null);
    if (answer?.ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} not ready in a minute: ${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid as number;
  return { url, pid, peakRssBytes: () => peakRss(pid), cpuSeconds: () => cpuSeconds(pid), stop: () => stop(child) };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kilobytes) * 1024;
}

/** utime and stime of /proc/<pid>/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces: count the fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A series' latency, and the CPU time the servers under test spent on each request of it. */
export type ServedLatency = Latency & {
  /** Milliseconds of the servers' CPU per request: what the series cost them, whatever else loads the machine. */
  readonly serverCpuMs: number;
  /**
   * Milliseconds of PostgreSQL's CPU per request, all its processes on this machine together —
   * the other half of what a request costs here (NaN where the database runs elsewhere).
   */
  readonly databaseCpuMs: number;
};

/** Runs a series against these servers and adds what their CPU, and PostgreSQL's, spent on each request. */
export async function withServerCpu(
  servers: readonly ServerProcess[],
  series: () => Promise<Latency>,
): Promise<ServedLatency> {
  const total = () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
  const before = total();
  const databaseBefore = postgresCpuByProcess();
  const latency = await series();
  return {
    ...latency,
    serverCpuMs: ((total() - before) * 1000) / latency.count,
    databaseCpuMs: (cpuSpentSince(databaseBefore, postgresCpuByProcess()) * 1000) / latency.count,
  };
}

/** The CPU time of each process of this machine named `postgres` (the server and its backends), by pid. */
function postgresCpuByProcess(): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') {
        seconds.set(Number(entry), cpuSeconds(Number(entry)));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return seconds;
}

/**
 * What the processes spent between two readings: a process in both, the difference; a new one, all
 * of its time. A backend that ended in between (another pool's idle connection, say) is left out
 * rather than counted against the rest. NaN where no PostgreSQL runs on this machine.
 */
function cpuSpentSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  if (after.size === 0) return Number.NaN;
  let spent = 0;
  for (const [pid, seconds] of after) spent += seconds - (before.get(pid) ?? 0);
  return spent;
}
