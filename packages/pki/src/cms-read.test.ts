import { beforeAll, describe, expect, it } from 'vitest';
import { CertificationAuthority, type IssuedKey } from './certification-authority.js';
import { readSignedData } from './cms-read.js';
import { signDetached } from './cms-sign.js';
import { childrenOf, contextTag, objectIdentifier, sequence, set, time } from './der.js';
import { Oid } from './oids.js';

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
function rewritten(change: (attributes: Uint8Array[]) => Uint8Array[], eContentType: string = Oid.data): Uint8Array {
  const [contentType, explicit] = childrenOf(signature);
  const [version, digestAlgorithms, , certificates, signerInfos] = childrenOf(
    childrenOf(explicit as Uint8Array)[0] as Uint8Array,
  );
  const [siVersion, sid, digestAlgorithm, signedAttrs, ...rest] = childrenOf(
    childrenOf(signerInfos as Uint8Array)[0] as Uint8Array,
  );
  const attributes = change(childrenOf(signedAttrs as Uint8Array));
  const signerInfo = sequence(
    siVersion as Uint8Array,
    sid as Uint8Array,
    digestAlgorithm as Uint8Array,
    contextTag(0, ...attributes),
    ...rest,
  );
  const signedData = sequence(
    version as Uint8Array,
    digestAlgorithms as Uint8Array,
    sequence(objectIdentifier(eContentType)),
    certificates as Uint8Array,
    set(signerInfo),
  );
  return sequence(contentType as Uint8Array, contextTag(0, signedData));
}

const attribute = (type: string, ...values: Uint8Array[]) => sequence(objectIdentifier(type), set(...values));
const typeOf = (attr: Uint8Array) => childrenOf(attr)[0];
const isType = (attr: Uint8Array, oid: string) =>
  Buffer.from(typeOf(attr) as Uint8Array).equals(Buffer.from(objectIdentifier(oid)));

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
    const twice = rewritten((a) => [...a, a.find((x) => isType(x, Oid.messageDigest)) as Uint8Array]);
    expect(readSignedData(twice)).toBe(`the attribute ${Oid.messageDigest} appears twice`);
  });

  it('refuses a signing time with two values', () => {
    const twoTimes = rewritten((a) => [
      ...a.filter((x) => !isType(x, Oid.signingTime)),
      attribute(Oid.signingTime, time(T0), time(new Date(T0.getTime() + 1000))),
    ]);
    expect(readSignedData(twoTimes)).toBe(`the attribute ${Oid.signingTime} has more than one value`);
  });

  it('refuses content that is not data, signed or encapsulated', () => {
    const signedAsOther = rewritten((a) => [
      ...a.filter((x) => !isType(x, Oid.contentType)),
      attribute(Oid.contentType, objectIdentifier(Oid.signedData)),
    ]);
    expect(readSignedData(signedAsOther)).toBe('the signed content type is not data');
    const noContentType = rewritten((a) => a.filter((x) => !isType(x, Oid.contentType)));
    expect(readSignedData(noContentType)).toBe('the signed content type is not data');
    expect(readSignedData(rewritten((a) => a, Oid.signedData))).toBe('the encapsulated content is not data');
  });
});
