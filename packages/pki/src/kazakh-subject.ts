import './reflect.js';
import * as x509 from '@peculiar/x509';
import { LegalEntityRole, Oid } from './oids.js';

/** A person as the national CA names them. */
export interface Person {
  readonly iin: string;
  /** ТЕГІ / ФАМИЛИЯ, in capitals as NCA writes it. */
  readonly surname: string;
  readonly name: string;
  /** Әкесінің аты / отчество; NCA puts it in GIVENNAME. */
  readonly patronymic?: string;
}

/** The organisation an employee's key acts for, and their role in it. */
export interface Employer {
  readonly bin: string;
  readonly name: string;
  readonly role: LegalEntityRole;
}

/** What a certificate says about its holder, read back from the subject and the EKU. */
export interface Holder {
  readonly iin: string | null;
  readonly bin: string | null;
  readonly commonName: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly organization: string | null;
  /** `individual`, or `legal_entity` with the employee's roles. */
  readonly kind: 'individual' | 'legal_entity' | null;
  readonly roles: readonly LegalEntityRole[];
}

/**
 * The subject in NCA's layout: CN=«SURNAME NAME», SURNAME, SERIALNUMBER=IIN…, C=KZ, GIVENNAME
 * (the patronymic); for an employee also O=«organisation» and OU=BIN….
 */
export function subjectOf(person: Person, employer?: Employer): x509.Name {
  const attributes: Record<string, string[]>[] = [
    { [Oid.commonName]: [`${person.surname} ${person.name}`] },
    { [Oid.surname]: [person.surname] },
    { [Oid.serialNumber]: [`IIN${person.iin}`] },
    { [Oid.country]: ['KZ'] },
  ];
  if (employer) {
    attributes.push({ [Oid.organization]: [employer.name] }, { [Oid.organizationalUnit]: [`BIN${employer.bin}`] });
  }
  if (person.patronymic) attributes.push({ [Oid.givenName]: [person.patronymic] });
  return new x509.Name(attributes);
}

/** The extended key usage of a key: its purpose, then the holder's kind and role OIDs. */
export function extendedKeyUsageOf(purpose: 'auth' | 'sign', employer?: Employer): string[] {
  const usage = purpose === 'auth' ? Oid.clientAuth : Oid.emailProtection;
  return employer ? [usage, Oid.legalEntity, LegalEntityRole[employer.role]] : [usage, Oid.individual];
}

export function holderOf(certificate: x509.X509Certificate): Holder {
  const name = certificate.subjectName;
  const first = (oid: string) => name.getField(oid)[0] ?? null;
  const serial = first(Oid.serialNumber);
  const unit = name.getField(Oid.organizationalUnit).find((v) => /^BIN\d{12}$/.test(v)) ?? null;
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  const roles = (Object.entries(LegalEntityRole) as [LegalEntityRole, string][])
    .filter(([, oid]) => eku.includes(oid))
    .map(([role]) => role);
  return {
    iin: serial && /^IIN\d{12}$/.test(serial) ? serial.slice(3) : null,
    bin: unit ? unit.slice(3) : null,
    commonName: first(Oid.commonName) ?? '',
    surname: first(Oid.surname),
    givenName: first(Oid.givenName),
    organization: first(Oid.organization),
    kind: eku.includes(Oid.legalEntity) ? 'legal_entity' : eku.includes(Oid.individual) ? 'individual' : null,
    roles,
  };
}
