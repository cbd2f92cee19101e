import './reflect.js';
import type * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferOf, webcrypto } from './crypto.js';
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
 * Detached CMS SignedData over `content`, CAdES-BES: signed attributes content type, message
 * digest (SHA-256), signing time (unless `options` leave it out) and signing-certificate-v2 (the
 * SHA-256 of the signer's certificate, so the signature names exactly one certificate). The
 * content itself is not embedded; the verifier brings it (for a request: its RFC 8785 canonical
 * bytes).
 */
export async function signDetached(
  content: Uint8Array,
  signer: Signer,
  signingTime: Date,
  options: SignOptions = {},
): Promise<Uint8Array> {
  const certificate = toPkijs(signer.certificate);
  const digest = await webcrypto.subtle.digest('SHA-256', bufferOf(content));
  const certHash = await webcrypto.subtle.digest('SHA-256', signer.certificate.rawData);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: Oid.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(Oid.contentType, new asn1js.ObjectIdentifier({ value: Oid.data })),
            attribute(Oid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
            ...(options.signingTimeAttribute === false
              ? []
              : [attribute(Oid.signingTime, new asn1js.UTCTime({ valueDate: signingTime }))]),
            attribute(Oid.signingCertificateV2, signingCertificateV2(certHash, certificate)),
          ],
        }),
      }),
    ],
    certificates: [certificate, ...(signer.chain ?? []).map(toPkijs)],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256', bufferOf(content));
  const contentInfo = new pkijs.ContentInfo({ contentType: Oid.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * A certificate as pkijs reads it, parsed once per certificate object: a signer signs many
 * documents with the same certificate and chain, and parsing them again was a third of the cost of
 * signing. The parsed certificate is only read when a signature is built, never changed.
 */
const parsedCertificates = new WeakMap<x509.X509Certificate, pkijs.Certificate>();

export function toPkijs(certificate: x509.X509Certificate): pkijs.Certificate {
  let parsed = parsedCertificates.get(certificate);
  if (!parsed) {
    parsed = pkijs.Certificate.fromBER(certificate.rawData);
    parsedCertificates.set(certificate, parsed);
  }
  return parsed;
}

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } — SHA-256, the default, is implied. */
function signingCertificateV2(certHash: ArrayBuffer, certificate: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }),
    serialNumber: certificate.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}
