import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../../i18n/languages';
import { useLocalized } from '../../ui/format';
import { adminApi } from './admin-api';

/** The reference lists change with a deploy, not during a session. */
export const REFERENCE = { staleTime: Number.POSITIVE_INFINITY } as const;

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'kk';
}

/** Names of services, regulation versions and organisations by id, for reports that give ids. */
export function useNames() {
  const localized = useLocalized();
  const regulations = useQuery({ queryKey: ['admin', 'regulations'], queryFn: adminApi.regulations, ...REFERENCE });
  const organisations = useQuery({ queryKey: ['admin', 'organisations'], queryFn: adminApi.organisations });
  return {
    /** A service by the name of its version in force, else of its latest version. */
    service: (id: string) => {
      const versions = (regulations.data ?? []).filter((r) => r.service === id);
      const current =
        versions.find((r) => r.repealedOn === null) ??
        versions.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
      return localized(current?.name, id);
    },
    regulation: (id: string) => localized(regulations.data?.find((r) => r.id === id)?.name, id),
    organisation: (id: string) => localized(organisations.data?.find((o) => o.id === id)?.name, id),
  };
}
