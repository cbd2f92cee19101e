import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { todayInAlmaty } from '../../ui/format';

/** The administration's own sections, under the site's navigation. */
export function AdminNav() {
  const { t } = useTranslation('admin');
  const year = todayInAlmaty().slice(0, 4);
  return (
    <nav aria-label={t('nav.label')} className="admin-nav">
      <ul>
        <li>
          <NavLink to="/admin" end>
            {t('nav.dashboard')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/regulations">{t('nav.regulations')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/staff">{t('nav.staff')}</NavLink>
        </li>
        <li>
          <NavLink to={`/admin/calendars/${year}`}>{t('nav.calendars')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
