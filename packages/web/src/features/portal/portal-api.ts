import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { Localized } from '../../i18n/languages';

/** What the portal reads from the API; names of services and steps come in the asked language. */

export type RequestKind = 'issue' | 'reissue' | 'reissue_reorganisation' | 'duplicate';

export interface Term {
  readonly value: number;
  readonly max: number | null;
  readonly unit: 'seconds' | 'minutes' | 'working_hours' | 'working_days' | 'calendar_days';
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly regulationId: string;
  readonly authority: string;
  readonly channels: readonly string[];
  readonly applicantKinds: readonly string[];
  readonly requestKinds: readonly {
    readonly kind: RequestKind;
    readonly term: Term;
    readonly fee: { readonly mci: number; readonly tenge: number | null } | null;
  }[];
  readonly documents: readonly {
    readonly id: string;
    readonly name: string;
    readonly requiredFor: readonly string[];
    readonly optional: boolean;
  }[];
  readonly unverified: readonly ('fee' | 'documents')[];
}

export interface JsonSchemaProperty {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly items?: JsonSchemaProperty;
}

export interface RegulationForm {
  readonly schema: {
    readonly properties: Readonly<Record<string, JsonSchemaProperty>>;
    readonly required?: readonly string[];
  };
  readonly labels: Readonly<Record<string, Localized>>;
  readonly valueLabels: Readonly<Record<string, Localized>>;
}

export interface Regulation {
  readonly id: string;
  readonly form: RegulationForm;
  readonly fee: { readonly mci: Readonly<Partial<Record<RequestKind, number>>> };
}

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export interface AttachedFile {
  readonly id: string;
  readonly documentId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly uploadedAt: string;
}

export interface Draft {
  readonly id: string;
  readonly applicant: { readonly kind: string; readonly id: string };
  readonly regulationId: string;
  readonly serviceId: string;
  readonly requestKind: RequestKind;
  readonly licenceNumber: string | null;
  readonly form: Record<string, unknown>;
  readonly problems: readonly FieldProblem[];
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly documents?: readonly {
    readonly documentId: string;
    readonly name: string;
    readonly required: boolean;
    readonly files: readonly AttachedFile[];
  }[];
}

export interface Invoice {
  readonly invoiceId: string;
  readonly reference: string;
  readonly mci: number;
  readonly amount: number;
  readonly paymentUrl: string;
  readonly status: 'pending' | 'paid' | 'double_paid';
  readonly paidAt: string | null;
}

export type ApplicationStatus = 'in_progress' | 'waiting_applicant' | 'completed' | 'withdrawn';

export interface ApplicationSummary {
  readonly id: string;
  readonly applicant: { readonly kind: string; readonly id: string };
  readonly service: { readonly id: string; readonly name: string };
  readonly requestKind: RequestKind;
  readonly channel: string;
  readonly status: ApplicationStatus;
  readonly registrationDate: string;
  readonly termDue: string;
  readonly termOverdue: boolean;
  readonly currentStep: {
    readonly id: string;
    readonly name: string;
    readonly due: string;
    readonly overdue: boolean;
  } | null;
  readonly result: string | null;
  readonly closedAt: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  readonly history: readonly {
    readonly sequence: number;
    readonly at: string;
    readonly type: string;
    readonly text: string;
    readonly reasons: string | null;
  }[];
}

export interface Licence {
  readonly number: string;
  readonly serviceId: string;
  readonly serviceName: Localized | null;
  readonly authorityName: Localized | null;
  readonly holder: { readonly kind: string; readonly id: string; readonly name: string };
  readonly status: 'active' | 'suspended' | 'terminated';
  readonly firstIssuedOn: string;
  readonly currentDocumentId: string;
}

export interface Survey {
  readonly questions: readonly {
    readonly id: string;
    readonly text: string;
    readonly answers: readonly { readonly id: string; readonly text: string }[];
  }[];
  readonly answered: Readonly<Record<string, string>> | null;
}

export interface Notification {
  readonly id: number;
  readonly applicationId: string;
  readonly kind: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface Contact {
  readonly email: string;
  readonly locale: 'kk' | 'ru' | 'en';
}

/** The catalogue in force today, in the reader's language (the language is part of the key). */
export function useServices() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['portal', 'services', i18n.language],
    queryFn: () => api.get<{ services: Service[] }>('/services'),
    staleTime: 300_000,
  });
}

export function useRegulation(id: string | undefined) {
  return useQuery({
    queryKey: ['portal', 'regulation', id],
    queryFn: () => api.get<Regulation>(`/regulations/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
    staleTime: 300_000,
  });
}

/** True when the API says the thing asked for does not exist (no invoice yet, no survey). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** A fresh id for an operation the API deduplicates (submission, withdrawal). */
export function transactionId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
