import { ApiError } from '../../api/api-error';

/** The API errors that concern one field of the post form, by the code that says which. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  STAFF_POST_EXISTS: 'iin',
  ORGANISATION_NOT_FOUND: 'organisationId',
};

/**
 * Places an API error next to the field it concerns: the field the error names, the fields a
 * validation failure lists (their issues are technical English, so the field's own hint is said
 * instead), or the field a code is about. Whatever concerns no field is left for the form.
 */
export function fieldErrors(
  error: unknown,
  invalidText: (field: string) => string,
): { fields: Record<string, string>; rest: unknown } {
  if (!(error instanceof ApiError)) return { fields: {}, rest: error };
  const fields: Record<string, string> = {};
  const named = error.details.field;
  if (typeof named === 'string') fields[named] = error.message;
  const coded = FIELD_OF_CODE[error.code];
  if (coded) fields[coded] = error.message;
  const issues = error.details.issues;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(issues)) {
    for (const issue of issues as { path?: unknown }[]) {
      const field = typeof issue.path === 'string' ? issue.path.replace(/^\//, '').split('/')[0] : undefined;
      if (field) fields[field] = invalidText(field);
    }
  }
  return Object.keys(fields).length > 0 ? { fields, rest: null } : { fields, rest: error };
}
