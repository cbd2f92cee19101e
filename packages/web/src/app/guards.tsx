import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession, type Workspaces } from '../session/session';
import { ErrorMessage, Loading, Notice, PageHeading } from '../ui/components';

/** Pages of a signed-in person: anyone else is sent to sign in, and brought back after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.checking) return <Loading />;
  if (!session.holder) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** Pages of one workspace (back office, centre, administration): only for those with such a post. */
export function RequireWorkspace({ workspace, children }: { workspace: keyof Workspaces; children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  return (
    <RequireSignIn>
      {session.postsError ? (
        <ErrorMessage error={session.postsError} />
      ) : session.workspaces[workspace].length > 0 ? (
        children
      ) : (
        <section>
          <PageHeading title={t('noAccess.title')}>{t('noAccess.title')}</PageHeading>
          <Notice tone="warning">{t(`noAccess.${workspace}`)}</Notice>
        </section>
      )}
    </RequireSignIn>
  );
}
