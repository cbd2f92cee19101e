import { randomBytes } from 'node:crypto';
import { CertificationAuthority, CrlRevocation, validateSignature } from '@ruqsat/pki';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { OfficialKeyError, OfficialKeyVault } from './official-key-vault.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const YEAR = 365 * 86_400_000;
const NOW = new Date('2026-03-02T05:00:00Z');

describe.each(TEST_DRIVERS)("officials' signing keys on %s", (driver) => {
  let store: Store;
  let ca: CertificationAuthority;
  const secret = randomBytes(32).toString('base64');
  beforeAll(async () => {
    store = await openTestStore(driver);
    ca = await CertificationAuthority.create({
      name: 'TEST NCA',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + 5 * YEAR),
    });
  });
  afterAll(async () => store.close());

  const issueFor = (iin: string) =>
    ca.issue({
      person: { iin, surname: 'ЖАҚСЫЛЫҚОВ', name: 'ЕРЛАН' },
      employer: { bin: '990740000019', name: 'КОМИТЕТ', role: 'signingRight' },
      purpose: 'sign',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });

  it('signs with the stored key, which the database holds only sealed', async () => {
    const vault = await OfficialKeyVault.open(store.db, secret, () => NOW);
    const key = await issueFor('850101300014');
    await vault.store('official-1', key);
    const licence = new TextEncoder().encode('licence No. 26012345 — casino');
    const signer = await vault.signerFor('official-1');
    const report = await validateSignature(licence, await signer.sign(licence, NOW), {
      trustAnchors: [ca.root.certificate],
      revocation: [new CrlRevocation([await ca.crl(T0, new Date(NOW.getTime() + 86_400_000))])],
      purpose: 'sign',
      at: NOW,
      expect: { bin: '990740000019' },
    });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signer?.roles).toEqual(['signingRight']);

    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key.privateKey));
    const { rows } = await sql<{ encrypted_key: Uint8Array }>`SELECT encrypted_key FROM official_keys`.execute(
      store.db,
    );
    for (const row of rows) expect(Buffer.from(row.encrypted_key).includes(pkcs8.subarray(-32))).toBe(false);
  });

  it('keeps one current key per official, and refuses to unseal with another secret or for another official', async () => {
    const vault = await OfficialKeyVault.open(store.db, secret, () => NOW);
    const renewed = await issueFor('850101300014');
    await vault.store('official-1', renewed);
    expect((await vault.signerFor('official-1')).certificate.serialNumber).toBe(renewed.certificate.serialNumber);

    const stranger = await OfficialKeyVault.open(store.db, randomBytes(32).toString('base64'));
    await expect(stranger.signerFor('official-1')).rejects.toThrow(OfficialKeyError);
    await expect(vault.signerFor('nobody')).rejects.toThrow(/has no signing key/);

    // A sealed key copied onto another official's row does not unseal: the owner is authenticated.
    await sql`INSERT INTO official_keys SELECT 'official-2', certificate_serial, certificate, chain, encrypted_key, iv, created_at, NULL
              FROM official_keys WHERE user_id = 'official-1' AND retired_at IS NULL`.execute(store.db);
    await expect(vault.signerFor('official-2')).rejects.toThrow(/does not unseal/);
    await expect(OfficialKeyVault.open(store.db, 'c2hvcnQ=')).rejects.toThrow(/32 bytes/);
  });
});
