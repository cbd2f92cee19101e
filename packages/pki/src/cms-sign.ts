import type * as x509 from '@peculiar/x509';
import { issuerAndSerialOf } from './cms-read.js';
import { bufferOf, signingAlgorithmOf, webcrypto } from './crypto.js';
import {
  contextTag,
  derOrder,
  NULL,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
} from './der.js';
import { Oid } from './oids.js';

export interface Signer {
  readonly privateKey: CryptoKey;
  readonly certificate: x509.X509Certificate;
  /** Intermediate certificates to carry in the signature, so a verifier can build the chain. */
  readonly chain?: readonly x509.X509Certificate[];
}

export interface SignOptions {
  /**
   * Whether the claimed signing time goes into the signed attributes (the default, CAdES-BES).
   * PAdES baseline B-B forbids it: there the time is the signature dictionary's M entry
   * (ETSI EN 319 142-1), and a verifier must not find two times that could disagree.
   */
  readonly signingTimeAttribute?: boolean;
}

/**
 * Detached CMS SignedData over `content` (RFC 5652), CAdES-BES: signed attributes content type,
 * message digest (SHA-256), signing time (unless `options` leave it out) and signing-certificate-v2
 * (the SHA-256 of the signer's certificate, so the signature names exactly one certificate). The
 * content itself is not embedded; the verifier brings it (for a request: its RFC 8785 canonical
 * bytes).
 *
 * Written as DER directly: everything but the digest, the signing time and the signature is the
 * same for every signature of a certificate and is encoded once. Building it with pkijs objects
 * cost ten times the RSA signature itself — a sixth of a signed licence.
 */
export async function signDetached(
  content: Uint8Array,
  signer: Signer,
  signingTime: Date,
  options: SignOptions = {},
): Promise<Uint8Array> {
  const parts = await signerPartsOf(signer.certificate);
  const digest = new Uint8Array(await webcrypto.subtle.digest('SHA-256', bufferOf(content)));
  // Signed attributes must be DER (RFC 5652 5.3), and DER orders a SET OF by the encodings.
  const attributes = derOrder([
    attribute(Oid.contentType, objectIdentifier(Oid.data)),
    attribute(Oid.messageDigest, octetString(digest)),
    ...(options.signingTimeAttribute === false ? [] : [attribute(Oid.signingTime, time(signingTime))]),
    parts.signingCertificateV2,
  ]);
  // The signature covers the attributes' DER as a SET; the SignerInfo carries the same contents as [0] IMPLICIT.
  const signature = await signatureOver(set(...attributes), signer.privateKey);
  const signerInfo = sequence(
    smallInteger(1),
    parts.issuerAndSerialNumber,
    SHA256,
    contextTag(0, ...attributes),
    signatureAlgorithmOf(signer.privateKey),
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    set(SHA256),
    sequence(objectIdentifier(Oid.data)),
    contextTag(0, ...[signer.certificate, ...(signer.chain ?? [])].map((c) => new Uint8Array(c.rawData))),
    set(signerInfo),
  );
  return sequence(objectIdentifier(Oid.signedData), contextTag(0, signedData));
}

/** SHA-256 as RFC 5754 says to write it: no parameters. */
const SHA256 = sequence(objectIdentifier(Oid.sha256));

/** What a signature says of its signer's certificate, the same for every signature it makes. */
interface SignerParts {
  readonly issuerAndSerialNumber: Uint8Array;
  readonly signingCertificateV2: Uint8Array;
}

const signerParts = new WeakMap<x509.X509Certificate, Promise<SignerParts>>();

function signerPartsOf(certificate: x509.X509Certificate): Promise<SignerParts> {
  let parts = signerParts.get(certificate);
  if (!parts) {
    parts = encodeSignerParts(certificate);
    signerParts.set(certificate, parts);
    // A failure is not kept: the next signature asks again.
    parts.catch(() => signerParts.delete(certificate));
  }
  return parts;
}

/**
 * The certificate's issuer and serial number exactly as the certificate encodes them (a verifier
 * may compare the bytes), and the signing-certificate-v2 attribute: SigningCertificateV2 ::=
 * SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 ::= SEQUENCE { certHash, issuerSerial },
 * SHA-256 being the default hash, left out (RFC 5035).
 */
async function encodeSignerParts(certificate: x509.X509Certificate): Promise<SignerParts> {
  const { issuer, serialNumber } = issuerAndSerialOf(new Uint8Array(certificate.rawData));
  const certHash = new Uint8Array(await webcrypto.subtle.digest('SHA-256', certificate.rawData));
  const issuerSerial = sequence(sequence(contextTag(4, issuer)), serialNumber);
  return {
    issuerAndSerialNumber: sequence(issuer, serialNumber),
    signingCertificateV2: attribute(
      Oid.signingCertificateV2,
      sequence(sequence(sequence(octetString(certHash), issuerSerial))),
    ),
  };
}

/** Attribute ::= SEQUENCE { attrType, attrValues SET OF value }, with one value. */
function attribute(type: string, value: Uint8Array): Uint8Array {
  return sequence(objectIdentifier(type), set(value));
}

/**
 * The signature algorithm as the SignerInfo names it: sha256WithRSAEncryption with NULL
 * parameters (RFC 4055), ecdsa-with-SHA256 with none (RFC 5758).
 */
function signatureAlgorithmOf(key: CryptoKey): Uint8Array {
  return key.algorithm.name === 'ECDSA'
    ? sequence(objectIdentifier(Oid.ecdsaWithSha256))
    : sequence(objectIdentifier(Oid.sha256WithRsaEncryption), NULL);
}

/** The signature value: RSASSA-PKCS1-v1_5 as WebCrypto gives it; ECDSA's r and s as a DER Ecdsa-Sig-Value. */
async function signatureOver(signedAttributes: Uint8Array, key: CryptoKey): Promise<Uint8Array> {
  const value = new Uint8Array(await webcrypto.subtle.sign(signingAlgorithmOf(key), key, bufferOf(signedAttributes)));
  if (key.algorithm.name !== 'ECDSA') return value;
  // WebCrypto gives r ‖ s, each the size of the curve's order (RFC 4754 / IEEE P1363).
  const half = value.length / 2;
  return sequence(unsignedInteger(value.subarray(0, half)), unsignedInteger(value.subarray(half)));
}
