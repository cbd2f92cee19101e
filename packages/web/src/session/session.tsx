import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, forgetSignedInState, onSessionEnded, sessionToken } from '../api/client';
import type { Localized } from '../i18n/languages';

export interface Holder {
  readonly iin: string;
  readonly bin: string | null;
  readonly roles: readonly string[];
  readonly name: string;
  readonly expiresAt: string;
}

export type OrganisationKind = 'authority' | 'authority_unit' | 'service_centre' | 'ministry';

export interface Post {
  readonly id: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly organisationName: Localized;
  readonly roles: readonly string[];
}

/** The workspaces a signed-in person may open, from their posts. */
export interface Workspaces {
  readonly office: readonly Post[];
  readonly centre: readonly Post[];
  readonly admin: readonly Post[];
}

interface SessionValue {
  readonly holder: Holder | null;
  readonly posts: readonly Post[];
  readonly workspaces: Workspaces;
  /** True until the stored token has been checked with the server. */
  readonly checking: boolean;
  /** Why the person's posts could not be read, if they could not: staff are told, not shown "no access". */
  readonly postsError: unknown;
  signedIn(token: string, holder: Holder): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function workspacesOf(posts: readonly Post[]): Workspaces {
  return {
    office: posts.filter((p) => p.organisationKind === 'authority' || p.organisationKind === 'authority_unit'),
    centre: posts.filter((p) => p.organisationKind === 'service_centre'),
    admin: posts.filter((p) => p.organisationKind === 'ministry' && p.roles.includes('administrator')),
  };
}

/**
 * Who is signed in. The bearer token lives in this tab's sessionStorage (a reload keeps the
 * session, closing the tab ends it); the holder and their posts are asked of the server, never
 * trusted from storage.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(sessionToken.get());
  const session = useQuery({
    queryKey: ['session', token],
    queryFn: () => api.get<Holder>('/auth/session'),
    enabled: token !== null,
    retry: false,
    staleTime: 60_000,
  });
  const posts = useQuery({
    queryKey: ['session-posts', token],
    queryFn: () => api.get<{ posts: Post[] }>('/auth/posts'),
    enabled: token !== null && session.isSuccess,
    staleTime: 60_000,
  });

  const end = useCallback(() => {
    forgetSignedInState();
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => onSessionEnded(end), [end]);

  const value = useMemo<SessionValue>(() => {
    const holder = token !== null && session.data ? session.data : null;
    const list = posts.data?.posts ?? [];
    return {
      holder,
      posts: list,
      workspaces: workspacesOf(list),
      checking: token !== null && (session.isPending || (session.isSuccess && posts.isPending)),
      postsError: posts.error,
      signedIn: (newToken, newHolder) => {
        // Whoever was signed in before in this tab leaves nothing behind for the new person.
        forgetSignedInState();
        queryClient.clear();
        sessionToken.set(newToken);
        queryClient.setQueryData(['session', newToken], newHolder);
        setToken(newToken);
      },
      signOut: async () => {
        // Forgotten here whatever the server answers: a session it could not end expires by itself.
        await api.post('/auth/sign-out').catch(() => undefined);
        end();
      },
    };
  }, [
    token,
    session.data,
    session.isPending,
    session.isSuccess,
    posts.data,
    posts.isPending,
    posts.error,
    queryClient,
    end,
  ]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
