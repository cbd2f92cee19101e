import type { Principal } from '../auth/principal.js';
import type { SignIn } from '../auth/sign-in.js';

export type { Principal } from '../auth/principal.js';

import type { ZodApp } from './zod-app.js';

/**
 * Who may call a route. Every route under /api/v1/ says so in its `config.access`; a route that
 * does not is refused when the app is built, so none can be forgotten. Checked here, once, before
 * anything else of the route runs.
 * - `public`: anyone (the catalogue, identifiers, sign-in, the payment gateway's HMAC-checked door);
 * - `signed_in`: a valid session; the route then finds `request.principal` set.
 * Which records a signed-in principal may see is each route's query (e.g. "my applications").
 */
export type Access = 'public' | 'signed_in';

/** A route and who may call it, as the access check knows it (the role × route test reads these). */
export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
  interface FastifyRequest {
    /** Set by the access check on `signed_in` routes. */
    principal: Principal | null;
  }
}

export function registerAccess(app: ZodApp, signIn: SignIn): void {
  app.decorateRequest('principal', null);
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = (route.config as { access?: unknown } | undefined)?.access;
    if (access !== 'public' && access !== 'signed_in') {
      throw new Error(`route ${String(route.method)} ${route.url} does not declare its access`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access !== 'signed_in') return;
    const session = await signIn.session(bearerToken(request.headers.authorization));
    request.principal = { iin: session.iin, bin: session.bin, roles: session.roles, name: session.name };
  });
}

/** The token of an `Authorization: Bearer …` header, if it has the shape of one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/);
  return match?.[1];
}

/** The signed-in principal of a `signed_in` route (the access check has set it). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('principalOf on a route that is not signed_in');
  return request.principal;
}
