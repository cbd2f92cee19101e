import { ApiError } from '../../api/api-error';
import { PAGE_SIZE, PAGE_SIZES, type RegistrySearch, SEARCH_KEYS } from './registry-api';

/** The search as the URL says it, so that a search can be shared, bookmarked and reloaded. */
export function searchFromUrl(params: URLSearchParams): RegistrySearch {
  const search: Record<string, string> = {};
  for (const key of [...SEARCH_KEYS, 'after'] as const) {
    const value = params.get(key)?.trim();
    if (value) search[key] = value;
  }
  const limit = params.get('limit');
  if (limit && (PAGE_SIZES as readonly string[]).includes(limit)) search.limit = limit;
  return search;
}

/** The URL of a search: empty fields are left out; a new search starts at the first page. */
export function urlFromForm(form: FormData): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = String(form.get(key) ?? '').trim();
    if (value) params.set(key, key === 'holderId' ? value.replace(/\s+/g, '') : value);
  }
  const limit = String(form.get('limit') ?? PAGE_SIZE);
  if (limit !== PAGE_SIZE) params.set('limit', limit);
  return params;
}

/**
 * What the page can tell before asking: the API checks these too, but answers them as a generic
 * validation failure, and the user deserves the reason next to the field, in their language.
 */
export function problemsOf(search: RegistrySearch): { readonly holderId: boolean; readonly name: boolean } {
  return {
    holderId: search.holderId !== undefined && !/^\d{12}$/.test(search.holderId),
    name: search.name !== undefined && search.name.length < 3,
  };
}

/** The number's typo (LICENCE_NUMBER_INVALID) belongs next to the number field; anything else above the results. */
export function numberError(error: unknown): string | undefined {
  return error instanceof ApiError && error.code === 'LICENCE_NUMBER_INVALID' ? error.message : undefined;
}
