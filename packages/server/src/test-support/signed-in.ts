import {
  CertificationAuthority,
  CrlRevocation,
  type Employer,
  type IssuedKey,
  type Person,
  signDetached,
} from '@ruqsat/pki';
import type { Kysely } from 'kysely';
import { SignIn, type TrustSettings } from '../auth/sign-in.js';
import type { DatabaseSchema } from '../store/schema.js';

/**
 * Real sessions for route tests: a test CA issues each principal an AUTH key, and the session is
 * opened through SignIn exactly as the sign-in route does it — challenge, detached CMS, validation.
 */
export class TestSignIns {
  private constructor(
    readonly ca: CertificationAuthority,
    readonly signIn: SignIn,
    /** The trust the sign-ins use: this CA, with a current CRL; for validating signatures too. */
    readonly trust: TrustSettings,
  ) {}

  static async create(db: Kysely<DatabaseSchema>): Promise<TestSignIns> {
    const now = Date.now();
    const ca = await CertificationAuthority.create({
      name: 'TEST NCA',
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 365 * 86_400_000),
    });
    const crl = await ca.crl(new Date(now - 3_600_000), new Date(now + 86_400_000));
    const trust = { trustAnchors: [ca.root.certificate], revocation: [new CrlRevocation([crl])] };
    return new TestSignIns(ca, new SignIn(db, trust), trust);
  }

  /** A SIGN (or AUTH) key for the person, with the chain a signature carries. */
  async keyFor(person: Person, purpose: 'sign' | 'auth', employer?: Employer): Promise<IssuedKey> {
    const now = Date.now();
    const key = await this.ca.issue({
      person,
      ...(employer ? { employer } : {}),
      purpose,
      notBefore: new Date(now - 3_600_000),
      notAfter: new Date(now + 86_400_000),
    });
    return { ...key, chain: [this.ca.intermediate.certificate] };
  }

  /** A bearer token of a fresh session for the person (acting for the employer, if any). */
  async tokenFor(person: Person, employer?: Employer): Promise<string> {
    const now = Date.now();
    const key = await this.ca.issue({
      person,
      ...(employer ? { employer } : {}),
      purpose: 'auth',
      keyAlgorithm: 'ecdsaP256',
      notBefore: new Date(now - 3_600_000),
      notAfter: new Date(now + 86_400_000),
    });
    const { nonce } = await this.signIn.challenge();
    const signature = await signDetached(
      new TextEncoder().encode(nonce),
      { ...key, chain: [this.ca.intermediate.certificate] },
      new Date(now - 1000),
    );
    return (await this.signIn.signIn(nonce, signature)).token;
  }
}
