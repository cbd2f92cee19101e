import {
  type ApplicantKind,
  checkLicenceNumber,
  type LicenceStatus,
  type LocalizedText,
  licenceStatusAfter,
  type OfficialChange,
  type RegulationCatalogue,
  RuqsatError,
  type Temporal,
} from '@ruqsat/core';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import { authorityOf, type StaffMember, staffUserId } from '../staff/staff-directory.js';
import type { DatabaseSchema, LicenceParticular, LicencesTable } from '../store/schema.js';
import { isoDate, isUniqueViolation } from '../store/sql-values.js';
import { namePage } from './name-search.js';
import { publicHolderId, searchForm } from './public-holder.js';

export interface RegistrySearch {
  /** A licence number, typed as people type it. */
  readonly number?: string | undefined;
  /** The holder's BIN or IIN, exactly. */
  readonly holderId?: string | undefined;
  /** A fragment of the holder's name as the registry shows it (three letters at least). */
  readonly name?: string | undefined;
  readonly serviceId?: string | undefined;
  readonly authorityId?: string | undefined;
  readonly status?: LicenceStatus | undefined;
  /** The last number of the previous page: pages follow the registry's order, however deep. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** A licence as anyone may see it: a person's name and IIN are masked. */
export interface PublicLicence {
  readonly number: string;
  readonly serviceId: string;
  /** The names the regulation gives the service and the authority (null for a regulation no longer loaded). */
  readonly serviceName: LocalizedText | null;
  readonly authorityId: string;
  readonly authorityName: LocalizedText | null;
  readonly holder: { readonly kind: ApplicantKind; readonly id: string; readonly name: string };
  readonly subtypes: LicenceParticular[];
  readonly places: LicenceParticular[];
  readonly status: LicenceStatus;
  readonly firstIssuedOn: string;
  readonly updatedAt: string;
  /** The document that stands for the licence now (its latest issue, reissue or duplicate). */
  readonly currentDocumentId: string;
}

export interface LicenceHistoryEntry {
  readonly sequence: number;
  readonly change: string;
  readonly statusAfter: string;
  readonly legalGround: string;
  readonly documentId: string | null;
  readonly at: string;
}

/**
 * The state's registry of licences: public search and reading, and the changes an authority makes
 * to a licence it issued by its own decision (suspension, resumption, termination), each with its
 * legal ground, in order, audited, and idempotent on the official's transaction id.
 */
export class LicenceRegistry {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly catalogue: RegulationCatalogue,
    private readonly now: () => Temporal.Instant,
  ) {}

  async search(filter: RegistrySearch): Promise<{ items: PublicLicence[]; next: string | null }> {
    let query = this.db.selectFrom('licences').selectAll();
    if (filter.number !== undefined) query = query.where('number', '=', requireNumber(filter.number));
    if (filter.holderId !== undefined) query = query.where('holder_id', '=', filter.holderId);
    if (filter.name !== undefined) {
      const pattern = `%${escapeLike(searchForm(filter.name))}%`;
      const alone = Object.entries(filter).every(([k, v]) => v === undefined || ['name', 'after', 'limit'].includes(k));
      // A name alone: the page is found among the narrow search rows, and only its licences are read.
      const names = alone
        ? await namePage(this.db, pattern, filter.after ?? '', filter.limit + 1)
        : this.db.selectFrom('licence_search').select('number').where('search_name', 'like', pattern);
      if (Array.isArray(names) && names.length === 0) return { items: [], next: null };
      query = query.where('number', 'in', names);
    }
    if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId);
    if (filter.authorityId !== undefined) query = query.where('authority_id', '=', filter.authorityId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.after !== undefined) query = query.where('number', '>', filter.after);
    const rows = await query
      .orderBy('number')
      .limit(filter.limit + 1)
      .execute();
    const items = rows.slice(0, filter.limit).map((row) => publicLicence(row, this.catalogue));
    return { items, next: rows.length > filter.limit ? (items.at(-1)?.number ?? null) : null };
  }

  /** A licence by its number with its history of changes; a mistyped number is told apart from a missing one. */
  async licence(numberAsTyped: string): Promise<{ licence: PublicLicence; history: LicenceHistoryEntry[] }> {
    const number = requireNumber(numberAsTyped);
    const row = await this.db.selectFrom('licences').selectAll().where('number', '=', number).executeTakeFirst();
    if (!row) throw new RuqsatError('REGISTRY_ENTRY_NOT_FOUND', { number });
    return { licence: publicLicence(row, this.catalogue), history: await this.history(number) };
  }

  async history(number: string): Promise<LicenceHistoryEntry[]> {
    const rows = await this.db
      .selectFrom('licence_events')
      .selectAll()
      .where('licence_number', '=', number)
      .orderBy('sequence')
      .execute();
    return rows.map((r) => ({
      sequence: r.sequence,
      change: r.change,
      statusAfter: r.status_after,
      legalGround: r.legal_ground,
      documentId: r.document_id,
      at: r.at.toISOString(),
    }));
  }

  /**
   * Suspends, resumes or terminates a licence by the decision of the authority that holds it. Only
   * an official of that authority who holds a role that signs its results may; the ground is
   * required and recorded with them. A repeated transaction id answers as the first time.
   */
  async change(
    member: StaffMember,
    numberAsTyped: string,
    request: { readonly transactionId: string; readonly change: OfficialChange; readonly legalGround: string },
  ): Promise<{ licence: PublicLicence; history: LicenceHistoryEntry[] }> {
    const number = requireNumber(numberAsTyped);
    const transactionId = `registry:${member.id}:${request.transactionId}`;
    const legalGround = request.legalGround.trim();
    const asked = { change: request.change, legalGround };
    const repeated = await this.#repeated(number, transactionId, asked);
    if (repeated) return this.licence(number);
    const row = await this.db.selectFrom('licences').selectAll().where('number', '=', number).executeTakeFirst();
    if (!row || row.authority_id !== authorityOf(member)) throw new RuqsatError('REGISTRY_ENTRY_NOT_FOUND', { number });
    const signing = this.#signingRoles(row.regulation_id);
    if (!member.roles.some((r) => signing.includes(r)))
      throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: signing });
    if (!legalGround) throw new RuqsatError('LEGAL_GROUND_REQUIRED');
    const statusAfter = licenceStatusAfter(row.status, request.change);
    const at = new Date(this.now().epochMilliseconds);
    const actor = staffUserId(member.id);
    try {
      await this.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('licences')
          .set({ status: statusAfter, version: row.version + 1, updated_at: at })
          .where('number', '=', number)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new RuqsatError('STALE_VERSION', { number });
        await trx
          .insertInto('licence_events')
          .values({
            licence_number: number,
            sequence: row.version + 1,
            change: request.change,
            status_after: statusAfter,
            legal_ground: legalGround,
            application_id: null,
            document_id: null,
            actor,
            on_behalf_of: null,
            at,
            transaction_id: transactionId,
          })
          .execute();
        await appendAudit(
          trx,
          { actor, action: `licence.${request.change}`, subject: number, details: { legalGround, statusAfter } },
          at,
        );
      });
    } catch (error) {
      // The same request raced itself: the first one's change stands.
      if (!(isUniqueViolation(error) && (await this.#repeated(number, transactionId, asked)))) throw error;
    }
    return this.licence(number);
  }

  /** The licence rows of the registry, for the open-data export: public fields only, in number order. */
  async *exportRows(batch = 5_000): AsyncGenerator<PublicLicence> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('licences')
        .selectAll()
        .where('number', '>', after)
        .orderBy('number')
        .limit(batch)
        .execute();
      for (const row of rows) yield publicLicence(row, this.catalogue);
      if (rows.length < batch) return;
      after = rows.at(-1)?.number ?? after;
    }
  }

  /**
   * Whether this transaction id has changed the licence already. The same id with another licence,
   * change or ground is a client's mistake (TRANSACTION_ID_REUSED), not a repeat to answer as one.
   */
  async #repeated(
    number: string,
    transactionId: string,
    request: { readonly change: string; readonly legalGround: string },
  ): Promise<boolean> {
    const seen = await this.db
      .selectFrom('licence_events')
      .select(['licence_number', 'change', 'legal_ground'])
      .where('transaction_id', '=', transactionId)
      .executeTakeFirst();
    if (!seen) return false;
    if (seen.licence_number !== number || seen.change !== request.change || seen.legal_ground !== request.legalGround) {
      throw new RuqsatError('TRANSACTION_ID_REUSED', { transactionId });
    }
    return true;
  }

  /** The roles that sign results under the licence's regulation: they decide on the licence too. */
  #signingRoles(regulationId: string): string[] {
    const regulation = this.catalogue.get(regulationId);
    const people = new Set(regulation?.roles.filter((r) => r.kind === 'authority').map((r) => r.id));
    const roles = new Set<string>();
    for (const process of regulation?.processes ?? []) {
      for (const step of process.steps) if (step.action === 'sign' && people.has(step.actor)) roles.add(step.actor);
    }
    return [...roles];
  }
}

/** A number as typed, in its written form; a typo is LICENCE_NUMBER_INVALID, not "not found". */
export function requireNumber(typed: string): string {
  const check = checkLicenceNumber(typed);
  if (!check.valid) throw new RuqsatError('LICENCE_NUMBER_INVALID', { reason: check.reason });
  return check.number;
}

export function publicLicence(row: Selectable<LicencesTable>, catalogue: RegulationCatalogue): PublicLicence {
  const regulation = catalogue.get(row.regulation_id);
  return {
    number: row.number,
    serviceId: row.service_id,
    serviceName: regulation?.service.name ?? null,
    authorityId: row.authority_id,
    authorityName: regulation?.authority.name ?? null,
    holder: { kind: row.holder_kind, id: publicHolderId(row.holder_kind, row.holder_id), name: row.public_name },
    subtypes: row.subtypes,
    places: row.places,
    status: row.status,
    firstIssuedOn: isoDate(row.first_issued_on),
    updatedAt: row.updated_at.toISOString(),
    currentDocumentId: row.current_document_id,
  };
}

/** A user's text inside LIKE: its own % and _ match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
