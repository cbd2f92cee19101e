import type { ApplicantKind } from '@ruqsat/core';

/**
 * What the public registry shows of a licence holder. A company's name and BIN are public record;
 * a person's IIN and full name are personal data (Law of the RK «On personal data and their
 * protection»), so the registry shows the surname's first letter and the initials, and the IIN
 * with its middle hidden. A sole entrepreneur trades under their name, which stays; their IIN is
 * still a person's and is masked.
 */
export function publicHolderName(kind: ApplicantKind, name: string): string {
  if (kind !== 'individual') return name;
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.map((word) => `${[...word][0] ?? ''}.`).join(' ');
}

export function publicHolderId(kind: ApplicantKind, id: string): string {
  return kind === 'legal_entity' ? id : `${id.slice(0, 2)}${'*'.repeat(8)}${id.slice(-2)}`;
}

/** The form the name search compares: the public name in lower case (a fragment is lower-cased alike). */
export function searchForm(text: string): string {
  return text.toLowerCase();
}
