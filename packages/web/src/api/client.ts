import { currentLanguage } from '../i18n/i18n';
import { ApiError, errorOf, NetworkError } from './api-error';

/** Where the session's bearer token lives: this tab only, gone when it closes. */
const TOKEN_KEY = 'ruqsat.token';

export const sessionToken = {
  get: (): string | null => window.sessionStorage.getItem(TOKEN_KEY),
  set: (token: string | null) =>
    token === null ? window.sessionStorage.removeItem(TOKEN_KEY) : window.sessionStorage.setItem(TOKEN_KEY, token),
};

/** The workspaces of staff, each acting for one organisation when a person has several posts of that kind. */
export type Workspace = 'office' | 'centre' | 'admin';

/**
 * The organisation a person acts for in each workspace (the API's x-ruqsat-organisation), kept per
 * workspace: an official who is also an operator acts for their authority in the back office and
 * for their centre at the desk.
 */
export const actingOrganisation = {
  get: (workspace: Workspace): string | null => window.sessionStorage.getItem(`ruqsat.organisation.${workspace}`),
  set: (workspace: Workspace, id: string | null) =>
    id === null
      ? window.sessionStorage.removeItem(`ruqsat.organisation.${workspace}`)
      : window.sessionStorage.setItem(`ruqsat.organisation.${workspace}`, id),
};

/** The workspace an API path belongs to, whose organisation its request names. */
function workspaceOf(path: string): Workspace | null {
  const match = path.match(/^\/(office|centre|admin)\//);
  return match ? (match[1] as Workspace) : null;
}

/**
 * Forgets everything this tab kept for the person who was signed in (their token, the organisations
 * they acted for, a walk-in intake in progress with someone's IIN): a centre's computer is shared.
 */
export function forgetSignedInState(): void {
  for (const key of Object.keys(window.sessionStorage)) {
    if (key.startsWith('ruqsat.')) window.sessionStorage.removeItem(key);
  }
}

/** Whoever listens is told when the API says the session is over (401), to show the sign-in page. */
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function headersFor(path: string, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), ...extra };
  const token = sessionToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  const workspace = workspaceOf(path);
  const organisation = workspace ? actingOrganisation.get(workspace) : null;
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
      headers: headersFor(path, hasBody ? { 'content-type': 'application/json' } : {}),
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
    for (const [name, value] of Object.entries(headersFor(path, { 'content-type': 'application/octet-stream' }))) {
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
