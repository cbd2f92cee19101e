import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApplicationFile, OfficeMe, Regulation, SigningKeyStatus, StaffMember } from './office-api';

/** Query keys of the back office, so an action can refresh exactly what it changed. */
export const officeKeys = {
  all: ['office'] as const,
  me: ['office', 'me'] as const,
  staff: ['office', 'staff'] as const,
  queue: (scope: string, overdue: boolean) => ['office', 'queue', scope, overdue] as const,
  file: (id: string) => ['office', 'file', id] as const,
  delegations: ['office', 'delegations'] as const,
  signingKey: ['office', 'signing-key'] as const,
};

export function useOfficeMe() {
  return useQuery({ queryKey: officeKeys.me, queryFn: () => api.get<OfficeMe>('/office/me') });
}

export function useStaff() {
  return useQuery({
    queryKey: officeKeys.staff,
    queryFn: async () => (await api.get<{ items: StaffMember[] }>('/office/staff')).items,
    staleTime: 60_000,
  });
}

export function useApplicationFile(id: string) {
  return useQuery({
    queryKey: officeKeys.file(id),
    queryFn: () => api.get<ApplicationFile>(`/office/applications/${encodeURIComponent(id)}`),
  });
}

export function useSigningKey() {
  return useQuery({ queryKey: officeKeys.signingKey, queryFn: () => api.get<SigningKeyStatus>('/office/signing-key') });
}

/** A regulation version does not change once published: read it once per session. */
export function useRegulation(id: string | undefined) {
  return useQuery({
    queryKey: ['regulation', id],
    queryFn: () => api.get<Regulation>(`/regulations/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Names of colleagues by the staff user id the API gives (`staff:<id>`), or by their member id. */
export function nameOfStaff(staff: readonly StaffMember[] | undefined, id: string | null): string | null {
  if (id === null) return null;
  const memberId = id.startsWith('staff:') ? id.slice('staff:'.length) : id;
  return staff?.find((m) => m.id === memberId)?.name ?? memberId;
}
