import { useQuery } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { api } from './client';

/** A signed result — a licence or a refusal letter — as the API's `ResultDocument` describes it. */
export interface ResultDocument {
  readonly id: string;
  readonly kind: string;
  readonly licenceNumber: string | null;
  readonly outgoingNumber: string | null;
  readonly issuedOn: string;
  readonly signedAt: string;
  readonly signerName: string;
}

/**
 * The signed result of a decided application, from the applicant's or the official's address
 * (`…/applications/:id/result`). The outbox signs it shortly after the decision and until then the
 * API answers RESULT_NOT_READY, so it is asked for again every two seconds, for a minute at most.
 */
export function useResultDocument(path: string) {
  return useQuery({
    queryKey: ['result', path],
    queryFn: () => api.get<ResultDocument>(path),
    retry: (failures, error) => failures < 30 && error instanceof ApiError && error.code === 'RESULT_NOT_READY',
    retryDelay: 2_000,
  });
}
