import './reflect.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { signDetached } from './cms-sign.js';
import { bufferOf } from './crypto.js';
import { fromPkcs12, type KeyFile, MAX_PKCS12_ITERATIONS, toPkcs12 } from './pkcs12.js';
import { CrlRevocation } from './revocation.js';
import { openssl, writeKeyPem } from './test-support/openssl.js';
import { refusalOf } from './test-support/refusal.js';
import { validateSignature } from './validate-signature.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const YEAR = 365 * 24 * 3600_000;
const AT = new Date('2026-03-02T06:00:00Z');
// Few iterations keep the suite fast; the default count is exercised once below.
const FAST = { iterations: 2048 };
const PASSWORD = 'Құпия-сөз 2026';
const content = new TextEncoder().encode('{"service":"pharmacy@2020-mh-dsm-172"}');

let ca: CertificationAuthority;
let rsa: IssuedKey;
let ec: IssuedKey;
let dir: string;

beforeAll(async () => {
  ca = await CertificationAuthority.create({ name: 'SANDBOX NCA', notBefore: T0, notAfter: new Date(+T0 + 10 * YEAR) });
  const person = { iin: '900517400013', surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' };
  const validity = { notBefore: T0, notAfter: new Date(+T0 + YEAR) };
  rsa = await ca.issue({ person, purpose: 'sign', ...validity });
  ec = await ca.issue({
    person,
    employer: { bin: '150740012345', name: 'ТОО «ДӘРІХАНА»', role: 'firstHead' },
    purpose: 'sign',
    keyAlgorithm: 'ecdsaP256',
    ...validity,
  });
  dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-p12-'));
  writeFileSync(path.join(dir, 'chain.pem'), ca.chain.map((c) => `${c.toString('pem')}\n`).join(''));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The key signs, and what it signs validates against the CA: the file gave back a working key. */
async function expectSigns(key: KeyFile): Promise<void> {
  const signature = await signDetached(content, key, AT);
  const crl = await ca.crl(new Date(+AT - 60_000), new Date(+AT + 3600_000));
  const report = await validateSignature(content, signature, {
    trustAnchors: [ca.root.certificate],
    revocation: [new CrlRevocation([crl])],
    purpose: 'sign',
    at: AT,
  });
  expect(report.indication).toBe('TOTAL_PASSED');
}

const read = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));

describe('key files (PKCS#12)', () => {
  it('opens what it writes, RSA and ECDSA, with the chain, and the key signs', async () => {
    for (const key of [rsa, ec]) {
      const file = await toPkcs12(key, { password: PASSWORD, ...FAST });
      const opened = await fromPkcs12(file, PASSWORD);
      expect(opened.certificate.equal(key.certificate)).toBe(true);
      expect(opened.chain.map((c) => c.serialNumber)).toEqual(ca.chain.map((c) => c.serialNumber));
      expect(opened.privateKey.extractable).toBe(false);
      await expectSigns(opened);
    }
  });

  it('uses the default iteration count and still opens within a reasonable time', async () => {
    const started = performance.now();
    const opened = await fromPkcs12(await toPkcs12(ec, { password: PASSWORD }), PASSWORD);
    expect(opened.certificate.equal(ec.certificate)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('is read by openssl pkcs12, RSA and ECDSA, MAC and Kazakh password included', async () => {
    for (const [name, key] of [
      ['rsa', rsa],
      ['ec', ec],
    ] as const) {
      const file = `ours-${name}.p12`;
      writeFileSync(
        path.join(dir, file),
        await toPkcs12(key, { password: PASSWORD, friendlyName: 'АЙГЕРІМ', ...FAST }),
      );
      const out = openssl(dir, ['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-nodes']);
      expect(out).toContain('-----BEGIN PRIVATE KEY-----');
      expect(out).toContain('IIN900517400013');
      expect(out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
      // The key openssl took out is the certificate's: it signs what the certificate verifies.
      writeFileSync(path.join(dir, 'extracted.pem'), out);
      openssl(dir, ['cms', '-sign', '-binary', '-in', 'chain.pem', '-signer', 'extracted.pem', '-out', 'x.p7s']);
      const info = openssl(dir, ['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-info', '-noout']);
      expect(info).toMatch(/MAC: sha256/);
      expect(info).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
      expect(() => openssl(dir, ['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes'])).toThrow(
        /mac verify error/i,
      );
    }
  });

  it('opens what openssl pkcs12 -export writes, RSA and ECDSA', async () => {
    for (const [name, key] of [
      ['rsa', rsa],
      ['ec', ec],
    ] as const) {
      await writeKeyPem(dir, key, name);
      openssl(dir, [
        'pkcs12',
        '-export',
        '-inkey',
        `${name}.key`,
        '-in',
        `${name}.pem`,
        '-certfile',
        'chain.pem',
        '-passout',
        `pass:${PASSWORD}`,
        '-out',
        `${name}.p12`,
      ]);
      const opened = await fromPkcs12(read(`${name}.p12`), PASSWORD);
      expect(opened.certificate.equal(key.certificate)).toBe(true);
      await expectSigns(opened);
    }
  });

  it('opens a file whose key is not encrypted at all', async () => {
    await writeKeyPem(dir, rsa, 'plain');
    openssl(dir, [
      'pkcs12',
      ...[
        '-export',
        '-inkey',
        'plain.key',
        '-in',
        'plain.pem',
        '-certfile',
        'chain.pem',
        '-keypbe',
        'NONE',
        '-certpbe',
        'NONE',
      ],
      ...['-passout', `pass:${PASSWORD}`, '-out', 'plain.p12'],
    ]);
    await expectSigns(await fromPkcs12(read('plain.p12'), PASSWORD));
  });

  it('refuses a wrong password, with or without a MAC', async () => {
    const ours = await toPkcs12(rsa, { password: PASSWORD, ...FAST });
    expect(await refusalOf(fromPkcs12(ours, 'құпия-сөз 2026'))).toBe('KEY_FILE_WRONG_PASSWORD');
    expect(await refusalOf(fromPkcs12(ours, ''))).toBe('KEY_FILE_WRONG_PASSWORD');
    await writeKeyPem(dir, rsa, 'nomac');
    openssl(dir, [
      'pkcs12',
      ...['-export', '-inkey', 'nomac.key', '-in', 'nomac.pem', '-certfile', 'chain.pem', '-nomac'],
      ...['-passout', `pass:${PASSWORD}`, '-out', 'nomac.p12'],
    ]);
    await expectSigns(await fromPkcs12(read('nomac.p12'), PASSWORD));
    expect(await refusalOf(fromPkcs12(read('nomac.p12'), 'wrong'))).toBe('KEY_FILE_WRONG_PASSWORD');
  });

  it('refuses what is not a key file: random bytes, a certificate, a cut-off file', async () => {
    const ours = await toPkcs12(rsa, { password: PASSWORD, ...FAST });
    const samples = [
      crypto.getRandomValues(new Uint8Array(512)),
      new Uint8Array(rsa.certificate.rawData),
      new TextEncoder().encode(rsa.certificate.toString('pem')),
      ours.subarray(0, ours.length - 40),
      new Uint8Array(0),
    ];
    for (const bytes of samples) expect(await refusalOf(fromPkcs12(bytes, PASSWORD))).toBe('KEY_FILE_NOT_PKCS12');
  });

  it('refuses a legacy-encrypted file as unsupported, not as a wrong password', async () => {
    await writeKeyPem(dir, rsa, 'legacy');
    openssl(dir, [
      'pkcs12',
      ...['-export', '-inkey', 'legacy.key', '-in', 'legacy.pem', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'NONE'],
      ...['-macalg', 'sha1', '-passout', `pass:${PASSWORD}`, '-out', 'legacy.p12'],
    ]);
    expect(await refusalOf(fromPkcs12(read('legacy.p12'), PASSWORD))).toBe('KEY_FILE_UNSUPPORTED');
  });

  it('refuses a file with certificates but no key, or a key without its certificate', async () => {
    openssl(dir, [
      'pkcs12',
      '-export',
      '-nokeys',
      '-in',
      'chain.pem',
      '-passout',
      `pass:${PASSWORD}`,
      '-out',
      'certs.p12',
    ]);
    expect(await refusalOf(fromPkcs12(read('certs.p12'), PASSWORD))).toBe('KEY_FILE_WITHOUT_KEY');
    // The key of one holder filed with another's certificate of the same algorithm: nothing in the
    // file can sign for the certificate, and the signing test proves it.
    const other = await ca.issue({
      person: { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' },
      purpose: 'sign',
      notBefore: T0,
      notAfter: new Date(+T0 + YEAR),
    });
    for (const [holder, stranger] of [
      [rsa, other],
      [
        ec,
        await ca.issue({
          person: { iin: '850101300015', surname: 'Қ', name: 'А' },
          purpose: 'sign',
          keyAlgorithm: 'ecdsaP256',
          notBefore: T0,
          notAfter: new Date(+T0 + YEAR),
        }),
      ],
    ] as const) {
      const mismatched = await toPkcs12(
        { ...holder, certificate: stranger.certificate, chain: [] },
        { password: PASSWORD, ...FAST },
      );
      expect(await refusalOf(fromPkcs12(mismatched, PASSWORD))).toBe('KEY_FILE_WITHOUT_KEY');
    }
  });

  it('gives back an extractable key only when asked', async () => {
    const file = await toPkcs12(ec, { password: PASSWORD, ...FAST });
    expect((await fromPkcs12(file, PASSWORD, { extractable: true })).privateKey.extractable).toBe(true);
  });

  it('refuses a file changed after it was written, even with the right password', async () => {
    const file = await toPkcs12(rsa, { password: PASSWORD, ...FAST });
    // Flip a byte inside the encrypted key (near the end, before the MAC data).
    const tampered = file.slice();
    const at = file.length - 200;
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    expect(await refusalOf(fromPkcs12(tampered, PASSWORD))).toBe('KEY_FILE_WRONG_PASSWORD');
  });

  it('refuses an iteration count that would freeze the page', async () => {
    const pfx = pkijs.PFX.fromBER(bufferOf(await toPkcs12(rsa, { password: PASSWORD, ...FAST })));
    if (!pfx.macData) throw new Error('our files carry a MAC');
    pfx.macData.iterations = MAX_PKCS12_ITERATIONS + 1;
    const slow = new Uint8Array(pfx.toSchema().toBER());
    const started = performance.now();
    expect(await refusalOf(fromPkcs12(slow, PASSWORD))).toBe('KEY_FILE_UNSUPPORTED');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
