import { createHash, randomBytes } from 'node:crypto';
import {
  type ApplicationState,
  canonicalJson,
  LicenceChange,
  licenceStatusAfter,
  type RegulationCatalogue,
  type ResultKind,
  type Temporal,
} from '@ruqsat/core';
import type { Kysely, Transaction } from 'kysely';
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
import { staffIdOf } from '../staff/staff-directory.js';
import type { DatabaseSchema, LicenceParticular } from '../store/schema.js';
import { isoDate, isUniqueViolation } from '../store/sql-values.js';
import { applicationFacts, licenceParticulars } from './application-facts.js';
import { deciderOf, positionOf } from './deciding-official.js';
import { publicHolderName, searchForm } from './public-holder.js';
import { refusalReasons } from './refusal-reasons.js';
import { nextLicenceNumber, nextOutgoingNumber } from './serials.js';
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
    if (await issuedAlready(db, applicationId)) return;
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
      .where('id', '=', staffIdOf(decider.userId) ?? '')
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
        // Another worker issued it first (its lease ran out under us): that issue stands. Any other
        // clash (a licence number, a notice) is a failure to retry, not a result to take as issued.
        if (!isUniqueViolation(error) || !(await issuedAlready(db, applicationId))) throw error;
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
          reasons: refusalReasons(events),
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
    const number = existing?.number ?? (await nextLicenceNumber(db, issuedOn));
    // A reissue brings the licence up to date with its request (a new name or address); a
    // duplicate or an annex repeats the licence as it stands, and an annex adds its own subtypes.
    const fromRequest = !existing || change === LicenceChange.reissued;
    const subtypes = licenceParticulars(regulation, facts.form, 'subtypes');
    const places = licenceParticulars(regulation, facts.form, 'places');
    const annex = change === LicenceChange.annex_issued;
    const line = {
      holderName: fromRequest ? holderName : (existing?.holder_name ?? holderName),
      subtypes: fromRequest
        ? subtypes
        : annex
          ? mergedParticulars(existing?.subtypes ?? [], subtypes)
          : (existing?.subtypes ?? []),
      places: fromRequest ? places : (existing?.places ?? []),
    };
    const document: LicenceDocument = {
      ...common,
      kind: existing ? result : 'licence',
      licenceNumber: number,
      issuedOn,
      firstIssuedOn: existing ? isoDate(existing.first_issued_on) : issuedOn,
      holder: { kind: state.applicant.kind, id: state.applicant.id, name: line.holderName },
      // An annex lists what it adds; every other document, what the licence now permits.
      subtypes: (annex ? subtypes : line.subtypes).flatMap((p) => p.values),
      places: line.places.flatMap((p) => p.values.map(inBothLanguages)),
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

/** A licence's subtypes with an annex's added: by field, each value once. */
function mergedParticulars(
  held: readonly LicenceParticular[],
  added: readonly LicenceParticular[],
): LicenceParticular[] {
  const merged = held.map((p) => ({ ...p, values: [...p.values] }));
  for (const particular of added) {
    const same = merged.find((p) => p.field === particular.field);
    if (!same) merged.push({ ...particular, values: [...particular.values] });
    else for (const v of particular.values) if (!same.values.some((x) => x.kk === v.kk)) same.values.push(v);
  }
  return merged;
}

/** A place as the bilingual document prints it: once when the words are the same, else kk / ru. */
function inBothLanguages(value: { readonly kk: string; readonly ru: string }): string {
  return value.kk === value.ru ? value.kk : `${value.kk} / ${value.ru}`;
}

async function issuedAlready(db: Kysely<DatabaseSchema>, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('result_documents')
    .select('id')
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row !== undefined;
}

function bytesOf(pdf: Uint8Array): { pdf: Uint8Array; sha256: string } {
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
