import { childrenOf, contentsOf, isDefinite, readObjectIdentifier, readTime, Tag, tagOf } from './der.js';
import { Oid } from './oids.js';

/** The one signer of a CMS SignedData, as its SignerInfo says (RFC 5652 5.3). */
export interface SignerInfoRead {
  /** The signer id's issuer and serial number, as encoded. */
  readonly issuerAndSerialNumber: { readonly issuer: Uint8Array; readonly serialNumber: Uint8Array };
  readonly digestAlgorithm: string;
  /** What the signature value covers: the signed attributes' DER, tagged as the SET it is. */
  readonly signedAttributes: Uint8Array;
  /** The first value of each signed attribute, as encoded, by type. */
  readonly attributes: ReadonlyMap<string, Uint8Array>;
  /** The signing time the signer claims, if any. */
  readonly signingTime: Date | null;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
}

export interface SignedDataRead {
  /** The DER of each X.509 certificate the signature carries, in their order, as received. */
  readonly certificates: readonly Uint8Array[];
  readonly signer: SignerInfoRead;
}

/**
 * A ContentInfo holding SignedData with exactly one signer and signed attributes (CAdES needs
 * them), read from its bytes — BER outside the signed attributes, as streaming signers write it —
 * or, when it is not one, why not. Reading is all this does; validateSignature judges.
 */
export function readSignedData(bytes: Uint8Array): SignedDataRead | string {
  try {
    const [contentType, explicit, ...extra] = childrenOf(bytes, Tag.sequence);
    if (!contentType || !explicit || extra.length > 0) return 'not a ContentInfo';
    const type = readObjectIdentifier(contentType);
    if (type !== Oid.signedData) return `content type ${type} is not signed data`;
    const [signedData, ...more] = childrenOf(explicit, 0xa0);
    if (!signedData || more.length > 0) return 'no signed data';
    // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] certificates, [1] crls, signerInfos SET }
    const fields = childrenOf(signedData, Tag.sequence);
    const signerInfos = fields[fields.length - 1];
    if (fields.length < 4 || !signerInfos || tagOf(signerInfos) !== Tag.set) return 'not SignedData';
    // EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] OPTIONAL }: data, detached.
    // Content carried inside would be a second thing the signature could be said to be over.
    const [eContentType, ...eContent] = childrenOf(fields[2] as Uint8Array, Tag.sequence);
    if (!eContentType || readObjectIdentifier(eContentType) !== Oid.data) return 'the encapsulated content is not data';
    if (eContent.length > 0) return 'the signature carries its content; a detached one is expected';
    const certificateSet = fields.slice(3, -1).find((f) => tagOf(f) === 0xa0);
    const signers = childrenOf(signerInfos);
    if (signers.length !== 1) return `${signers.length} signers; exactly one is accepted`;
    const signer = readSignerInfo(signers[0] as Uint8Array);
    if (typeof signer === 'string') return signer;
    // Only plain certificates (SEQUENCEs); the other CertificateChoices are tagged.
    const certificates = certificateSet ? childrenOf(certificateSet).filter((c) => tagOf(c) === Tag.sequence) : [];
    // A signer's certificate and its CA's carry a signature; dozens would only make each check cost more.
    if (certificates.length > MAX_CERTIFICATES)
      return `${certificates.length} certificates; at most ${MAX_CERTIFICATES} are read`;
    return { certificates, signer };
  } catch (error) {
    return `not CMS: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function readSignerInfo(encoded: Uint8Array): SignerInfoRead | string {
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs }
  const [version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = childrenOf(encoded, Tag.sequence);
  if (!version || !sid || !digestAlgorithm || !signedAttrs || !signatureAlgorithm || !signature)
    return 'not a SignerInfo';
  // Version 1 names the signer by issuer and serial number (RFC 5652 5.3); version 3, by a subject
  // key identifier, is not taken: a signer id that is not signed must at least name one certificate exactly.
  const named = contentsOf(version, Tag.integer);
  if (named.length !== 1 || named[0] !== 1) return 'the signer is not named by issuer and serial number (version 1)';
  if (tagOf(signedAttrs) !== 0xa0) return 'no signed attributes (CAdES needs them)';
  if (!isDefinite(signedAttrs)) return 'the signed attributes are not DER';
  const attributes = new Map<string, Uint8Array>();
  for (const attribute of childrenOf(signedAttrs)) {
    const [type, values] = childrenOf(attribute, Tag.sequence);
    const [first, ...others] = values ? childrenOf(values, Tag.set) : [];
    if (!type || !first) return 'an attribute without a value';
    const oid = readObjectIdentifier(type);
    // Each attribute once, and those read here with one value (RFC 5652 11, RFC 5035): a second
    // message digest or signing time would leave a reader to choose which one counts.
    if (attributes.has(oid)) return `the attribute ${oid} appears twice`;
    if (others.length > 0 && SINGLE_VALUED.has(oid)) return `the attribute ${oid} has more than one value`;
    attributes.set(oid, first);
  }
  const contentType = attributes.get(Oid.contentType);
  if (!contentType || readObjectIdentifier(contentType) !== Oid.data) return 'the signed content type is not data';
  const time = attributes.get(Oid.signingTime);
  const [issuer, serialNumber, ...more] = childrenOf(sid, Tag.sequence);
  if (!issuer || !serialNumber || more.length > 0) return 'the signer id is not an issuer and serial number';
  const signedAttributes = Uint8Array.from(signedAttrs);
  // The signature is over the attributes as a SET OF (RFC 5652 5.4), not their [0] IMPLICIT tag.
  signedAttributes[0] = Tag.set;
  return {
    issuerAndSerialNumber: { issuer, serialNumber },
    digestAlgorithm: readAlgorithm(digestAlgorithm),
    signedAttributes,
    attributes,
    signingTime: time ? readTime(time) : null,
    signatureAlgorithm: readAlgorithm(signatureAlgorithm),
    signature: contentsOf(signature, Tag.octetString),
  };
}

const MAX_CERTIFICATES = 10;

const SINGLE_VALUED = new Set<string>([Oid.contentType, Oid.messageDigest, Oid.signingTime, Oid.signingCertificateV2]);

/** The OID of an AlgorithmIdentifier (parameters are the algorithm's own business). */
export function readAlgorithm(encoded: Uint8Array): string {
  const [oid] = childrenOf(encoded, Tag.sequence);
  if (!oid) throw new Error('an AlgorithmIdentifier without an algorithm');
  return readObjectIdentifier(oid);
}

/**
 * A certificate's issuer and serial number exactly as it encodes them: what a signer id names
 * and what a signature's signer id is compared with, byte for byte.
 */
export function issuerAndSerialOf(certificate: Uint8Array): { issuer: Uint8Array; serialNumber: Uint8Array } {
  const [tbs] = childrenOf(certificate, Tag.sequence);
  if (!tbs) throw new Error('certificate without a TBSCertificate');
  const fields = childrenOf(tbs, Tag.sequence);
  // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, … }
  const [serialNumber, , issuer] = fields.slice(tagOf(fields[0] ?? new Uint8Array()) === 0xa0 ? 1 : 0);
  if (!serialNumber || !issuer) throw new Error('certificate without a serial number and an issuer');
  return { issuer, serialNumber };
}
