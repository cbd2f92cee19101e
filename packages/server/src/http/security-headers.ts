import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_DOCS_PATH } from './openapi.js';
import type { ZodApp } from './zod-app.js';

/**
 * An API answer is data, never a page: nothing in it may load, run or be framed. A route that
 * serves a page sets its own policy (the web app's index, the QR verification page) and keeps it.
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The browsable API reference (Swagger UI) runs its own scripts and styles from this origin; it
 * only gets the framing part of the policy, so that no other site can frame it.
 */
const API_DOCS_POLICY = "frame-ancestors 'none'";

/** HSTS for a year, asked for only over HTTPS (a browser ignores it over plain HTTP anyway). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The headers every answer carries, whatever route or error produced it: the browser must not
 * guess a type (`nosniff`: an uploaded file is never run as a script or a page), no other site may
 * frame us (clickjacking: `X-Frame-Options` for old browsers, `frame-ancestors` for the rest), and
 * our addresses — which carry application and document ids — do not leak to other sites in the
 * Referer. Set in onSend, so that 4xx/5xx answers, 404s and the rate limiter's 429s have them too.
 */
export function registerSecurityHeaders(app: ZodApp): void {
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });
}

/**
 * The same headers for the answers no hook sees: the router's own refusals (an address that is not
 * valid percent-encoding) are answered before onSend hooks run.
 */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
  if (!reply.hasHeader('content-security-policy')) {
    const path = request.url.split('?')[0] ?? '';
    const docs = path === API_DOCS_PATH || path.startsWith(`${API_DOCS_PATH}/`);
    reply.header('content-security-policy', docs ? API_DOCS_POLICY : API_CONTENT_SECURITY_POLICY);
  }
  // Behind a TLS-terminating load balancer this reads X-Forwarded-Proto, when TRUST_PROXY trusts it.
  if (request.protocol === 'https') reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
}
