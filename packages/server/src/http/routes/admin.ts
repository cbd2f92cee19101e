import { z } from 'zod';
import type { StaffAdmin } from '../../staff/staff-admin.js';
import { type StaffDirectory, staffUserId } from '../../staff/staff-directory.js';
import { staffMemberOf } from '../access.js';
import { CLIENT_ERRORS } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Errors = CLIENT_ERRORS;
const Name = z.object({
  kk: z.string().min(1).max(300),
  ru: z.string().min(1).max(300),
  en: z.string().min(1).max(300),
});
const Organisation = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9:_-]{1,99}$/),
    kind: z.enum(['authority', 'authority_unit', 'service_centre', 'ministry']),
    parentId: z.string().nullable(),
    name: Name,
    region: z.string().nullable(),
    windows: z.number().int().min(1).max(200),
  })
  .meta({ id: 'Organisation' });
const Roles = z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).max(20);
const StaffMember = z
  .object({
    id: z.string(),
    iin: z.string(),
    name: z.string(),
    organisationId: z.string(),
    roles: z.array(z.string()),
    active: z.boolean(),
  })
  .meta({ id: 'StaffPost' });

/**
 * Administration: the organisations (authorities, their units, centres) and who works there with
 * which roles. Every change is in the audit log under the administrator's name. (The regulation
 * versions and calendars are data in the repository, read by the public catalogue routes.)
 */
export function registerAdminRoutes(
  app: ZodApp,
  deps: { readonly admin: StaffAdmin; readonly directory: StaffDirectory },
): void {
  const administrator = { access: 'administrator' as const };
  const by = (request: Parameters<typeof staffMemberOf>[0]) => staffUserId(staffMemberOf(request).id);

  app.get(
    '/api/v1/admin/organisations',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'Every organisation.',
        response: { 200: z.object({ items: z.array(Organisation) }), ...Errors },
      },
    },
    async () => ({ items: await deps.directory.organisations() }),
  );

  app.post(
    '/api/v1/admin/organisations',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary:
          'Adds an authority (its id is the regulations’ authority id), a territorial unit, a centre or a ministry.',
        body: Organisation.omit({ parentId: true, region: true, windows: true }).extend({
          parentId: z.string().optional(),
          region: z.string().max(100).optional(),
          windows: z.number().int().min(1).max(200).optional(),
        }),
        response: { 201: Organisation, ...Errors },
      },
    },
    async (request, reply) => reply.code(201).send(await deps.admin.addOrganisation(by(request), request.body)),
  );

  app.get(
    '/api/v1/admin/organisations/:id/staff',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'The active staff of an organisation (with its units’).',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(StaffMember) }), ...Errors },
      },
    },
    async (request) => {
      const members = await deps.directory.staffOf(request.params.id);
      return { items: members.map((m) => ({ ...m, roles: [...m.roles] })) };
    },
  );

  app.post(
    '/api/v1/admin/staff',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'Opens a post: a person (by IIN) at an organisation with regulation roles.',
        body: z.object({
          iin: z.string().regex(/^\d{12}$/),
          name: z.string().trim().min(2).max(300),
          organisationId: z.string().min(1).max(100),
          roles: Roles,
          email: z.email().optional(),
          locale: z.enum(['kk', 'ru', 'en']).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), ...Errors },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await deps.admin.addStaffMember(by(request), request.body) }),
  );

  app.put(
    '/api/v1/admin/staff/:id/roles',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'Sets the roles of a post; it takes effect at the holder’s next request.',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ roles: Roles }),
        response: { 204: z.null(), ...Errors },
      },
    },
    async (request, reply) => {
      await deps.admin.setRoles(by(request), request.params.id, request.body.roles);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/admin/staff/:id/close',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'Closes a post: its holder can no longer act there; their past acts keep their name.',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...Errors },
      },
    },
    async (request, reply) => {
      await deps.admin.closePost(by(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
