import './reflect.js';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * The WebCrypto implementation every part of the package uses: the platform's (Node ≥ 20 and
 * browsers both have globalThis.crypto). Set once, on first import.
 */
export const webcrypto: Crypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);
pkijs.setEngine('ruqsat', new pkijs.CryptoEngine({ name: 'ruqsat', crypto: webcrypto }));

/** The key algorithms Ruqsat issues and accepts; GOST 34.310 would join here behind the same API. */
export const KeyAlgorithm = {
  rsa2048: {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  } as RsaHashedKeyGenParams,
  ecdsaP256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as EcKeyGenParams & { hash: string },
} as const;
export type KeyAlgorithmName = keyof typeof KeyAlgorithm;

export function generateKeyPair(algorithm: KeyAlgorithmName): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KeyAlgorithm[algorithm], true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** The signature algorithm that goes with a key (SHA-256 throughout). */
export function signingAlgorithmOf(key: CryptoKey): RsaHashedImportParams | EcdsaParams {
  return key.algorithm.name === 'ECDSA'
    ? { name: 'ECDSA', hash: 'SHA-256' }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

/** The bytes as an ArrayBuffer of their own, as WebCrypto and pkijs want them. */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Imports a PKCS#8 private key for signing with the algorithm its certificate names: RSA keys
 * sign RSASSA-PKCS1-v1_5 with SHA-256, EC keys ECDSA on the certificate's curve. Extractable only
 * when asked (a CA that must snapshot itself again).
 */
export async function importPrivateKeyFor(
  certificate: x509.X509Certificate,
  pkcs8: Uint8Array,
  extractable = false,
): Promise<CryptoKey> {
  const algorithm = certificate.publicKey.algorithm as Algorithm & { namedCurve?: string };
  const params =
    algorithm.name === 'ECDSA' || algorithm.name === 'ECDH'
      ? { name: 'ECDSA', namedCurve: algorithm.namedCurve ?? 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', bufferOf(pkcs8), params, extractable, ['sign']);
}
