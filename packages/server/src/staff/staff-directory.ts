import { type LocalizedText, RuqsatError } from '@ruqsat/core';
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, OrganisationsTable, StaffMembersTable } from '../store/schema.js';

export type OrganisationKind = OrganisationsTable['kind'];

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly parentId: string | null;
  readonly name: LocalizedText;
  readonly region: string | null;
  readonly windows: number;
}

/** A person's post at one organisation, as the directory holds it. */
export interface StaffMember {
  readonly id: string;
  readonly iin: string;
  readonly name: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  /**
   * The id the engine checks against a regulation's authority: the organisation id itself, which
   * for a territorial unit is `<authority>:<unit>`, and for a centre the centre's id.
   */
  readonly authorityId: string;
  readonly roles: readonly string[];
  readonly email: string | null;
  readonly locale: 'kk' | 'ru' | 'en';
  readonly active: boolean;
}

/** The role an administrator holds at the ministry. */
export const ADMINISTRATOR_ROLE = 'administrator';

/** Staff engine user ids are `staff:<id>`, so they never collide with an applicant's `iin:<IIN>`. */
export function staffUserId(memberId: string): string {
  return `staff:${memberId}`;
}

/** The staff member id inside an engine user id `staff:<id>`; null for anyone else's id. */
export function staffIdOf(userId: string): string | null {
  return userId.startsWith('staff:') ? userId.slice('staff:'.length) : null;
}

/**
 * The regulation authority whose applications a member works: an authority's own id; a territorial
 * unit (`<authority>:<unit>`) works its authority's; a centre or the ministry is no authority.
 */
export function authorityOf(member: StaffMember): string {
  if (member.organisationKind !== 'authority_unit') return member.organisationId;
  return member.organisationId.split(':')[0] ?? member.organisationId;
}

type MemberRow = Selectable<StaffMembersTable> & { kind: OrganisationKind };

/**
 * Who works where with which roles. Read at every staff request, so a role taken away or a post
 * closed takes effect at once, not at the next sign-in.
 */
export class StaffDirectory {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The active posts of the person with this IIN. */
  async postsOf(iin: string): Promise<StaffMember[]> {
    const rows = await this.#members().where('s.iin', '=', iin).where('s.active', '=', true).orderBy('s.id').execute();
    return rows.map(memberOf);
  }

  async member(id: string): Promise<StaffMember | null> {
    const row = await this.#members().where('s.id', '=', id).executeTakeFirst();
    return row ? memberOf(row) : null;
  }

  /** The active staff of an organisation, or of an authority with its territorial units. */
  async staffOf(organisationId: string): Promise<StaffMember[]> {
    const rows = await this.#members()
      .where((eb) => eb.or([eb('s.organisation_id', '=', organisationId), eb('o.parent_id', '=', organisationId)]))
      .where('s.active', '=', true)
      .orderBy('s.name')
      .execute();
    return rows.map(memberOf);
  }

  async organisation(id: string): Promise<Organisation | null> {
    const row = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? organisationOf(row) : null;
  }

  async organisations(kind?: OrganisationKind): Promise<Organisation[]> {
    let query = this.db.selectFrom('organisations').selectAll().orderBy('id');
    if (kind) query = query.where('kind', '=', kind);
    return (await query.execute()).map(organisationOf);
  }

  #members() {
    return this.db
      .selectFrom('staff_members as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .selectAll('s')
      .select('o.kind');
  }
}

function memberOf(row: MemberRow): StaffMember {
  return {
    id: row.id,
    iin: row.iin,
    name: row.name,
    organisationId: row.organisation_id,
    organisationKind: row.kind,
    authorityId: row.organisation_id,
    roles: row.roles,
    email: row.email,
    locale: row.locale,
    active: row.active,
  };
}

function organisationOf(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parent_id,
    name: row.name,
    region: row.region,
    windows: row.windows,
  };
}

/** The member of a list by id, or STAFF_MEMBER_NOT_FOUND. */
export function requireMember(members: readonly StaffMember[], id: string): StaffMember {
  const found = members.find((m) => m.id === id);
  if (!found) throw new RuqsatError('STAFF_MEMBER_NOT_FOUND', { staffId: id });
  return found;
}
