import { useEffect, useState } from 'react';
import type { ApplicantKind, AttachmentInfo, IntakeRequest, RequestKind } from './centre-api';

/** Everything the operator has keyed in for the walk-in so far, and what the server answered. */
export interface IntakeDraft {
  readonly regulationId: string;
  readonly requestKind: RequestKind;
  readonly applicantKind: ApplicantKind;
  readonly applicantId: string;
  readonly licenceNumber: string;
  /** The form as typed: text of each field (checkbox groups as lists), converted when sent. */
  readonly form: Readonly<Record<string, string | boolean | readonly string[]>>;
  readonly paperDocuments: readonly string[];
  readonly ticketId: string | null;
  /** The number the first check gave; scans and the signature go under it, and later checks keep it. */
  readonly applicationId: string | null;
  /** Whether the request as it stands passed the check (changing it means checking it again). */
  readonly checked: boolean;
  readonly applicantRecord: Readonly<Record<string, unknown>> | null;
  readonly scans: readonly AttachmentInfo[];
}

export const EMPTY_INTAKE: IntakeDraft = {
  regulationId: '',
  requestKind: 'issue',
  applicantKind: 'legal_entity',
  applicantId: '',
  licenceNumber: '',
  form: {},
  paperDocuments: [],
  ticketId: null,
  applicationId: null,
  checked: false,
  applicantRecord: null,
  scans: [],
};

/**
 * This tab's walk-in in progress: a reload (or a look at the queue) loses nothing. It holds an
 * applicant's IIN and state-database record, so signing out or in (on a shared desk computer)
 * removes it — the desk then simply starts an empty walk-in.
 */
const STORAGE_KEY = 'ruqsat.centre.intake';

/** The stored walk-in, or an empty one when there is none or it cannot be read (never a crash at the desk). */
function storedDraft(): IntakeDraft {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return EMPTY_INTAKE;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return EMPTY_INTAKE;
    return { ...EMPTY_INTAKE, ...(parsed as Partial<IntakeDraft>) };
  } catch {
    return EMPTY_INTAKE;
  }
}

/** Drops the walk-in in progress (another centre chosen, or the application registered). */
export function forgetIntakeDraft(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export function useIntakeDraft(ticketFromAddress: string | null) {
  const [draft, setDraft] = useState<IntakeDraft>(() => {
    const restored = storedDraft();
    // A visitor called from the queue starts a walk-in of their own, unless theirs is the one in progress.
    if (ticketFromAddress && restored.ticketId !== ticketFromAddress)
      return { ...EMPTY_INTAKE, ticketId: ticketFromAddress };
    return restored;
  });
  useEffect(() => {
    // An empty walk-in is not kept: nothing to restore, and no key left behind.
    if (draft === EMPTY_INTAKE) forgetIntakeDraft();
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  }, [draft]);
  return {
    draft,
    update: (change: Partial<IntakeDraft>) => setDraft((current) => ({ ...current, ...change })),
    reset: () => setDraft(EMPTY_INTAKE),
  };
}

/** The request as the API takes it: the form's text turned into the schema's numbers and lists. */
export function intakeRequest(
  draft: IntakeDraft,
  types: Readonly<Record<string, { type?: string; items?: { type?: string } }>>,
): IntakeRequest {
  const form: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(draft.form)) {
    const type = types[field]?.type;
    if (typeof value === 'boolean') form[field] = value;
    else if (Array.isArray(value)) {
      if (value.length > 0) form[field] = value;
    } else if (typeof value === 'string' && value.trim() !== '') {
      const text = value.trim();
      if (type === 'integer' || type === 'number')
        form[field] = /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
      else if (type === 'array')
        form[field] = text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
      else form[field] = text;
    }
  }
  return {
    regulationId: draft.regulationId,
    requestKind: draft.requestKind,
    applicant: { kind: draft.applicantKind, id: draft.applicantId.trim() },
    licenceNumber: draft.requestKind === 'issue' ? null : draft.licenceNumber.trim() || null,
    form,
    paperDocuments: draft.paperDocuments,
    ticketId: draft.ticketId,
  };
}
