import { DEFAULT_LOCALE, type Locale, negotiateLocale } from '@ruqsat/core';
import type { ZodApp } from './zod-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of every message in the answer, from Accept-Language (Kazakh by default). */
    locale: Locale;
  }
}

export function registerLocale(app: ZodApp): void {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    reply.header('content-language', request.locale);
    reply.header('vary', 'Accept-Language');
  });
}
