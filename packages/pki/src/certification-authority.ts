import './reflect.js';
import * as x509 from '@peculiar/x509';
import {
  generateKeyPair,
  importPrivateKeyFor,
  type KeyAlgorithmName,
  signingAlgorithmOf,
  webcrypto,
} from './crypto.js';
import { type Employer, extendedKeyUsageOf, type Person, subjectOf } from './kazakh-subject.js';

/** A certificate with its private key. */
export interface KeyMaterial {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: CryptoKey;
}

/** A key issued to a person: the key, its certificate and the chain up to the root. */
export interface IssuedKey extends KeyMaterial {
  readonly chain: readonly x509.X509Certificate[];
}

export interface IssueRequest {
  readonly person: Person;
  /** For an employee of a legal entity: the organisation (O, OU=BIN…) and the role OID. */
  readonly employer?: Employer;
  /** AUTH keys sign in (clientAuth); SIGN keys sign documents (emailProtection). */
  readonly purpose: 'auth' | 'sign';
  readonly keyAlgorithm?: KeyAlgorithmName;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface RevocationEntry {
  readonly serialNumber: string;
  readonly revokedAt: Date;
  readonly reason: x509.X509CrlReason;
}

/** Everything a CA needs to go on after a restart; its private keys inside, so kept like a key file. */
export interface CaSnapshot {
  readonly root: { readonly certificate: string; readonly privateKey: string };
  readonly intermediate: { readonly certificate: string; readonly privateKey: string };
  readonly urls: CaUrls;
  readonly issued: readonly string[];
  readonly revoked: readonly { readonly serialNumber: string; readonly revokedAt: string; readonly reason: number }[];
}

export interface CaUrls {
  /** Where the CRL is published (CRL distribution point). */
  readonly crl?: string;
  /** Where the OCSP responder answers (authority information access). */
  readonly ocsp?: string;
}

/**
 * A two-level certification authority in the layout of Kazakhstan's national one: a root that
 * signs an intermediate, which issues AUTH and SIGN keys to people, signs the CRL and answers
 * OCSP. It stands in for the national CA in the sandbox and in tests; nothing here is a real
 * trust anchor.
 */
export class CertificationAuthority {
  readonly #revoked = new Map<string, RevocationEntry>();
  readonly #issued = new Set<string>();

  private constructor(
    readonly root: KeyMaterial,
    readonly intermediate: KeyMaterial,
    readonly urls: CaUrls,
  ) {}

  static async create(options: {
    readonly name: string;
    readonly keyAlgorithm?: KeyAlgorithmName;
    readonly notBefore: Date;
    readonly notAfter: Date;
    readonly urls?: CaUrls;
  }): Promise<CertificationAuthority> {
    const algorithm = options.keyAlgorithm ?? 'rsa2048';
    const rootKeys = await generateKeyPair(algorithm);
    const rootName = `CN=${escapeDn(options.name)} ROOT, C=KZ`;
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: rootName,
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      keys: rootKeys,
      signingAlgorithm: signingAlgorithmOf(rootKeys.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    const intermediateKeys = await generateKeyPair(algorithm);
    const intermediate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${escapeDn(options.name)}, C=KZ`,
      issuer: root.subject,
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      publicKey: intermediateKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: signingAlgorithmOf(rootKeys.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(root),
      ],
    });
    return new CertificationAuthority(
      { certificate: root, privateKey: rootKeys.privateKey },
      { certificate: intermediate, privateKey: intermediateKeys.privateKey },
      options.urls ?? {},
    );
  }

  /** The CA as data (certificates in PEM, private keys as base64 PKCS#8), to be restored later. */
  async snapshot(): Promise<CaSnapshot> {
    const key = async (material: KeyMaterial) => ({
      certificate: material.certificate.toString('pem'),
      privateKey: base64(new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', material.privateKey))),
    });
    return {
      root: await key(this.root),
      intermediate: await key(this.intermediate),
      urls: this.urls,
      issued: [...this.#issued],
      revoked: [...this.#revoked.values()].map((e) => ({
        serialNumber: e.serialNumber,
        revokedAt: e.revokedAt.toISOString(),
        reason: e.reason,
      })),
    };
  }

  static async restore(snapshot: CaSnapshot): Promise<CertificationAuthority> {
    const material = async (saved: CaSnapshot['root']): Promise<KeyMaterial> => {
      const certificate = new x509.X509Certificate(saved.certificate);
      return { certificate, privateKey: await importPrivateKeyFor(certificate, unbase64(saved.privateKey), true) };
    };
    const ca = new CertificationAuthority(
      await material(snapshot.root),
      await material(snapshot.intermediate),
      snapshot.urls,
    );
    for (const serial of snapshot.issued) ca.#issued.add(serial);
    for (const e of snapshot.revoked) {
      ca.#revoked.set(e.serialNumber, {
        serialNumber: e.serialNumber,
        revokedAt: new Date(e.revokedAt),
        reason: e.reason,
      });
    }
    return ca;
  }

  /** Certificates a relying party needs besides its trust in the root. */
  get chain(): readonly x509.X509Certificate[] {
    return [this.intermediate.certificate, this.root.certificate];
  }

  /** Issues a key pair and its certificate in the Kazakh layout. */
  async issue(request: IssueRequest): Promise<IssuedKey> {
    const keys = await generateKeyPair(request.keyAlgorithm ?? 'rsa2048');
    const serialNumber = randomSerial();
    const usage =
      request.purpose === 'sign'
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
        : x509.KeyUsageFlags.digitalSignature |
          (keys.privateKey.algorithm.name === 'ECDSA'
            ? x509.KeyUsageFlags.keyAgreement
            : x509.KeyUsageFlags.keyEncipherment);
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      new x509.ExtendedKeyUsageExtension(extendedKeyUsageOf(request.purpose, request.employer), false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(this.intermediate.certificate),
    ];
    if (this.urls.crl) extensions.push(new x509.CRLDistributionPointsExtension([this.urls.crl]));
    if (this.urls.ocsp) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [this.urls.ocsp] }));
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject: subjectOf(request.person, request.employer),
      issuer: this.intermediate.certificate.subject,
      notBefore: request.notBefore,
      notAfter: request.notAfter,
      publicKey: keys.publicKey,
      signingKey: this.intermediate.privateKey,
      signingAlgorithm: signingAlgorithmOf(this.intermediate.privateKey),
      extensions,
    });
    this.#issued.add(certificate.serialNumber);
    return { certificate, privateKey: keys.privateKey, chain: this.chain };
  }

  revoke(serialNumber: string, revokedAt: Date, reason = x509.X509CrlReason.unspecified): void {
    const serial = serialNumber.toLowerCase();
    if (!this.#issued.has(serial)) throw new Error(`certificate ${serial} was not issued by this CA`);
    if (!this.#revoked.has(serial)) this.#revoked.set(serial, { serialNumber: serial, revokedAt, reason });
  }

  /** good, revoked (with when and why), or unknown (never issued here). */
  status(
    serialNumber: string,
  ): { status: 'good' } | { status: 'revoked'; entry: RevocationEntry } | { status: 'unknown' } {
    const serial = serialNumber.toLowerCase();
    const entry = this.#revoked.get(serial);
    if (entry) return { status: 'revoked', entry };
    return this.#issued.has(serial) ? { status: 'good' } : { status: 'unknown' };
  }

  /** The CRL as of `thisUpdate`, signed by the intermediate. */
  async crl(thisUpdate: Date, nextUpdate: Date): Promise<x509.X509Crl> {
    return x509.X509CrlGenerator.create({
      issuer: this.intermediate.certificate.subject,
      thisUpdate,
      nextUpdate,
      signingKey: this.intermediate.privateKey,
      signingAlgorithm: signingAlgorithmOf(this.intermediate.privateKey),
      entries: [...this.#revoked.values()]
        .filter((e) => e.revokedAt <= thisUpdate)
        .map((e) => ({ serialNumber: e.serialNumber, revocationDate: e.revokedAt, reason: e.reason })),
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(this.intermediate.certificate)],
    });
  }
}

/** 16 random bytes, the top bit cleared so the DER INTEGER stays positive. */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function unbase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
