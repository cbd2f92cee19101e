import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { RequireWorkspace } from '../../app/guards';
import { ChoosePost, useWorkspacePost } from '../../session/workspace-post';
import { useLocalized } from '../../ui/format';
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
  const localized = useLocalized();
  const post = useWorkspacePost('office');
  const { chosen } = post;

  // Nothing of an authority is shown before it is known which one the official acts for.
  if (post.needsChoice) return <ChoosePost post={post} />;

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
        {chosen && post.canChange && (
          <p className="office-acting">
            {t('choose.actingFor', { organisation: localized(chosen.organisationName, chosen.organisationId) })}{' '}
            <button type="button" className="link-button" onClick={post.change}>
              {t('choose.change')}
            </button>
          </p>
        )}
      </div>
      <Outlet />
    </div>
  );
}
