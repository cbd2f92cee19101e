import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { centreApi, centreServices, type ServiceCard } from './centre-api';

/** The services a centre takes in today, named in the user's language (the API names them so). */
export function useCentreServices() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['centre-services', i18n.language],
    queryFn: async () => centreServices((await centreApi.services()).services),
    staleTime: 10 * 60_000,
  });
}

/** A function naming a regulation version by its service; the id itself until the catalogue is read. */
export function useServiceNames(): (regulationId: string) => string {
  const services = useCentreServices();
  const byRegulation = new Map<string, ServiceCard>((services.data ?? []).map((s) => [s.regulationId, s]));
  return (regulationId) => byRegulation.get(regulationId)?.name ?? regulationId;
}
