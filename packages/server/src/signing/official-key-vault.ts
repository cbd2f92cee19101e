import { webcrypto } from 'node:crypto';
import {
  bufferOf,
  type DocumentSigner,
  type IssuedKey,
  importPrivateKeyFor,
  softwareSigner,
  X509Certificate,
} from '@ruqsat/pki';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { DatabaseSchema } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-values.js';

export class OfficialKeyError extends Error {
  override readonly name = 'OfficialKeyError';
}

/**
 * Officials' SIGN keys, kept encrypted at rest. The key-encryption key comes from the deployment
 * (a 32-byte secret outside the database); each PKCS#8 is sealed with AES-256-GCM, its owner and
 * certificate serial as authenticated data. Keys are decrypted only to sign, into non-extractable
 * WebCrypto keys. A hardware module would replace this class behind DocumentSigner. A key is the
 * person's, whatever post they sign in: rows are owned by the official's IIN (column `user_id`).
 */
export class OfficialKeyVault {
  private constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly kek: webcrypto.CryptoKey,
    private readonly now: () => Date,
  ) {}

  /** `secret`: the key-encryption key, 32 bytes in base64. */
  static async open(
    db: Kysely<DatabaseSchema>,
    secret: string,
    now: () => Date = () => new Date(),
  ): Promise<OfficialKeyVault> {
    const bytes = Buffer.from(secret, 'base64');
    if (bytes.length !== 32) throw new OfficialKeyError('the key-encryption secret must be 32 bytes in base64');
    const kek = await webcrypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return new OfficialKeyVault(db, kek, now);
  }

  /**
   * Stores an official's key (its private key must be extractable once, to be sealed) as their
   * current one, retiring the previous; the same certificate registered again replaces its own row.
   * Audited as `signing_key.registered` by `actor`, in the same transaction.
   */
  async store(ownerIin: string, key: IssuedKey, actor = 'system'): Promise<void> {
    const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key.privateKey));
    const iv = webcrypto.getRandomValues(new Uint8Array(12));
    const serial = key.certificate.serialNumber;
    const sealed = new Uint8Array(
      await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(ownerIin, serial) }, this.kek, pkcs8),
    );
    pkcs8.fill(0);
    const now = this.now();
    const sealedRow = {
      chain: key.chain.map((c) => new Uint8Array(c.rawData)),
      encrypted_key: sealed,
      iv,
      created_at: now,
    };
    const write = () =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('official_keys')
          .set({ retired_at: now })
          .where('user_id', '=', ownerIin)
          .where('retired_at', 'is', null)
          .where('certificate_serial', '!=', serial)
          .execute();
        await trx
          .insertInto('official_keys')
          .values({
            user_id: ownerIin,
            certificate_serial: serial,
            certificate: new Uint8Array(key.certificate.rawData),
            ...sealedRow,
          })
          .onConflict((oc) =>
            oc.columns(['user_id', 'certificate_serial']).doUpdateSet({ ...sealedRow, retired_at: null }),
          )
          .execute();
        await appendAudit(
          trx,
          { actor, action: 'signing_key.registered', subject: ownerIin, details: { certificateSerial: serial } },
          now,
        );
      });
    // Two registrations of one official at once: the second finds the first's key current and
    // retires it on its second try, so the last to finish is the key in use.
    await write().catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      return write();
    });
  }

  /** The certificate of the official's current key, or null when they have none. */
  async certificateOf(ownerIin: string): Promise<X509Certificate | null> {
    const row = await this.db
      .selectFrom('official_keys')
      .select('certificate')
      .where('user_id', '=', ownerIin)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return row ? new X509Certificate(bufferOf(row.certificate)) : null;
  }

  /** The official's current signer; fails when there is none or it cannot be unsealed. */
  async signerFor(ownerIin: string): Promise<DocumentSigner> {
    const row = await this.db
      .selectFrom('official_keys')
      .selectAll()
      .where('user_id', '=', ownerIin)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new OfficialKeyError(`official ${ownerIin} has no signing key`);
    const certificate = new X509Certificate(bufferOf(row.certificate));
    let pkcs8: Uint8Array;
    try {
      pkcs8 = new Uint8Array(
        await webcrypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bufferOf(row.iv), additionalData: aad(ownerIin, row.certificate_serial) },
          this.kek,
          bufferOf(row.encrypted_key),
        ),
      );
    } catch {
      throw new OfficialKeyError(
        `the signing key of ${ownerIin} does not unseal: wrong key-encryption secret or a moved row`,
      );
    }
    try {
      const privateKey = await importPrivateKeyFor(certificate, pkcs8);
      return softwareSigner({ privateKey, certificate, chain: row.chain.map((c) => new X509Certificate(bufferOf(c))) });
    } finally {
      pkcs8.fill(0);
    }
  }
}

function aad(ownerIin: string, serial: string): Uint8Array {
  return new TextEncoder().encode(`ruqsat-official-key\n${ownerIin}\n${serial}`);
}
