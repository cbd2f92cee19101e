import './reflect.js';
import * as x509 from '@peculiar/x509';
import type { ErrorCode } from '@ruqsat/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferOf, webcrypto } from './crypto.js';
import { type Holder, holderOf } from './kazakh-subject.js';
import { Oid } from './oids.js';
import { type RevocationAnswer, type RevocationSource, revocationStatus } from './revocation.js';

/** The version of the rules below; a report names it, so a verdict can be reproduced later. */
export const VALIDATION_POLICY = 'ruqsat-cades-bes/1';

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** Sub-indications in the words of ETSI EN 319 102-1. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'NOT_YET_VALID'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'REVOKED'
  | 'REVOKED_NO_POE'
  | 'TRY_LATER';

export type CheckId =
  | 'format'
  | 'content_digest'
  | 'signing_certificate'
  | 'signature_value'
  | 'chain'
  | 'validity_at_signing_time'
  | 'revocation'
  | 'key_purpose'
  | 'signer_identity';

export interface Check {
  readonly id: CheckId;
  readonly outcome: 'passed' | 'failed' | 'indeterminate' | 'skipped';
  readonly detail?: string;
}

export interface SignerSummary extends Holder {
  readonly serialNumber: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface ValidationReport {
  readonly indication: Indication;
  readonly subIndication: SubIndication | null;
  /** The error a user is told when the signature is refused; null on TOTAL_PASSED. */
  readonly errorCode: ErrorCode | null;
  readonly policy: string;
  readonly validatedAt: string;
  /** The signing time the signer claims (a BES signature carries no proof of it). */
  readonly signingTime: string | null;
  readonly signer: SignerSummary | null;
  readonly checks: readonly Check[];
}

export interface ValidationPolicy {
  /** The certification authorities whose root or intermediate certificates are trusted. */
  readonly trustAnchors: readonly x509.X509Certificate[];
  /** Further certificates to build chains with, besides those in the signature. */
  readonly intermediates?: readonly x509.X509Certificate[];
  /** Asked in order; OCSP before CRL. None answering is INDETERMINATE, never a pass. */
  readonly revocation: readonly RevocationSource[];
  /** A SIGN key (emailProtection) signs; an AUTH key (clientAuth) signs in. */
  readonly purpose: 'sign' | 'auth';
  /** Whose signature it must be. */
  readonly expect?: { readonly iin?: string; readonly bin?: string };
  /** When the validation happens (also the revocation instant). */
  readonly at: Date;
  /** How far a claimed signing time may lie ahead of `at` (clocks differ). */
  readonly clockSkewMs?: number;
}

interface Failure {
  readonly indication: Exclude<Indication, 'TOTAL_PASSED'>;
  readonly subIndication: SubIndication;
  readonly errorCode: ErrorCode;
}

const DEFAULT_SKEW_MS = 5 * 60_000;

/**
 * Validates a detached CMS signature over `content`: its format, the content digest, the signing
 * certificate, the signature value, the chain to a trust anchor, the certificate's validity at
 * the claimed signing time, revocation, the key's purpose and the signer's IIN/BIN. Every check is
 * reported; the first failure in that order decides the indication.
 */
export async function validateSignature(
  content: Uint8Array,
  signature: Uint8Array,
  policy: ValidationPolicy,
): Promise<ValidationReport> {
  const checks: Check[] = [];
  let failure: Failure | null = null;
  const record = (check: Check, onFailure?: Failure) => {
    checks.push(check);
    if (check.outcome !== 'passed' && check.outcome !== 'skipped' && onFailure && failure === null) failure = onFailure;
  };
  const report = (signer: SignerSummary | null, signingTime: Date | null): ValidationReport => {
    const decided = failure as Failure | null;
    return {
      indication: decided?.indication ?? 'TOTAL_PASSED',
      subIndication: decided?.subIndication ?? null,
      errorCode: decided?.errorCode ?? null,
      policy: VALIDATION_POLICY,
      validatedAt: policy.at.toISOString(),
      signingTime: signingTime?.toISOString() ?? null,
      signer,
      checks,
    };
  };

  // 1. Format: a DER ContentInfo holding SignedData with exactly one signer.
  const parsed = parseSignedData(signature);
  if (typeof parsed === 'string') {
    record(
      { id: 'format', outcome: 'failed', detail: parsed },
      fail('TOTAL_FAILED', 'FORMAT_FAILURE', 'SIGNATURE_MALFORMED'),
    );
    return report(null, null);
  }
  record({ id: 'format', outcome: 'passed' });
  const { signedData, signerInfo, certificates } = parsed;
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const signingTime = readSigningTime(attributes);

  // 2. The content digest in the signed attributes against the content brought.
  const digest = new Uint8Array(await webcrypto.subtle.digest('SHA-256', bufferOf(content)));
  const claimed = attributeValue(attributes, Oid.messageDigest);
  const digestMatches =
    claimed instanceof asn1js.OctetString && equalBytes(new Uint8Array(claimed.valueBlock.valueHexView), digest);
  record(
    {
      id: 'content_digest',
      outcome: digestMatches ? 'passed' : 'failed',
      detail: digestMatches ? undefined : 'the content is not what was signed',
    },
    fail('TOTAL_FAILED', 'HASH_FAILURE', 'SIGNATURE_CONTENT_MISMATCH'),
  );

  // 3. The signing certificate: named by the signer id, and by signing-certificate-v2 when present.
  const embedded = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signerIndex = embedded.findIndex((c) => matchesSignerId(c, signerInfo));
  if (signerIndex === -1) {
    record(
      { id: 'signing_certificate', outcome: 'failed', detail: 'the signer certificate is not in the signature' },
      fail('INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'CERTIFICATE_UNTRUSTED'),
    );
    return report(null, signingTime);
  }
  // Each certificate parsed once, from the bytes it came in (a re-encoding is not what was hashed
  // into signing-certificate-v2 if the sender's DER differs); a CA's from the cache.
  const parsedCertificates =
    certificates.length === embedded.length
      ? certificates.map(certificateOf)
      : embedded.map((c) => certificateOf(new Uint8Array(c.toSchema().toBER(false))));
  const certificate = parsedCertificates[signerIndex] as x509.X509Certificate;
  const signer = summarise(certificate);
  const essOk = await signingCertificateMatches(attributes, certificate);
  record(
    {
      id: 'signing_certificate',
      outcome: essOk ? 'passed' : 'failed',
      detail: essOk ? undefined : 'signing-certificate-v2 names another certificate',
    },
    fail('TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'SIGNATURE_INVALID'),
  );

  // 4. The signature value over the signed attributes, with the certificate's key.
  const valueOk = digestMatches && (await signatureValueVerifies(signedData, content));
  record(
    {
      id: 'signature_value',
      outcome: digestMatches ? (valueOk ? 'passed' : 'failed') : 'skipped',
      detail: digestMatches && !valueOk ? 'the signature value does not verify' : undefined,
    },
    fail('TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'SIGNATURE_INVALID'),
  );

  // 5. The chain from the certificate to a trust anchor; each link's signature verified.
  const pool = [...parsedCertificates, ...(policy.intermediates ?? [])];
  const chain = await buildChain(certificate, pool, policy.trustAnchors);
  record(
    {
      id: 'chain',
      outcome: chain ? 'passed' : 'indeterminate',
      detail: chain ? chain.map((c) => c.subject).join(' ← ') : 'no path to a trusted CA',
    },
    fail('INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'CERTIFICATE_UNTRUSTED'),
  );

  // 6. Validity at the claimed signing time (and that time not in the future).
  const when = signingTime ?? policy.at;
  const skew = policy.clockSkewMs ?? DEFAULT_SKEW_MS;
  if (when.getTime() > policy.at.getTime() + skew) {
    record(
      {
        id: 'validity_at_signing_time',
        outcome: 'failed',
        detail: `signing time ${when.toISOString()} is in the future`,
      },
      fail('TOTAL_FAILED', 'NOT_YET_VALID', 'CERTIFICATE_NOT_YET_VALID'),
    );
  } else if (when < certificate.notBefore) {
    record(
      {
        id: 'validity_at_signing_time',
        outcome: 'failed',
        detail: `not valid before ${certificate.notBefore.toISOString()}`,
      },
      fail('TOTAL_FAILED', 'NOT_YET_VALID', 'CERTIFICATE_NOT_YET_VALID'),
    );
  } else if (when > certificate.notAfter) {
    record(
      { id: 'validity_at_signing_time', outcome: 'failed', detail: `expired ${certificate.notAfter.toISOString()}` },
      fail('INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', 'CERTIFICATE_EXPIRED'),
    );
  } else {
    record({ id: 'validity_at_signing_time', outcome: 'passed', detail: when.toISOString() });
  }

  // 7. Revocation, asked of the sources in order; silence is INDETERMINATE. Not asked for a
  // signature that has already failed: anyone can send a real certificate with a garbage signature,
  // and each such attempt must not cost a question to the CA's responder.
  const issuer = chain?.[1];
  if (!issuer) {
    record({ id: 'revocation', outcome: 'skipped', detail: 'no issuer to ask about' });
  } else if ((failure as Failure | null)?.indication === 'TOTAL_FAILED') {
    record({ id: 'revocation', outcome: 'skipped', detail: 'not asked: the signature has already failed' });
  } else {
    const answer = await revocationStatus(policy.revocation, certificate, issuer, policy.at);
    recordRevocation(answer, when, record);
  }

  // 8. Key purpose: a SIGN key signs, an AUTH key signs in.
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  const wanted = policy.purpose === 'sign' ? Oid.emailProtection : Oid.clientAuth;
  const keyUsage = certificate.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const purposeOk = eku.includes(wanted) && (keyUsage & x509.KeyUsageFlags.digitalSignature) !== 0;
  record(
    {
      id: 'key_purpose',
      outcome: purposeOk ? 'passed' : 'failed',
      detail: purposeOk
        ? policy.purpose
        : `a ${policy.purpose === 'sign' ? 'SIGN' : 'AUTH'} key is needed; this one is for ${eku.join(', ') || 'nothing stated'}`,
    },
    fail('TOTAL_FAILED', 'CHAIN_CONSTRAINTS_FAILURE', 'KEY_PURPOSE_MISMATCH'),
  );

  // 9. The signer is the person or company named in the request.
  const expect = policy.expect;
  if (expect && (expect.iin !== undefined || expect.bin !== undefined)) {
    const iinOk = expect.iin === undefined || expect.iin === signer.iin;
    const binOk = expect.bin === undefined || expect.bin === signer.bin;
    record(
      {
        id: 'signer_identity',
        outcome: iinOk && binOk ? 'passed' : 'failed',
        detail: `certificate IIN ${signer.iin ?? '—'}, BIN ${signer.bin ?? '—'}`,
      },
      fail('TOTAL_FAILED', 'SIG_CONSTRAINTS_FAILURE', 'SIGNER_MISMATCH'),
    );
  } else {
    record({ id: 'signer_identity', outcome: 'skipped', detail: 'no IIN or BIN expected' });
  }
  return report(signer, signingTime);
}

function recordRevocation(
  answer: RevocationAnswer,
  signingTime: Date,
  record: (check: Check, failure?: Failure) => void,
): void {
  if (answer.status === 'good') {
    record({ id: 'revocation', outcome: 'passed', detail: `good (${answer.source})` });
  } else if (answer.status === 'revoked') {
    // Revoked before the claimed signing time: failed. After it: the BES signature cannot prove
    // it was made before the revocation, so the verdict cannot be given (ETSI: REVOKED_NO_POE).
    const before = answer.revokedAt <= signingTime;
    record(
      {
        id: 'revocation',
        outcome: before ? 'failed' : 'indeterminate',
        detail: `revoked ${answer.revokedAt.toISOString()} (${answer.reason}, ${answer.source})`,
      },
      before
        ? fail('TOTAL_FAILED', 'REVOKED', 'CERTIFICATE_REVOKED')
        : fail('INDETERMINATE', 'REVOKED_NO_POE', 'CERTIFICATE_REVOKED'),
    );
  } else {
    record(
      { id: 'revocation', outcome: 'indeterminate', detail: answer.why },
      fail('INDETERMINATE', 'TRY_LATER', 'REVOCATION_UNKNOWN'),
    );
  }
}

function fail(indication: Failure['indication'], subIndication: SubIndication, errorCode: ErrorCode): Failure {
  return { indication, subIndication, errorCode };
}

interface ParsedSignedData {
  readonly signedData: pkijs.SignedData;
  readonly signerInfo: pkijs.SignerInfo;
  /** The DER of each X.509 certificate the signature carries, in their order, as received. */
  readonly certificates: readonly Uint8Array[];
}

function parseSignedData(bytes: Uint8Array): ParsedSignedData | string {
  try {
    const asn = asn1js.fromBER(bytes);
    if (asn.offset === -1 || asn.offset !== bytes.byteLength) return 'not a complete DER structure';
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== Oid.signedData) return `content type ${contentInfo.contentType} is not signed data`;
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length !== 1) return `${signedData.signerInfos.length} signers; exactly one is accepted`;
    const signerInfo = signedData.signerInfos[0] as pkijs.SignerInfo;
    if (!signerInfo.signedAttrs) return 'no signed attributes (CAdES needs them)';
    return { signedData, signerInfo, certificates: certificateBytes(contentInfo.content) };
  } catch (error) {
    return `not CMS: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The X.509 certificates of a SignedData as the bytes they were received in: the elements of its
 * `certificates [0] IMPLICIT CertificateSet` that are plain SEQUENCEs (the other choices are
 * tagged), in the order pkijs lists its Certificate objects.
 */
function certificateBytes(signedData: unknown): Uint8Array[] {
  if (!(signedData instanceof asn1js.Sequence)) return [];
  const set = signedData.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0);
  if (!(set instanceof asn1js.Constructed)) return [];
  return set.valueBlock.value
    .filter((b) => b.idBlock.tagClass === 1 && b.idBlock.tagNumber === 16)
    .map((b) => new Uint8Array(b.valueBeforeDecodeView));
}

/**
 * CA certificates parsed before, by their PEM. Every signature carries the same few
 * intermediates of the national CA; a person's own certificate is parsed each time (and never
 * kept: each applicant signs rarely, and a validation must not grow memory). Bounded all the same.
 */
const CA_CERTIFICATES = new Map<string, x509.X509Certificate>();
const CA_CERTIFICATES_KEPT = 256;

function certificateOf(der: Uint8Array): x509.X509Certificate {
  const key = x509.PemConverter.encode(bufferOf(der), 'CERTIFICATE');
  const known = CA_CERTIFICATES.get(key);
  if (known) return known;
  const certificate = new x509.X509Certificate(bufferOf(der));
  if (isCa(certificate)) {
    if (CA_CERTIFICATES.size >= CA_CERTIFICATES_KEPT) CA_CERTIFICATES.clear();
    CA_CERTIFICATES.set(key, certificate);
  }
  return certificate;
}

/**
 * Links between CA certificates already verified: the CA certificate to the CAs whose keys signed
 * it. A signature's check is deterministic, and both ends are the same objects each time (from
 * CA_CERTIFICATES, or the trust anchors of the policy); a weak map forgets them with the objects.
 */
const VERIFIED_CA_LINKS = new WeakMap<x509.X509Certificate, WeakSet<x509.X509Certificate>>();

async function signedBy(child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (VERIFIED_CA_LINKS.get(child)?.has(issuer)) return true;
  if (!(await child.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) return false;
  if (isCa(child)) {
    const issuers = VERIFIED_CA_LINKS.get(child) ?? new WeakSet<x509.X509Certificate>();
    issuers.add(issuer);
    VERIFIED_CA_LINKS.set(child, issuers);
  }
  return true;
}

function attributeValue(attributes: readonly pkijs.Attribute[], type: string): unknown {
  return attributes.find((a) => a.type === type)?.values[0];
}

function readSigningTime(attributes: readonly pkijs.Attribute[]): Date | null {
  const value = attributeValue(attributes, Oid.signingTime);
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return null;
}

function matchesSignerId(certificate: pkijs.Certificate, signerInfo: pkijs.SignerInfo): boolean {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber);
  }
  return false;
}

/** When signing-certificate-v2 is present, its first hash must be the SHA-256 of the signer's certificate. */
async function signingCertificateMatches(
  attributes: readonly pkijs.Attribute[],
  certificate: x509.X509Certificate,
): Promise<boolean> {
  const value = attributeValue(attributes, Oid.signingCertificateV2);
  if (value === undefined) return true;
  try {
    const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const items = first.valueBlock.value;
    // hashAlgorithm is optional (SHA-256 by default): the hash is the first OCTET STRING.
    const hashAlgorithm =
      items[0] instanceof asn1js.Sequence ? new pkijs.AlgorithmIdentifier({ schema: items[0] }) : null;
    const hash = items.find((i): i is asn1js.OctetString => i instanceof asn1js.OctetString);
    if (!hash || (hashAlgorithm && hashAlgorithm.algorithmId !== Oid.sha256)) return false;
    const expected = new Uint8Array(await webcrypto.subtle.digest('SHA-256', certificate.rawData));
    return equalBytes(new Uint8Array(hash.valueBlock.valueHexView), expected);
  } catch {
    return false;
  }
}

async function signatureValueVerifies(signedData: pkijs.SignedData, content: Uint8Array): Promise<boolean> {
  try {
    const result = await signedData.verify({
      signer: 0,
      data: bufferOf(content),
      checkChain: false,
      extendedMode: true,
    });
    return result.signatureVerified === true;
  } catch {
    return false;
  }
}

/**
 * From the certificate up to a trust anchor through the pool; each link must be signed by the
 * next certificate's key, and every certificate above the first must be a CA. Returns the path
 * (certificate first) or null.
 */
async function buildChain(
  certificate: x509.X509Certificate,
  pool: readonly x509.X509Certificate[],
  anchors: readonly x509.X509Certificate[],
): Promise<x509.X509Certificate[] | null> {
  const isAnchor = (c: x509.X509Certificate) =>
    anchors.some((a) => equalBytes(new Uint8Array(a.rawData), new Uint8Array(c.rawData)));
  const path: x509.X509Certificate[] = [certificate];
  for (let depth = 0; depth < 8; depth++) {
    const current = path[path.length - 1] as x509.X509Certificate;
    if (depth > 0 && isAnchor(current)) return path;
    const candidates = [...anchors, ...pool].filter(
      (c) => c.subjectName.toString() === current.issuerName.toString() && !path.includes(c) && isCa(c),
    );
    let next: x509.X509Certificate | undefined;
    for (const candidate of candidates) {
      if (await signedBy(current, candidate)) {
        next = candidate;
        break;
      }
    }
    if (!next) return null;
    path.push(next);
  }
  return null;
}

function isCa(certificate: x509.X509Certificate): boolean {
  return certificate.getExtension(x509.BasicConstraintsExtension)?.ca === true;
}

function summarise(certificate: x509.X509Certificate): SignerSummary {
  return {
    ...holderOf(certificate),
    serialNumber: certificate.serialNumber,
    issuer: certificate.issuer,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}
