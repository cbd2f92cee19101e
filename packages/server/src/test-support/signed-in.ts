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
    private readonly clock: () => Date,
    /** How long keys stay valid from the moment they are issued. */
    private readonly keyLifetimeMs: number,
  ) {}

  /**
   * A CA and sign-in whose "now" is the clock's — the real one by default, a virtual one for
   * journeys run in another year. `horizonDays` is how far ahead of "now" the CA, its CRL and its
   * keys stay valid (journeys move their clock on by weeks).
   */
  static async create(
    db: Kysely<DatabaseSchema>,
    options: { readonly clock?: () => Date; readonly horizonDays?: number } = {},
  ): Promise<TestSignIns> {
    const clock = options.clock ?? (() => new Date());
    const horizonMs = (options.horizonDays ?? 1) * 86_400_000;
    const now = clock().getTime();
    const ca = await CertificationAuthority.create({
      name: 'TEST NCA',
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + Math.max(365 * 86_400_000, 2 * horizonMs)),
    });
    const crl = await ca.crl(new Date(now - 3_600_000), new Date(now + horizonMs));
    const trust = { trustAnchors: [ca.root.certificate], revocation: [new CrlRevocation([crl])] };
    return new TestSignIns(ca, new SignIn(db, trust, clock), trust, clock, horizonMs);
  }

  /** A SIGN (or AUTH) key for the person, with the chain a signature carries. */
  async keyFor(
    person: Person,
    purpose: 'sign' | 'auth',
    employer?: Employer,
    /** Valid over these dates instead, for a test whose own clock is in another month. */
    validity?: { readonly notBefore: Date; readonly notAfter: Date },
  ): Promise<IssuedKey> {
    const now = this.clock().getTime();
    const key = await this.ca.issue({
      person,
      ...(employer ? { employer } : {}),
      purpose,
      ...(validity ?? { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + this.keyLifetimeMs) }),
    });
    return { ...key, chain: [this.ca.intermediate.certificate] };
  }

  /** A bearer token of a fresh session for the person (acting for the employer, if any). */
  async tokenFor(person: Person, employer?: Employer): Promise<string> {
    const now = this.clock().getTime();
    const key = await this.ca.issue({
      person,
      ...(employer ? { employer } : {}),
      purpose: 'auth',
      keyAlgorithm: 'ecdsaP256',
      notBefore: new Date(now - 3_600_000),
      notAfter: new Date(now + this.keyLifetimeMs),
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
