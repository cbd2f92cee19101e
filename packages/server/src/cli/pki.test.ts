import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromPkcs12, holderOf, signDetached } from '@ruqsat/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCa, saveCa } from '../auth/ca-directory.js';
import { captureCli } from '../test-support/cli-capture.js';
import { runCli } from './main.js';

describe('ruqsat pki', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-pki-cli-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('makes a CA, verifies a signature, and refuses it tampered, revoked or unprovable', async () => {
    const init = captureCli();
    expect(await runCli(['pki', 'ca-init', '--dir', file('ca'), '--key', 'ecdsaP256'], init.io)).toBe(0);

    const ca = await loadCa(file('ca'));
    const now = new Date();
    const key = await ca.issue({
      person: { iin: '900517400013', surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' },
      purpose: 'sign',
      notBefore: new Date(now.getTime() - 3_600_000),
      notAfter: new Date(now.getTime() + 86_400_000),
    });
    await saveCa(file('ca'), ca);
    const content = new TextEncoder().encode('{"request":1}');
    await writeFile(file('request.json'), content);
    // Signed a minute ago, so that a revocation now falls clearly after the (second-precise) signing time.
    const signedAt = new Date(now.getTime() - 60_000);
    await writeFile(
      file('request.p7s'),
      await signDetached(content, { ...key, chain: [ca.intermediate.certificate] }, signedAt),
    );
    const crl = captureCli();
    expect(await runCli(['pki', 'crl', '--ca', file('ca'), '--out', file('ca.crl')], crl.io)).toBe(0);

    const verify = (...extra: string[]) => {
      const run = captureCli();
      const args = [
        'pki',
        'verify',
        '--content',
        file('request.json'),
        '--signature',
        file('request.p7s'),
        '--trust',
        file('ca/root.pem'),
        ...extra,
      ];
      return runCli(args, run.io).then((code) => ({ code, out: run.out() }));
    };
    const passed = await verify('--crl', file('ca.crl'), '--expect-iin', '900517400013');
    expect(passed.code).toBe(0);
    expect(passed.out).toMatch(/^TOTAL_PASSED\n/);
    expect(passed.out).toContain('IIN 900517400013');

    const json = await verify('--crl', file('ca.crl'), '--json');
    expect(JSON.parse(json.out)).toMatchObject({ indication: 'TOTAL_PASSED', signer: { iin: '900517400013' } });

    expect((await verify('--crl', file('ca.crl'), '--expect-iin', '850101300014')).code).toBe(1);
    const unprovable = await verify();
    expect(unprovable.code).toBe(3);
    expect(unprovable.out).toContain('REVOCATION_UNKNOWN');

    await writeFile(file('request.json'), '{"request":2}');
    const tampered = await verify('--crl', file('ca.crl'), '--lang', 'ru');
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('документ изменён после подписания');
    await writeFile(file('request.json'), content);

    const revoke = captureCli();
    expect(
      await runCli(
        ['pki', 'revoke', '--ca', file('ca'), '--serial', key.certificate.serialNumber, '--reason', 'keyCompromise'],
        revoke.io,
      ),
    ).toBe(0);
    expect(await runCli(['pki', 'crl', '--ca', file('ca'), '--out', file('ca.crl')], captureCli().io)).toBe(0);
    const revoked = await verify('--crl', file('ca.crl'));
    // Revoked after the claimed signing time: a BES signature cannot prove it came first.
    expect(revoked.out).toMatch(/^INDETERMINATE \/ REVOKED_NO_POE/);
    expect(revoked.code).toBe(3);
  });

  it('issues password-protected key files that open, sign and verify, and refuses bad requests', async () => {
    expect(await runCli(['pki', 'ca-init', '--dir', file('ca2')], captureCli().io)).toBe(0);
    const issue = (...extra: string[]) => {
      const run = captureCli();
      const args = ['pki', 'issue', '--ca', file('ca2'), '--out', file('keys'), '--password', 'Qwerty12', ...extra];
      return runCli(args, run.io).then((code) => ({ code, out: run.out(), err: run.err() }));
    };
    const employee = ['--iin', '850101300015', '--surname', 'ҚҰСАЙЫНОВ', '--name', 'АСҚАР'];
    const issued = await issue(
      ...employee,
      ...['--bin', '150740012345', '--org', 'ТОО «ДӘРІХАНА»', '--role', 'firstHead', '--key', 'ecdsaP256'],
    );
    expect(issued.code).toBe(0);
    expect(issued.out).toMatch(
      /^AUTH .*AUTH_ECDSA256_850101300015\.p12 serial [0-9a-f]+\nSIGN .*ECDSA256_850101300015\.p12/,
    );

    const sign = await fromPkcs12(await readFile(file('keys/ECDSA256_850101300015.p12')), 'Qwerty12');
    const auth = await fromPkcs12(await readFile(file('keys/AUTH_ECDSA256_850101300015.p12')), 'Qwerty12');
    expect(holderOf(sign.certificate)).toMatchObject({
      iin: '850101300015',
      bin: '150740012345',
      roles: ['firstHead'],
    });
    expect((await stat(file('keys/ECDSA256_850101300015.p12'))).mode & 0o077).toBe(0);

    const content = new TextEncoder().encode('{"request":3}');
    await writeFile(file('request3.json'), content);
    const verify = async (key: typeof sign, ...extra: string[]) => {
      await writeFile(file('request3.p7s'), await signDetached(content, key, new Date()));
      const args = ['pki', 'verify', '--content', file('request3.json'), '--signature', file('request3.p7s')];
      return runCli([...args, '--trust', file('ca2/root.pem'), '--crl', file('ca2.crl'), ...extra], captureCli().io);
    };
    expect(await runCli(['pki', 'crl', '--ca', file('ca2'), '--out', file('ca2.crl')], captureCli().io)).toBe(0);
    expect(await verify(sign, '--expect-bin', '150740012345')).toBe(0);
    expect(await verify(auth)).toBe(1); // an AUTH key does not sign
    expect(await verify(auth, '--purpose', 'auth')).toBe(0);

    // The CA remembers the keys it issued: it can revoke them.
    const serial = sign.certificate.serialNumber;
    expect(await runCli(['pki', 'revoke', '--ca', file('ca2'), '--serial', serial], captureCli().io)).toBe(0);

    for (const bad of [
      ['--iin', '850101300014', '--surname', 'X', '--name', 'Y'], // control digit wrong
      [...employee, '--bin', '150740012346', '--org', 'X'],
      [...employee, '--bin', '150740012345'],
      [...employee, '--bin', '150740012345', '--org', 'X', '--role', 'owner'],
      [...employee, '--purpose', 'encrypt'],
      [...employee, '--password', 'short'],
      [...employee, '--bin', '150740012345', '--org', 'X', '--role', 'toString'],
      // Issued already: the key files there are not overwritten.
      [...employee, '--bin', '150740012345', '--org', 'X', '--role', 'firstHead', '--key', 'ecdsaP256'],
    ]) {
      const refused = await issue(...bad);
      expect(refused.code, bad.join(' ')).toBe(2);
    }
  });
});
