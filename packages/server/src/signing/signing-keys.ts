import { type ErrorCode, RuqsatError } from '@ruqsat/core';
import { fromPkcs12, signDetached, validateSignature } from '@ruqsat/pki';
import type { TrustSettings } from '../auth/sign-in.js';
import { type StaffMember, staffUserId } from '../staff/staff-directory.js';
import type { OfficialKeyVault } from './official-key-vault.js';

/** What an official sees of the key they sign results with. */
export interface SigningKeyStatus {
  readonly registered: boolean;
  readonly subject?: string;
  readonly serialNumber?: string;
  readonly notAfter?: string;
}

/**
 * Officials register their own SIGN key (their PKCS#12 file and its password) once, and then sign
 * results with it. The key is accepted only when it would make a valid signature today: it is
 * opened, made to sign a probe, and that signature is validated like any other — chain to a
 * trusted CA, validity, revocation, the signing purpose, and the official's own IIN — so a key that
 * is someone else's, expired, revoked or for sign-in only never signs a licence.
 */
export class SigningKeys {
  constructor(
    private readonly vault: OfficialKeyVault,
    private readonly trust: TrustSettings,
    private readonly now: () => Date,
  ) {}

  async register(member: StaffMember, keyFile: Uint8Array, password: string): Promise<SigningKeyStatus> {
    const key = await fromPkcs12(keyFile, password, { extractable: true }).catch((error: unknown) => {
      if (error instanceof RuqsatError) throw rejected(error.code);
      throw error;
    });
    const probe = new TextEncoder().encode(
      `ruqsat signing-key registration\n${member.iin}\n${this.now().toISOString()}`,
    );
    const at = this.now();
    const signature = await signDetached(probe, key, at);
    const report = await validateSignature(probe, signature, {
      ...this.trust,
      purpose: 'sign',
      at,
      expect: { iin: member.iin },
    });
    // Unknown is not refused: revocation could not be checked now (503, try again), the key may be fine.
    if (report.indication === 'INDETERMINATE') throw new RuqsatError(report.errorCode ?? 'REVOCATION_UNKNOWN');
    if (report.indication !== 'TOTAL_PASSED') throw rejected(report.errorCode ?? report.indication);
    await this.vault.store(member.iin, key, staffUserId(member.id));
    return this.status(member);
  }

  async status(member: StaffMember): Promise<SigningKeyStatus> {
    const certificate = await this.vault.certificateOf(member.iin);
    if (!certificate) return { registered: false };
    return {
      registered: true,
      subject: certificate.subject,
      serialNumber: certificate.serialNumber,
      notAfter: certificate.notAfter.toISOString(),
    };
  }
}

function rejected(why: ErrorCode | string): RuqsatError {
  return new RuqsatError('SIGNING_KEY_REJECTED', { reason: why });
}
