import './reflect.js';
import * as x509 from '@peculiar/x509';

/** What a revocation source says about one certificate at one instant. */
export type RevocationAnswer =
  | { readonly status: 'good'; readonly source: string }
  | { readonly status: 'revoked'; readonly source: string; readonly revokedAt: Date; readonly reason: string }
  /** The source could not say: unreachable, no CRL of that issuer, stale, or badly signed. */
  | { readonly status: 'no_answer'; readonly source: string; readonly why: string };

export interface RevocationSource {
  readonly name: string;
  status(certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<RevocationAnswer>;
}

/**
 * Revocation from CRLs the caller has (downloaded from the distribution point, or given on the
 * command line). A CRL counts only when its issuer's signature verifies and `at` falls between
 * its thisUpdate and nextUpdate; otherwise it gives no answer rather than a false "good".
 */
export class CrlRevocation implements RevocationSource {
  readonly name = 'crl';

  constructor(private readonly crls: readonly x509.X509Crl[]) {}

  async status(certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<RevocationAnswer> {
    const candidates = this.crls.filter((crl) => crl.issuerName.toString() === issuer.subjectName.toString());
    if (candidates.length === 0) return { status: 'no_answer', source: this.name, why: `no CRL of ${issuer.subject}` };
    for (const crl of candidates) {
      if (!(await crl.verify({ publicKey: issuer.publicKey }))) continue;
      if (crl.thisUpdate > at || (crl.nextUpdate !== undefined && crl.nextUpdate < at)) continue;
      const entry = crl.findRevoked(certificate);
      if (!entry) return { status: 'good', source: this.name };
      return {
        status: 'revoked',
        source: this.name,
        revokedAt: entry.revocationDate,
        reason: x509.X509CrlReason[entry.reason ?? x509.X509CrlReason.unspecified] ?? 'unspecified',
      };
    }
    return { status: 'no_answer', source: this.name, why: 'no CRL of the issuer is valid and current at that time' };
  }
}

/** Asks each source in order (OCSP first, then CRL) and keeps the first real answer. */
export async function revocationStatus(
  sources: readonly RevocationSource[],
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
  at: Date,
): Promise<RevocationAnswer> {
  const silent: string[] = [];
  for (const source of sources) {
    const answer = await source.status(certificate, issuer, at).catch(
      (error: unknown): RevocationAnswer => ({
        status: 'no_answer',
        source: source.name,
        why: error instanceof Error ? error.message : String(error),
      }),
    );
    if (answer.status !== 'no_answer') return answer;
    silent.push(`${answer.source}: ${answer.why}`);
  }
  return {
    status: 'no_answer',
    source: sources.map((s) => s.name).join('+') || 'none',
    why: silent.join('; ') || 'no revocation source configured',
  };
}

/**
 * Remembers a source's real answers (good or revoked; never silence) for `ttlMs`, and asks once for
 * many callers waiting on the same certificate — as OCSP clients cache responses (RFC 5019 §6). A
 * revocation newer than the cached answer is seen once it expires: the price of not asking the CA
 * about every signature.
 */
export class CachedRevocation implements RevocationSource {
  readonly name: string;
  readonly #answers = new Map<string, { readonly answer: RevocationAnswer; readonly until: number }>();
  readonly #asking = new Map<string, Promise<RevocationAnswer>>();

  constructor(
    private readonly source: RevocationSource,
    private readonly options: { readonly ttlMs: number; readonly maxEntries?: number; readonly now?: () => number },
  ) {
    this.name = source.name;
  }

  async status(certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date): Promise<RevocationAnswer> {
    const now = this.options.now?.() ?? Date.now();
    // Only answers about the present are cached; a question about another instant goes through.
    if (Math.abs(at.getTime() - now) > this.options.ttlMs) return this.source.status(certificate, issuer, at);
    const key = `${issuer.subject}\n${certificate.serialNumber}`;
    const cached = this.#answers.get(key);
    if (cached && cached.until > now) return cached.answer;
    const asking = this.#asking.get(key);
    if (asking) return asking;
    const question = this.source.status(certificate, issuer, at).finally(() => this.#asking.delete(key));
    this.#asking.set(key, question);
    const answer = await question;
    if (answer.status !== 'no_answer') this.#remember(key, answer, now);
    return answer;
  }

  #remember(key: string, answer: RevocationAnswer, now: number): void {
    this.#answers.delete(key);
    this.#answers.set(key, { answer, until: now + this.options.ttlMs });
    // A Map keeps insertion order: the first key is the oldest answer.
    if (this.#answers.size > (this.options.maxEntries ?? 10_000)) {
      const oldest = this.#answers.keys().next().value;
      if (oldest !== undefined) this.#answers.delete(oldest);
    }
  }
}
