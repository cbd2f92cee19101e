import './reflect.js';
import type * as x509 from '@peculiar/x509';
import { type Signer, type SignOptions, signDetached } from './cms-sign.js';

/**
 * Whoever signs decisions, licences and refusal letters on the server. The software signer below
 * holds a WebCrypto key; a PKCS#11 hardware module can implement the same interface without any
 * caller noticing.
 */
export interface DocumentSigner {
  readonly certificate: x509.X509Certificate;
  readonly chain: readonly x509.X509Certificate[];
  /** Detached CMS (CAdES-BES) over `content`; PAdES leaves the signing-time attribute out. */
  sign(content: Uint8Array, signingTime: Date, options?: SignOptions): Promise<Uint8Array>;
}

export function softwareSigner(material: Signer): DocumentSigner {
  return {
    certificate: material.certificate,
    chain: material.chain ?? [],
    sign: (content, signingTime, options) => signDetached(content, material, signingTime, options),
  };
}
