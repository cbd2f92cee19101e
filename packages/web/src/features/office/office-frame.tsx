import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { actingOrganisation } from '../../api/client';
import { RequireWorkspace } from '../../app/guards';
import { useSession } from '../../session/session';
import { Button, Loading, PageHeading } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { officeKeys } from './office-queries';
import './office.css';

/** Every back-office page: only for officials, acting for the authority they chose. */
export function OfficeFrame() {
  return (
    <RequireWorkspace workspace="office">
      <OfficeWorkspace />
    </RequireWorkspace>
  );
}

function OfficeWorkspace() {
  const { t } = useTranslation('office');
  const { workspaces, posts: allPosts } = useSession();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const posts = workspaces.office;
  const [acting, setActing] = useState(actingOrganisation.get());
  const chosen = posts.find((post) => post.organisationId === acting);

  const choose = useCallback(
    (organisationId: string | null) => {
      actingOrganisation.set(organisationId);
      setActing(organisationId);
      // Everything seen so far was the other authority's.
      queryClient.removeQueries({ queryKey: officeKeys.all });
    },
    [queryClient],
  );

  // One office post among others (a centre's, the ministry's): the office acts for it, whatever
  // organisation another workspace chose last.
  const only = posts.length === 1 && allPosts.length > 1 ? posts[0] : undefined;
  const mustSwitch = only !== undefined && acting !== only.organisationId;
  useEffect(() => {
    if (mustSwitch && only) choose(only.organisationId);
  }, [mustSwitch, only, choose]);
  if (mustSwitch) return <Loading />;

  // Someone with posts at several authorities says which one they act for before anything is shown.
  if (posts.length > 1 && !chosen) {
    return (
      <section className="narrow">
        <PageHeading title={t('choose.title')}>{t('choose.title')}</PageHeading>
        <p>{t('choose.lead')}</p>
        <ul className="office-posts">
          {posts.map((post) => (
            <li key={post.id}>
              <Button kind="secondary" onClick={() => choose(post.organisationId)}>
                {localized(post.organisationName, post.organisationId)}
              </Button>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  return (
    <div className="office">
      <div className="office-bar">
        <nav aria-label={t('nav.label')}>
          <ul className="office-nav">
            <li>
              <NavLink to="/office" end>
                {t('nav.inbox')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/office/delegations">{t('nav.delegations')}</NavLink>
            </li>
            <li>
              <NavLink to="/office/signing-key">{t('nav.signingKey')}</NavLink>
            </li>
            <li>
              <NavLink to="/office/licences">{t('nav.licences')}</NavLink>
            </li>
          </ul>
        </nav>
        {chosen && posts.length > 1 && (
          <p className="office-acting">
            {t('choose.actingFor', { organisation: localized(chosen.organisationName, chosen.organisationId) })}{' '}
            <button type="button" className="link-button" onClick={() => choose(null)}>
              {t('choose.change')}
            </button>
          </p>
        )}
      </div>
      <Outlet />
    </div>
  );
}
