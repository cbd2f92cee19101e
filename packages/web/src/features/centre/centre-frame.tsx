import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { RequireWorkspace } from '../../app/guards';
import { useSession } from '../../session/session';
import { useLocalized } from '../../ui/format';
import './centre.css';

/** The operator's workspace: which centre they serve at, and its three desks (queue, intake, hand-over). */
export function CentreFrame({ children }: { children: ReactNode }) {
  return (
    <RequireWorkspace workspace="centre">
      <CentreNavigation />
      {children}
    </RequireWorkspace>
  );
}

function CentreNavigation() {
  const { t } = useTranslation('centre');
  const { workspaces } = useSession();
  const localized = useLocalized();
  const post = workspaces.centre[0];
  return (
    <div className="centre-bar">
      {post && <p className="centre-name">{localized(post.organisationName)}</p>}
      <nav aria-label={t('frame.nav')}>
        <ul className="centre-tabs">
          <li>
            <NavLink to="/centre" end>
              {t('frame.queue')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/centre/intake">{t('frame.intake')}</NavLink>
          </li>
          <li>
            <NavLink to="/centre/hand-over">{t('frame.handOver')}</NavLink>
          </li>
        </ul>
      </nav>
    </div>
  );
}
