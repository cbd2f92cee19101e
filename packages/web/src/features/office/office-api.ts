import type { Localized } from '../../i18n/languages';

/** The API's shapes the back office reads (see /api/v1/office/* in the OpenAPI document). */

export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  readonly roles: readonly string[];
}

export interface OfficeMe {
  readonly member: StaffMember;
  readonly organisation: { readonly id: string; readonly name: string };
  readonly standingInFor: readonly StaffMember[];
}

export interface CurrentStep {
  readonly id: string;
  readonly name: string;
  readonly due: string;
  readonly overdue: boolean;
}

export interface ApplicationSummary {
  readonly id: string;
  readonly applicant: { readonly kind: string; readonly id: string };
  readonly regulationId: string;
  readonly service: { readonly id: string; readonly name: string };
  readonly requestKind: string;
  readonly channel: string;
  readonly status: 'in_progress' | 'waiting_applicant' | 'completed' | 'withdrawn';
  readonly registrationDate: string;
  readonly termDue: string;
  readonly termOverdue: boolean;
  readonly currentStep: CurrentStep | null;
  readonly result: string | null;
  readonly closedAt: string | null;
}

export interface QueueItem extends ApplicationSummary {
  readonly stepRole: string | null;
  /** `staff:<member id>` of the official the open step is assigned to. */
  readonly assignee: string | null;
  readonly dueToday: boolean;
}

export interface Attachment {
  readonly id: string;
  readonly documentId: string;
  readonly fileName: string;
  readonly mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

export interface HistoryLine {
  readonly sequence: number;
  readonly at: string;
  readonly type: string;
  readonly stepId: string | null;
  readonly text: string;
  readonly by: string;
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
}

export interface ApplicationFile extends ApplicationSummary {
  readonly assignee: string | null;
  readonly form: Readonly<Record<string, unknown>>;
  readonly licenceNumber: string | null;
  readonly intake: {
    readonly centreId: string;
    readonly paperDocuments: readonly string[];
    readonly applicant: Readonly<Record<string, unknown>>;
  } | null;
  readonly signature: { readonly signedByIin: string; readonly recordedAt: string; readonly report: unknown } | null;
  readonly attachments: readonly Attachment[];
  readonly history: readonly HistoryLine[];
}

export interface Delegation {
  readonly id: string;
  readonly fromStaff: string;
  readonly toStaff: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly revoked: boolean;
}

export interface SigningKeyStatus {
  readonly registered: boolean;
  readonly subject?: string;
  readonly serialNumber?: string;
  readonly notAfter?: string;
}

export interface BulkResult {
  readonly applicationId: string;
  readonly assigned: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** The parts of a regulation the back office needs: roles, steps, outcomes, form labels, documents. */
export interface Outcome {
  readonly id: string;
  readonly label?: Localized;
  readonly next?: string;
  readonly end?: string;
}

export interface Step {
  readonly id: string;
  readonly name: Localized;
  readonly actor: string;
  readonly action: string;
  readonly externalCheck?: string;
  readonly outcomes: readonly Outcome[];
}

export interface Regulation {
  readonly id: string;
  readonly service: { readonly id: string; readonly name: Localized };
  readonly roles: readonly { readonly id: string; readonly kind: string; readonly name: Localized }[];
  readonly processes: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  readonly requestKinds: readonly { readonly kind: string; readonly process: string }[];
  readonly externalChecks?: readonly { readonly id: string; readonly system?: string; readonly asks?: Localized }[];
  readonly form?: {
    readonly labels?: Readonly<Record<string, Localized>>;
    readonly valueLabels?: Readonly<Record<string, Localized>>;
  };
  readonly documents?: { readonly items: readonly { readonly id: string; readonly name: Localized }[] };
}

/** A fresh id for one action: repeating a request with it (a double click, a retry) repeats the answer. */
export function transactionId(): string {
  return crypto.randomUUID();
}

/** The step of an application in its regulation's process, with the role that acts on it. */
export function stepOf(regulation: Regulation | undefined, requestKind: string, stepId: string | undefined) {
  if (!regulation || !stepId) return undefined;
  const processId = regulation.requestKinds.find((k) => k.kind === requestKind)?.process;
  return regulation.processes.find((p) => p.id === processId)?.steps.find((s) => s.id === stepId);
}

/** The staff user id the API names an assignee by. */
export const staffUserId = (memberId: string) => `staff:${memberId}`;
