import { RuqsatError } from '@ruqsat/core';
import type { Expression, SelectQueryBuilder, Simplify, SqlBool } from 'kysely';
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
    /**
     * A `signed_in` route whose reads all go through `readUnderSession`: it may take its principal
     * from the sessions this instance remembers, because each of its reads confirms the session in
     * the read's own statement. One round trip instead of two for what applicants read most.
     */
    sessionConfirmedInRead?: boolean;
  }
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
  interface FastifyRequest {
    /** Set by the access check on every route but `public` ones. */
    principal: Principal | null;
    /** Set by the access check on `staff`, `operator` and `administrator` routes. */
    staffMember: StaffMember | null;
    /** Set when the principal came from memory; `readUnderSession` confirms it and clears it. */
    sessionToConfirm: SessionToConfirm | null;
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
  app.decorateRequest('sessionToConfirm', null);
  app.addHook('onRequest', async (request) => {
    const { access, sessionConfirmedInRead } = request.routeOptions.config;
    if (access === undefined || access === 'public') return;
    const token = bearerToken(request.headers.authorization);
    const remembered = access === 'signed_in' && sessionConfirmedInRead ? signIn.remembered(token) : undefined;
    const session = remembered?.session ?? (await signIn.session(token));
    request.principal = { iin: session.iin, bin: session.bin, roles: session.roles, name: session.name };
    if (remembered) request.sessionToConfirm = sessionToConfirm(signIn, remembered.tokenHash);
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

  // Fails closed: a route that took its principal from memory and answers success without having
  // confirmed the session (it read without `readUnderSession`) answers 500 — or 401, the error
  // handler finding the session ended — rather than what the session may no longer see.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.sessionToConfirm && reply.statusCode < 400) {
      throw new Error(`${request.routeOptions.url} answered without confirming its session`);
    }
    return payload;
  });
}

/**
 * For the error handler: an error answered before the route's read confirmed a remembered session
 * (a query string out of bounds, say) waits for the session to be asked on its own, so that an
 * ended session is answered SESSION_REQUIRED whatever else was wrong with its request. The refusal
 * to answer instead, or undefined.
 */
export async function refusalOfUnconfirmedSession(request: {
  sessionToConfirm: SessionToConfirm | null;
}): Promise<unknown> {
  const pending = request.sessionToConfirm;
  if (!pending) return undefined;
  request.sessionToConfirm = null;
  try {
    await pending.confirm();
    return undefined;
  } catch (refusal) {
    return refusal;
  }
}

/** What a read must do with a session taken from memory (see `readUnderSession`). */
export interface SessionToConfirm {
  /** Holds only while the session is live (as of now): the read's WHERE carries it. */
  live(): Expression<SqlBool>;
  /** The session asked on its own: SESSION_REQUIRED if it has ended or expired. */
  confirm(): Promise<void>;
}

function sessionToConfirm(signIn: SignIn, tokenHash: string): SessionToConfirm {
  return { live: () => signIn.liveCondition(tokenHash), confirm: () => signIn.confirm(tokenHash) };
}

/**
 * Runs a read of a route with `sessionConfirmedInRead`, with the session's condition added to its
 * WHERE here — not left to the route to remember. Rows found mean the session was live when the
 * statement ran; none, and the session is asked on its own, so an ended session is refused with
 * SESSION_REQUIRED, never told "not found". Where the access check read the session itself, the
 * query runs as it is.
 */
export async function readUnderSession<DB, TB extends keyof DB, O>(
  request: { sessionToConfirm: SessionToConfirm | null },
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<Simplify<O>[]> {
  const pending = request.sessionToConfirm;
  if (!pending) return query.execute();
  const rows = await query.where(pending.live()).execute();
  if (rows.length === 0) await pending.confirm();
  request.sessionToConfirm = null;
  return rows;
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
