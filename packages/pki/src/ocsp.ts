import './reflect.js';
import type * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificationAuthority } from './certification-authority.js';
import { bufferOf, webcrypto } from './crypto.js';
import { toPkijs } from './pkijs-certificate.js';
import type { RevocationAnswer, RevocationSource } from './revocation.js';

const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
/** How long an answer may be used after it was produced, when the responder gives no nextUpdate. */
const DEFAULT_FRESHNESS_MS = 10 * 60_000;
const STATUS = { good: 0, revoked: 1, unknown: 2 } as const;

/** Sends a DER OCSP request to a responder and returns its DER answer (HTTP POST in the server). */
export type OcspTransport = (url: string, request: Uint8Array) => Promise<Uint8Array>;

/**
 * The CA's OCSP responder (RFC 6960): answers good, revoked (with time and reason) or unknown for
 * each certificate asked about, signed by the intermediate that issued them, echoing the nonce.
 */
export async function answerOcsp(ca: CertificationAuthority, requestDer: Uint8Array, now: Date): Promise<Uint8Array> {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(bufferOf(requestDer));
  } catch {
    return ocspStatusOnly(1); // malformedRequest
  }
  const issuer = toPkijs(ca.intermediate.certificate);
  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = issuer.subject;
  basic.tbsResponseData.producedAt = now;
  for (const single of request.tbsRequest.requestList) {
    const certId = single.reqCert;
    const ours = await issuedBy(certId, issuer);
    const serial = bytesToHex(new Uint8Array(certId.serialNumber.valueBlock.valueHexView));
    const known = ours ? ca.status(serial) : { status: 'unknown' as const };
    const response = new pkijs.SingleResponse({
      certID: certId,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + DEFAULT_FRESHNESS_MS),
    });
    response.certStatus =
      known.status === 'revoked'
        ? new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: STATUS.revoked },
            value: [
              new asn1js.GeneralizedTime({ valueDate: known.entry.revokedAt }),
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 0 },
                value: [new asn1js.Enumerated({ value: known.entry.reason })],
              }),
            ],
          })
        : new asn1js.Primitive({
            idBlock: { tagClass: 3, tagNumber: known.status === 'good' ? STATUS.good : STATUS.unknown },
          });
    basic.tbsResponseData.responses.push(response);
  }
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE);
  if (nonce) basic.tbsResponseData.responseExtensions = [nonce];
  basic.certs = [issuer];
  await basic.sign(ca.intermediate.privateKey, 'SHA-256');
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: pkijs.id_PKIX_OCSP_Basic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
      }),
    })
      .toSchema()
      .toBER(false),
  );
}

/**
 * Revocation from the issuer's OCSP responder: the URL in the certificate's authority information
 * access (or a configured one). An answer counts only when the issuer signed it, it echoes our
 * nonce, names this certificate and is current; anything else is no answer, never "good".
 */
export class OcspRevocation implements RevocationSource {
  readonly name = 'ocsp';

  constructor(
    private readonly transport: OcspTransport,
    private readonly options: { readonly url?: string; readonly clockSkewMs?: number } = {},
  ) {}

  async status(certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<RevocationAnswer> {
    const url = this.options.url ?? ocspUrlOf(certificate);
    if (!url) return { status: 'no_answer', source: this.name, why: 'the certificate names no OCSP responder' };
    const subject = toPkijs(certificate);
    const issuerCert = toPkijs(issuer);
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(subject, { hashAlgorithm: 'SHA-256', issuerCertificate: issuerCert });
    const nonce = webcrypto.getRandomValues(new Uint8Array(16));
    request.tbsRequest.requestExtensions = [
      new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false) }),
    ];
    const answer = await this.transport(url, new Uint8Array(request.toSchema(true).toBER(false)));
    const response = pkijs.OCSPResponse.fromBER(bufferOf(answer));
    if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) {
      return {
        status: 'no_answer',
        source: this.name,
        why: `responder status ${response.responseStatus.valueBlock.valueDec}`,
      };
    }
    const basic = pkijs.BasicOCSPResponse.fromBER(
      bufferOf(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView)),
    );
    // The issuer itself must sign (the chain up to it is already validated); a delegated responder
    // with id-kp-OCSPSigning is not accepted yet.
    const signed = await basic
      .verify({ trustedResponders: [issuerCert], issuerCerts: [issuerCert] })
      .catch(() => false);
    if (!signed) return { status: 'no_answer', source: this.name, why: 'the answer is not signed by the issuer' };
    const echoed = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OCSP_NONCE);
    if (
      !echoed ||
      !sameBytes(
        new Uint8Array(echoed.extnValue.valueBlock.valueHexView),
        new asn1js.OctetString({ valueHex: nonce }).toBER(false),
      )
    ) {
      return { status: 'no_answer', source: this.name, why: 'the answer does not echo our nonce (a replay?)' };
    }
    const wanted = await certIdFor(subject, issuerCert);
    const single = basic.tbsResponseData.responses.find((r) => r.certID.isEqual(wanted));
    if (!single) return { status: 'no_answer', source: this.name, why: 'the answer is about another certificate' };
    const skew = this.options.clockSkewMs ?? 5 * 60_000;
    const nextUpdate = single.nextUpdate ?? new Date(single.thisUpdate.getTime() + DEFAULT_FRESHNESS_MS);
    if (single.thisUpdate.getTime() > at.getTime() + skew || nextUpdate.getTime() + skew < at.getTime()) {
      return { status: 'no_answer', source: this.name, why: 'the answer is not current' };
    }
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    if (tag === STATUS.good) return { status: 'good', source: this.name };
    if (tag === STATUS.revoked) return revokedAnswer(single.certStatus as asn1js.Constructed, this.name);
    return { status: 'no_answer', source: this.name, why: 'the responder does not know the certificate' };
  }
}

function revokedAnswer(status: asn1js.Constructed, source: string): RevocationAnswer {
  const [time, reasonBlock] = status.valueBlock.value;
  const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : new Date(0);
  const reasonValue = reasonBlock instanceof asn1js.Constructed ? reasonBlock.valueBlock.value[0] : undefined;
  const reason = reasonValue instanceof asn1js.Enumerated ? reasonValue.valueBlock.valueDec : 0;
  return { status: 'revoked', source, revokedAt, reason: REASONS[reason] ?? 'unspecified' };
}

const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

async function certIdFor(certificate: pkijs.Certificate, issuer: pkijs.Certificate): Promise<pkijs.CertID> {
  const id = new pkijs.CertID();
  await id.createForCertificate(certificate, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
  return id;
}

/** Whether a request's CertID names this issuer (by the hashes of its name and key). */
async function issuedBy(certId: pkijs.CertID, issuer: pkijs.Certificate): Promise<boolean> {
  const algorithm =
    certId.hashAlgorithm.algorithmId === '1.3.14.3.2.26'
      ? 'SHA-1'
      : certId.hashAlgorithm.algorithmId === '2.16.840.1.101.3.4.2.1'
        ? 'SHA-256'
        : null;
  if (!algorithm) return false;
  const nameHash = new Uint8Array(await webcrypto.subtle.digest(algorithm, issuer.subject.toSchema().toBER(false)));
  const keyHash = new Uint8Array(
    await webcrypto.subtle.digest(
      algorithm,
      issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice().buffer,
    ),
  );
  return (
    sameBytes(nameHash, new Uint8Array(certId.issuerNameHash.valueBlock.valueHexView)) &&
    sameBytes(keyHash, new Uint8Array(certId.issuerKeyHash.valueBlock.valueHexView))
  );
}

function ocspUrlOf(certificate: x509.X509Certificate): string | undefined {
  const aia = certificate.extensions.find((e) => e.type === '1.3.6.1.5.5.7.1.1') as
    | x509.AuthorityInfoAccessExtension
    | undefined;
  const ocsp = aia?.ocsp?.[0];
  return ocsp?.type === 'url' ? ocsp.value : undefined;
}

function ocspStatusOnly(status: number): Uint8Array {
  return new Uint8Array(
    new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false),
  );
}

function bytesToHex(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++; // DER may pad a leading zero
  return [...bytes.slice(start)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function sameBytes(a: Uint8Array, b: Uint8Array | ArrayBuffer): boolean {
  const other = b instanceof Uint8Array ? b : new Uint8Array(b);
  return a.byteLength === other.byteLength && a.every((v, i) => v === other[i]);
}
