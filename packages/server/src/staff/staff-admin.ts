import { randomUUID } from 'node:crypto';
import { checkIin, type ErrorCode, type LocalizedText, RuqsatError, Temporal } from '@ruqsat/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { Organisation, OrganisationKind } from './staff-directory.js';

export interface NewOrganisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly parentId?: string;
  readonly name: LocalizedText;
  readonly region?: string;
  readonly windows?: number;
}

export interface NewStaffMember {
  readonly id?: string;
  readonly iin: string;
  readonly name: string;
  readonly organisationId: string;
  readonly roles: readonly string[];
  readonly email?: string;
  readonly locale?: 'kk' | 'ru' | 'en';
}

/**
 * Changes to who works where, each in the audit log with who made it: organisations, posts,
 * roles, and closing a post (a post is closed, never deleted — the history names its holder).
 */
export class StaffAdmin {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly now: () => Temporal.Instant = () => Temporal.Now.instant(),
  ) {}

  async addOrganisation(by: string, organisation: NewOrganisation): Promise<Organisation> {
    if (organisation.kind === 'authority_unit') {
      if (!organisation.parentId) throw new RuqsatError('ORGANISATION_INVALID', { id: organisation.id });
      const parent = await this.db
        .selectFrom('organisations')
        .select('kind')
        .where('id', '=', organisation.parentId)
        .executeTakeFirst();
      if (!parent) throw new RuqsatError('ORGANISATION_NOT_FOUND', { organisationId: organisation.parentId });
      // The engine and the queues read a unit's authority from the prefix of its id: they must agree.
      if (parent.kind !== 'authority' || !organisation.id.startsWith(`${organisation.parentId}:`)) {
        throw new RuqsatError('ORGANISATION_INVALID', { id: organisation.id, parentId: organisation.parentId });
      }
    }
    const row = {
      id: organisation.id,
      kind: organisation.kind,
      parent_id: organisation.parentId ?? null,
      name: JSON.stringify(organisation.name),
      region: organisation.region ?? null,
      windows: organisation.windows ?? 1,
    };
    await this.#audited(by, 'organisation.added', `organisation:${organisation.id}`, { ...organisation }, (trx) =>
      trx
        .insertInto('organisations')
        .values(row)
        .execute()
        .catch(
          refusing({
            '23505': 'ORGANISATION_EXISTS',
            '23503': 'ORGANISATION_NOT_FOUND',
            '23514': 'ORGANISATION_INVALID',
          }),
        ),
    );
    return {
      id: row.id,
      kind: row.kind,
      parentId: row.parent_id,
      name: organisation.name,
      region: row.region,
      windows: row.windows,
    };
  }

  async addStaffMember(by: string, member: NewStaffMember): Promise<string> {
    const check = checkIin(member.iin);
    if (!check.valid) throw new RuqsatError(check.reason, { field: 'iin' });
    const id = member.id ?? randomUUID();
    const details = { iin: member.iin, name: member.name, organisationId: member.organisationId, roles: member.roles };
    await this.#audited(by, 'staff.added', `staff:${id}`, details, async (trx) => {
      await this.#refuseSecondPostAtAuthority(trx, member);
      return trx
        .insertInto('staff_members')
        .values({
          id,
          iin: member.iin,
          name: member.name,
          organisation_id: member.organisationId,
          roles: JSON.stringify(member.roles),
          email: member.email ?? null,
          locale: member.locale ?? 'kk',
          created_at: new Date(this.now().epochMilliseconds),
        })
        .execute()
        .catch(refusing({ '23505': 'STAFF_POST_EXISTS', '23503': 'ORGANISATION_NOT_FOUND' }));
    });
    return id;
  }

  /**
   * One person, one open post per authority (its units included): the four-eyes rule compares the
   * posts that drafted and signed, so a second post would let one person be both.
   */
  async #refuseSecondPostAtAuthority(trx: Transaction<DatabaseSchema>, member: NewStaffMember): Promise<void> {
    // One person's posts change one at a time, so two requests cannot both find "no other post".
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`staff:${member.iin}`}))`.execute(trx);
    const organisation = await trx
      .selectFrom('organisations')
      .select(['id', 'kind', 'parent_id'])
      .where('id', '=', member.organisationId)
      .executeTakeFirst();
    if (!organisation) throw new RuqsatError('ORGANISATION_NOT_FOUND', { organisationId: member.organisationId });
    if (organisation.kind !== 'authority' && organisation.kind !== 'authority_unit') return;
    const authority = organisation.parent_id ?? organisation.id;
    const other = await trx
      .selectFrom('staff_members as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select('s.id')
      .where('s.iin', '=', member.iin)
      .where('s.active', '=', true)
      .where((eb) => eb.or([eb('o.id', '=', authority), eb('o.parent_id', '=', authority)]))
      .executeTakeFirst();
    if (other) throw new RuqsatError('STAFF_POST_EXISTS', { staffId: other.id });
  }

  async setRoles(by: string, staffId: string, roles: readonly string[]): Promise<void> {
    await this.#audited(by, 'staff.roles_set', `staff:${staffId}`, { roles }, async (trx) => {
      const result = await trx
        .updateTable('staff_members')
        .set({ roles: JSON.stringify(roles) })
        .where('id', '=', staffId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new RuqsatError('STAFF_MEMBER_NOT_FOUND', { staffId });
    });
  }

  /** Closes a post: the person can no longer act there; what they did stays under their name. */
  async closePost(by: string, staffId: string): Promise<void> {
    await this.#audited(by, 'staff.post_closed', `staff:${staffId}`, {}, async (trx) => {
      const result = await trx
        .updateTable('staff_members')
        .set({ active: false })
        .where('id', '=', staffId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new RuqsatError('STAFF_MEMBER_NOT_FOUND', { staffId });
    });
  }

  async #audited(
    by: string,
    action: string,
    subject: string,
    details: Record<string, unknown>,
    change: (trx: Transaction<DatabaseSchema>) => Promise<unknown>,
  ): Promise<void> {
    const at = new Date(this.now().epochMilliseconds);
    await this.db.transaction().execute(async (trx) => {
      await change(trx);
      await appendAudit(trx, { actor: by, action, subject, details }, at);
    });
  }
}

/** Turns the database's refusal of a row (duplicate, unknown reference, broken rule) into the user's error. */
function refusing(codes: Readonly<Record<string, ErrorCode>>) {
  return (error: unknown): never => {
    const sqlState = (error as { code?: unknown }).code;
    const code = typeof sqlState === 'string' && Object.hasOwn(codes, sqlState) ? codes[sqlState] : undefined;
    if (code) throw new RuqsatError(code);
    throw error;
  };
}
