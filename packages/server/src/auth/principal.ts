/** Whoever holds the session: what their AUTH certificate said at sign-in. */
export interface Principal {
  readonly iin: string;
  readonly bin: string | null;
  /** Legal-entity roles from the certificate: firstHead, signingRight, … */
  readonly roles: readonly string[];
  readonly name: string;
}

/** The roles of a company's employee whose certificate lets them act for it (NCA's EKU roles). */
const ACTS_FOR_COMPANY: readonly string[] = ['firstHead', 'signingRight'];

/** Whether certificate roles let their holder act for the company named in the certificate. */
export function rolesActForCompany(roles: readonly string[]): boolean {
  return roles.some((r) => ACTS_FOR_COMPANY.includes(r));
}

/** Whether the principal acts for the company of their key. */
export function actsForCompany(principal: Principal): principal is Principal & { bin: string } {
  return principal.bin !== null && rolesActForCompany(principal.roles);
}

/** Whether the principal may act as this applicant: themselves, or the company they act for. */
export function actsForApplicant(principal: Principal, applicant: { kind: string; id: string }): boolean {
  if (applicant.kind !== 'legal_entity') return principal.iin === applicant.id;
  return actsForCompany(principal) && principal.bin === applicant.id;
}
