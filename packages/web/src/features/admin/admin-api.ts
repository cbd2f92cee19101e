import { api } from '../../api/client';
import type { Localized } from '../../i18n/languages';
import type { OrganisationKind } from '../../session/session';

/** A period of Almaty dates, both inclusive, as the report routes take it. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface ApplicationCount {
  readonly serviceId: string;
  readonly authorityId: string;
  readonly channel: string;
  readonly status: string;
  readonly result: string | null;
  readonly count: number;
}

export interface StepCompliance {
  readonly authorityId: string;
  readonly regulationId: string;
  readonly stepId: string;
  readonly stepName: string;
  readonly opened: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly late: number;
  readonly compliance: number | null;
  readonly averageWorkingHours: number | null;
}

export interface SurveyIndicator {
  readonly serviceId: string;
  readonly questionId: string;
  readonly indicator: string;
  readonly question: string;
  readonly answers: Readonly<Record<string, number>>;
  readonly responses: number;
  readonly satisfiedShare: number | null;
}

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly parentId: string | null;
  readonly name: Localized;
  readonly region: string | null;
  readonly windows: number;
}

export interface StaffPost {
  readonly id: string;
  readonly iin: string;
  readonly name: string;
  readonly organisationId: string;
  readonly roles: readonly string[];
  readonly active: boolean;
}

export interface RegulationSummary {
  readonly id: string;
  readonly service: string;
  readonly name: Localized;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly repealedOn: string | null;
  readonly requestKinds: readonly string[];
}

/** Where in the source acts a fact comes from: the seed file and its paragraph. */
export interface Citation {
  readonly file: string;
  readonly ref: string;
  readonly lines?: string;
  readonly quote?: string;
}

export interface Duration {
  readonly value: number;
  readonly max?: number;
  readonly unit: string;
  readonly source: Citation;
}

export interface Role {
  readonly id: string;
  readonly kind: 'applicant' | 'service_centre' | 'authority' | 'system';
  readonly name: Localized;
  readonly source?: Citation;
}

export interface Step {
  readonly id: string;
  readonly name: Localized;
  readonly actor: string;
  readonly action: string;
  readonly duration?: Duration;
  readonly withinTermOf?: string;
  readonly outcomes: readonly ({ id: string; label?: Localized } & ({ next: string } | { end: string }))[];
  readonly source: Citation;
}

/** The parts of a regulation version the administration shows. */
export interface Regulation {
  readonly id: string;
  readonly service: { readonly id: string; readonly name: Localized };
  readonly version: string;
  readonly effectiveFrom: string;
  readonly repealedOn: string | null;
  readonly legalBasis: {
    readonly title: Localized;
    readonly issuer: Localized;
    readonly number: string | null;
    readonly date: string | null;
    readonly source: Citation;
  };
  readonly authority: { readonly id: string; readonly name: Localized; readonly source: Citation };
  readonly roles: readonly Role[];
  readonly processes: readonly { readonly id: string; readonly start: string; readonly steps: readonly Step[] }[];
  readonly requestKinds: readonly {
    readonly kind: string;
    readonly process: string;
    readonly term: Duration & { readonly derived?: string };
    readonly results: readonly string[];
  }[];
}

export interface CalendarDay {
  readonly date: string;
  readonly weekday: string;
  readonly kind: string;
  readonly reason: string;
  readonly sources: readonly string[];
}

export interface CalendarYear {
  readonly year: number;
  readonly workingDays: number;
  readonly daysOff: readonly CalendarDay[];
  readonly workedWeekends: readonly CalendarDay[];
  readonly sources: readonly { readonly id: string; readonly title: string; readonly ref?: string }[];
}

/** Query keys and fetchers of the administration, in one place so that changes refresh the right lists. */
export const adminApi = {
  applications: (period: Period) =>
    api.get<{ items: ApplicationCount[] }>('/admin/reports/applications', { ...period }).then((r) => r.items),
  deadlines: (period: Period) =>
    api.get<{ items: StepCompliance[] }>('/admin/reports/deadlines', { ...period }).then((r) => r.items),
  survey: (period: Period) =>
    api.get<{ items: SurveyIndicator[] }>('/admin/reports/survey', { ...period }).then((r) => r.items),
  organisations: () => api.get<{ items: Organisation[] }>('/admin/organisations').then((r) => r.items),
  staff: (organisationId: string) =>
    api
      .get<{ items: StaffPost[] }>(`/admin/organisations/${encodeURIComponent(organisationId)}/staff`)
      .then((r) => r.items),
  openPost: (body: { iin: string; name: string; organisationId: string; roles: string[] }) =>
    api.post<{ id: string }>('/admin/staff', body),
  setRoles: (postId: string, roles: string[]) =>
    api.put<void>(`/admin/staff/${encodeURIComponent(postId)}/roles`, { roles }),
  closePost: (postId: string) => api.post<void>(`/admin/staff/${encodeURIComponent(postId)}/close`),
  regulations: () => api.get<RegulationSummary[]>('/regulations'),
  regulation: (id: string) => api.get<Regulation>(`/regulations/${encodeURIComponent(id)}`),
  bpmn: (id: string, kind: string) => api.text(`/regulations/${encodeURIComponent(id)}/bpmn?kind=${kind}`),
  calendar: (year: number) => api.get<CalendarYear>(`/calendars/${year}`),
};
