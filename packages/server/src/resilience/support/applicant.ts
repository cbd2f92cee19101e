import { randomUUID } from 'node:crypto';
import type { Employer, IssuedKey, Person } from '@ruqsat/pki';
import { sleep } from './server-process.js';
import { signedBase64 } from './test-pki.js';

/** A casino licence asked for by the demo company: the portal's full path, payment included. */
const SERVICE = { serviceId: 'casino', requestKind: 'issue', forCompany: true } as const;
const FORM = {
  casinoName: 'Алтын Орда',
  casinoAddress: 'Алматы қ., Жібек жолы көшесі, 50',
  gamingTables: 12,
  contactPhone: '+77012345678',
} as const;

export interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** No answer at all: the connection was refused, reset or timed out (the server was killed). */
export class NoAnswer extends Error {}

/** One HTTP call as a browser makes it, in Russian, with a bearer token when there is one. */
export async function call(
  baseUrl: string,
  method: string,
  url: string,
  options: { readonly token?: string; readonly body?: unknown; readonly timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url.startsWith('http') ? url : `${baseUrl}${url}`, {
      method,
      headers: {
        'accept-language': 'ru',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new NoAnswer(`${method} ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text().catch(() => {
    throw new NoAnswer(`${method} ${url}: the answer broke off`);
  });
  let body: Record<string, unknown> = {};
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

/** Signs in with the AUTH key: challenge, detached CMS over the nonce, bearer token. */
export async function signIn(baseUrl: string, authKey: IssuedKey): Promise<string> {
  const challenge = await call(baseUrl, 'POST', '/api/v1/auth/challenge');
  if (challenge.status !== 201) throw new Error(`challenge: ${JSON.stringify(challenge)}`);
  const nonce = String(challenge.body.nonce);
  const answer = await call(baseUrl, 'POST', '/api/v1/auth/sign-in', {
    body: { nonce, signature: await signedBase64(authKey, nonce) },
  });
  if (answer.status !== 200) throw new Error(`sign-in: ${JSON.stringify(answer)}`);
  return String(answer.body.token);
}

/**
 * One application on its way from draft to acknowledged submission. Each `advance` does the next
 * step not yet answered; a step the server never answered (it was killed) is simply done again,
 * and the submission is repeated with the same client transaction id, as a browser retries.
 */
export class ApplicationAttempt {
  draftId: string | null = null;
  #paid = false;
  #signature: string | null = null;
  readonly transactionId = `resilience-${randomUUID()}`;
  /** The server's 201 to the submission: the client was told the application is registered. */
  acknowledged: { readonly applicationId: string } | null = null;
  /** Submissions the server never answered (killed, or cut off from its database): sent again. */
  unanswered = 0;

  constructor(
    private readonly signKey: IssuedKey,
    private readonly token: () => string,
  ) {}

  /** Does the next step; returns when the submission is acknowledged or a step got no answer. */
  async advance(baseUrl: string): Promise<void> {
    const as = { token: this.token() };
    if (this.draftId === null) {
      const created = expectStatus(await call(baseUrl, 'POST', '/api/v1/drafts', { ...as, body: SERVICE }), 201);
      this.draftId = String(created.id);
    }
    const draftUrl = `/api/v1/drafts/${this.draftId}`;
    if (!this.#paid) {
      expectStatus(await call(baseUrl, 'PUT', `${draftUrl}/form`, { ...as, body: { form: FORM } }), 200);
      const invoice = expectStatus(await call(baseUrl, 'POST', `${draftUrl}/invoice`, as), [200, 201]);
      // The sandbox's payment page, in the test process: it never dies, and paying twice would pay twice.
      expectStatus(await call(baseUrl, 'POST', String(invoice.paymentUrl)), [200, 201, 302, 303]);
      this.#paid = true;
    }
    if (this.#signature === null) {
      const request = expectStatus(await call(baseUrl, 'GET', `${draftUrl}/request`, as), 200);
      this.#signature = await signedBase64(this.signKey, String(request.canonical));
    }
    const submitted = await call(baseUrl, 'POST', `${draftUrl}/submit`, {
      ...as,
      body: { transactionId: this.transactionId, signature: this.#signature },
    }).catch((error: unknown) => {
      if (error instanceof NoAnswer) this.unanswered++;
      throw error;
    });
    this.acknowledged = { applicationId: String(expectStatus(submitted, 201).applicationId) };
  }
}

/** A client that signs in again whenever it finds its session gone (sessions live in the database). */
export class Applicant {
  #token: string | null = null;

  private constructor(
    private readonly authKey: IssuedKey,
    readonly signKey: IssuedKey,
  ) {}

  static async create(
    keys: (person: Person, purpose: 'sign' | 'auth', employer?: Employer) => Promise<IssuedKey>,
    person: Person,
    employer: Employer,
  ): Promise<Applicant> {
    return new Applicant(await keys(person, 'auth', employer), await keys(person, 'sign', employer));
  }

  get token(): string {
    if (this.#token === null) throw new Error('not signed in');
    return this.#token;
  }

  async ensureSignedIn(baseUrl: string): Promise<void> {
    if (this.#token === null) this.#token = await signIn(baseUrl, this.authKey);
  }

  attempt(): ApplicationAttempt {
    return new ApplicationAttempt(this.signKey, () => this.token);
  }
}

/** The answer's body when its status is one of those expected; otherwise an error naming both. */
export function expectStatus(answer: HttpAnswer, expected: number | readonly number[]): Record<string, unknown> {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (!allowed.includes(answer.status)) {
    throw new UnexpectedAnswer(
      answer,
      `expected ${allowed.join('/')}, got ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

export class UnexpectedAnswer extends Error {
  constructor(
    readonly answer: HttpAnswer,
    message: string,
  ) {
    super(message);
  }
}

/** The error code of an answer the client did not expect, when it carries one. */
export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof UnexpectedAnswer
    ? (error.answer.body.error as { code?: string } | undefined)?.code
    : undefined;
}

/** How a patient client takes the answers that are not the one it waits for. */
export interface Patience {
  /** Error codes that mean "not yet" (unpaid until the payment is seen, a database coming back…). */
  readonly notYet: readonly string[];
  /** No answer at all: the server is gone for this round (`stop`), will be back (`retry`), or should never go (`fail`). */
  readonly onNoAnswer: 'stop' | 'retry' | 'fail';
  /** How many times a "not yet" is asked again before the test fails. */
  readonly tries: number;
}

/**
 * Moves an application on as a patient person does: a "not yet" is asked again a moment later,
 * any other unexpected answer fails the test. While a step is on its way the attempt is in
 * `inFlight`, so a test can tell whether its server was killed at work.
 */
export async function advancePatiently(
  attempt: ApplicationAttempt,
  baseUrl: string,
  patience: Patience,
  inFlight?: Set<ApplicationAttempt>,
): Promise<void> {
  for (let tries = 0; ; tries++) {
    inFlight?.add(attempt);
    try {
      await attempt.advance(baseUrl);
      return;
    } catch (error) {
      const noAnswer = error instanceof NoAnswer;
      if (noAnswer && patience.onNoAnswer === 'stop') return;
      const notYet = noAnswer ? patience.onNoAnswer === 'retry' : patience.notYet.includes(errorCodeOf(error) ?? '');
      if (!notYet || tries >= patience.tries) throw error;
    } finally {
      inFlight?.delete(attempt);
    }
    await sleep(100);
  }
}
