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

  it('writes an answer longer than a pipe holds whole before it exits', async () => {
    // Through a shell's pipe whose reader starts late, so that the pipe fills (node's own child
    // pipes are sockets). Whether an early exit loses the end depends on timing, so a few times.
    const command = `"${process.execPath}" "${BIN}" regulations show communications@2015-mid-draft --json | (sleep 0.5; cat)`;
    for (let i = 0; i < 3; i++) {
      const { stdout } = await run('sh', ['-c', command], { maxBuffer: 16 * 1024 * 1024 });
      expect(stdout.length).toBeGreaterThan(64 * 1024);
      expect(JSON.parse(stdout)).toMatchObject({ id: 'communications@2015-mid-draft' });
    }
  });

  it('runs the sandbox on its own, and stops on SIGTERM', async () => {
    const sandbox = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--faults', '{"gbd_ul":{"errorRate":1}}'], {
      env: { ...process.env, PAYMENT_CALLBACK_SECRET: 'a-secret-of-some-length' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      sandbox.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = /sandbox listening at (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      sandbox.on('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    });
    expect((await fetch(`${url}/gbd-fl/persons/850101300015`)).status).toBe(200);
    expect((await fetch(`${url}/gbd-ul/entities/150740012345`)).status).toBe(503);
    const exited = new Promise<number | null>((resolve) => sandbox.on('exit', resolve));
    sandbox.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(
      run(process.execPath, [BIN, 'sandbox'], { env: { ...process.env, PAYMENT_CALLBACK_SECRET: '' } }),
    ).rejects.toMatchObject({
      code: 2,
    });
  });

  describe('serve on the embedded database', () => {
    let dataDir: string;
    let server: ChildProcess;
    let baseUrl: string;
    const logs: string[] = [];

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'ruqsat-serve-'));
      server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'info', SANDBOX_PORT: '0' },
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

    it('plays the state systems with the sandbox on the embedded default', async () => {
      const started =
        logs
          .join('')
          .split('\n')
          .find((line) => line.includes('Ruqsat is serving')) ?? '{}';
      const sandbox = /sandbox at (http:\/\/[^"]+)/.exec(JSON.parse(started).gateway ?? '')?.[1];
      expect(sandbox).toBeDefined();
      const person = await fetch(`${sandbox}/gbd-fl/persons/850101300015`);
      expect(await person.json()).toMatchObject({ surname: 'ҚҰСАЙЫНОВ' });
      // The payment routes are served, and a callback without the sandbox's signature is refused.
      const forged = await fetch(`${baseUrl}/api/v1/payments/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': 'sha256=00' },
        body: '{"invoiceId":"INV-x"}',
      });
      expect(forged.status).toBe(401);
    });

    it('logs structured JSON lines, warning that the QR codes would point at a local address', () => {
      const lines = logs
        .join('')
        .split('\n')
        // Whole lines only: the last may still be being written.
        .slice(0, -1)
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      for (const line of lines) expect(line).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
      expect(lines.some((l) => l.level === 40 && l.msg.startsWith('PUBLIC_URL is not set'))).toBe(true);
    });

    it('exits 0 after SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs.join('')).toContain('shutdown complete');
    });
  });
});
