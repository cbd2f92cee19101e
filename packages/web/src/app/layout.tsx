import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useSession } from '../session/session';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const { workspaces } = session;
  const signInLink = useRef<HTMLAnchorElement>(null);
  // The sign-out button goes away with the session: the focus goes to the sign-in link in its place.
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    if (signedOut && !session.holder) signInLink.current?.focus();
  }, [signedOut, session.holder]);
  const signOut = () => {
    setSignedOut(true);
    void session.signOut();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-top">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              R
            </span>
            <span>
              Ruqsat <span className="brand-tagline">{t('tagline')}</span>
            </span>
          </Link>
          <LanguageSwitch />
          <div className="account">
            {session.holder ? (
              <>
                <span className="account-name">{session.holder.name}</span>
                <button type="button" className="link-button" onClick={signOut}>
                  {t('signOut')}
                </button>
              </>
            ) : (
              <Link to="/sign-in" ref={signInLink}>
                {t('signIn.link')}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            <li>
              <NavLink to="/services">{t('nav.services')}</NavLink>
            </li>
            {session.holder && (
              <>
                <li>
                  <NavLink to="/my/applications">{t('nav.myApplications')}</NavLink>
                </li>
                <li>
                  <NavLink to="/my/licences">{t('nav.myLicences')}</NavLink>
                </li>
                <li>
                  <NavLink to="/my/notifications">{t('nav.notifications')}</NavLink>
                </li>
                <li>
                  <NavLink to="/book-visit">{t('nav.bookVisit')}</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to="/registry">{t('nav.registry')}</NavLink>
            </li>
            {workspaces.centre.length > 0 && (
              <li>
                <NavLink to="/centre">{t('nav.centre')}</NavLink>
              </li>
            )}
            {workspaces.office.length > 0 && (
              <li>
                <NavLink to="/office">{t('nav.office')}</NavLink>
              </li>
            )}
            {workspaces.admin.length > 0 && (
              <li>
                <NavLink to="/admin">{t('nav.admin')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
