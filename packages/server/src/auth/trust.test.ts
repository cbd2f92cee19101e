import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerOcsp, CertificationAuthority, type IssuedKey, signDetached, validateSignature } from '@ruqsat/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpOcspTransport } from './ocsp-http.js';
import { loadTrust } from './trust.js';

const HOUR = 3_600_000;
const content = new TextEncoder().encode('{"request":"ocsp"}');
type Mode = 'answer' | 'http-error' | 'hang' | 'huge' | 'redirect';

describe('trust from configuration: OCSP over HTTP first, then the CRL', () => {
  let dir: string;
  let server: Server;
  let mode: Mode = 'answer';
  let asked = 0;
  let ca: CertificationAuthority;
  let key: IssuedKey;
  let signature: Uint8Array;
  const now = new Date();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-trust-'));
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      asked += 1;
      if (mode === 'hang') return; // never answers; the client's timeout must decide
      if (mode === 'http-error') return void response.writeHead(500).end();
      if (mode === 'redirect') return void response.writeHead(302, { location: '/elsewhere' }).end();
      if (mode === 'huge') {
        // Streamed without a length: only counting what arrives can stop it.
        response.writeHead(200, { 'content-type': 'application/ocsp-response' });
        for (let i = 0; i < 100; i++) response.write(Buffer.alloc(4096, 0x30));
        return void response.end();
      }
      const answer = await answerOcsp(ca, new Uint8Array(Buffer.concat(chunks)), new Date());
      response.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ca = await CertificationAuthority.create({
      name: 'SANDBOX NCA',
      notBefore: new Date(+now - 24 * HOUR),
      notAfter: new Date(+now + 24 * HOUR),
      urls: { ocsp: `http://127.0.0.1:${port}/ocsp` },
    });
    key = await ca.issue({
      person: { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' },
      purpose: 'sign',
      notBefore: new Date(+now - 2 * HOUR),
      notAfter: new Date(+now + 2 * HOUR),
    });
    signature = await signDetached(content, { ...key, chain: [ca.intermediate.certificate] }, new Date(+now - 600_000));
    await writeFile(path.join(dir, 'root.pem'), ca.root.certificate.toString('pem'));
    // The CRL is taken before any revocation: only OCSP can know of one.
    const crl = await ca.crl(new Date(+now - HOUR), new Date(+now + HOUR));
    await writeFile(path.join(dir, 'ca.crl'), new Uint8Array(crl.rawData));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const config = (overrides: { OCSP?: 'on' | 'off'; CRL_FILES?: string; OCSP_CACHE_SECONDS?: number } = {}) => ({
    TRUST_ANCHORS: path.join(dir, 'root.pem'),
    CRL_FILES: path.join(dir, 'ca.crl'),
    OCSP: 'on' as const,
    OCSP_TIMEOUT_MS: 400,
    OCSP_CACHE_SECONDS: 0,
    ...overrides,
  });
  async function revocationCheck(overrides: Parameters<typeof config>[0] = {}) {
    const trust = await loadTrust(config(overrides));
    const report = await validateSignature(content, signature, { ...trust, purpose: 'sign', at: now });
    return { indication: report.indication, check: report.checks.find((c) => c.id === 'revocation') };
  }

  it('asks the responder the certificate names', async () => {
    mode = 'answer';
    const before = asked;
    expect(await revocationCheck()).toMatchObject({ indication: 'TOTAL_PASSED', check: { detail: 'good (ocsp)' } });
    expect(asked).toBe(before + 1);
  });

  it('asks once for many signatures of the same certificate while the answer is fresh', async () => {
    mode = 'answer';
    const trust = await loadTrust(config({ OCSP_CACHE_SECONDS: 300 }));
    const before = asked;
    const validate = () => validateSignature(content, signature, { ...trust, purpose: 'sign', at: new Date() });
    const reports = await Promise.all([validate(), validate(), validate()]);
    reports.push(await validate());
    expect(reports.map((r) => r.indication)).toEqual(Array(4).fill('TOTAL_PASSED'));
    expect(asked).toBe(before + 1);
  });

  it('does not ask the responder about a signature that has already failed', async () => {
    mode = 'answer';
    const trust = await loadTrust(config());
    const before = asked;
    const forged = signature.slice();
    forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
    const report = await validateSignature(content, forged, { ...trust, purpose: 'sign', at: now });
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(report.checks.find((c) => c.id === 'revocation')?.outcome).toBe('skipped');
    expect(asked).toBe(before);
  });

  it('falls back to the CRL when the responder fails, is too slow, redirects or floods', async () => {
    for (const failing of ['http-error', 'hang', 'redirect', 'huge'] as const) {
      mode = failing;
      const started = Date.now();
      expect(await revocationCheck()).toMatchObject({ indication: 'TOTAL_PASSED', check: { detail: 'good (crl)' } });
      expect(Date.now() - started).toBeLessThan(3_000);
    }
  });

  it('the transport refuses each kind of bad answer for its own reason', async () => {
    const transport = httpOcspTransport({ timeoutMs: 400, maxResponseBytes: 64 * 1024 });
    const url = `${ca.urls.ocsp}`;
    const why = async (m: Mode) => {
      mode = m;
      return transport(url, new Uint8Array([0x30, 0])).then(
        () => 'answered',
        (error: Error) => error.message,
      );
    };
    expect(await why('huge')).toMatch(/answered more than 65536 bytes/);
    expect(await why('redirect')).toMatch(/redirect/i);
    expect(await why('http-error')).toMatch(/HTTP 500/);
    expect(await why('hang')).toMatch(/timeout|aborted/i);
    await expect(transport('ftp://127.0.0.1/', new Uint8Array())).rejects.toThrow(/not an http/);
  });

  it('is INDETERMINATE when neither answers, never a pass', async () => {
    mode = 'http-error';
    expect(await revocationCheck({ CRL_FILES: '' })).toMatchObject({
      indication: 'INDETERMINATE',
      check: { outcome: 'indeterminate' },
    });
    expect((await revocationCheck({ OCSP: 'off', CRL_FILES: '' })).indication).toBe('INDETERMINATE');
  });

  it('hears of a revocation from OCSP before the next CRL says so', async () => {
    mode = 'answer';
    ca.revoke(key.certificate.serialNumber, new Date(+now - 1_200_000));
    expect(await revocationCheck()).toMatchObject({ indication: 'TOTAL_FAILED', check: { outcome: 'failed' } });
    // With OCSP off, the stale-but-current CRL still says good: why OCSP is asked first.
    expect((await revocationCheck({ OCSP: 'off' })).indication).toBe('TOTAL_PASSED');
  });
});
