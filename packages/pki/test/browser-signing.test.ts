import '../src/reflect.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationAuthority, type IssuedKey } from '../src/certification-authority.js';
import { toPkcs12 } from '../src/pkcs12.js';
import { CrlRevocation } from '../src/revocation.js';
import { launchChromium } from '../src/test-support/chromium.js';
import { FakeNcaLayer } from '../src/test-support/fake-ncalayer.js';
import { validateSignature } from '../src/validate-signature.js';

/**
 * The package is WebCrypto only, so the browser opens the key file and signs with the very code
 * the server and the CLI use. This bundles it for the browser, serves a page with a file input and
 * a password field, and checks in real Chromium that the signature validates and that nothing but
 * the page and the bundle crossed the network: the key and its password stay on the machine. And
 * that when NCALayer answers (a local fake of its protocol here), the page signs through it instead.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PASSWORD = 'Құпия-сөз 2026';
const content = '{"applicant":"850101300015","service":"pharmacy@2020-mh-dsm-172"}';

// The page signs the way the portal will: NCALayer when it answers at ?ncalayer=URL, else the key file.
const PAGE = `<!doctype html><meta charset="utf-8"><title>sign</title>
<input type="file" id="key"><input type="password" id="password"><button id="sign">sign</button>
<output id="result"></output>
<script type="module">
  import { chooseSigner, fromPkcs12 } from '/pki.js';
  const out = document.getElementById('result');
  async function openKeyFile() {
    const file = document.getElementById('key').files[0];
    const key = await fromPkcs12(new Uint8Array(await file.arrayBuffer()), document.getElementById('password').value);
    out.dataset.extractable = String(key.privateKey.extractable);
    return key;
  }
  document.getElementById('sign').addEventListener('click', async () => {
    try {
      const url = new URLSearchParams(location.search).get('ncalayer');
      const signer = await chooseSigner(openKeyFile, { url, connectTimeoutMs: 1000 });
      const signature = await signer.sign(new TextEncoder().encode(${JSON.stringify(content)}), 'sign');
      out.dataset.kind = signer.kind;
      out.value = btoa(String.fromCharCode(...signature));
    } catch (error) {
      out.value = 'error:' + (error.code ?? error.message);
    }
  });
  document.body.dataset.ready = 'yes';
</script>`;

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let ca: CertificationAuthority;
let key: IssuedKey;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-browser-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@ruqsat/core': path.resolve(here, '../../core/src/index.ts') } },
    build: {
      outDir: path.join(dir, 'www'),
      minify: false,
      lib: { entry: path.resolve(here, '../src/index.ts'), formats: ['es'], fileName: () => 'pki.js' },
    },
  });
  const bundle = readFileSync(path.join(dir, 'www', 'pki.js'));
  server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/pki.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (pathname === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();

  const now = Date.now();
  ca = await CertificationAuthority.create({
    name: 'SANDBOX NCA',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 365 * 86_400_000),
  });
  key = await ca.issue({
    person: { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' },
    purpose: 'sign',
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 30 * 86_400_000),
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** No NCALayer listens on the discard port, so the page falls back to the key file. */
const NO_NCALAYER = 'ws://127.0.0.1:9/';

async function signInBrowser(page: Page, file: Uint8Array | null, password: string, ncalayer = NO_NCALAYER) {
  await page.goto(`${base}/?ncalayer=${encodeURIComponent(ncalayer)}`);
  await page.waitForSelector('body[data-ready="yes"]');
  if (file)
    await page.setInputFiles('#key', {
      name: 'RSA256_850101300015.p12',
      mimeType: 'application/x-pkcs12',
      buffer: Buffer.from(file),
    });
  await page.fill('#password', password);
  await page.click('#sign');
  await page.waitForFunction(() => (document.getElementById('result') as HTMLOutputElement).value !== '', null, {
    timeout: 30_000,
  });
  return page.$eval('#result', (o) => (o as HTMLOutputElement).value);
}

async function validate(signatureBase64: string) {
  const now = new Date();
  return validateSignature(new TextEncoder().encode(content), Buffer.from(signatureBase64, 'base64'), {
    trustAnchors: [ca.root.certificate],
    revocation: [new CrlRevocation([await ca.crl(new Date(+now - 60_000), new Date(+now + 3_600_000))])],
    purpose: 'sign',
    at: now,
    expect: { iin: '850101300015' },
  });
}

describe('signing in the browser', () => {
  it('opens the key file with its password and signs; the server-side validator accepts it', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    const framesSent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => framesSent.push(String(frame.payload))));
    const file = await toPkcs12({ ...key, chain: [ca.intermediate.certificate] }, { password: PASSWORD });

    const signature = await signInBrowser(page, file, PASSWORD);
    expect(signature).not.toMatch(/^error:/);
    const result = await page.$eval('#result', (o) => ({ ...(o as HTMLElement).dataset }));
    expect(result).toEqual({ kind: 'key-file', extractable: 'false' });
    const report = await validate(signature);
    expect(report.indication).toBe('TOTAL_PASSED');
    // The key file and the password never left the page: no request but the page and the bundle,
    // nothing sent over a WebSocket (the only one, to the absent NCALayer, never opened).
    expect(requests.filter((r) => !r.endsWith(' /favicon.ico'))).toEqual(['GET /', 'GET /pki.js']);
    expect(framesSent).toEqual([]);
    await page.close();
  });

  it('says which way it failed: a wrong password, a file that is not a key', async () => {
    const page = await browser.newPage();
    const file = await toPkcs12(key, { password: PASSWORD, iterations: 2048 });
    expect(await signInBrowser(page, file, 'wrong')).toBe('error:KEY_FILE_WRONG_PASSWORD');
    expect(await signInBrowser(page, new TextEncoder().encode('not a key'), PASSWORD)).toBe(
      'error:KEY_FILE_NOT_PKCS12',
    );
    await page.close();
  });

  it('signs through NCALayer when it answers, without asking for a key file', async () => {
    const fake = await FakeNcaLayer.start([{ ...key, chain: [ca.intermediate.certificate] }]);
    try {
      const page = await browser.newPage();
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      const signature = await signInBrowser(page, null, '', fake.url);
      expect(await page.$eval('#result', (o) => (o as HTMLElement).dataset.kind)).toBe('ncalayer');
      expect(sockets).toEqual([fake.url]);
      expect(fake.requests).toHaveLength(1);
      expect((await validate(signature)).indication).toBe('TOTAL_PASSED');
      await page.close();
    } finally {
      await fake.close();
    }
  });
});
