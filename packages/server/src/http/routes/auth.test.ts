import { CertificationAuthority, CrlRevocation, type IssuedKey, signDetached } from '@ruqsat/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../../auth/sign-in.js';
import type { Store } from '../../store/store.js';
import { emptyCatalogue } from '../../test-support/test-catalogue.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import { buildApp } from '../app.js';
import type { ZodApp } from '../zod-app.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const YEAR = 365 * 86_400_000;
const person = { iin: '900517400013', surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' };

describe.each(TEST_DRIVERS)('sign-in by key on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let ca: CertificationAuthority;
  let auth: IssuedKey;
  let sign: IssuedKey;
  let revoked: IssuedKey;
  let employeeAuth: IssuedKey;
  let foreign: IssuedKey;
  let now = new Date('2026-03-02T05:00:00Z');

  beforeAll(async () => {
    store = await openTestStore(driver);
    ca = await CertificationAuthority.create({
      name: 'TEST NCA',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + 5 * YEAR),
    });
    const validity = { notBefore: T0, notAfter: new Date(T0.getTime() + YEAR) };
    auth = await ca.issue({ person, purpose: 'auth', ...validity });
    sign = await ca.issue({ person, purpose: 'sign', ...validity });
    revoked = await ca.issue({ person, purpose: 'auth', ...validity });
    employeeAuth = await ca.issue({
      person: { iin: '850101300014', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' },
      employer: { bin: '150740012345', name: 'ТОО «ALMATY GAMING»', role: 'signingRight' },
      purpose: 'auth',
      keyAlgorithm: 'ecdsaP256',
      ...validity,
    });
    ca.revoke(revoked.certificate.serialNumber, new Date('2026-02-01T00:00:00Z'));
    const other = await CertificationAuthority.create({
      name: 'OTHER CA',
      notBefore: T0,
      notAfter: new Date(T0.getTime() + YEAR),
    });
    foreign = await other.issue({ person, purpose: 'auth', ...validity });
    const crl = await ca.crl(new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    const signIn = new SignIn(
      store.db,
      { trustAnchors: [ca.root.certificate], revocation: [new CrlRevocation([crl])] },
      () => now,
    );
    app = await buildApp({
      store,
      catalogue: emptyCatalogue(),
      logLevel: 'silent',
      bodyLimitBytes: 65_536,
      readinessTimeoutMs: 2000,
      signIn,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function challenge(): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/challenge' });
    expect(response.statusCode).toBe(201);
    return response.json().nonce;
  }
  async function signedBy(key: IssuedKey, nonce: string): Promise<string> {
    const signature = await signDetached(
      new TextEncoder().encode(nonce),
      { ...key, chain: [...key.chain.slice(0, 1)] },
      now,
    );
    return Buffer.from(signature).toString('base64');
  }
  const signInWith = (nonce: string, signature: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { nonce, signature },
      headers: { 'accept-language': 'en' },
    });

  it('opens a session bound to the IIN of the AUTH key, and ends it on sign-out', async () => {
    const nonce = await challenge();
    const response = await signInWith(nonce, await signedBy(auth, nonce));
    expect(response.statusCode).toBe(200);
    const { token, holder } = response.json();
    expect(holder).toMatchObject({ iin: person.iin, bin: null, roles: [], name: 'ӘБІЛҚАЙЫРОВА АЙГЕРІМ' });
    const session = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.json()).toMatchObject({ iin: person.iin });
    await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([after.statusCode, after.json().error.code]).toEqual([401, 'SESSION_REQUIRED']);
  });

  it('binds an employee session to the BIN and the role in the certificate', async () => {
    const nonce = await challenge();
    const response = await signInWith(nonce, await signedBy(employeeAuth, nonce));
    expect(response.json().holder).toMatchObject({ iin: '850101300014', bin: '150740012345', roles: ['signingRight'] });
  });

  it('refuses each bad sign-in with its own reason', async () => {
    const code = async (make: () => Promise<[string, string]>) => {
      const [nonce, signature] = await make();
      const response = await signInWith(nonce, signature);
      return `${response.statusCode} ${response.json().error.code}`;
    };
    const replayed = await challenge();
    const replay = await signedBy(auth, replayed);
    expect((await signInWith(replayed, replay)).statusCode).toBe(200);
    expect(await code(async () => [replayed, replay])).toBe('401 SIGN_IN_CHALLENGE_USED');
    expect(await code(async () => ['A'.repeat(43), await signedBy(auth, 'A'.repeat(43))])).toBe(
      '401 SIGN_IN_CHALLENGE_UNKNOWN',
    );
    const late = await challenge();
    const lateSignature = await signedBy(auth, late);
    now = new Date(now.getTime() + 6 * 60_000);
    expect(await code(async () => [late, lateSignature])).toBe('401 SIGN_IN_CHALLENGE_EXPIRED');
    expect(
      await code(async () => {
        const n = await challenge();
        return [n, await signedBy(sign, n)];
      }),
    ).toBe('422 KEY_PURPOSE_MISMATCH');
    expect(
      await code(async () => {
        const n = await challenge();
        return [n, await signedBy(revoked, n)];
      }),
    ).toBe('422 CERTIFICATE_REVOKED');
    expect(
      await code(async () => {
        const n = await challenge();
        return [n, await signedBy(foreign, n)];
      }),
    ).toBe('422 CERTIFICATE_UNTRUSTED');
    const first = await challenge();
    const second = await challenge();
    expect(await code(async () => [second, await signedBy(auth, first)])).toBe('422 SIGNATURE_CONTENT_MISMATCH');
    expect(
      await code(async () => {
        const n = await challenge();
        return [n, Buffer.from('not a signature').toString('base64')];
      }),
    ).toBe('422 SIGNATURE_MALFORMED');
    const none = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'SESSION_REQUIRED']);
  });
});
