/** Object identifiers the Kazakh PKI and CMS use, by name. */
export const Oid = {
  // Subject attributes (X.520)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  // Extended key usage: purposes
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  // Kazakh role OIDs in the extended key usage (NCA RK)
  individual: '1.2.398.3.3.4.1.1',
  legalEntity: '1.2.398.3.3.4.1.2',
  legalEntityFirstHead: '1.2.398.3.3.4.1.2.1',
  legalEntitySigningRight: '1.2.398.3.3.4.1.2.2',
  legalEntityFinance: '1.2.398.3.3.4.1.2.3',
  legalEntityHr: '1.2.398.3.3.4.1.2.4',
  legalEntityEmployee: '1.2.398.3.3.4.1.2.5',
  // CMS
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  // Signature algorithms (RFC 4055, RFC 5758)
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** The roles of a legal entity's employee, as their EKU OIDs say. */
export const LegalEntityRole = {
  firstHead: Oid.legalEntityFirstHead,
  signingRight: Oid.legalEntitySigningRight,
  finance: Oid.legalEntityFinance,
  hr: Oid.legalEntityHr,
  employee: Oid.legalEntityEmployee,
} as const;
export type LegalEntityRole = keyof typeof LegalEntityRole;
