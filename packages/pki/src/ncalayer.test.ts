import './reflect.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { chooseSigner, keyFileSigner, type NcaLayerOptions, NcaLayerSigner, type WebSocketLike } from './ncalayer.js';
import { Oid } from './oids.js';
import { CrlRevocation } from './revocation.js';
import { FakeNcaLayer } from './test-support/fake-ncalayer.js';
import { refusalOf } from './test-support/refusal.js';
import { validateSignature } from './validate-signature.js';

const content = new TextEncoder().encode('{"nonce":"5b1f…","purpose":"sign-in"}');
const webSocket = (url: string) => new WebSocket(url) as unknown as WebSocketLike;

let ca: CertificationAuthority;
let auth: IssuedKey;
let sign: IssuedKey;
let fake: FakeNcaLayer;
let options: NcaLayerOptions;

beforeAll(async () => {
  const now = Date.now();
  ca = await CertificationAuthority.create({
    name: 'SANDBOX NCA',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 365 * 86_400_000),
  });
  const person = { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
  const validity = { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 30 * 86_400_000) };
  auth = { ...(await ca.issue({ person, purpose: 'auth', ...validity })), chain: [ca.intermediate.certificate] };
  sign = { ...(await ca.issue({ person, purpose: 'sign', ...validity })), chain: [ca.intermediate.certificate] };
  fake = await FakeNcaLayer.start([auth, sign]);
  options = { url: fake.url, webSocket, connectTimeoutMs: 1000 };
});
afterAll(() => fake.close());

async function validate(signature: Uint8Array, purpose: 'auth' | 'sign') {
  const now = new Date();
  const crl = await ca.crl(new Date(+now - 60_000), new Date(+now + 3_600_000));
  return validateSignature(content, signature, {
    trustAnchors: [ca.root.certificate],
    revocation: [new CrlRevocation([crl])],
    purpose,
    at: now,
  });
}

describe('NCALayer', () => {
  it('signs through the basics module with the key of the asked purpose, detached', async () => {
    fake.behaviour = 'sign';
    const signer = await NcaLayerSigner.connect(options);
    expect(signer.version).toBe('1.4');
    for (const purpose of ['auth', 'sign'] as const) {
      const report = await validate(await signer.sign(content, purpose), purpose);
      expect(report.indication).toBe('TOTAL_PASSED');
    }
    expect(fake.requests.at(-1)).toMatchObject({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        format: 'cms',
        data: Buffer.from(content).toString('base64'),
        signingParams: { decode: true, encapsulate: false, digested: false },
        signerParams: { extKeyUsageOids: [Oid.emailProtection] },
      },
    });
    signer.close();
  });

  it('answers requests one at a time, in order', async () => {
    fake.behaviour = 'sign';
    const signer = await NcaLayerSigner.connect(options);
    const before = fake.log.length;
    const [a, b, c] = await Promise.all([
      signer.sign(content, 'auth'),
      signer.sign(content, 'sign'),
      signer.sign(content, 'sign'),
    ]);
    expect((await validate(a, 'auth')).indication).toBe('TOTAL_PASSED');
    expect((await validate(b, 'sign')).indication).toBe('TOTAL_PASSED');
    expect((await validate(c, 'sign')).indication).toBe('TOTAL_PASSED');
    // NCALayer never got a second request before it had answered the first.
    expect(fake.log.slice(before)).toEqual(['received', 'answered', 'received', 'answered', 'received', 'answered']);
    signer.close();
  });

  it('tells a cancel, a failure and a lost connection apart', async () => {
    const signer = await NcaLayerSigner.connect(options);
    fake.behaviour = 'cancel';
    expect(await refusalOf(signer.sign(content, 'sign'))).toBe('SIGNING_CANCELLED');
    fake.behaviour = 'fail';
    expect(await refusalOf(signer.sign(content, 'sign'))).toBe('NCALAYER_FAILED');
    fake.behaviour = 'hang-up';
    expect(await refusalOf(signer.sign(content, 'sign'))).toBe('NCALAYER_UNAVAILABLE');
    expect(await refusalOf(signer.sign(content, 'sign'))).toBe('NCALAYER_UNAVAILABLE');
    signer.close();
  });

  it('gives up a request unanswered in time, and one awaited when closed; the next still goes', async () => {
    const signer = await NcaLayerSigner.connect({ ...options, requestTimeoutMs: 200 });
    fake.behaviour = 'hold';
    expect(await refusalOf(signer.sign(content, 'sign'))).toBe('NCALAYER_UNAVAILABLE');
    const awaited = refusalOf(signer.sign(content, 'sign'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    signer.close();
    expect(await awaited).toBe('NCALAYER_UNAVAILABLE');

    const again = await NcaLayerSigner.connect({ ...options, requestTimeoutMs: 200 });
    fake.behaviour = 'hold';
    await refusalOf(again.sign(content, 'sign'));
    fake.behaviour = 'sign';
    expect((await validate(await again.sign(content, 'sign'), 'sign')).indication).toBe('TOTAL_PASSED');
    again.close();
  });

  it('is chosen when it answers; the key file is asked for only when it does not', async () => {
    fake.behaviour = 'sign';
    let askedForFile = 0;
    const openKeyFile = async () => {
      askedForFile += 1;
      return sign;
    };
    const viaNcaLayer = await chooseSigner(openKeyFile, options);
    expect([viaNcaLayer.kind, askedForFile]).toEqual(['ncalayer', 0]);
    viaNcaLayer.close();

    fake.behaviour = 'silent'; // running but not answering: the timeout decides
    const started = Date.now();
    const viaFile = await chooseSigner(openKeyFile, { ...options, connectTimeoutMs: 300 });
    expect([viaFile.kind, askedForFile]).toEqual(['key-file', 1]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await validate(await viaFile.sign(content, 'sign'), 'sign')).indication).toBe('TOTAL_PASSED');

    const nobody = await chooseSigner(openKeyFile, { ...options, url: 'ws://127.0.0.1:9/' });
    expect([nobody.kind, askedForFile]).toEqual(['key-file', 2]);
  });

  it('a key file does not sign with the key of the other purpose', async () => {
    expect(await refusalOf(keyFileSigner(auth).sign(content, 'sign'))).toBe('KEY_PURPOSE_MISMATCH');
    expect(await refusalOf(keyFileSigner(sign).sign(content, 'auth'))).toBe('KEY_PURPOSE_MISMATCH');
    expect((await validate(await keyFileSigner(auth).sign(content, 'auth'), 'auth')).indication).toBe('TOTAL_PASSED');
  });
});
