import { RuqsatError } from '@ruqsat/core';
import type { Principal } from '../auth/principal.js';
import type { SignIn } from '../auth/sign-in.js';
import { ADMINISTRATOR_ROLE, type StaffDirectory, type StaffMember } from '../staff/staff-directory.js';

export type { Principal } from '../auth/principal.js';

import type { ZodApp } from './zod-app.js';

/**
 * Who may call a route. Every route under /api/v1/ says so in its `config.access`; a route that
 * does not is refused when the app is built, so none can be forgotten. Checked here, once, before
 * anything else of the route runs.
 * - `public`: anyone (the catalogue, identifiers, sign-in, the payment gateway's HMAC-checked door);
 * - `signed_in`: a valid session; the route then finds `request.principal` set.
 * - `staff`, `operator`, `administrator`: a valid session of someone the staff directory holds at
 *   a licensing authority (or one of its units), at a service centre, or as an administrator at
 *   the ministry; the route then finds `request.staffMember` set too. Someone with posts at
 *   several such organisations names the one they act for in the `x-ruqsat-organisation` header.
 * Which records a principal may see is each route's query: an applicant their own applications,
 * staff their authority's, operators their centre's.
 */
export type Access = 'public' | 'signed_in' | 'staff' | 'operator' | 'administrator';

const ACCESS_LEVELS: readonly string[] = ['public', 'signed_in', 'staff', 'operator', 'administrator'];
const ORGANISATION_HEADER = 'x-ruqsat-organisation';

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
    /** Set by the access check on every route but `public` ones. */
    principal: Principal | null;
    /** Set by the access check on `staff`, `operator` and `administrator` routes. */
    staffMember: StaffMember | null;
  }
}

export function registerAccess(app: ZodApp, signIn: SignIn, directory: StaffDirectory): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('staffMember', null);
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = (route.config as { access?: unknown } | undefined)?.access;
    if (typeof access !== 'string' || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`route ${String(route.method)} ${route.url} does not declare its access`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access: access as Access });
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const session = await signIn.session(bearerToken(request.headers.authorization));
    request.principal = { iin: session.iin, bin: session.bin, roles: session.roles, name: session.name };
    if (access === 'signed_in') return;
    const posts = (await directory.postsOf(session.iin)).filter((post) => holdsAccess(post, access));
    const chosen = request.headers[ORGANISATION_HEADER];
    const candidates = typeof chosen === 'string' ? posts.filter((p) => p.organisationId === chosen) : posts;
    const [post, ...others] = candidates;
    if (!post)
      throw new RuqsatError(REFUSAL[access], typeof chosen === 'string' ? { organisation: chosen } : undefined);
    if (others.length > 0) {
      throw new RuqsatError('ORGANISATION_AMBIGUOUS', { organisations: candidates.map((p) => p.organisationId) });
    }
    request.staffMember = post;
  });
}

const REFUSAL = { staff: 'STAFF_ONLY', operator: 'OPERATOR_ONLY', administrator: 'ADMINISTRATOR_ONLY' } as const;

/** Whether a post gives the access a route asks for. */
function holdsAccess(post: StaffMember, access: 'staff' | 'operator' | 'administrator'): boolean {
  switch (access) {
    case 'staff':
      return post.organisationKind === 'authority' || post.organisationKind === 'authority_unit';
    case 'operator':
      return post.organisationKind === 'service_centre';
    case 'administrator':
      return post.organisationKind === 'ministry' && post.roles.includes(ADMINISTRATOR_ROLE);
  }
}

/** The token of an `Authorization: Bearer …` header, if it has the shape of one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/);
  return match?.[1];
}

/** The signed-in principal of a route that is not public (the access check has set it). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('principalOf on a public route');
  return request.principal;
}

/** The staff member of a `staff`, `operator` or `administrator` route (the access check has set it). */
export function staffMemberOf(request: { staffMember: StaffMember | null }): StaffMember {
  if (!request.staffMember) throw new Error('staffMemberOf on a route that is not for staff');
  return request.staffMember;
}
