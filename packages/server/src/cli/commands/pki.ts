import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkBin, checkIin, ErrorCatalogue, parseInstant } from '@ruqsat/core';
import {
  CertificationAuthority,
  CrlRevocation,
  type Employer,
  type KeyAlgorithmName,
  LegalEntityRole,
  type Person,
  toPkcs12,
  validateSignature,
  X509Certificate,
  X509Crl,
  X509CrlReason,
} from '@ruqsat/pki';
import type { Command } from 'commander';
import { loadCa, saveCa } from '../../auth/ca-directory.js';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

const DAY_MS = 86_400_000;

/** `ruqsat pki …`: the sandbox certification authority and signature verification. */
export function registerPkiCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const pki = program
    .command('pki')
    .description('digital signatures: the sandbox CA, CRLs, and verification of CMS signatures');

  pki
    .command('ca-init')
    .description(
      'create a sandbox CA (root and intermediate) in a directory; its keys are test keys, never a real trust anchor',
    )
    .requiredOption(
      '--dir <dir>',
      'where the CA keeps its state (ca.json holds its private keys: keep it like a key file)',
    )
    .option('--name <name>', 'name in the certificates', 'RUQSAT SANDBOX NCA')
    .option('--key <algorithm>', 'rsa2048 or ecdsaP256', 'rsa2048')
    .option('--years <n>', 'validity of the CA certificates', '10')
    .action(async (options: { dir: string; name: string; key: string; years: string }) => {
      const now = new Date();
      const ca = await CertificationAuthority.create({
        name: options.name,
        keyAlgorithm: keyAlgorithm(options.key),
        notBefore: now,
        notAfter: new Date(now.getTime() + positive(options.years, '--years') * 365 * DAY_MS),
      });
      await saveCa(options.dir, ca);
      io.out(`sandbox CA in ${options.dir}: trust ${path.join(options.dir, 'root.pem')}\n`);
      setExitCode(ExitCode.ok);
    });

  pki
    .command('issue')
    .description(
      'issue a person an AUTH and/or a SIGN key from the sandbox CA as password-protected PKCS#12 files (demo and test keys only)',
    )
    .requiredOption('--ca <dir>', 'the CA directory')
    .requiredOption('--iin <iin>', 'the holder’s IIN')
    .requiredOption('--surname <surname>', 'ТЕГІ / ФАМИЛИЯ, as NCA writes it')
    .requiredOption('--name <name>', 'АТЫ / ИМЯ')
    .option('--patronymic <patronymic>', 'ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО')
    .option('--bin <bin>', 'for an employee of a legal entity: its BIN')
    .option('--org <name>', 'with --bin: the organisation’s name')
    .option('--role <role>', `with --bin: ${Object.keys(LegalEntityRole).join(', ')}`, 'employee')
    .option('--purpose <purpose>', 'auth, sign or both', 'both')
    .option('--key <algorithm>', 'rsa2048 or ecdsaP256', 'rsa2048')
    .option('--days <n>', 'validity of the certificates', '365')
    .option('--password <password>', 'password of the key files (visible to other users of the machine)')
    .option('--password-file <file>', 'read the password from the first line of a file')
    .requiredOption('--out <dir>', 'where to write the key files')
    .action(async (options: IssueOptions) => {
      const request = issueRequestOf(options);
      const password = await passwordOf(options);
      const ca = await loadCa(options.ca);
      const now = new Date();
      const validity = {
        notBefore: now,
        notAfter: new Date(now.getTime() + positive(options.days, '--days') * DAY_MS),
      };
      const purposes = options.purpose === 'both' ? (['auth', 'sign'] as const) : [purposeOf(options.purpose)];
      const files = purposes.map((p) =>
        path.join(options.out, keyFileName(p, request.keyAlgorithm, request.person.iin)),
      );
      // A key file is never overwritten: the one there may be the only copy of someone's key.
      for (const file of files) if (await exists(file)) throw new UsageError(`${file} exists; not overwriting it`);
      await mkdir(options.out, { recursive: true });
      for (const [index, purpose] of purposes.entries()) {
        const key = await ca.issue({ ...request, purpose, ...validity });
        // The CA remembers each key before its file is written, so it can revoke any key that exists.
        await saveCa(options.ca, ca);
        const friendlyName = key.certificate.subjectName.getField('2.5.4.3')[0] ?? request.person.iin;
        const file = files[index] as string;
        await writeFile(file, await toPkcs12(key, { password, friendlyName }), { mode: 0o600, flag: 'wx' });
        io.out(`${purpose.toUpperCase()} ${file} serial ${key.certificate.serialNumber}\n`);
      }
      setExitCode(ExitCode.ok);
    });

  pki
    .command('revoke')
    .description('revoke a certificate the sandbox CA issued')
    .requiredOption('--ca <dir>', 'the CA directory')
    .requiredOption('--serial <hex>', 'serial number of the certificate')
    .option(
      '--reason <reason>',
      'unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation',
      'unspecified',
    )
    .action(async (options: { ca: string; serial: string; reason: string }) => {
      const ca = await loadCa(options.ca);
      const reason = X509CrlReason[options.reason as keyof typeof X509CrlReason];
      if (typeof reason !== 'number') throw new UsageError(`unknown --reason "${options.reason}"`);
      ca.revoke(options.serial, new Date(), reason);
      await saveCa(options.ca, ca);
      io.out(`revoked ${options.serial.toLowerCase()}\n`);
      setExitCode(ExitCode.ok);
    });

  pki
    .command('crl')
    .description('write the CA’s current CRL (DER)')
    .requiredOption('--ca <dir>', 'the CA directory')
    .requiredOption('--out <file>', 'where to write the CRL')
    .option('--hours <n>', 'hours until nextUpdate', '24')
    .action(async (options: { ca: string; out: string; hours: string }) => {
      const ca = await loadCa(options.ca);
      const now = new Date();
      const crl = await ca.crl(now, new Date(now.getTime() + positive(options.hours, '--hours') * 3_600_000));
      await writeFile(options.out, new Uint8Array(crl.rawData));
      io.out(`${options.out}\n`);
      setExitCode(ExitCode.ok);
    });

  pki
    .command('verify')
    .description('validate a detached CMS signature; exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 3 INDETERMINATE')
    .requiredOption('--content <file>', 'the signed bytes')
    .requiredOption('--signature <file>', 'the detached CMS signature (DER, .p7s)')
    .option('--trust <file...>', 'trusted CA certificates (PEM or DER)')
    .option('--crl <file...>', 'CRLs to check revocation against')
    .option('--expect-iin <iin>', 'the IIN the signer must have')
    .option('--expect-bin <bin>', 'the BIN the signer must act for')
    .option('--purpose <purpose>', 'sign (a SIGN key) or auth (an AUTH key)', 'sign')
    .option('--at <instant>', 'validate as of this ISO 8601 instant (default: now)')
    .option('--lang <kk|ru|en>', 'language of the refusal message', 'en')
    .option('--json', 'print the whole report as JSON')
    .action(
      async (options: {
        content: string;
        signature: string;
        trust?: string[];
        crl?: string[];
        expectIin?: string;
        expectBin?: string;
        purpose: string;
        at?: string;
        lang: string;
        json?: boolean;
      }) => {
        if (options.purpose !== 'sign' && options.purpose !== 'auth')
          throw new UsageError('--purpose must be sign or auth');
        if (options.lang !== 'kk' && options.lang !== 'ru' && options.lang !== 'en')
          throw new UsageError('--lang must be kk, ru or en');
        const trustAnchors = await Promise.all(
          (options.trust ?? []).map(async (f) => new X509Certificate(await readFile(f))),
        );
        const crls = await Promise.all((options.crl ?? []).map(async (f) => new X509Crl(await readFile(f))));
        const report = await validateSignature(
          new Uint8Array(await readFile(options.content)),
          new Uint8Array(await readFile(options.signature)),
          {
            trustAnchors,
            revocation: [new CrlRevocation(crls)],
            purpose: options.purpose,
            at: options.at === undefined ? new Date() : new Date(parseInstant(options.at).epochMilliseconds),
            expect: {
              ...(options.expectIin === undefined ? {} : { iin: options.expectIin }),
              ...(options.expectBin === undefined ? {} : { bin: options.expectBin }),
            },
          },
        );
        if (options.json) {
          io.out(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          const signer = report.signer;
          io.out(`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}\n`);
          if (report.errorCode)
            io.out(`  ${report.errorCode}: ${ErrorCatalogue[report.errorCode].message[options.lang]}\n`);
          if (signer)
            io.out(
              `  signer: ${signer.commonName}, IIN ${signer.iin ?? '—'}${signer.bin ? `, BIN ${signer.bin}` : ''}\n`,
            );
          for (const check of report.checks)
            io.out(`  ${check.outcome.padEnd(13)} ${check.id}${check.detail ? ` — ${check.detail}` : ''}\n`);
          io.out(`  policy ${report.policy}, validated at ${report.validatedAt}\n`);
        }
        setExitCode(
          report.indication === 'TOTAL_PASSED'
            ? ExitCode.ok
            : report.indication === 'TOTAL_FAILED'
              ? ExitCode.failure
              : ExitCode.indeterminate,
        );
      },
    );
}

interface IssueOptions {
  ca: string;
  iin: string;
  surname: string;
  name: string;
  patronymic?: string;
  bin?: string;
  org?: string;
  role: string;
  purpose: string;
  key: string;
  days: string;
  password?: string;
  passwordFile?: string;
  out: string;
}

function issueRequestOf(options: IssueOptions): {
  person: Person;
  employer?: Employer;
  keyAlgorithm: KeyAlgorithmName;
} {
  const iin = checkIin(options.iin);
  if (!iin.valid) throw new UsageError(`--iin ${options.iin} is not a valid IIN (${iin.reason})`);
  const person: Person = {
    iin: options.iin,
    surname: options.surname,
    name: options.name,
    ...(options.patronymic === undefined ? {} : { patronymic: options.patronymic }),
  };
  const keyAlgorithmName = keyAlgorithm(options.key);
  if (options.purpose !== 'both') purposeOf(options.purpose);
  if (options.bin === undefined) {
    if (options.org !== undefined) throw new UsageError('--org needs --bin');
    return { person, keyAlgorithm: keyAlgorithmName };
  }
  const bin = checkBin(options.bin);
  if (!bin.valid) throw new UsageError(`--bin ${options.bin} is not a valid BIN (${bin.reason})`);
  if (options.org === undefined) throw new UsageError('--bin needs --org, the organisation’s name');
  if (!Object.hasOwn(LegalEntityRole, options.role))
    throw new UsageError(`--role must be one of ${Object.keys(LegalEntityRole).join(', ')}`);
  const role = options.role as LegalEntityRole;
  return { person, employer: { bin: options.bin, name: options.org, role }, keyAlgorithm: keyAlgorithmName };
}

async function passwordOf(options: IssueOptions): Promise<string> {
  if ((options.password === undefined) === (options.passwordFile === undefined))
    throw new UsageError('give the key files a password: --password or --password-file (one of them)');
  const password = options.password ?? (await readFile(options.passwordFile as string, 'utf8')).split(/\r?\n/)[0] ?? '';
  if (password.length < 6) throw new UsageError('the password must have at least 6 characters');
  return password;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function purposeOf(value: string): 'auth' | 'sign' {
  if (value !== 'auth' && value !== 'sign')
    throw new UsageError(`--purpose must be auth, sign or both, not "${value}"`);
  return value;
}

/** NCA's naming: AUTH_RSA256_… for the sign-in key, RSA256_… for the signing key. */
function keyFileName(purpose: 'auth' | 'sign', algorithm: KeyAlgorithmName, iin: string): string {
  const kind = algorithm === 'ecdsaP256' ? 'ECDSA256' : 'RSA256';
  return `${purpose === 'auth' ? 'AUTH_' : ''}${kind}_${iin}.p12`;
}

function keyAlgorithm(value: string): KeyAlgorithmName {
  if (value !== 'rsa2048' && value !== 'ecdsaP256')
    throw new UsageError(`--key must be rsa2048 or ecdsaP256, not "${value}"`);
  return value;
}

function positive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} must be a positive number, not "${value}"`);
  return n;
}
