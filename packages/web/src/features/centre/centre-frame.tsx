import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { RequireWorkspace } from '../../app/guards';
import type { Post } from '../../session/session';
import { ChoosePost, useWorkspacePost } from '../../session/workspace-post';
import { useLocalized } from '../../ui/format';
import { forgetIntakeDraft } from './intake-draft';
import './centre.css';

/** The operator's workspace: which centre they serve at, and its three desks (queue, intake, hand-over). */
export function CentreFrame({ children }: { children: ReactNode }) {
  return (
    <RequireWorkspace workspace="centre">
      <CentreWorkspace>{children}</CentreWorkspace>
    </RequireWorkspace>
  );
}

function CentreWorkspace({ children }: { children: ReactNode }) {
  // A walk-in half taken at one centre is not carried on at another.
  const post = useWorkspacePost('centre', { onSwitched: forgetIntakeDraft });
  // Nothing of a centre (its queue, its walk-ins) is shown before it is known which centre it is.
  if (post.needsChoice) return <ChoosePost post={post} />;
  return (
    <>
      <CentreNavigation centre={post.chosen} onChange={post.canChange ? post.change : undefined} />
      {children}
    </>
  );
}

function CentreNavigation({ centre, onChange }: { centre: Post | undefined; onChange: (() => void) | undefined }) {
  const { t } = useTranslation('centre');
  const localized = useLocalized();
  return (
    <div className="centre-bar">
      {centre && (
        <p className="centre-name">
          {localized(centre.organisationName, centre.organisationId)}
          {onChange && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onChange}>
                {t('frame.changeCentre')}
              </button>
            </>
          )}
        </p>
      )}
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
