import { useQueries, useQuery } from '@tanstack/react-query';
import type { Localized } from '../../i18n/languages';
import { adminApi, type Organisation } from './admin-api';
import { REFERENCE } from './names';

/** The ministry's own role: the administration (it is no regulation's). */
export const ADMINISTRATOR_ROLE = 'administrator';

export interface RoleOption {
  readonly id: string;
  readonly name: Localized | null;
}

/**
 * The roles a post at an organisation may have, from the regulations' roles: at an authority the
 * authority roles of its own regulations (of every authority where it has none), at a centre the
 * centre roles, at the ministry the administrator.
 */
export function useRoleOptions(): {
  ready: boolean;
  optionsFor: (organisation: Organisation | undefined) => RoleOption[];
} {
  const list = useQuery({ queryKey: ['admin', 'regulations'], queryFn: adminApi.regulations, ...REFERENCE });
  const regulations = useQueries({
    queries: (list.data ?? []).map((r) => ({
      queryKey: ['admin', 'regulation', r.id],
      queryFn: () => adminApi.regulation(r.id),
      ...REFERENCE,
    })),
  });
  const loaded = regulations.flatMap((q) => (q.data ? [q.data] : []));
  const ready = list.isSuccess && regulations.every((q) => !q.isPending);

  const optionsFor = (organisation: Organisation | undefined): RoleOption[] => {
    if (!organisation) return [];
    if (organisation.kind === 'ministry') return [{ id: ADMINISTRATOR_ROLE, name: null }];
    const kind = organisation.kind === 'service_centre' ? 'service_centre' : 'authority';
    const authorityId = organisation.parentId ?? organisation.id;
    const own = loaded.filter((r) => kind === 'service_centre' || r.authority.id === authorityId);
    const options = new Map<string, RoleOption>();
    for (const regulation of own.length > 0 ? own : loaded) {
      for (const role of regulation.roles) {
        if (role.kind === kind && !options.has(role.id)) options.set(role.id, { id: role.id, name: role.name });
      }
    }
    return [...options.values()];
  };
  return { ready, optionsFor };
}
