import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built bin, as `npx ruqsat` runs it (the global test setup builds first).
const BIN = fileURLToPath(new URL('../../bin/ruqsat.js', import.meta.url));
const run = promisify(execFile);

describe('the ruqsat bin', () => {
  it('answers id check with JSON and the exit code', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'id', 'check', '081140000436']);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, kind: 'BIN', registered: '2008-11' });
    await expect(run(process.execPath, [BIN, 'id', 'check', '081140000437'])).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [BIN, 'id'])).rejects.toMatchObject({ code: 2 });
  });

  describe('serve on the embedded database', () => {
    let dataDir: string;
    let server: ChildProcess;
    let baseUrl: string;
    const logs: string[] = [];

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'ruqsat-serve-'));
      server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      baseUrl = await new Promise<string>((resolve, reject) => {
        server.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          logs.push(chunk);
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(logs.join(''));
          if (match?.[1]) resolve(match[1]);
        });
        server.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
        server.on('exit', (code) => reject(new Error(`server exited early with ${code}: ${logs.join('')}`)));
      });
    });
    afterAll(async () => {
      if (server.exitCode === null) server.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });

    it('migrates at start-up and is ready on PGlite', async () => {
      const response = await fetch(`${baseUrl}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    });

    it('logs structured JSON lines', () => {
      const first = logs.join('').split('\n')[0] ?? '';
      expect(JSON.parse(first)).toMatchObject({ level: 30, msg: expect.any(String) });
    });

    it('exits 0 after SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs.join('')).toContain('shutdown complete');
    });
  });
});
