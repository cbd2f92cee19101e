import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test-support/free-port.js';

export { freePort };

const ROOT = fileURLToPath(new URL('../../../../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/ruqsat.js', import.meta.url));

/** Children still running when the test process ends (a failed or interrupted run) die with it. */
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * The real server, `ruqsat serve` of the built bin, as a child process on a port of its own — to
 * be killed with SIGKILL, started again on the same database and data folder, or run twice beside
 * another instance. What it prints is kept for a failing test's message.
 */
export class ServerProcess {
  #child: ChildProcess | null = null;
  #output = '';
  readonly baseUrl: string;

  constructor(
    readonly port: number,
    private readonly env: Readonly<Record<string, string>>,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last lines the process printed, for an assertion's message. */
  log(lines = 40): string {
    return this.#output.split('\n').slice(-lines).join('\n');
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error('the server is already running');
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' };
    const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    living.add(child);
    child.once('exit', () => living.delete(child));
    const keep = (chunk: Buffer) => {
      // Only the tail matters; fifty restarts' worth of logs would only cost memory.
      this.#output = (this.#output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`ruqsat serve exited (${child.exitCode ?? child.signalCode}):\n${this.log()}`);
      if ((await this.readiness()) === 200) return;
      await sleep(50);
    }
    await this.kill();
    throw new Error(`ruqsat serve was not ready within ${timeoutMs} ms:\n${this.log()}`);
  }

  /** GET /readyz's status, or null while nothing answers. */
  async readiness(): Promise<number | null> {
    try {
      const response = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return null;
    }
  }

  /** Kills the process (SIGKILL unless told) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
