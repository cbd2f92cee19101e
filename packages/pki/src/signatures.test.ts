import './reflect.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { signDetached } from './cms-sign.js';
import { childrenOf, contentsOf, element, objectIdentifier, sequence, smallInteger, Tag } from './der.js';
import type { Person } from './kazakh-subject.js';
import { answerOcsp, OcspRevocation } from './ocsp.js';
import { CrlRevocation, type RevocationSource } from './revocation.js';
import { writeKeyPem } from './test-support/openssl.js';
import { rebuiltCms } from './test-support/rebuilt-cms.js';
import { type ValidationPolicy, validateSignature } from './validate-signature.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const YEAR = 365 * 24 * 3600_000;
const SIGNED_AT = new Date('2026-03-02T05:00:00Z');
const NOW = new Date('2026-03-02T06:00:00Z');
const content = new TextEncoder().encode('{"applicant":"900517300012","service":"casino@2015-mcs-181"}');

const aigerim: Person = { iin: '900517400013', surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ', patronymic: 'НҰРЛАНҚЫЗЫ' };
const askar: Person = { iin: '850101300014', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };

let ca: CertificationAuthority;
let stranger: CertificationAuthority;
let sign: IssuedKey;
let auth: IssuedKey;
let employee: IssuedKey;
let dir: string;

beforeAll(async () => {
  ca = await CertificationAuthority.create({
    name: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SANDBOX)',
    notBefore: T0,
    notAfter: new Date(T0.getTime() + 30 * YEAR),
  });
  stranger = await CertificationAuthority.create({
    name: 'SOMEONE ELSE',
    keyAlgorithm: 'ecdsaP256',
    notBefore: T0,
    notAfter: new Date(T0.getTime() + YEAR),
  });
  const validity = { notBefore: T0, notAfter: new Date(T0.getTime() + YEAR) };
  sign = await ca.issue({ person: aigerim, purpose: 'sign', ...validity });
  auth = await ca.issue({ person: aigerim, purpose: 'auth', ...validity });
  employee = await ca.issue({
    person: askar,
    employer: { bin: '150740012345', name: 'ТОО «ALMATY GAMING»', role: 'firstHead' },
    purpose: 'sign',
    keyAlgorithm: 'ecdsaP256',
    ...validity,
  });
  dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-pki-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function policy(overrides: Partial<ValidationPolicy> = {}): Promise<ValidationPolicy> {
  return {
    trustAnchors: [ca.root.certificate],
    revocation: [
      new CrlRevocation([await ca.crl(new Date(NOW.getTime() - 600_000), new Date(NOW.getTime() + 24 * 3600_000))]),
    ],
    purpose: 'sign',
    at: NOW,
    ...overrides,
  };
}

const sigOf = (key: IssuedKey, at = SIGNED_AT, bytes = content) =>
  signDetached(
    bytes,
    { privateKey: key.privateKey, certificate: key.certificate, chain: [ca.intermediate.certificate] },
    at,
  );

describe('signing and validating in the Kazakh layout', () => {
  it('issues certificates with IIN, BIN, role and purpose as NCA does', () => {
    const subject = employee.certificate.subjectName;
    expect(subject.getField('2.5.4.5')).toEqual(['IIN850101300014']);
    expect(subject.getField('2.5.4.11')).toEqual(['BIN150740012345']);
    expect(subject.getField('2.5.4.3')).toEqual(['ҚҰСАЙЫНОВ АСҚАР']);
    const eku = employee.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String);
    expect(eku).toEqual(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.2', '1.2.398.3.3.4.1.2.1']);
    expect(auth.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String)).toEqual([
      '1.3.6.1.5.5.7.3.2',
      '1.2.398.3.3.4.1.1',
    ]);
  });

  it('passes a good signature and names the signer', async () => {
    const report = await validateSignature(content, await sigOf(sign), await policy({ expect: { iin: aigerim.iin } }));
    expect(report).toMatchObject({
      indication: 'TOTAL_PASSED',
      subIndication: null,
      errorCode: null,
      policy: 'ruqsat-cades-bes/1',
    });
    expect(report.signer).toMatchObject({ iin: aigerim.iin, bin: null, kind: 'individual', surname: 'ӘБІЛҚАЙЫРОВА' });
    expect(report.signingTime).toBe(SIGNED_AT.toISOString());
    expect(report.checks.map((c) => `${c.id}:${c.outcome}`)).toEqual([
      'format:passed',
      'content_digest:passed',
      'signing_certificate:passed',
      'signature_value:passed',
      'chain:passed',
      'validity_at_signing_time:passed',
      'revocation:passed',
      'key_purpose:passed',
      'signer_identity:passed',
    ]);
  });

  it('passes an ECDSA signature of a legal entity employee, with BIN and role', async () => {
    const report = await validateSignature(
      content,
      await sigOf(employee),
      await policy({ expect: { bin: '150740012345' } }),
    );
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signer).toMatchObject({
      iin: askar.iin,
      bin: '150740012345',
      kind: 'legal_entity',
      roles: ['firstHead'],
    });
  });

  const refusals: [
    string,
    () => Promise<[Uint8Array, Uint8Array, Partial<ValidationPolicy>]>,
    string,
    string,
    string,
  ][] = [
    [
      'tampered content',
      async () => [new TextEncoder().encode('{"applicant":"x"}'), await sigOf(sign), {}],
      'TOTAL_FAILED',
      'HASH_FAILURE',
      'SIGNATURE_CONTENT_MISMATCH',
    ],
    [
      'an unknown CA',
      async () => [content, await sigOf(sign), { trustAnchors: [stranger.root.certificate] }],
      'INDETERMINATE',
      'NO_CERTIFICATE_CHAIN_FOUND',
      'CERTIFICATE_UNTRUSTED',
    ],
    [
      'an expired certificate',
      async () => [
        content,
        await sigOf(sign, new Date(T0.getTime() + YEAR + 1000)),
        { at: new Date(T0.getTime() + YEAR + 2000) },
      ],
      'INDETERMINATE',
      'OUT_OF_BOUNDS_NO_POE',
      'CERTIFICATE_EXPIRED',
    ],
    [
      'a certificate not yet valid',
      async () => [content, await sigOf(sign, new Date(T0.getTime() - 3600_000)), {}],
      'TOTAL_FAILED',
      'NOT_YET_VALID',
      'CERTIFICATE_NOT_YET_VALID',
    ],
    [
      'a signing time in the future',
      async () => [content, await sigOf(sign, new Date(NOW.getTime() + 3600_000)), {}],
      'TOTAL_FAILED',
      'NOT_YET_VALID',
      'CERTIFICATE_NOT_YET_VALID',
    ],
    [
      'an AUTH key used to sign',
      async () => [content, await sigOf(auth), {}],
      'TOTAL_FAILED',
      'CHAIN_CONSTRAINTS_FAILURE',
      'KEY_PURPOSE_MISMATCH',
    ],
    [
      'a certificate of another IIN',
      async () => [content, await sigOf(sign), { expect: { iin: askar.iin } }],
      'TOTAL_FAILED',
      'SIG_CONSTRAINTS_FAILURE',
      'SIGNER_MISMATCH',
    ],
    [
      'a forged signature value',
      async () => {
        // The RSA signature value is the last thing in the DER; flipping its last bit keeps the structure.
        const forged = await sigOf(sign);
        forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 0x01;
        return [content, forged, {}];
      },
      'TOTAL_FAILED',
      'SIG_CRYPTO_FAILURE',
      'SIGNATURE_INVALID',
    ],
    [
      'a truncated signature',
      async () => [content, (await sigOf(sign)).slice(0, 200), {}],
      'TOTAL_FAILED',
      'FORMAT_FAILURE',
      'SIGNATURE_MALFORMED',
    ],
    [
      'bytes that are not DER',
      async () => [content, new TextEncoder().encode('-----BEGIN PKCS7-----'), {}],
      'TOTAL_FAILED',
      'FORMAT_FAILURE',
      'SIGNATURE_MALFORMED',
    ],
    [
      'no revocation source answering',
      async () => [content, await sigOf(sign), { revocation: [new CrlRevocation([])] }],
      'INDETERMINATE',
      'TRY_LATER',
      'REVOCATION_UNKNOWN',
    ],
  ];

  it.each(refusals)('refuses %s', async (_name, make, indication, subIndication, errorCode) => {
    const [bytes, signature, overrides] = await make();
    const report = await validateSignature(bytes, signature, await policy(overrides));
    expect([report.indication, report.subIndication, report.errorCode]).toEqual([indication, subIndication, errorCode]);
  });

  it('refuses an impostor CA of the same names after the real one’s links were verified (and kept)', async () => {
    const real = await validateSignature(content, await sigOf(sign), await policy());
    expect(real.indication).toBe('TOTAL_PASSED');
    const impostor = await CertificationAuthority.create({
      name: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SANDBOX)',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    const forged = await impostor.issue({ person: aigerim, purpose: 'sign', notBefore: T0, notAfter: NOW });
    const signature = await signDetached(
      content,
      { ...forged, chain: [impostor.intermediate.certificate, ca.intermediate.certificate] },
      SIGNED_AT,
    );
    const report = await validateSignature(content, signature, await policy());
    expect([report.indication, report.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
  });

  it('refuses a revoked certificate: failed when revoked before signing, indeterminate after', async () => {
    const revoked = await ca.issue({
      person: askar,
      purpose: 'sign',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    ca.revoke(revoked.certificate.serialNumber, new Date('2026-02-01T00:00:00Z'), x509.X509CrlReason.keyCompromise);
    const before = await validateSignature(content, await sigOf(revoked), await policy());
    expect([before.indication, before.subIndication, before.errorCode]).toEqual([
      'TOTAL_FAILED',
      'REVOKED',
      'CERTIFICATE_REVOKED',
    ]);
    const later = await ca.issue({
      person: askar,
      purpose: 'sign',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    ca.revoke(later.certificate.serialNumber, new Date('2026-03-02T05:30:00Z'));
    const after = await validateSignature(content, await sigOf(later), await policy());
    expect([after.indication, after.subIndication]).toEqual(['INDETERMINATE', 'REVOKED_NO_POE']);
  });

  it('refuses a stale CRL as no answer, never as good', async () => {
    const stale = new CrlRevocation([await ca.crl(T0, new Date(T0.getTime() + 3600_000))]);
    const report = await validateSignature(content, await sigOf(sign), await policy({ revocation: [stale] }));
    expect(report.subIndication).toBe('TRY_LATER');
  });
});

describe('interoperability with OpenSSL', () => {
  const pem = (c: x509.X509Certificate) => c.toString('pem');
  const writeKey = (key: IssuedKey, name: string) => writeKeyPem(dir, key, name);

  it('openssl cms -verify accepts what we sign (RSA and ECDSA)', async () => {
    writeFileSync(path.join(dir, 'root.pem'), pem(ca.root.certificate));
    writeFileSync(path.join(dir, 'content.json'), content);
    for (const key of [sign, employee]) {
      writeFileSync(path.join(dir, 'ours.p7s'), await sigOf(key));
      const out = execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          'ours.p7s',
          '-content',
          'content.json',
          '-CAfile',
          'root.pem',
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(out.toString()).toBe('');
    }
  });

  /** A key valid now (OpenSSL writes the real signing time, whatever year the test runs), its CA's CRL, and the policy. */
  async function freshKey(name: string) {
    const now = new Date();
    const key = await ca.issue({
      person: aigerim,
      purpose: 'sign',
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + YEAR),
    });
    await writeKey(key, name);
    const crl = await ca.crl(new Date(now.getTime() - 60_000), new Date(now.getTime() + 3600_000));
    return policy({ at: now, revocation: [new CrlRevocation([crl])], expect: { iin: aigerim.iin } });
  }

  function opensslSign(signers: readonly string[], extra: readonly string[] = []): Uint8Array {
    writeFileSync(path.join(dir, 'intermediate.pem'), pem(ca.intermediate.certificate));
    writeFileSync(path.join(dir, 'content.json'), content);
    const signerArgs = signers.flatMap((name) => ['-signer', `${name}.pem`, '-inkey', `${name}.key`]);
    execFileSync(
      'openssl',
      [
        'cms',
        '-sign',
        '-binary',
        '-md',
        'sha256',
        '-outform',
        'DER',
        '-in',
        'content.json',
        ...signerArgs,
        '-certfile',
        'intermediate.pem',
        ...extra,
        '-out',
        'theirs.p7s',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    return new Uint8Array(readFileSync(path.join(dir, 'theirs.p7s')));
  }

  it('validates what openssl cms -sign makes with a key in the Kazakh layout', async () => {
    const policyNow = await freshKey('signer');
    const report = await validateSignature(content, opensslSign(['signer']), policyNow);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('validates what openssl streams out in BER, with indefinite lengths, once its content is taken out', async () => {
    const policyNow = await freshKey('signer');
    // Streaming, openssl carries the content inside (an attached signature): refused as such.
    const attached = opensslSign(['signer'], ['-stream']);
    expect(attached[1]).toBe(0x80); // the ContentInfo itself has an indefinite length
    const refused = await validateSignature(content, attached, policyNow);
    expect(refused.checks[0]?.detail).toBe('the signature carries its content; a detached one is expected');
    // Taken out (every element around it has an indefinite length, so no length changes), the same
    // BER signature is detached, and valid over the content brought.
    const [, explicit] = childrenOf(attached);
    const signedData = childrenOf(explicit as Uint8Array)[0] as Uint8Array;
    const [, eContent] = childrenOf(childrenOf(signedData)[2] as Uint8Array);
    expect([explicit, signedData].every((e) => e?.[1] === 0x80)).toBe(true);
    const at = (eContent as Uint8Array).byteOffset - attached.byteOffset;
    const detached = Uint8Array.from([
      ...attached.subarray(0, at),
      ...attached.subarray(at + (eContent as Uint8Array).length),
    ]);
    const report = await validateSignature(content, detached, policyNow);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
  });

  it('refuses a signature of two signers: exactly one is accepted', async () => {
    const policyNow = await freshKey('signer');
    await freshKey('cosigner');
    const report = await validateSignature(content, opensslSign(['signer', 'cosigner']), policyNow);
    expect([report.indication, report.errorCode, report.checks[0]?.detail]).toEqual([
      'TOTAL_FAILED',
      'SIGNATURE_MALFORMED',
      '2 signers; exactly one is accepted',
    ]);
  });

  it('refuses a signing-certificate-v2 that names another certificate', async () => {
    const ours = await sigOf(sign);
    const certHash = new Uint8Array(await crypto.subtle.digest('SHA-256', sign.certificate.rawData));
    const at = Buffer.from(ours).indexOf(Buffer.from(certHash));
    expect(at).toBeGreaterThan(0);
    ours[at] = (ours[at] ?? 0) ^ 0xff;
    const report = await validateSignature(content, ours, await policy());
    expect(report.checks.find((c) => c.id === 'signing_certificate')?.outcome).toBe('failed');
    expect([report.indication, report.errorCode]).toEqual(['TOTAL_FAILED', 'SIGNATURE_INVALID']);
  });

  it('answers a certificate it cannot decode with a report: a signature algorithm with garbage parameters', async () => {
    // Anyone can write this without a key: a certificate shaped like the CA's, signed "RSASSA-PSS"
    // with parameters that are not PSS's. @peculiar/x509 decodes them only when asked, and throws.
    const [tbs, , value] = childrenOf(new Uint8Array(sign.certificate.rawData));
    const forged = sequence(
      tbs as Uint8Array,
      sequence(objectIdentifier('1.2.840.113549.1.1.10'), smallInteger(5)),
      value as Uint8Array,
    );
    const withForged = rebuiltCms(await sigOf(sign), (parts) => ({
      certificates: [forged, ...parts.certificates.slice(1)],
    }));
    const report = await validateSignature(content, withForged, await policy());
    expect([report.indication, report.errorCode]).toEqual(['TOTAL_FAILED', 'SIGNATURE_MALFORMED']);
    expect(report.checks[0]?.detail).toMatch(/^a certificate in the signature cannot be read/);
  });

  it('takes ECDSA values only as DER writes them: r and s positive and minimal', async () => {
    const good = await sigOf(employee);
    const policyOf = await policy({ expect: { iin: askar.iin } });
    expect((await validateSignature(content, good, policyOf)).indication).toBe('TOTAL_PASSED');
    const padded = rebuiltCms(good, (parts) => {
      const [r, s] = childrenOf(parts.signature);
      const rValue = contentsOf(r as Uint8Array, Tag.integer);
      // One more leading zero than DER allows: the same number, written loosely.
      return { signature: sequence(element(Tag.integer, Uint8Array.of(0), rValue), s as Uint8Array) };
    });
    const report = await validateSignature(content, padded, policyOf);
    expect(report.checks.find((c) => c.id === 'signature_value')?.outcome).toBe('failed');
    expect(report.errorCode).toBe('SIGNATURE_INVALID');
  });

  it('answers any bytes with a report — cut short anywhere, or with any byte changed — and never passes a changed signed byte', async () => {
    const ours = await sigOf(employee);
    const good = await policy({ expect: { iin: askar.iin } });
    expect((await validateSignature(content, ours, good)).indication).toBe('TOTAL_PASSED');
    for (let length = 0; length < ours.length; length += 7) {
      const report = await validateSignature(content, ours.slice(0, length), good);
      expect([length, report.errorCode]).toEqual([length, 'SIGNATURE_MALFORMED']);
    }
    // What the signature covers or names — the signer info from its signer id on (signed attributes,
    // algorithms, signature value) — ends the whole, as the SignedData's last element.
    const [, explicit] = childrenOf(ours);
    const signerInfos = childrenOf(childrenOf(explicit as Uint8Array)[0] as Uint8Array).at(-1) as Uint8Array;
    const [, ...named] = childrenOf(childrenOf(signerInfos)[0] as Uint8Array);
    const signerInfoStart = ours.length - named.reduce((sum, part) => sum + part.length, 0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: ours.length - 1 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const changed = Uint8Array.from(ours);
        changed[i] = (changed[i] ?? 0) ^ x;
        const report = await validateSignature(content, changed, good);
        expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(report.indication);
        if (i >= signerInfoStart) expect(report.indication).not.toBe('TOTAL_PASSED');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the certification authority', () => {
  it('survives a snapshot and restore: keeps issuing, knows what it issued and revoked', async () => {
    const copy = await CertificationAuthority.restore(JSON.parse(JSON.stringify(await ca.snapshot())));
    const issued = await copy.issue({
      person: askar,
      purpose: 'sign',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    const report = await validateSignature(
      content,
      await signDetached(content, { ...issued, chain: [copy.intermediate.certificate] }, SIGNED_AT),
      await policy(),
    );
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(copy.status(sign.certificate.serialNumber)).toEqual({ status: 'good' });
    expect(copy.status('0badc0de')).toEqual({ status: 'unknown' });
    await copy.snapshot(); // restored keys can be saved again
  });
});

describe('revocation by OCSP, falling back to the CRL', () => {
  let ocspCa: CertificationAuthority;
  let key: IssuedKey;
  let revokedKey: IssuedKey;
  const transport = (now: Date) => (_url: string, request: Uint8Array) => answerOcsp(ocspCa, request, now);
  beforeAll(async () => {
    ocspCa = await CertificationAuthority.create({
      name: 'OCSP TEST CA',
      keyAlgorithm: 'ecdsaP256',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + 30 * YEAR),
      urls: { ocsp: 'http://ocsp.sandbox.test/', crl: 'http://crl.sandbox.test/ca.crl' },
    });
    const validity = { notBefore: T0, notAfter: new Date(T0.getTime() + YEAR) };
    key = await ocspCa.issue({ person: aigerim, purpose: 'sign', ...validity });
    revokedKey = await ocspCa.issue({ person: askar, purpose: 'sign', ...validity });
    ocspCa.revoke(
      revokedKey.certificate.serialNumber,
      new Date('2026-02-01T00:00:00Z'),
      x509.X509CrlReason.keyCompromise,
    );
  });
  const validate = async (signer: IssuedKey, revocation: RevocationSource[]) =>
    validateSignature(
      content,
      await signDetached(content, { ...signer, chain: [ocspCa.intermediate.certificate] }, SIGNED_AT),
      { trustAnchors: [ocspCa.root.certificate], revocation, purpose: 'sign', at: NOW },
    );
  const crlOf = async () =>
    new CrlRevocation([await ocspCa.crl(new Date(NOW.getTime() - 60_000), new Date(NOW.getTime() + 3600_000))]);

  it('asks the responder named in the certificate and trusts its signed answer', async () => {
    const good = await validate(key, [new OcspRevocation(transport(NOW))]);
    expect(good.checks.find((c) => c.id === 'revocation')).toMatchObject({ outcome: 'passed', detail: 'good (ocsp)' });
    const revoked = await validate(revokedKey, [new OcspRevocation(transport(NOW))]);
    expect([revoked.subIndication, revoked.checks.find((c) => c.id === 'revocation')?.detail]).toEqual([
      'REVOKED',
      'revoked 2026-02-01T00:00:00.000Z (keyCompromise, ocsp)',
    ]);
  });

  it('falls back to the CRL when the responder is down, and is INDETERMINATE when both are', async () => {
    const down = new OcspRevocation(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const fallback = await validate(key, [down, await crlOf()]);
    expect(fallback.checks.find((c) => c.id === 'revocation')).toMatchObject({
      outcome: 'passed',
      detail: 'good (crl)',
    });
    const neither = await validate(key, [down, new CrlRevocation([])]);
    expect([neither.indication, neither.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('takes no answer from a stranger, a replayed answer or a stale one', async () => {
    const impostor = await CertificationAuthority.create({
      name: 'IMPOSTOR',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    const forged = new OcspRevocation((_url, request) => answerOcsp(impostor, request, NOW));
    expect((await validate(key, [forged])).subIndication).toBe('TRY_LATER');
    let recorded: Uint8Array | null = null;
    await validate(key, [new OcspRevocation(async (url, request) => (recorded = await transport(NOW)(url, request)))]);
    const replayed = new OcspRevocation(async () => recorded ?? new Uint8Array());
    expect((await validate(key, [replayed])).subIndication).toBe('TRY_LATER');
    const stale = new OcspRevocation(transport(new Date(NOW.getTime() - 86_400_000)));
    expect((await validate(key, [stale])).subIndication).toBe('TRY_LATER');
  });

  it('answers in a form openssl ocsp reads', async () => {
    const certFile = path.join(dir, 'ocsp-cert.pem');
    const issuerFile = path.join(dir, 'ocsp-issuer.pem');
    writeFileSync(certFile, key.certificate.toString('pem'));
    writeFileSync(issuerFile, ocspCa.intermediate.certificate.toString('pem'));
    writeFileSync(path.join(dir, 'ocsp-root.pem'), ocspCa.root.certificate.toString('pem'));
    execFileSync(
      'openssl',
      ['ocsp', '-sha256', '-issuer', issuerFile, '-cert', certFile, '-no_nonce', '-reqout', 'ocsp.req'],
      { cwd: dir, stdio: 'ignore' },
    );
    const answer = await answerOcsp(ocspCa, new Uint8Array(readFileSync(path.join(dir, 'ocsp.req'))), new Date());
    writeFileSync(path.join(dir, 'ocsp.resp'), answer);
    const out = execFileSync(
      'openssl',
      [
        'ocsp',
        '-respin',
        'ocsp.resp',
        '-sha256',
        '-issuer',
        issuerFile,
        '-cert',
        certFile,
        '-CAfile',
        'ocsp-root.pem',
        '-no_nonce',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
    expect(out).toContain(': good');
  });
});
