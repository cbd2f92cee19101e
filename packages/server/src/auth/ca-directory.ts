import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CaSnapshot, CertificationAuthority } from '@ruqsat/pki';

/**
 * A sandbox CA kept in a directory: ca.json (its snapshot, private keys inside: mode 0600, kept like
 * a key file) and the root and intermediate certificates in PEM for whoever must trust them.
 */
export async function loadCa(dir: string): Promise<CertificationAuthority> {
  const snapshot = JSON.parse(await readFile(path.join(dir, 'ca.json'), 'utf8')) as CaSnapshot;
  return CertificationAuthority.restore(snapshot);
}

export async function saveCa(dir: string, ca: CertificationAuthority): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'ca.json');
  await writeFile(file, `${JSON.stringify(await ca.snapshot(), null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  await writeFile(path.join(dir, 'root.pem'), ca.root.certificate.toString('pem'));
  await writeFile(path.join(dir, 'intermediate.pem'), ca.intermediate.certificate.toString('pem'));
}

/**
 * The sandbox CA in `dir`, made there on first use with its CRL and OCSP published under
 * `publicUrl` (the sandbox's address, written into every certificate it issues).
 */
export async function openSandboxCa(dir: string, publicUrl: string): Promise<CertificationAuthority> {
  const exists = await access(path.join(dir, 'ca.json')).then(
    () => true,
    () => false,
  );
  if (exists) return loadCa(dir);
  const now = new Date();
  const ca = await CertificationAuthority.create({
    name: 'RUQSAT SANDBOX NCA',
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    urls: { crl: `${publicUrl}/nca/crl`, ocsp: `${publicUrl}/nca/ocsp` },
  });
  await saveCa(dir, ca);
  return ca;
}
