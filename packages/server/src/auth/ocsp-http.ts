import { bufferOf, type OcspTransport } from '@ruqsat/pki';

export interface OcspHttpOptions {
  /** How long one question may take before the responder counts as silent (and the CRL is asked). */
  readonly timeoutMs: number;
  /** A responder answering more than this is not answering OCSP. */
  readonly maxResponseBytes?: number;
}

/**
 * OCSP over HTTP (RFC 6960 appendix A): the DER request POSTed as application/ocsp-request. Any
 * failure — refused, slow, redirected, an HTTP error, a wrong content type, an oversized body —
 * throws, which the revocation check records as "no answer" and moves on to the CRL; never a
 * silent pass. The body is read with a running count, so an oversized answer is cut off, not held.
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
    }).catch((error: unknown) => {
      // fetch says only "fetch failed"; the reason (refused, redirect, timeout) is in its cause.
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error;
      throw new Error(`OCSP responder ${url} did not answer: ${String(cause)}`);
    });
    const refuse = async (why: string): Promise<never> => {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`OCSP responder ${url} ${why}`);
    };
    if (!response.ok) return refuse(`answered HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/ocsp-response')) return refuse(`answered ${type || 'no content type'}`);
    if (Number(response.headers.get('content-length') ?? 0) > limit) return refuse('announced an oversized answer');
    return readAtMost(response, limit, () => refuse(`answered more than ${limit} bytes`));
  };
}

async function readAtMost(response: Response, limit: number, tooLarge: () => Promise<never>): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
