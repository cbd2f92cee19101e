import type { ApplicationState, Regulation } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { type ApplicantRecord, recordName } from '../gateway/lookups.js';
import type { DatabaseSchema, LicenceParticular } from '../store/schema.js';

/** What a result document says about the request beyond the engine's state. */
export interface ApplicationFacts {
  readonly form: Readonly<Record<string, unknown>>;
  /** The holder as the state database (a walk-in) or the signing certificate (the portal) names them. */
  readonly holderName: string;
  /** The licence a reissue, duplicate or annex concerns, as the applicant named it. */
  readonly licenceNumber: string | null;
}

/**
 * The form, the holder's name and the licence concerned, from wherever the request came in: the
 * centre's intake (with the state database's record of the applicant) or the portal's draft (with
 * the certificate it was signed with).
 */
export async function applicationFacts(
  db: Kysely<DatabaseSchema>,
  state: ApplicationState,
  /** The state databases' name of the applicant, for a request that came with no record of it. */
  lookUpName?: (applicant: ApplicationState['applicant']) => Promise<string>,
): Promise<ApplicationFacts> {
  const applicationId = state.id;
  const [intake, draft, signature] = await Promise.all([
    db
      .selectFrom('centre_intakes')
      .select(['form', 'applicant_record'])
      .where('application_id', '=', applicationId)
      .executeTakeFirst(),
    db.selectFrom('drafts').select(['form', 'licence_number']).where('id', '=', applicationId).executeTakeFirst(),
    db
      .selectFrom('application_signatures')
      .select(['report', 'canonical_request'])
      .where('application_id', '=', applicationId)
      .executeTakeFirst(),
  ]);
  if (intake) {
    const signed = signature ? (JSON.parse(signature.canonical_request) as { licenceNumber?: string | null }) : {};
    return {
      form: intake.form,
      holderName: recordName(intake.applicant_record as unknown as ApplicantRecord),
      licenceNumber: signed.licenceNumber ?? null,
    };
  }
  if (draft && signature) {
    const signer = (signature.report as { signer?: SignerLike | null }).signer;
    return {
      form: (draft.form ?? {}) as Record<string, unknown>,
      holderName: signerName(state.applicant.kind, signer ?? null),
      licenceNumber: draft.licence_number,
    };
  }
  // Registered without a draft or an intake (the demo's applications, say): the state databases
  // name the holder, as E-licensing fills a licence in from them.
  if (!lookUpName) {
    throw new Error(`application ${applicationId} has neither an intake nor a signed draft to name its applicant`);
  }
  return { form: {}, holderName: await lookUpName(state.applicant), licenceNumber: null };
}

/**
 * The lines a licence carries from the form: each field the regulation names for its subtypes or
 * places, with its label and the values in words (choices by their names in the regulation).
 */
export function licenceParticulars(
  regulation: Regulation,
  form: Readonly<Record<string, unknown>>,
  part: 'subtypes' | 'places',
): LicenceParticular[] {
  return regulation.form.licence[part].flatMap((field) => {
    const raw = form[field];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null && v !== '');
    const label = regulation.form.labels[field];
    if (values.length === 0 || !label) return [];
    return [
      {
        field,
        label,
        values: values.map((v) => {
          const text = String(v);
          return regulation.form.valueLabels[text] ?? { kk: text, ru: text, en: text };
        }),
      },
    ];
  });
}

interface SignerLike {
  readonly commonName?: string | null;
  readonly organization?: string | null;
}

/** A company's employee's certificate names the company in O; a person's names them in CN. */
function signerName(kind: ApplicationState['applicant']['kind'], signer: SignerLike | null): string {
  if (!signer) return '';
  return (kind === 'legal_entity' ? signer.organization : signer.commonName) ?? '';
}
