import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrlRevocation, X509Certificate, X509Crl } from '@ruqsat/pki';
import type { TrustSettings } from './sign-in.js';

/**
 * The trust list from configuration: CA certificates and CRL files, each a path list. Nothing
 * configured means nothing trusted — every signature is then refused as CERTIFICATE_UNTRUSTED.
 */
export async function loadTrust(anchors: string | undefined, crls: string | undefined): Promise<TrustSettings> {
  const files = (list: string | undefined) => (list ?? '').split(path.delimiter).filter((f) => f.trim() !== '');
  return {
    trustAnchors: await Promise.all(files(anchors).map(async (f) => new X509Certificate(await readFile(f)))),
    revocation: [new CrlRevocation(await Promise.all(files(crls).map(async (f) => new X509Crl(await readFile(f)))))],
  };
}
