import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Temporal } from '@ruqsat/core';
import { CertificationAuthority, CrlRevocation, fromPkcs12, signDetached } from '@ruqsat/pki';
import { Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../auth/sign-in.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import { openTestStore } from '../test-support/test-store.js';
import { openTestVault } from '../test-support/test-vault.js';
import { seedDemo } from './demo-seed.js';

describe('the demo data', () => {
  let store: Store;
  let dir: string;
  let ca: CertificationAuthority;
  const now = Temporal.Now.instant();

  beforeAll(async () => {
    store = await openTestStore('pglite');
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-demo-'));
    ca = await CertificationAuthority.create({
      name: 'DEMO TEST NCA',
      notBefore: new Date(now.epochMilliseconds - 86_400_000),
      notAfter: new Date(now.epochMilliseconds + 3 * 365 * 86_400_000),
    });
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true });
  });

  it('makes people with working keys and applications in every state, once', { timeout: 180_000 }, async () => {
    const deps = {
      catalogue: await loadCatalogue(),
      legalTime: await loadLegalTime(),
      ca,
      vault: await openTestVault(store.db),
    };
    const keys = { algorithm: 'ecdsaP256' as const, pkcs12Iterations: 2048 };
    const summary = await seedDemo(store.db, deps, { dir, applications: 36, now, keys });
    expect(summary).not.toBeNull();
    expect(Object.keys(summary?.applications ?? {})).toEqual(
      expect.arrayContaining(['in_progress', 'waiting_applicant', 'licence', 'motivated_refusal', 'withdrawn']),
    );
    const total = Object.values(summary?.applications ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(36);
    expect(
      Number(
        (
          await store.db
            .selectFrom('applications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(36);

    // Every role of every authority has its official; the centres their operators; the ministry its administrator.
    const posts = await store.db.selectFrom('staff_members').select(['organisation_id', 'roles']).execute();
    for (const regulation of deps.catalogue.list()) {
      for (const role of regulation.roles.filter((r) => r.kind === 'authority')) {
        expect(
          posts.some((p) => p.organisation_id === regulation.authority.id && p.roles.includes(role.id)),
          `${regulation.id} ${role.id}`,
        ).toBe(true);
      }
    }
    expect(posts.filter((p) => p.roles.includes('service_centre_operator'))).toHaveLength(4);
    expect(posts.filter((p) => p.roles.includes('administrator'))).toHaveLength(1);

    // The applicant's AUTH key file opens with its password and signs in.
    const folder = path.join(dir, 'applicant');
    const files = await readdir(folder);
    const password = (await readFile(path.join(folder, 'password.txt'), 'utf8')).trim();
    const auth = await fromPkcs12(
      await readFile(path.join(folder, files.find((f) => f.startsWith('AUTH_')) ?? '')),
      password,
    );
    const crl = await ca.crl(new Date(now.epochMilliseconds - 3_600_000), new Date(now.epochMilliseconds + 86_400_000));
    const signIn = new SignIn(store.db, {
      trustAnchors: [ca.root.certificate],
      revocation: [new CrlRevocation([crl])],
    });
    const { nonce } = await signIn.challenge();
    const signature = await signDetached(
      new TextEncoder().encode(nonce),
      { ...auth, chain: [ca.intermediate.certificate] },
      new Date(),
    );
    expect((await signIn.signIn(nonce, signature)).session.iin).toBe(Fixtures.demoPerson);
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toContain('TEST KEYS');

    // Every official of an authority can sign what they decide: their SIGN key is in the vault.
    const officials = await store.db
      .selectFrom('staff_members as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select('s.iin')
      .where('o.kind', '=', 'authority')
      .execute();
    expect(officials.length).toBeGreaterThan(10);
    for (const { iin } of officials) expect(await deps.vault.certificateOf(iin)).not.toBeNull();

    expect(await seedDemo(store.db, deps, { dir, applications: 36, now, keys })).toBeNull();
  });

  it('says so when an earlier seeding stopped half-way, rather than taking it for done', async () => {
    const halfway = await openTestStore('pglite');
    try {
      const vault = await openTestVault(halfway.db);
      const deps = { catalogue: await loadCatalogue(), legalTime: await loadLegalTime(), ca, vault };
      await halfway.db
        .insertInto('organisations')
        .values({ id: 'ministry', kind: 'ministry', name: JSON.stringify({ kk: 'м', ru: 'м', en: 'm' }) })
        .execute();
      await expect(seedDemo(halfway.db, deps, { dir, applications: 1, now })).rejects.toThrow(/stopped half-way/);
    } finally {
      await halfway.close();
    }
  });
});
