import './reflect.js';
import * as x509 from '@peculiar/x509';
import { RuqsatError } from '@ruqsat/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { IssuedKey } from './certification-authority.js';
import { bufferOf, importPrivateKeyFor, signingAlgorithmOf, webcrypto } from './crypto.js';
import { Oid } from './oids.js';

/**
 * Password-protected key files (PKCS#12, RFC 7292), the form in which NCA hands out keys and in
 * which applicants carry them. Written the way OpenSSL 3 writes them by default, so either side can
 * open the other's: the key in a PKCS#8 shrouded bag and the certificates in an encrypted safe, both
 * under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), and the whole file under an HMAC-SHA256 MAC.
 *
 * Everything here is WebCrypto, so the same code opens a key file in the browser: the password and
 * the key never leave the machine.
 */

/** What a key file holds: the key, its certificate, and the other certificates it carries. */
export type KeyFile = IssuedKey;

export interface Pkcs12Options {
  readonly password: string;
  /**
   * PBKDF2 iterations for the key and certificates, and PKCS#12-KDF iterations for the MAC. The MAC
   * gets the same count on purpose: a MAC with a cheap count would let anyone who holds a stolen
   * file test passwords cheaply, whatever the encryption's count.
   */
  readonly iterations?: number;
  /** The name a key store shows for the key (friendlyName). */
  readonly friendlyName?: string;
}

/** Enough to make guessing a password slow, cheap enough to open a file on a phone in a second. */
export const DEFAULT_PKCS12_ITERATIONS = 100_000;

const BagType = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;
const X509_CERT_IN_BAG = '1.2.840.113549.1.9.22.1';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const PBES2 = '1.2.840.113549.1.5.13';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

const engine = () => pkijs.getCrypto(true);
const utf8 = (text: string) => bufferOf(new TextEncoder().encode(text));

/** Writes a key file. The private key must be extractable (it is, straight from the CA). */
export async function toPkcs12(key: KeyFile, options: Pkcs12Options): Promise<Uint8Array> {
  const iterations = options.iterations ?? DEFAULT_PKCS12_ITERATIONS;
  const password = utf8(options.password);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key.privateKey);
  // Ties the key to its certificate for other tools' benefit; we match them by public key instead.
  const localKeyId = await webcrypto.subtle.digest('SHA-256', key.certificate.rawData);
  const holderAttributes = [
    new pkijs.Attribute({ type: LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
    ...(options.friendlyName
      ? [new pkijs.Attribute({ type: FRIENDLY_NAME, values: [new asn1js.BmpString({ value: options.friendlyName })] })]
      : []),
  ];

  const shrouded = await encrypt(pkcs8, password, iterations);
  const keyBag = new pkijs.SafeBag({
    bagId: BagType.shroudedKey,
    bagValue: new pkijs.PKCS8ShroudedKeyBag({
      encryptionAlgorithm: shrouded.contentEncryptionAlgorithm,
      encryptedData: new asn1js.OctetString({ valueHex: shrouded.getEncryptedContent() }),
    }),
    bagAttributes: holderAttributes,
  });
  const certBags = [key.certificate, ...key.chain].map(
    (certificate, index) =>
      new pkijs.SafeBag({
        bagId: BagType.cert,
        bagValue: new pkijs.CertBag({
          certId: X509_CERT_IN_BAG,
          certValue: new asn1js.OctetString({ valueHex: certificate.rawData }),
        }),
        ...(index === 0 ? { bagAttributes: holderAttributes } : {}),
      }),
  );

  const certSafe = new pkijs.SafeContents({ safeBags: certBags }).toSchema().toBER();
  const keySafe = new pkijs.SafeContents({ safeBags: [keyBag] }).toSchema().toBER();
  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    safeContents: [
      new pkijs.ContentInfo({
        contentType: ENCRYPTED_DATA,
        content: new pkijs.EncryptedData({
          version: 0,
          encryptedContentInfo: await encrypt(certSafe, password, iterations),
        }).toSchema(),
      }),
      new pkijs.ContentInfo({ contentType: Oid.data, content: new asn1js.OctetString({ valueHex: keySafe }) }),
    ],
  })
    .toSchema()
    .toBER();

  const macSalt = webcrypto.getRandomValues(new Uint8Array(16));
  const mac = await engine().stampDataWithPassword({
    password,
    hashAlgorithm: 'SHA-256',
    salt: bufferOf(macSalt),
    iterationCount: iterations,
    contentToStamp: authenticatedSafe,
  });
  const pfx = new pkijs.PFX({
    version: 3,
    authSafe: new pkijs.ContentInfo({
      contentType: Oid.data,
      content: new asn1js.OctetString({ valueHex: authenticatedSafe }),
    }),
    macData: new pkijs.MacData({
      mac: new pkijs.DigestInfo({
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: Oid.sha256, algorithmParams: new asn1js.Null() }),
        digest: new asn1js.OctetString({ valueHex: mac }),
      }),
      macSalt: new asn1js.OctetString({ valueHex: bufferOf(macSalt) }),
      iterations,
    }),
  });
  return new Uint8Array(pfx.toSchema().toBER());
}

/**
 * Opens a key file with its password. Refuses, each with its own code, a file that is not PKCS#12,
 * a wrong password, a file encrypted the legacy way (3DES/RC2 PBE, which WebCrypto cannot do —
 * re-export it with `openssl pkcs12 -export` defaults) and a file without a key and its
 * certificate. The key comes back non-extractable unless asked: it can sign, not be copied out.
 */
export async function fromPkcs12(
  bytes: Uint8Array,
  password: string,
  options: { extractable?: boolean } = {},
): Promise<KeyFile> {
  const pfx = parsePfx(bytes);
  if (pfx.authSafe.contentType !== Oid.data || !(pfx.authSafe.content instanceof asn1js.OctetString)) {
    throw new RuqsatError('KEY_FILE_UNSUPPORTED', { reason: 'public-key integrity mode' });
  }
  const authenticatedSafeBytes = pfx.authSafe.content.getValue();
  const opening: Opening = { password: utf8(password), passwordProven: false };
  if (pfx.macData) {
    await verifyMac(pfx.macData, authenticatedSafeBytes, opening.password);
    opening.passwordProven = true;
  }

  const authenticatedSafe = structure(() => pkijs.AuthenticatedSafe.fromBER(authenticatedSafeBytes));
  const bags: pkijs.SafeBag[] = [];
  for (const content of authenticatedSafe.safeContents) {
    bags.push(...(await safeBagsOf(content, opening)).safeBags);
  }

  const certificates = bags.flatMap((bag) => (bag.bagId === BagType.cert ? [certificateOf(bag)] : []));
  for (const bag of bags) {
    const pkcs8 = await privateKeyOf(bag, opening);
    if (!pkcs8) continue;
    for (const certificate of certificates) {
      const privateKey = await provenKeyOf(certificate, pkcs8, options.extractable ?? false);
      if (privateKey) return { certificate, privateKey, chain: certificates.filter((other) => other !== certificate) };
    }
  }
  throw new RuqsatError('KEY_FILE_WITHOUT_KEY');
}

/** What opening one file needs: its password, and whether the MAC has already proved it right. */
interface Opening {
  readonly password: ArrayBuffer;
  passwordProven: boolean;
}

/**
 * Iteration counts come from the file; the PKCS#12 MAC derivation runs in JavaScript, so a file
 * asking for billions would freeze the page. Real files use thousands (OpenSSL 2048, ours 100,000).
 */
export const MAX_PKCS12_ITERATIONS = 1_000_000;
const PBKDF2 = '1.2.840.113549.1.5.12';

async function encrypt(content: ArrayBuffer, password: ArrayBuffer, iterationCount: number) {
  return engine().encryptEncryptedContentInfo({
    password,
    // pkijs draws the IV itself; the type asks for one anyway.
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as AesKeyGenParams as pkijs.ContentEncryptionAlgorithm,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount,
    contentToEncrypt: content,
    contentType: Oid.data,
  });
}

/**
 * PBES2 with PBKDF2 only; the PKCS#12 v1 schemes (3DES, RC2) and other key derivations (scrypt)
 * are refused as unsupported, not as a wrong password.
 */
async function decrypt(info: pkijs.EncryptedContentInfo, opening: Opening): Promise<ArrayBuffer> {
  const scheme = info.contentEncryptionAlgorithm.algorithmId;
  if (scheme !== PBES2) throw new RuqsatError('KEY_FILE_UNSUPPORTED', { encryption: scheme });
  const parameters = structure(
    () => new pkijs.PBES2Params({ schema: info.contentEncryptionAlgorithm.algorithmParams }),
  );
  const kdf = parameters.keyDerivationFunc.algorithmId;
  if (kdf !== PBKDF2) throw new RuqsatError('KEY_FILE_UNSUPPORTED', { keyDerivation: kdf });
  const { iterationCount } = structure(
    () => new pkijs.PBKDF2Params({ schema: parameters.keyDerivationFunc.algorithmParams }),
  );
  if (iterationCount > MAX_PKCS12_ITERATIONS) throw new RuqsatError('KEY_FILE_UNSUPPORTED', { iterationCount });
  try {
    return await engine().decryptEncryptedContentInfo({ encryptedContentInfo: info, password: opening.password });
  } catch (error) {
    // A cipher pkijs does not know (e.g. DES-EDE3 under PBES2) fails before any decryption.
    if (error instanceof Error && /Unsupported|Unknown|not supported/i.test(error.message)) {
      throw new RuqsatError('KEY_FILE_UNSUPPORTED', { encryption: scheme }, { cause: error });
    }
    throw garbled(opening, error);
  }
}

async function verifyMac(macData: pkijs.MacData, content: ArrayBuffer, password: ArrayBuffer): Promise<void> {
  const hash = engine().getAlgorithmByOID(macData.mac.digestAlgorithm.algorithmId);
  if (!('name' in hash) || !/^SHA-(1|256|384|512)$/.test(hash.name)) {
    throw new RuqsatError('KEY_FILE_UNSUPPORTED', { mac: macData.mac.digestAlgorithm.algorithmId });
  }
  const iterationCount = macData.iterations ?? 1;
  if (iterationCount > MAX_PKCS12_ITERATIONS) throw new RuqsatError('KEY_FILE_UNSUPPORTED', { iterationCount });
  const valid = await engine().verifyDataStampedWithPassword({
    password,
    hashAlgorithm: hash.name,
    salt: bufferOf(macData.macSalt.valueBlock.valueHexView),
    iterationCount,
    contentToVerify: content,
    signatureToVerify: bufferOf(macData.mac.digest.valueBlock.valueHexView),
  });
  // A MAC that does not verify means a wrong password or a damaged file; the user can fix the first.
  if (!valid) throw new RuqsatError('KEY_FILE_WRONG_PASSWORD');
}

async function safeBagsOf(content: pkijs.ContentInfo, opening: Opening): Promise<pkijs.SafeContents> {
  if (content.contentType === Oid.data && content.content instanceof asn1js.OctetString) {
    const bytes = content.content.getValue();
    return structure(() => pkijs.SafeContents.fromBER(bytes));
  }
  if (content.contentType === ENCRYPTED_DATA) {
    const encrypted = structure(() => new pkijs.EncryptedData({ schema: content.content }));
    const plain = await decrypt(encrypted.encryptedContentInfo, opening);
    // Without a MAC, a wrong password can still decrypt to garbage with valid-looking padding.
    return unlessGarbled(opening, () => pkijs.SafeContents.fromBER(plain));
  }
  throw new RuqsatError('KEY_FILE_UNSUPPORTED', { contentType: content.contentType });
}

async function privateKeyOf(bag: pkijs.SafeBag, opening: Opening): Promise<Uint8Array | null> {
  if (bag.bagId === BagType.key && bag.bagValue instanceof pkijs.PrivateKeyInfo) {
    return new Uint8Array(bag.bagValue.toSchema().toBER());
  }
  if (bag.bagId === BagType.shroudedKey && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
    const shrouded = bag.bagValue;
    const plain = await decrypt(
      new pkijs.EncryptedContentInfo({
        contentType: Oid.data,
        contentEncryptionAlgorithm: shrouded.encryptionAlgorithm,
        encryptedContent: shrouded.encryptedData,
      }),
      opening,
    );
    unlessGarbled(opening, () => pkijs.PrivateKeyInfo.fromBER(plain));
    return new Uint8Array(plain);
  }
  return null;
}

/**
 * The key imported for `certificate` if it really is the certificate's other half — proved by
 * signing a random challenge and verifying it with the certificate's public key, not by comparing
 * the public values a PKCS#8 file may carry (they can disagree with its private part).
 */
async function provenKeyOf(certificate: x509.X509Certificate, pkcs8: Uint8Array, extractable: boolean) {
  let privateKey: CryptoKey;
  try {
    privateKey = await importPrivateKeyFor(certificate, pkcs8, extractable);
  } catch {
    return null; // another algorithm or curve: not this certificate's key
  }
  const algorithm = signingAlgorithmOf(privateKey);
  const challenge = webcrypto.getRandomValues(new Uint8Array(32));
  const signature = await webcrypto.subtle.sign(algorithm, privateKey, challenge);
  const publicKey = await certificate.publicKey.export(
    privateKey.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', namedCurve: (privateKey.algorithm as EcKeyAlgorithm).namedCurve }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ['verify'],
    webcrypto,
  );
  return (await webcrypto.subtle.verify(algorithm, publicKey, signature, challenge)) ? privateKey : null;
}

function certificateOf(bag: pkijs.SafeBag): x509.X509Certificate {
  const value = bag.bagValue;
  if (
    !(value instanceof pkijs.CertBag) ||
    value.certId !== X509_CERT_IN_BAG ||
    !(value.certValue instanceof asn1js.OctetString)
  ) {
    throw new RuqsatError('KEY_FILE_UNSUPPORTED', {
      certificate: value instanceof pkijs.CertBag ? value.certId : 'unknown',
    });
  }
  const der = value.certValue.valueBlock.valueHexView;
  return structure(() => new x509.X509Certificate(bufferOf(der)));
}

function parsePfx(bytes: Uint8Array): pkijs.PFX {
  try {
    return pkijs.PFX.fromBER(bufferOf(bytes));
  } catch (error) {
    throw new RuqsatError('KEY_FILE_NOT_PKCS12', undefined, { cause: error });
  }
}

/** A file that passed the MAC but whose inner structure is broken is still not a key file we can read. */
function structure<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new RuqsatError('KEY_FILE_NOT_PKCS12', undefined, { cause: error });
  }
}

/**
 * Decryption that fails or yields garbage: a wrong password — unless the MAC has already proved
 * the password right, and then the file is damaged.
 */
function garbled(opening: Opening, cause: unknown): RuqsatError {
  return new RuqsatError(opening.passwordProven ? 'KEY_FILE_NOT_PKCS12' : 'KEY_FILE_WRONG_PASSWORD', undefined, {
    cause,
  });
}

function unlessGarbled<T>(opening: Opening, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw garbled(opening, error);
  }
}
