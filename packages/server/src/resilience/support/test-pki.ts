import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CertificationAuthority, type Employer, type IssuedKey, type Person, signDetached } from '@ruqsat/pki';

const DAY_MS = 86_400_000;

/**
 * A test CA for servers run as processes: its root and a current CRL written to files, which the
 * server trusts through TRUST_ANCHORS and CRL_FILES (OCSP off), and keys issued to applicants.
 */
export class ProcessTrust {
  private constructor(
    readonly ca: CertificationAuthority,
    /** The variables a `ruqsat serve` needs to trust this CA. */
    readonly env: Readonly<Record<string, string>>,
  ) {}

  static async create(dir: string): Promise<ProcessTrust> {
    const now = Date.now();
    const ca = await CertificationAuthority.create({
      name: 'RESILIENCE TEST NCA',
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 365 * DAY_MS),
    });
    const rootFile = path.join(dir, 'trust-root.pem');
    const crlFile = path.join(dir, 'trust.crl');
    await writeFile(rootFile, ca.root.certificate.toString('pem'));
    const crl = await ca.crl(new Date(now - 3_600_000), new Date(now + DAY_MS));
    await writeFile(crlFile, new Uint8Array(crl.rawData));
    return new ProcessTrust(ca, { TRUST_ANCHORS: rootFile, CRL_FILES: crlFile, OCSP: 'off' });
  }

  async key(person: Person, purpose: 'sign' | 'auth', employer?: Employer): Promise<IssuedKey> {
    const now = Date.now();
    const key = await this.ca.issue({
      person,
      ...(employer ? { employer } : {}),
      purpose,
      keyAlgorithm: 'ecdsaP256',
      notBefore: new Date(now - 3_600_000),
      notAfter: new Date(now + DAY_MS),
    });
    return { ...key, chain: [this.ca.intermediate.certificate] };
  }
}

/** Detached CMS over the text, base64, as the browser sends it. */
export async function signedBase64(key: IssuedKey, text: string): Promise<string> {
  const signature = await signDetached(new TextEncoder().encode(text), key, new Date(Date.now() - 1000));
  return Buffer.from(signature).toString('base64');
}
