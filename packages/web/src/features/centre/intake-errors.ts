import { ApiError } from '../../api/api-error';

/** Where on the intake page an error belongs: beside the field or the action it concerns. */
export type IntakeErrorPlace =
  | { readonly at: 'applicant'; readonly message: string }
  | { readonly at: 'licence'; readonly message: string }
  | { readonly at: 'papers'; readonly message: string }
  | { readonly at: 'form'; readonly message: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly at: 'action' };

/** Codes of the state databases' and the identifier check's answers about the applicant. */
const APPLICANT_CODES = new Set([
  'PERSON_NOT_FOUND',
  'ENTITY_NOT_FOUND',
  'PERSON_DECEASED',
  'ENTITY_LIQUIDATED',
  'APPLICANT_KIND_NOT_ALLOWED',
  'IDENTIFIER_WRONG_KIND',
]);

export function placeOf(error: unknown): IntakeErrorPlace {
  if (!(error instanceof ApiError)) return { at: 'action' };
  const { code, details, message } = error;
  if (
    APPLICANT_CODES.has(code) ||
    code.startsWith('IDENTIFIER_') ||
    code.startsWith('IIN_') ||
    code.startsWith('BIN_') ||
    (code === 'INTAKE_REFUSED' && details.condition === 'database_lookup')
  ) {
    return { at: 'applicant', message };
  }
  if (code.startsWith('LICENCE_')) return { at: 'licence', message };
  if (code === 'INTAKE_REFUSED') return { at: 'papers', message };
  if (code === 'FORM_INVALID') {
    const problems = Array.isArray(details.fields) ? (details.fields as { field?: string; message?: string }[]) : [];
    const fields: Record<string, string> = {};
    for (const problem of problems) {
      const field = (problem.field ?? '').split('/')[0] ?? '';
      if (field === 'licenceNumber') return { at: 'licence', message: problem.message ?? message };
      if (field && problem.message && !fields[field]) fields[field] = problem.message;
    }
    return { at: 'form', message, fields };
  }
  return { at: 'action' };
}
