import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ResultDocument } from '../../api/results';
import type { Localized } from '../../i18n/languages';

/** The registry's answers, as `packages/server/src/http/routes/registry.ts` describes them. */
export type LicenceStatus = 'active' | 'suspended' | 'terminated';
export const LICENCE_STATUSES: readonly LicenceStatus[] = ['active', 'suspended', 'terminated'];

export interface Particular {
  readonly field: string;
  readonly label: Localized;
  readonly values: readonly Localized[];
}

export interface PublicLicence {
  readonly number: string;
  readonly serviceId: string;
  readonly serviceName: Localized | null;
  readonly authorityId: string;
  readonly authorityName: Localized | null;
  readonly holder: {
    readonly kind: 'individual' | 'sole_entrepreneur' | 'legal_entity';
    readonly id: string;
    readonly name: string;
  };
  readonly subtypes: readonly Particular[];
  readonly places: readonly Particular[];
  readonly status: LicenceStatus;
  readonly firstIssuedOn: string;
  readonly updatedAt: string;
  readonly currentDocumentId: string;
}

export interface HistoryEntry {
  readonly sequence: number;
  readonly change: string;
  readonly statusAfter: string;
  readonly legalGround: string;
  readonly documentId: string | null;
  readonly at: string;
}

export interface SignatureCheck {
  readonly indication: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  readonly subIndication: string | null;
  readonly policy: string;
  readonly validatedAt: string;
  readonly signer: { readonly name: string; readonly organisation: string | null; readonly bin: string | null } | null;
  readonly checks: readonly { readonly id: string; readonly outcome: string }[];
}

export interface Verification {
  /** `current`: the licence's latest document, not one a later decision replaced. */
  readonly document: (ResultDocument & { readonly current: boolean }) | null;
  readonly licence: PublicLicence | null;
  readonly history: readonly HistoryEntry[];
  readonly signature: SignatureCheck | null;
}

/** The search as the URL carries it: every criterion optional, combined with AND by the API. */
export interface RegistrySearch {
  readonly number?: string;
  readonly holderId?: string;
  readonly name?: string;
  readonly service?: string;
  readonly authority?: string;
  readonly status?: string;
  /** The keyset cursor: the last number of the previous page. */
  readonly after?: string;
  /** Licences per page, one of PAGE_SIZES. */
  readonly limit?: string;
}

export const SEARCH_KEYS = ['number', 'holderId', 'name', 'service', 'authority', 'status'] as const;
export const PAGE_SIZES = ['10', '20', '50', '100'] as const;
export const PAGE_SIZE = '20';

export function useRegistrySearch(search: RegistrySearch, enabled: boolean) {
  return useQuery({
    queryKey: ['registry', 'search', search],
    queryFn: () =>
      api.get<{ items: PublicLicence[]; next: string | null }>('/registry/licences', {
        ...search,
        limit: search.limit ?? PAGE_SIZE,
      }),
    enabled,
  });
}

export function useLicence(number: string) {
  return useQuery({
    queryKey: ['registry', 'licence', number],
    queryFn: () =>
      api.get<{ licence: PublicLicence; history: HistoryEntry[] }>(`/registry/licences/${encodeURIComponent(number)}`),
  });
}

export function useVerification(number: string | null) {
  return useQuery({
    queryKey: ['registry', 'verify', number],
    queryFn: () => api.get<Verification>(`/verify/licences/${encodeURIComponent(number ?? '')}`),
    enabled: number !== null,
    // A verification is a check made now: asked afresh each time, never from an old answer.
    staleTime: 0,
  });
}

interface ServiceSummary {
  readonly id: string;
  readonly name: string;
  readonly regulationId: string;
}

/** The services and their authorities, to choose from in the search (names in the user's language). */
export function useServiceChoices() {
  return useQuery({
    queryKey: ['registry', 'choices'],
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const { services } = await api.get<{ services: ServiceSummary[] }>('/services');
      // The list of services names an authority only in words; its id is in the regulation.
      const regulations = await Promise.all(
        services.map((s) =>
          api.get<{ authority: { id: string; name: Localized } }>(`/regulations/${encodeURIComponent(s.regulationId)}`),
        ),
      );
      const authorities = new Map<string, Localized>();
      for (const r of regulations) authorities.set(r.authority.id, r.authority.name);
      return {
        services: services.map((s) => ({ id: s.id, name: s.name })),
        authorities: [...authorities].map(([id, name]) => ({ id, name })),
      };
    },
  });
}
