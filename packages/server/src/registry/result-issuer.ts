import { createHash, randomBytes } from 'node:crypto';
import {
  type ApplicationState,
  canonicalJson,
  type EngineEvent,
  formatLicenceNumber,
  LicenceChange,
  licenceStatusAfter,
  type Regulation,
  type RegulationCatalogue,
  type ResultKind,
  type Temporal,
} from '@ruqsat/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { loadEvents } from '../applications/event-log.js';
import type { OutboxHandler } from '../applications/outbox-worker.js';
import { appendAudit } from '../audit/audit-log.js';
import type { LegalTime } from '../calendar/legal-time.js';
import {
  type LicenceDocument,
  type SignatureBlock,
  signedLicencePdf,
  signedRefusalPdf,
} from '../documents/result-documents.js';
import type { OfficialKeyVault } from '../signing/official-key-vault.js';
import type { DatabaseSchema } from '../store/schema.js';
import { isoDate, isUniqueViolation } from '../store/sql-values.js';
import { applicationFacts, licenceParticulars } from './application-facts.js';
import { publicHolderName, searchForm } from './public-holder.js';
import { verificationUrl } from './verification-url.js';

type LicenceResult = Exclude<ResultKind, 'motivated_refusal'>;

/** The change a licence result makes to its licence line. */
const CHANGE_OF: Readonly<Record<LicenceResult, LicenceChange>> = {
  licence: LicenceChange.issued,
  reissued_licence: LicenceChange.reissued,
  duplicate: LicenceChange.duplicate_issued,
  licence_annex: LicenceChange.annex_issued,
};

export interface ResultIssuerDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly catalogue: RegulationCatalogue;
  readonly legalTime: LegalTime;
  readonly vault: OfficialKeyVault;
  /** Where the public verification page is reached from outside: the QR code carries it. */
  readonly publicUrl: string;
  readonly now: () => Temporal.Instant;
  /** The state databases' name of an applicant whose request carried none (see applicationFacts). */
  readonly lookUpName?: (applicant: ApplicationState['applicant']) => Promise<string>;
}

/**
 * Issues the result of a decided application: the licence (or annex, reissue, duplicate) entered in
 * the registry, or the motivated refusal with an outgoing number — as a PDF signed with the key of
 * the official who took the decision. The bytes are signed once and stored as signed. Everything
 * is written in one transaction with the registry's event, the audit entry and the applicant's
 * notice; a message delivered twice finds the document there and does nothing.
 */
export function resultIssuerHandler(deps: ResultIssuerDeps): OutboxHandler {
  return async (message) => {
    const { db } = deps;
    const applicationId = message.applicationId;
    const done = await db
      .selectFrom('result_documents')
      .select('id')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (done) return;
    const row = await db.selectFrom('applications').select('state').where('id', '=', applicationId).executeTakeFirst();
    const state = row?.state as unknown as ApplicationState | undefined;
    if (!state?.result || state.status !== 'completed') throw new Error(`application ${applicationId} is not decided`);
    const regulation = deps.catalogue.get(state.regulationId);
    if (!regulation) throw new Error(`application ${applicationId} is pinned to ${state.regulationId}, not loaded`);

    const events = (await loadEvents(db, applicationId)).map((e) => e.event);
    const decider = deciderOf(state, regulation);
    const official = await db
      .selectFrom('staff_members')
      .select(['iin', 'name'])
      .where('id', '=', decider.userId.slice('staff:'.length))
      .executeTakeFirst();
    if (!official) throw new Error(`the official ${decider.userId} who decided ${applicationId} is not on the staff`);
    const signer = await deps.vault.signerFor(official.iin);
    const now = deps.now();
    const signedAt = new Date(now.epochMilliseconds);
    const issuedOn = deps.legalTime.clockFor(regulation.authority.id).localDate(now).toString();
    const documentId = randomBytes(15).toString('base64url');
    const signature: SignatureBlock = {
      signerName: official.name,
      signerIin: official.iin,
      position: positionOf(regulation, decider.role),
      signedAt: signedAt.toISOString(),
    };
    const facts = await applicationFacts(db, state, deps.lookUpName);
    const holderName = facts.holderName.trim();
    if (!holderName) throw new Error(`application ${applicationId}: no name of the applicant to put on the result`);
    const common = {
      documentId,
      verificationUrl: verificationUrl(deps.publicUrl, documentId),
      service: regulation.service.name,
      authority: regulation.authority.name,
      legalBasis: regulation.legalBasis.title,
      applicationId,
    };

    const stored = {
      id: documentId,
      application_id: applicationId,
      issued_on: issuedOn,
      signer_user_id: decider.userId,
      signer_iin: official.iin,
      signer_name: official.name,
      signed_at: signedAt,
    };
    const notice = { to: state.applicant.id, what: 'result', result: state.result, documentId };
    const write = async (work: (trx: Transaction<DatabaseSchema>) => Promise<Record<string, unknown>>) => {
      try {
        await db.transaction().execute(async (trx) => {
          const extra = await work(trx);
          await appendAudit(
            trx,
            {
              actor: decider.userId,
              action: 'result.issued',
              subject: applicationId,
              details: { documentId, ...extra },
            },
            signedAt,
          );
          await trx
            .insertInto('outbox')
            .values({
              application_id: applicationId,
              sequence: message.sequence,
              kind: 'notify_applicant',
              payload: canonicalJson({ ...notice, ...extra, applicationId, eventType: 'completed' }),
              created_at: signedAt,
              available_at: signedAt,
            })
            .execute();
        });
      } catch (error) {
        // Another worker issued it first (its lease ran out under us): that issue stands.
        if (!isUniqueViolation(error)) throw error;
      }
    };

    if (state.result === 'motivated_refusal') {
      const outgoingNumber = await nextOutgoingNumber(db, issuedOn);
      const pdf = await signedRefusalPdf(
        {
          ...common,
          outgoingNumber,
          date: issuedOn,
          applicant: { kind: state.applicant.kind, id: state.applicant.id, name: holderName },
          requestKind: state.requestKind,
          receivedOn: state.registrationDate,
          reasons: reasonsOf(events),
          signature,
        },
        signer,
      );
      await write(async (trx) => {
        await trx
          .insertInto('result_documents')
          .values({ ...stored, kind: 'motivated_refusal', outgoing_number: outgoingNumber, ...bytesOf(pdf) })
          .execute();
        return { outgoingNumber };
      });
      return;
    }

    const result = state.result;
    const existing = facts.licenceNumber
      ? await db.selectFrom('licences').selectAll().where('number', '=', facts.licenceNumber).executeTakeFirst()
      : undefined;
    if (result !== 'licence' && result !== 'licence_annex' && !existing) {
      throw new Error(`application ${applicationId} (${result}) names no licence in the registry`);
    }
    const change = existing ? CHANGE_OF[result] : LicenceChange.issued;
    const statusAfter = licenceStatusAfter(existing?.status ?? null, change);
    const number =
      existing?.number ??
      formatLicenceNumber({ year: Number(issuedOn.slice(0, 4)), serial: await nextSerial(db, 'licence_serial') });
    // A reissue brings the licence up to date with its request (a new name or address); a
    // duplicate or an annex repeats the licence as it stands, and an annex adds its own subtypes.
    const fromRequest = !existing || change === LicenceChange.reissued;
    const subtypes = licenceParticulars(regulation, facts.form, 'subtypes');
    const places = licenceParticulars(regulation, facts.form, 'places');
    const line = {
      holderName: fromRequest ? holderName : (existing?.holder_name ?? holderName),
      subtypes: fromRequest || change === LicenceChange.annex_issued ? subtypes : (existing?.subtypes ?? []),
      places: fromRequest ? places : (existing?.places ?? []),
    };
    const document: LicenceDocument = {
      ...common,
      kind: existing ? result : 'licence',
      licenceNumber: number,
      issuedOn,
      firstIssuedOn: existing ? isoDate(existing.first_issued_on) : issuedOn,
      holder: { kind: state.applicant.kind, id: state.applicant.id, name: line.holderName },
      subtypes: line.subtypes.flatMap((p) => p.values),
      places: line.places.flatMap((p) => p.values.map((v) => v.kk)),
      signature,
    };
    const pdf = await signedLicencePdf(document, signer);
    await write(async (trx) => {
      const version = (existing?.version ?? 0) + 1;
      const licenceRow = {
        holder_name: line.holderName,
        public_name: publicHolderName(state.applicant.kind, line.holderName),
        subtypes: JSON.stringify(line.subtypes),
        places: JSON.stringify(line.places),
        status: statusAfter,
        current_document_id: documentId,
        version,
        updated_at: signedAt,
      };
      if (existing) {
        const moved = await trx
          .updateTable('licences')
          .set(licenceRow)
          .where('number', '=', number)
          .where('version', '=', existing.version)
          .executeTakeFirst();
        // Suspended or terminated meanwhile: try again on the licence as it now is.
        if (Number(moved.numUpdatedRows) !== 1)
          throw new Error(`licence ${number} changed while ${applicationId} was issued`);
      } else {
        await trx
          .insertInto('licences')
          .values({
            number,
            service_id: regulation.service.id,
            regulation_id: regulation.id,
            authority_id: regulation.authority.id,
            holder_kind: state.applicant.kind,
            holder_id: state.applicant.id,
            first_issued_on: issuedOn,
            issued_by_application: applicationId,
            ...licenceRow,
          })
          .execute();
      }
      await trx
        .insertInto('licence_search')
        .values({ number, search_name: searchForm(licenceRow.public_name) })
        .onConflict((oc) => oc.column('number').doUpdateSet({ search_name: searchForm(licenceRow.public_name) }))
        .execute();
      await trx
        .insertInto('result_documents')
        .values({ ...stored, kind: document.kind, licence_number: number, ...bytesOf(pdf) })
        .execute();
      await trx
        .insertInto('licence_events')
        .values({
          licence_number: number,
          sequence: version,
          change,
          status_after: statusAfter,
          legal_ground: `${regulation.legalBasis.title.ru}; заявление ${applicationId}`,
          application_id: applicationId,
          document_id: documentId,
          actor: decider.userId,
          on_behalf_of: null,
          at: signedAt,
          transaction_id: null,
        })
        .execute();
      return { licenceNumber: number };
    });
  };
}

/**
 * Who signs the result: the official who completed the regulation's signing step, or, where a
 * system step sends the result (or a refusal at a check ends the process), the last official who
 * completed a step — the one whose decision the document records.
 */
export function deciderOf(state: ApplicationState, regulation: Regulation): { userId: string; role: string } {
  const steps = regulation.processes.find((p) => p.id === state.processId)?.steps ?? [];
  const byStaff = state.completedSteps.filter((s) => s.by.startsWith('staff:'));
  const signing = byStaff.filter((s) => steps.find((step) => step.id === s.stepId)?.action === 'sign');
  const decided = signing.at(-1) ?? byStaff.at(-1);
  if (!decided) throw new Error(`application ${state.id} was decided by no official`);
  return { userId: decided.by, role: steps.find((s) => s.id === decided.stepId)?.actor ?? '' };
}

function positionOf(regulation: Regulation, roleId: string): string {
  const role = regulation.roles.find((r) => r.id === roleId);
  return role ? `${role.name.kk} / ${role.name.ru}` : roleId;
}

/** The official's reasons as they wrote them when refusing, and what outside systems answered against. */
function reasonsOf(events: readonly EngineEvent[]): string {
  const reasons: string[] = [];
  for (const event of events) {
    if (event.type === 'external_check_answered' && event.answer === 'negative' && event.summary) {
      reasons.push(event.summary);
    }
    if (event.type === 'external_check_timed_out' && event.rule === 'refuse') {
      reasons.push(
        'Мемлекеттік ақпараттық жүйе белгіленген мерзімде жауап бермеді. / Государственная информационная система не ответила в установленный срок.',
      );
    }
  }
  const comment = [...events].reverse().find((e) => e.type === 'step_completed' && e.comment);
  if (comment?.type === 'step_completed' && comment.comment) reasons.push(comment.comment);
  return reasons.join('\n');
}

async function nextSerial(db: Kysely<DatabaseSchema>, sequence: 'licence_serial' | 'outgoing_letter_serial') {
  const { rows } = await sql<{ serial: string | number }>`SELECT nextval(${sequence}) AS serial`.execute(db);
  return Number(rows[0]?.serial);
}

/** Outgoing letters are numbered `ШЫҒ-2026-000123`: the state language's «шығыс», the year, a serial. */
async function nextOutgoingNumber(db: Kysely<DatabaseSchema>, issuedOn: string): Promise<string> {
  const serial = await nextSerial(db, 'outgoing_letter_serial');
  return `ШЫҒ-${issuedOn.slice(0, 4)}-${String(serial).padStart(6, '0')}`;
}

function bytesOf(pdf: Uint8Array): { pdf: Uint8Array; sha256: string } {
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
