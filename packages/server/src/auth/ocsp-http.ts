import { bufferOf, type OcspTransport } from '@ruqsat/pki';

export interface OcspHttpOptions {
  /** How long one question may take before the responder counts as silent (and the CRL is asked). */
  readonly timeoutMs: number;
  /** A responder answering more than this is not answering OCSP. */
  readonly maxResponseBytes?: number;
}

/**
 * OCSP over HTTP (RFC 6960 appendix A): the DER request POSTed as application/ocsp-request. Any
 * failure — refused, slow, an HTTP error, a wrong content type, an oversized body — throws, which
 * the revocation check records as "no answer" and moves on to the CRL; never a silent pass.
 */
export function httpOcspTransport(options: OcspHttpOptions): OcspTransport {
  const limit = options.maxResponseBytes ?? 64 * 1024;
  return async (url, request) => {
    if (!/^https?:\/\//.test(url)) throw new Error(`OCSP responder ${url} is not an http(s) URL`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: bufferOf(request),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`OCSP responder ${url} answered HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/ocsp-response'))
      throw new Error(`OCSP responder ${url} answered ${type || 'no content type'}`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > limit) throw new Error(`OCSP responder ${url} answered ${body.length} bytes`);
    return body;
  };
}
