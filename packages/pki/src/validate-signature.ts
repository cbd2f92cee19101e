import './reflect.js';
import * as x509 from '@peculiar/x509';
import type { ErrorCode } from '@ruqsat/core';
import { issuerAndSerialOf, readAlgorithm, readSignedData, type SignerInfoRead } from './cms-read.js';
import { bufferOf, webcrypto } from './crypto.js';
import { childrenOf, contentsOf, Tag, tagOf } from './der.js';
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

  // 1. Format: a ContentInfo holding SignedData with exactly one signer, and certificates that read.
  const parsed = readSignedData(signature);
  const parsedCertificates = typeof parsed === 'string' ? parsed : certificatesOf(parsed.certificates);
  if (typeof parsed === 'string' || typeof parsedCertificates === 'string') {
    record(
      { id: 'format', outcome: 'failed', detail: typeof parsed === 'string' ? parsed : (parsedCertificates as string) },
      fail('TOTAL_FAILED', 'FORMAT_FAILURE', 'SIGNATURE_MALFORMED'),
    );
    return report(null, null);
  }
  record({ id: 'format', outcome: 'passed' });
  const { certificates, signer: signerInfo } = parsed;
  const signingTime = signerInfo.signingTime;

  // 2. The content digest in the signed attributes against the content brought (SHA-256 throughout).
  const digest = new Uint8Array(await webcrypto.subtle.digest('SHA-256', bufferOf(content)));
  const claimed = signerInfo.attributes.get(Oid.messageDigest);
  const digestMatches =
    signerInfo.digestAlgorithm === Oid.sha256 &&
    claimed !== undefined &&
    tagOf(claimed) === Tag.octetString &&
    equalBytes(contentsOf(claimed, Tag.octetString), digest);
  record(
    {
      id: 'content_digest',
      outcome: digestMatches ? 'passed' : 'failed',
      detail: digestMatches
        ? undefined
        : signerInfo.digestAlgorithm === Oid.sha256
          ? 'the content is not what was signed'
          : `the digest algorithm ${signerInfo.digestAlgorithm} is not SHA-256`,
    },
    fail('TOTAL_FAILED', 'HASH_FAILURE', 'SIGNATURE_CONTENT_MISMATCH'),
  );

  // 3. The signing certificate: named by the signer id, and by signing-certificate-v2 when present.
  const signerIndex = certificates.findIndex((c) => matchesSignerId(c, signerInfo));
  if (signerIndex === -1) {
    record(
      { id: 'signing_certificate', outcome: 'failed', detail: 'the signer certificate is not in the signature' },
      fail('INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'CERTIFICATE_UNTRUSTED'),
    );
    return report(null, signingTime);
  }
  const certificate = parsedCertificates[signerIndex] as x509.X509Certificate;
  const signer = summarise(certificate);
  const essOk = await signingCertificateMatches(signerInfo, certificate);
  record(
    {
      id: 'signing_certificate',
      outcome: essOk ? 'passed' : 'failed',
      detail: essOk ? undefined : 'signing-certificate-v2 names another certificate',
    },
    fail('TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'SIGNATURE_INVALID'),
  );

  // 4. The signature value over the signed attributes, with the certificate's key.
  const valueOk = digestMatches && (await signatureValueVerifies(signerInfo, certificate));
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
  readEveryPart(certificate);
  if (isCa(certificate)) {
    if (CA_CERTIFICATES.size >= CA_CERTIFICATES_KEPT) CA_CERTIFICATES.clear();
    CA_CERTIFICATES.set(key, certificate);
  }
  return certificate;
}

/**
 * @peculiar/x509 decodes a certificate's key, extensions and names when they are first asked for;
 * they are asked for here, so that a malformed one is a format failure rather than an exception
 * half-way through the checks.
 */
function readEveryPart(certificate: x509.X509Certificate): void {
  for (const part of [
    certificate.publicKey.algorithm,
    certificate.signatureAlgorithm,
    certificate.extensions,
    certificate.subjectName,
    certificate.issuerName,
  ]) {
    if (part === undefined) throw new Error('a part of the certificate is missing');
  }
}

/** Every certificate a signature carries, each from the bytes it came in; or why one cannot be read. */
function certificatesOf(encoded: readonly Uint8Array[]): x509.X509Certificate[] | string {
  try {
    return encoded.map(certificateOf);
  } catch (error) {
    return `a certificate in the signature cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Links between CA certificates already verified: the CA certificate to the CAs whose keys signed
 * it. A signature's check is deterministic, and both ends are the same objects each time (from
 * CA_CERTIFICATES, or the trust anchors of the policy); a weak map forgets them with the objects.
 */
const VERIFIED_CA_LINKS = new WeakMap<x509.X509Certificate, WeakSet<x509.X509Certificate>>();

async function signedBy(child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (VERIFIED_CA_LINKS.get(child)?.has(issuer)) return true;
  const verified = await issuerKey(issuer, child)
    .then((publicKey) => child.verify({ publicKey, signatureOnly: true }))
    .catch(() => false);
  if (!verified) return false;
  if (isCa(child)) {
    const issuers = VERIFIED_CA_LINKS.get(child) ?? new WeakSet<x509.X509Certificate>();
    issuers.add(issuer);
    VERIFIED_CA_LINKS.set(child, issuers);
  }
  return true;
}

/**
 * An issuer's public key, imported for the algorithm its child is signed with, once per issuer
 * object: every signature's chain asks the same NCA intermediate, and importing its key was a
 * tenth of a submission. A person's certificate is never an issuer; the objects are the cached CA
 * certificates and the policy's anchors, and a weak map forgets them with the objects.
 */
const ISSUER_KEYS = new WeakMap<x509.X509Certificate, Map<string, Promise<CryptoKey>>>();

async function issuerKey(issuer: x509.X509Certificate, child: x509.X509Certificate): Promise<CryptoKey> {
  const algorithm = { ...issuer.publicKey.algorithm, ...child.signatureAlgorithm };
  const id = JSON.stringify(algorithm);
  let keys = ISSUER_KEYS.get(issuer);
  if (!keys) {
    keys = new Map<string, Promise<CryptoKey>>();
    ISSUER_KEYS.set(issuer, keys);
  }
  let key = keys.get(id);
  if (!key) {
    key = issuer.publicKey.export(algorithm, ['verify'], webcrypto);
    keys.set(id, key);
  }
  return key;
}

/** Whether the signer id names this certificate: its issuer and serial number, byte for byte. */
function matchesSignerId(certificate: Uint8Array, signerInfo: SignerInfoRead): boolean {
  const sid = signerInfo.issuerAndSerialNumber;
  try {
    const { issuer, serialNumber } = issuerAndSerialOf(certificate);
    return equalBytes(issuer, sid.issuer) && equalBytes(serialNumber, sid.serialNumber);
  } catch {
    return false;
  }
}

/** When signing-certificate-v2 is present, its first hash must be the SHA-256 of the signer's certificate. */
async function signingCertificateMatches(
  signerInfo: SignerInfoRead,
  certificate: x509.X509Certificate,
): Promise<boolean> {
  const value = signerInfo.attributes.get(Oid.signingCertificateV2);
  if (value === undefined) return true;
  try {
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }
    const [certs] = childrenOf(value, Tag.sequence);
    const [first] = certs ? childrenOf(certs, Tag.sequence) : [];
    const items = first ? childrenOf(first, Tag.sequence) : [];
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT SHA-256, certHash OCTET STRING, issuerSerial OPTIONAL }
    const hashAlgorithm = items[0] && tagOf(items[0]) === Tag.sequence ? readAlgorithm(items[0]) : Oid.sha256;
    const hash = items.find((i) => tagOf(i) === Tag.octetString);
    if (!hash || hashAlgorithm !== Oid.sha256) return false;
    const expected = new Uint8Array(await webcrypto.subtle.digest('SHA-256', certificate.rawData));
    return equalBytes(contentsOf(hash, Tag.octetString), expected);
  } catch {
    return false;
  }
}

/**
 * The signature value over the signed attributes, with the certificate's public key: RSASSA-PKCS1-v1_5
 * (named rsaEncryption or sha256WithRSAEncryption) or ECDSA (ecdsa-with-SHA256), SHA-256 throughout.
 * Any other algorithm does not verify.
 */
async function signatureValueVerifies(signerInfo: SignerInfoRead, certificate: x509.X509Certificate): Promise<boolean> {
  const key = certificate.publicKey.algorithm as Algorithm & { namedCurve?: string };
  const rsa = key.name === 'RSASSA-PKCS1-v1_5' && RSA_SIGNATURES.has(signerInfo.signatureAlgorithm);
  const curveSize = key.name === 'ECDSA' ? CURVE_SIZES[key.namedCurve ?? ''] : undefined;
  const ecdsa = curveSize !== undefined && signerInfo.signatureAlgorithm === Oid.ecdsaWithSha256;
  if ((!rsa && !ecdsa) || signerInfo.digestAlgorithm !== Oid.sha256) return false;
  try {
    const algorithm = rsa
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: key.namedCurve, hash: 'SHA-256' };
    const publicKey = await webcrypto.subtle.importKey('spki', certificate.publicKey.rawData, algorithm, false, [
      'verify',
    ]);
    const value = rsa ? signerInfo.signature : rawEcdsaSignature(signerInfo.signature, curveSize as number);
    return (
      value !== null &&
      (await webcrypto.subtle.verify(algorithm, publicKey, bufferOf(value), bufferOf(signerInfo.signedAttributes)))
    );
  } catch {
    return false;
  }
}

const RSA_SIGNATURES = new Set<string>([Oid.rsaEncryption, Oid.sha256WithRsaEncryption]);
const CURVE_SIZES: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** ECDSA's DER Ecdsa-Sig-Value { r, s } as WebCrypto verifies it: r ‖ s, each as long as the curve's order. */
function rawEcdsaSignature(der: Uint8Array, size: number): Uint8Array | null {
  const [r, s, ...rest] = childrenOf(der, Tag.sequence);
  if (!r || !s || rest.length > 0) return null;
  const raw = new Uint8Array(2 * size);
  for (const [i, integer] of [r, s].entries()) {
    // Positive and minimal, as DER writes them: one leading zero only before a high bit.
    const contents = contentsOf(integer, Tag.integer);
    const padded = contents[0] === 0 && contents.length > 1;
    if ((contents[0] ?? 0x80) & 0x80 || (padded && ((contents[1] ?? 0) & 0x80) === 0)) return null;
    const magnitude = padded ? contents.subarray(1) : contents;
    if (magnitude.length > size) return null;
    raw.set(magnitude, (i + 1) * size - magnitude.length);
  }
  return raw;
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
