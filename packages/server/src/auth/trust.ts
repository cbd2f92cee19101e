import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CachedRevocation,
  CrlRevocation,
  OcspRevocation,
  type RevocationSource,
  X509Certificate,
  X509Crl,
} from '@ruqsat/pki';
import type { ServerConfig } from '../config.js';
import { httpOcspTransport } from './ocsp-http.js';
import type { TrustSettings } from './sign-in.js';

type TrustConfig = Pick<
  ServerConfig,
  'TRUST_ANCHORS' | 'CRL_FILES' | 'OCSP' | 'OCSP_URL' | 'OCSP_TIMEOUT_MS' | 'OCSP_CACHE_SECONDS'
>;

/**
 * The trust list from configuration: CA certificates and CRL files, each a path list, and OCSP
 * asked first. Nothing configured means nothing trusted — every signature is then refused as
 * CERTIFICATE_UNTRUSTED.
 */
export async function loadTrust(config: TrustConfig): Promise<TrustSettings> {
  const files = (list: string | undefined) => (list ?? '').split(path.delimiter).filter((f) => f.trim() !== '');
  const crls = await Promise.all(files(config.CRL_FILES).map(async (f) => new X509Crl(await readFile(f))));
  const revocation: RevocationSource[] = [];
  if (config.OCSP === 'on') {
    const transport = httpOcspTransport({ timeoutMs: config.OCSP_TIMEOUT_MS });
    const ocsp = new OcspRevocation(transport, config.OCSP_URL === undefined ? {} : { url: config.OCSP_URL });
    const ttlMs = config.OCSP_CACHE_SECONDS * 1000;
    revocation.push(ttlMs > 0 ? new CachedRevocation(ocsp, { ttlMs }) : ocsp);
  }
  revocation.push(new CrlRevocation(crls));
  return {
    trustAnchors: await Promise.all(
      files(config.TRUST_ANCHORS).map(async (f) => new X509Certificate(await readFile(f))),
    ),
    revocation,
  };
}
