import './reflect.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { chooseSigner, type NcaLayerOptions, NcaLayerSigner, type WebSocketLike } from './ncalayer.js';
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
    const before = fake.requests.length;
    const [a, b] = await Promise.all([signer.sign(content, 'auth'), signer.sign(content, 'sign')]);
    expect((await validate(a, 'auth')).indication).toBe('TOTAL_PASSED');
    expect((await validate(b, 'sign')).indication).toBe('TOTAL_PASSED');
    expect(fake.requests.length - before).toBe(2);
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
});
