import { randomUUID } from 'node:crypto';
import { RuqsatError, Temporal } from '@ruqsat/core';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { LegalTime } from '../calendar/legal-time.js';
import type { DatabaseSchema, DelegationsTable } from '../store/schema.js';
import { dateParam, isoDate } from '../store/sql-values.js';
import { authorityOf, type StaffDirectory, type StaffMember, staffUserId } from './staff-directory.js';

export interface Delegation {
  readonly id: string;
  readonly fromStaff: string;
  readonly toStaff: string;
  /** Almaty dates, both inclusive. */
  readonly startsOn: string;
  readonly endsOn: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly revoked: boolean;
}

/** A delegation covers at most this many calendar days; a longer absence is a change of post. */
export const MAX_DELEGATION_DAYS = 90;
/** Who may put a colleague's duties in someone else's hands, not only their own. */
const DELEGATING_ROLES: readonly string[] = ['leadership', 'head_of_department'];

/**
 * Substitutes during absence. The absent official (or their leadership for them) names a colleague
 * of the same authority and the dates; on those dates the substitute holds the absent official's
 * roles and may act on steps assigned to them — and every such act is recorded with both names.
 */
export class Delegations {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly directory: StaffDirectory,
    private readonly legalTime: LegalTime,
    private readonly now: () => Temporal.Instant = () => Temporal.Now.instant(),
  ) {}

  async create(
    by: StaffMember,
    input: { fromStaffId?: string; toStaffId: string; startsOn: string; endsOn: string; reason: string },
  ): Promise<Delegation> {
    const fromId = input.fromStaffId ?? by.id;
    if (fromId !== by.id && !by.roles.some((r) => DELEGATING_ROLES.includes(r))) {
      throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: DELEGATING_ROLES });
    }
    const colleagues = await this.directory.staffOf(authorityOf(by));
    const from = colleagues.find((m) => m.id === fromId);
    const to = colleagues.find((m) => m.id === input.toStaffId);
    if (!from || !to) throw new RuqsatError('STAFF_MEMBER_NOT_FOUND', { staffId: from ? input.toStaffId : fromId });
    const starts = Temporal.PlainDate.from(input.startsOn);
    const ends = Temporal.PlainDate.from(input.endsOn);
    const today = this.#today();
    const days = starts.until(ends).days + 1;
    if (from.id === to.id || Temporal.PlainDate.compare(starts, today) < 0 || days < 1 || days > MAX_DELEGATION_DAYS) {
      throw new RuqsatError('DELEGATION_INVALID', {
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        today: `${today}`,
      });
    }
    const id = randomUUID();
    const at = new Date(this.now().epochMilliseconds);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('delegations')
        .values({
          id,
          from_staff: from.id,
          to_staff: to.id,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          reason: input.reason,
          created_by: by.id,
          created_at: at,
        })
        .execute();
      await appendAudit(
        trx,
        {
          actor: staffUserId(by.id),
          action: 'delegation.created',
          subject: `delegation:${id}`,
          details: {
            from: { id: from.id, name: from.name },
            to: { id: to.id, name: to.name },
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            reason: input.reason,
          },
        },
        at,
      );
    });
    return { id, fromStaff: from.id, toStaff: to.id, ...input, createdBy: by.id, revoked: false };
  }

  /** Ends a delegation early; the absent official, the substitute's leadership or its maker may. */
  async revoke(by: StaffMember, id: string): Promise<void> {
    const at = new Date(this.now().epochMilliseconds);
    // Read before the transaction: the embedded database has one connection, which the
    // transaction holds.
    const colleagues = await this.directory.staffOf(authorityOf(by));
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('delegations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      const mayRevoke =
        row !== undefined &&
        ([row.from_staff, row.created_by].includes(by.id) || by.roles.some((r) => DELEGATING_ROLES.includes(r)));
      if (!row || !mayRevoke || !colleagues.some((m) => m.id === row.from_staff)) {
        throw new RuqsatError('DELEGATION_NOT_FOUND', { delegationId: id });
      }
      if (row.revoked_at !== null) return;
      await trx.updateTable('delegations').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAudit(
        trx,
        { actor: staffUserId(by.id), action: 'delegation.revoked', subject: `delegation:${id}` },
        at,
      );
    });
  }

  /** The absent colleagues this member stands in for today. */
  async standingInFor(member: StaffMember): Promise<StaffMember[]> {
    const today = dateParam(this.#today());
    const rows = await this.db
      .selectFrom('delegations')
      .select('from_staff')
      .where('to_staff', '=', member.id)
      .where('revoked_at', 'is', null)
      .where('starts_on', '<=', today)
      .where('ends_on', '>=', today)
      .execute();
    const absent = await Promise.all(rows.map((r) => this.directory.member(r.from_staff)));
    return absent.filter((m): m is StaffMember => m?.active === true);
  }

  /** Delegations from or to the member that have not ended. */
  async of(member: StaffMember): Promise<Delegation[]> {
    const rows = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where((eb) => eb.or([eb('from_staff', '=', member.id), eb('to_staff', '=', member.id)]))
      .where('ends_on', '>=', dateParam(this.#today()))
      .orderBy('starts_on')
      .execute();
    return rows.map(delegationOf);
  }

  #today(): Temporal.PlainDate {
    return this.legalTime.clockFor().localDate(this.now());
  }
}

function delegationOf(row: Selectable<DelegationsTable>): Delegation {
  return {
    id: row.id,
    fromStaff: row.from_staff,
    toStaff: row.to_staff,
    startsOn: isoDate(row.starts_on),
    endsOn: isoDate(row.ends_on),
    reason: row.reason,
    createdBy: row.created_by,
    revoked: row.revoked_at !== null,
  };
}
