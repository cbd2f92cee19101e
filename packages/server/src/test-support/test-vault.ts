import type { Person } from '@ruqsat/pki';
import type { Kysely } from 'kysely';
import { OfficialKeyVault } from '../signing/official-key-vault.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { TestSignIns } from './signed-in.js';

/** A clearly-marked test secret: 32 bytes of the letter T. Never a deployment's. */
export const TEST_KEYS_SECRET = Buffer.alloc(32, 'T').toString('base64');

/** Officials' keys for tests, sealed under the test secret. */
export function openTestVault(db: Kysely<DatabaseSchema>): Promise<OfficialKeyVault> {
  return OfficialKeyVault.open(db, TEST_KEYS_SECRET);
}

/** Where test documents' QR codes point. */
export const TEST_PUBLIC_URL = 'https://ruqsat.test';

/**
 * Gives an official a SIGN key from the test CA, sealed in the vault as a registration would; valid
 * around the signers' clock, or over `validity` for a test whose clock is in another month.
 */
export async function giveSigningKey(
  vault: OfficialKeyVault,
  signIns: TestSignIns,
  person: Person,
  validity?: { readonly notBefore: Date; readonly notAfter: Date },
): Promise<void> {
  const key = await signIns.keyFor(person, 'sign', undefined, validity);
  await vault.store(person.iin, key);
}
