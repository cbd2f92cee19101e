import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../packages/server/src/test-support/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'packages/server/bin/ruqsat.js');

export type Driver = 'pglite' | 'postgres';

export interface RunningRuqsat {
  readonly driver: Driver;
  readonly baseUrl: string;
  /** Where the demo's key files and their passwords are (see the demo's README.md there). */
  readonly demoDir: string;
  /** What the server wrote to stdout and stderr, for a failing test's report. */
  readonly log: () => string;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL database beside the one DATABASE_URL names, dropped when the server stops. */
function throwAwayDatabase(baseUrl: string): { url: string; drop: () => void } {
  const name = `ruqsat_e2e_${Date.now()}_${process.pid}`;
  const admin = new URL(baseUrl);
  const psql = (sql: string) =>
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-c', sql], {
      env: {
        ...process.env,
        PGHOST: admin.hostname,
        PGPORT: admin.port || '5432',
        PGUSER: decodeURIComponent(admin.username) || 'postgres',
        ...(admin.password ? { PGPASSWORD: decodeURIComponent(admin.password) } : {}),
      },
      stdio: 'pipe',
    });
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Ruqsat as `npm start` runs it — the built server and web app, the sandbox of the outside
 * systems, the demo data — on free ports, with a database of its own: embedded PGlite in a
 * temporary directory, or a throw-away database on the PostgreSQL that DATABASE_URL points at.
 * The demo is smaller than `npm start`'s (40 applications), which is all the journeys need.
 */
export async function startRuqsat(driver: Driver): Promise<RunningRuqsat> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `ruqsat-e2e-${driver}-`));
  const database = driver === 'postgres' ? throwAwayDatabase(requiredDatabaseUrl()) : null;
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SANDBOX_PORT: String(sandboxPort),
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Deliveries and sweeps every half second, so that results appear while the browser waits.
    OUTBOX_INTERVAL_MS: '500',
    SWEEP_INTERVAL_MS: '5000',
    RECONCILE_INTERVAL_MS: '2000',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  execFileSync(process.execPath, [BIN, 'demo', '--applications', '40'], { env, stdio: 'pipe', cwd: ROOT });
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--demo'], { env, cwd: ROOT });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseUrl, child, () => output);
  return {
    driver,
    baseUrl,
    demoDir: path.join(dataDir, 'demo'),
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the postgres driver needs DATABASE_URL');
  return url;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ruqsat serve exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`ruqsat serve was not ready within a minute:\n${output()}`);
}
