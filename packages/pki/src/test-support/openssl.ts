import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IssuedKey } from '../certification-authority.js';
import { webcrypto } from '../crypto.js';

/**
 * Runs the openssl command line in `cwd` and returns all it printed, standard error included (where
 * some commands, such as `pkcs12 -info`, write their findings); throws with its stderr on failure.
 */
export function openssl(cwd: string, args: readonly string[]): string {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed (${run.status}): ${run.stderr}`);
  return run.stdout + run.stderr;
}

/** Writes `NAME.key` (PKCS#8 PEM) and `NAME.pem` (the certificate) for openssl to use. */
export async function writeKeyPem(dir: string, key: IssuedKey, name: string): Promise<void> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key.privateKey));
  const body = pkcs8.toString('base64').replace(/(.{64})/g, '$1\n');
  writeFileSync(path.join(dir, `${name}.key`), `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
  writeFileSync(path.join(dir, `${name}.pem`), key.certificate.toString('pem'));
}
