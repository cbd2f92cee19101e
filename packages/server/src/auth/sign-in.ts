import { createHash, randomBytes } from 'node:crypto';
import { RuqsatError } from '@ruqsat/core';
import { type RevocationSource, type SignerSummary, validateSignature, type X509Certificate } from '@ruqsat/pki';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';
import { KnownSessions } from './known-sessions.js';

export interface TrustSettings {
  readonly trustAnchors: readonly X509Certificate[];
  readonly revocation: readonly RevocationSource[];
}

export interface Session {
  readonly iin: string;
  readonly bin: string | null;
  readonly roles: readonly string[];
  readonly name: string;
  readonly expiresAt: Date;
}

const CHALLENGE_TTL_MS = 5 * 60_000;
const SESSION_TTL_MS = 8 * 3_600_000;

/**
 * Sign-in by key. A challenge is a random single-use nonce with a short expiry; the client signs
 * its UTF-8 bytes with the AUTH key (detached CMS). A signature that validates TOTAL_PASSED for
 * the purpose "auth" opens a session bound to the certificate's IIN, BIN and roles. Using the
 * nonce and opening the session happen in one transaction, so a replay can never open a second one.
 */
export class SignIn {
  /** Sessions read lately, for reads that confirm them in their own statement (`liveCondition`). */
  private readonly known = new KnownSessions();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly trust: TrustSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async challenge(): Promise<{ nonce: string; expiresAt: Date }> {
    const issuedAt = this.now();
    const nonce = randomBytes(32).toString('base64url');
    const expiresAt = new Date(issuedAt.getTime() + CHALLENGE_TTL_MS);
    await this.db
      .insertInto('sign_in_challenges')
      .values({ nonce, issued_at: issuedAt, expires_at: expiresAt })
      .execute();
    return { nonce, expiresAt };
  }

  /** Verifies the signed challenge; returns a bearer token (shown once) and the session. */
  async signIn(
    nonce: string,
    signature: Uint8Array,
  ): Promise<{ token: string; session: Session; signer: SignerSummary }> {
    const now = this.now();
    // The nonce is spent whatever the signature turns out to be: a failed try cannot be retried
    // with the same challenge. Spent in a transaction of its own, before the signature is checked:
    // the check may wait seconds on the CA's OCSP responder, and a connection held meanwhile is
    // one every other request waits for (the only one, on the embedded database).
    await this.db.transaction().execute(async (trx) => {
      const challenge = await trx
        .selectFrom('sign_in_challenges')
        .selectAll()
        .where('nonce', '=', nonce)
        .forUpdate()
        .executeTakeFirst();
      if (!challenge) throw new RuqsatError('SIGN_IN_CHALLENGE_UNKNOWN');
      if (challenge.used_at !== null) throw new RuqsatError('SIGN_IN_CHALLENGE_USED');
      if (challenge.expires_at <= now) throw new RuqsatError('SIGN_IN_CHALLENGE_EXPIRED');
      await trx.updateTable('sign_in_challenges').set({ used_at: now }).where('nonce', '=', nonce).execute();
    });

    const report = await validateSignature(new TextEncoder().encode(nonce), signature, {
      trustAnchors: this.trust.trustAnchors,
      revocation: this.trust.revocation,
      purpose: 'auth',
      at: now,
    });
    const signer = report.signer;
    if (report.indication !== 'TOTAL_PASSED' || !signer?.iin) {
      throw new RuqsatError(report.errorCode ?? 'SIGNER_MISMATCH', {
        indication: report.indication,
        subIndication: report.subIndication,
      });
    }
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash,
        iin: signer.iin,
        bin: signer.bin,
        roles: JSON.stringify(signer.roles),
        holder_name: signer.commonName,
        certificate_serial: signer.serialNumber,
        certificate_issuer: signer.issuer,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    const session = { iin: signer.iin, bin: signer.bin, roles: signer.roles, name: signer.commonName, expiresAt };
    this.known.remember(tokenHash, session);
    return { token, session, signer };
  }

  /** The session a bearer token opens, or SESSION_REQUIRED. */
  async session(token: string | undefined): Promise<Session> {
    if (!token) throw new RuqsatError('SESSION_REQUIRED');
    return this.sessionByHash(hashToken(token));
  }

  /**
   * The session of a token as this instance last read it, without asking the database: not proof
   * that it is still live. Whoever acts on it must carry `liveCondition` into its own statement.
   */
  remembered(token: string | undefined): { readonly tokenHash: string; readonly session: Session } | undefined {
    if (!token) return undefined;
    const tokenHash = hashToken(token);
    const session = this.known.get(tokenHash, this.now());
    return session && { tokenHash, session };
  }

  /**
   * Holds only while the session is live — not ended (on any instance) and not expired: a read
   * whose WHERE carries it returns nothing once the session is over. PostgreSQL evaluates it once
   * per statement (it refers to nothing of the outer rows).
   */
  liveCondition(tokenHash: string): Expression<SqlBool> {
    return sql<SqlBool>`exists (select 1 from sessions where token_hash = ${tokenHash} and ended_at is null and expires_at > ${this.now()})`;
  }

  /** For a read under `liveCondition` that found nothing: the session asked on its own. */
  async confirm(tokenHash: string): Promise<void> {
    await this.sessionByHash(tokenHash);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    const tokenHash = hashToken(token);
    this.known.forget(tokenHash);
    await this.db.updateTable('sessions').set({ ended_at: this.now() }).where('token_hash', '=', tokenHash).execute();
  }

  private async sessionByHash(tokenHash: string): Promise<Session> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row || row.ended_at !== null || row.expires_at <= this.now()) {
      this.known.forget(tokenHash);
      throw new RuqsatError('SESSION_REQUIRED');
    }
    const session = { iin: row.iin, bin: row.bin, roles: row.roles, name: row.holder_name, expiresAt: row.expires_at };
    this.known.remember(tokenHash, session);
    return session;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
