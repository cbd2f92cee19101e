import { beforeAll, describe, expect, it } from 'vitest';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { readSignedData } from './cms-read.js';
import { signDetached } from './cms-sign.js';
import { objectIdentifier, time } from './der.js';
import { Oid } from './oids.js';
import { attribute, isAttribute, rebuiltCms } from './test-support/rebuilt-cms.js';

const T0 = new Date('2026-01-01T00:00:00Z');
let signature: Uint8Array;

beforeAll(async () => {
  const ca = await CertificationAuthority.create({
    name: 'CMS READING CA',
    notBefore: T0,
    notAfter: new Date(T0.getTime() + 86_400_000 * 365),
  });
  const key: IssuedKey = await ca.issue({
    person: { iin: '900517400013', surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' },
    purpose: 'sign',
    notBefore: T0,
    notAfter: new Date(T0.getTime() + 86_400_000 * 30),
  });
  signature = await signDetached(new TextEncoder().encode('{}'), { ...key, chain: [ca.intermediate.certificate] }, T0);
});

/** The same signature with its signed attributes (and its encapsulated content type) rewritten. */
const rewritten = (change: (attributes: Uint8Array[]) => Uint8Array[], eContentType: string = Oid.data) =>
  rebuiltCms(signature, (parts) => ({ signedAttributes: change(parts.signedAttributes), eContentType }));

describe('reading a CMS signature', () => {
  it('reads what we sign: one signer, its attributes, its certificates', () => {
    const read = readSignedData(signature);
    if (typeof read === 'string') throw new Error(read);
    expect(read.certificates).toHaveLength(2);
    expect(read.signer.signingTime).toEqual(T0);
    expect([...read.signer.attributes.keys()].sort()).toEqual(
      [Oid.contentType, Oid.messageDigest, Oid.signingTime, Oid.signingCertificateV2].sort(),
    );
    expect(readSignedData(rewritten((a) => a))).toEqual(read);
  });

  it('refuses an attribute given twice: a second message digest would leave a reader to choose', () => {
    const twice = rewritten((a) => [...a, a.find((x) => isAttribute(x, Oid.messageDigest)) as Uint8Array]);
    expect(readSignedData(twice)).toBe(`the attribute ${Oid.messageDigest} appears twice`);
  });

  it('refuses a signing time with two values', () => {
    const twoTimes = rewritten((a) => [
      ...a.filter((x) => !isAttribute(x, Oid.signingTime)),
      attribute(Oid.signingTime, time(T0), time(new Date(T0.getTime() + 1000))),
    ]);
    expect(readSignedData(twoTimes)).toBe(`the attribute ${Oid.signingTime} has more than one value`);
  });

  it('refuses more certificates than a signer and its CAs need', () => {
    const many = rebuiltCms(signature, (parts) => ({
      certificates: Array.from({ length: 11 }, (_, i) => parts.certificates[i % 2] as Uint8Array),
    }));
    expect(readSignedData(many)).toBe('11 certificates; at most 10 are read');
  });

  it('refuses content that is not data, signed or encapsulated', () => {
    const signedAsOther = rewritten((a) => [
      ...a.filter((x) => !isAttribute(x, Oid.contentType)),
      attribute(Oid.contentType, objectIdentifier(Oid.signedData)),
    ]);
    expect(readSignedData(signedAsOther)).toBe('the signed content type is not data');
    const noContentType = rewritten((a) => a.filter((x) => !isAttribute(x, Oid.contentType)));
    expect(readSignedData(noContentType)).toBe('the signed content type is not data');
    expect(readSignedData(rewritten((a) => a, Oid.signedData))).toBe('the encapsulated content is not data');
  });
});
