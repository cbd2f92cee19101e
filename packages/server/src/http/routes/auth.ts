import { z } from 'zod';
import type { SignIn } from '../../auth/sign-in.js';
import type { StaffDirectory } from '../../staff/staff-directory.js';
import { bearerToken, principalOf } from '../access.js';
import { BODY_ERRORS, ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Holder = z
  .object({
    iin: z.string(),
    bin: z.string().nullable(),
    roles: z.array(z.string()).describe('legal-entity roles from the certificate: firstHead, signingRight, …'),
    name: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionHolder' });

const Post = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    organisationKind: z.enum(['authority', 'authority_unit', 'service_centre', 'ministry']),
    organisationName: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
    roles: z.array(z.string()),
  })
  .meta({ id: 'StaffPost' });

/** Sign-in by key: challenge, signed challenge, session. */
export function registerAuthRoutes(app: ZodApp, signIn: SignIn, directory: StaffDirectory): void {
  app.post(
    '/api/v1/auth/challenge',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sign-in'],
        summary: 'A single-use nonce to sign with the AUTH key; valid for five minutes.',
        response: { 201: z.object({ nonce: z.string(), expiresAt: z.iso.datetime() }) },
      },
    },
    async (_request, reply) => {
      const { nonce, expiresAt } = await signIn.challenge();
      return reply.code(201).send({ nonce, expiresAt: expiresAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sign-in'],
        summary: 'Opens a session with the challenge signed by the AUTH key (detached CMS over the nonce).',
        body: z.object({
          nonce: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
          signature: z.base64().max(64_000).describe('the detached CMS SignedData, DER, base64'),
        }),
        response: {
          200: z.object({ token: z.string().describe('bearer token; shown once'), holder: Holder }),
          401: ErrorEnvelopeSchema,
          422: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
          ...BODY_ERRORS,
        },
      },
    },
    async (request) => {
      const { token, session } = await signIn.signIn(request.body.nonce, Buffer.from(request.body.signature, 'base64'));
      return { token, holder: { ...session, roles: [...session.roles], expiresAt: session.expiresAt.toISOString() } };
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['sign-in'],
        summary: 'Who the bearer token belongs to.',
        response: { 200: Holder, 401: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const session = await signIn.session(bearerToken(request.headers.authorization));
      return { ...session, roles: [...session.roles], expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/auth/posts',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['sign-in'],
        summary:
          'The posts the signed-in person holds (authority, unit, centre, ministry), so a client can offer each workspace.',
        response: { 200: z.object({ posts: z.array(Post) }), 401: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const posts = await directory.postsOf(principalOf(request).iin);
      const names = new Map(
        await Promise.all(
          [...new Set(posts.map((p) => p.organisationId))].map(
            async (id) => [id, (await directory.organisation(id))?.name ?? null] as const,
          ),
        ),
      );
      return {
        posts: posts.map((post) => ({
          id: post.id,
          organisationId: post.organisationId,
          organisationKind: post.organisationKind,
          organisationName: names.get(post.organisationId) ?? {
            kk: post.organisationId,
            ru: post.organisationId,
            en: post.organisationId,
          },
          roles: [...post.roles],
        })),
      };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags: ['sign-in'], summary: 'Ends the session of the bearer token.', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signIn.signOut(bearerToken(request.headers.authorization));
      return reply.code(204).send(null);
    },
  );
}
