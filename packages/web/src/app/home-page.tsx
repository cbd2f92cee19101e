import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../session/session';
import { PageHeading } from '../ui/components';

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <section>
      <PageHeading title={t('home.title')}>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.lead')}</p>
      <ul className="cards">
        <li className="card">
          <h2>
            <Link to="/services">{t('home.apply')}</Link>
          </h2>
          <p>{t('home.applyText')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/registry">{t('home.registry')}</Link>
          </h2>
          <p>{t('home.registryText')}</p>
        </li>
        {!session.holder && (
          <li className="card">
            <h2>
              <Link to="/sign-in">{t('signIn.link')}</Link>
            </h2>
            <p>{t('home.signInText')}</p>
          </li>
        )}
      </ul>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
