import { currentLanguage } from '../i18n/i18n';
import { ApiError, errorOf, NetworkError } from './api-error';

/** Where the session's bearer token lives: this tab only, gone when it closes. */
const TOKEN_KEY = 'ruqsat.token';
/** The organisation a person with several posts acts for (the API's x-ruqsat-organisation). */
const ORGANISATION_KEY = 'ruqsat.organisation';

export const sessionToken = {
  get: (): string | null => window.sessionStorage.getItem(TOKEN_KEY),
  set: (token: string | null) =>
    token === null ? window.sessionStorage.removeItem(TOKEN_KEY) : window.sessionStorage.setItem(TOKEN_KEY, token),
};

export const actingOrganisation = {
  get: (): string | null => window.sessionStorage.getItem(ORGANISATION_KEY),
  set: (id: string | null) =>
    id === null
      ? window.sessionStorage.removeItem(ORGANISATION_KEY)
      : window.sessionStorage.setItem(ORGANISATION_KEY, id),
};

/** Whoever listens is told when the API says the session is over (401), to show the sign-in page. */
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function headersFor(extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), ...extra };
  const token = sessionToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  const organisation = actingOrganisation.get();
  if (organisation) headers['x-ruqsat-organisation'] = organisation;
  return headers;
}

export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** `/api/v1` + path + the query's defined values. */
export function apiUrl(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const suffix = search.toString();
  return `/api/v1${path}${suffix ? `?${suffix}` : ''}`;
}

async function send(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<Response> {
  const hasBody = init.body !== undefined;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, init.query), {
      method,
      headers: headersFor(hasBody ? { 'content-type': 'application/json' } : {}),
      body: hasBody ? JSON.stringify(init.body) : null,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && sessionToken.get()) for (const listener of sessionEndedListeners) listener();
    throw error;
  }
  return response;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> => json<T>(await send('GET', path, { query })),
  post: async <T>(path: string, body: unknown = {}): Promise<T> => json<T>(await send('POST', path, { body })),
  put: async <T>(path: string, body: unknown): Promise<T> => json<T>(await send('PUT', path, { body })),
  delete: async (path: string): Promise<void> => {
    await send('DELETE', path);
  },
  /** The raw bytes of an answer (a PDF to open or save). */
  bytes: async (path: string): Promise<Blob> => (await send('GET', path)).blob(),
  text: async (path: string): Promise<string> => (await send('GET', path)).text(),
};

/**
 * Uploads a file as the raw body, reporting progress as a fraction (fetch cannot report upload
 * progress; XMLHttpRequest can). Answers the API's JSON, or throws its error.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl(path));
    for (const [name, value] of Object.entries(headersFor({ 'content-type': 'application/octet-stream' }))) {
      request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.onload = () => {
      const response = new Response(request.responseText, {
        status: request.status,
        headers: { 'content-type': request.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(JSON.parse(request.responseText || 'null') as T);
      } else {
        errorOf(response).then(reject, reject);
      }
    };
    request.send(file);
  });
}

export { ApiError, NetworkError };
