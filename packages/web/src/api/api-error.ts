/**
 * An error the API answered, in its envelope `{ error: { code, message, details? } }`. The message
 * is already in the user's language (the client sends Accept-Language); the code is stable, so a
 * screen may place the error next to the field it concerns (`details.field`, `details.issues`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The error of one form field, when the API named it. */
  fieldMessage(field: string): string | undefined {
    if (this.details.field === field) return this.message;
    const issues = this.details.issues;
    if (!Array.isArray(issues)) return undefined;
    const issue = issues.find((i: { path?: unknown; field?: unknown }) => i.field === field || i.path === field);
    return issue && typeof issue.message === 'string' ? issue.message : undefined;
  }
}

/** The network failed or the answer was not the API's: said in the user's language by the caller. */
export class NetworkError extends Error {
  constructor(override readonly cause: unknown) {
    super('network');
    this.name = 'NetworkError';
  }
}

export async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: object } };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? body.error.code,
        (body.error.details ?? {}) as Record<string, unknown>,
      );
    }
  } catch {
    // Not the envelope: fall through to the status alone.
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}
