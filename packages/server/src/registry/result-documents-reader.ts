import { type RegulationCatalogue, RuqsatError } from '@ruqsat/core';
import type { Kysely, Selectable } from 'kysely';
import { actsForCompany, type Principal } from '../auth/principal.js';
import type { DatabaseSchema, ResultDocumentsTable } from '../store/schema.js';
import { isoDate } from '../store/sql-values.js';
import type { PublicLicence } from './licence-registry.js';
import { publicLicence } from './licence-registry.js';

/** What an applicant or an official reads about an application's signed result. */
export interface ResultDocumentInfo {
  readonly id: string;
  readonly kind: ResultDocumentsTable['kind'];
  readonly licenceNumber: string | null;
  readonly outgoingNumber: string | null;
  readonly issuedOn: string;
  readonly signedAt: string;
  readonly signerName: string;
  readonly sha256: string;
}

/**
 * The signed result of an application and the licences a person holds. The caller has already
 * established that the reader may see the application (the applicant's visibility, or the
 * official's authority); the bytes go out exactly as they were signed.
 */
export class ResultDocumentsReader {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly catalogue: RegulationCatalogue,
  ) {}

  async resultOf(applicationId: string): Promise<ResultDocumentInfo> {
    const row = await this.db
      .selectFrom('result_documents')
      .select(['id', 'kind', 'licence_number', 'outgoing_number', 'issued_on', 'signed_at', 'signer_name', 'sha256'])
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (!row) throw new RuqsatError('RESULT_NOT_READY', { applicationId });
    return documentInfo(row);
  }

  async pdfOf(applicationId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const row = await this.db
      .selectFrom('result_documents')
      .select(['pdf', 'kind', 'licence_number', 'outgoing_number'])
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (!row) throw new RuqsatError('RESULT_NOT_READY', { applicationId });
    const name = (row.licence_number ?? row.outgoing_number ?? applicationId).replace(/[^\p{L}\p{N}-]/gu, '_');
    return { fileName: `${row.kind}-${name}.pdf`, bytes: row.pdf };
  }

  /** The licences held by the person, and by the company they act for (as the registry shows them to its holder). */
  async licencesOf(principal: Principal): Promise<PublicLicence[]> {
    // Whose licences one sees is whose applications one sees (applications/visibility.ts): one's
    // own as a person, and one's company's when one's key acts for it.
    const company = actsForCompany(principal) ? principal.bin : null;
    const rows = await this.db
      .selectFrom('licences')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('holder_id', '=', principal.iin), eb('holder_kind', '!=', 'legal_entity')]),
          ...(company ? [eb.and([eb('holder_id', '=', company), eb('holder_kind', '=', 'legal_entity')])] : []),
        ]),
      )
      .orderBy('first_issued_on', 'desc')
      .orderBy('number')
      .execute();
    return rows.map((r) => ({
      ...publicLicence(r, this.catalogue),
      holder: { kind: r.holder_kind, id: r.holder_id, name: r.holder_name },
    }));
  }
}

/** What a result document's row says of it, for its owner and for the verification page alike. */
export function documentInfo(
  row: Pick<
    Selectable<ResultDocumentsTable>,
    'id' | 'kind' | 'licence_number' | 'outgoing_number' | 'issued_on' | 'signed_at' | 'signer_name' | 'sha256'
  >,
): ResultDocumentInfo {
  return {
    id: row.id,
    kind: row.kind,
    licenceNumber: row.licence_number,
    outgoingNumber: row.outgoing_number,
    issuedOn: isoDate(row.issued_on),
    signedAt: row.signed_at.toISOString(),
    signerName: row.signer_name,
    sha256: row.sha256,
  };
}
