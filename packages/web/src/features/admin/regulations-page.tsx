import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { formatDate, useLocalized } from '../../ui/format';
import { adminApi } from './admin-api';
import { AdminNav } from './admin-nav';
import { REFERENCE, useLanguage } from './names';
import { TableRegion } from './table-region';

/** Every regulation version in the catalogue, in force or repealed, with the processes it defines. */
export function RegulationsPage() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const language = useLanguage();
  const query = useQuery({ queryKey: ['admin', 'regulations'], queryFn: adminApi.regulations, ...REFERENCE });
  const items = [...(query.data ?? [])].sort(
    (a, b) => a.service.localeCompare(b.service) || b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return (
    <section className="admin-page">
      <AdminNav />
      <PageHeading title={t('regulations.title')}>{t('regulations.title')}</PageHeading>
      <p className="lead">{t('regulations.lead')}</p>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {items.length > 0 && (
        <TableRegion label={t('regulations.caption', { count: items.length })}>
          <table>
            <caption>{t('regulations.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('regulations.service')}</th>
                <th scope="col">{t('regulations.version')}</th>
                <th scope="col">{t('regulations.inForce')}</th>
                <th scope="col">{t('regulations.kinds')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/regulations/${encodeURIComponent(r.id)}`}>{localized(r.name, r.id)}</Link>
                  </th>
                  <td>
                    <code>{r.version}</code>
                  </td>
                  <td>
                    {r.repealedOn === null ? (
                      <span className="badge status-active">
                        {t('regulations.since', { date: formatDate(r.effectiveFrom, language) })}
                      </span>
                    ) : (
                      <span className="badge status-neutral">
                        {t('regulations.between', {
                          from: formatDate(r.effectiveFrom, language),
                          to: formatDate(r.repealedOn, language),
                        })}
                      </span>
                    )}
                  </td>
                  <td>{r.requestKinds.map((k) => t(`kind.${k}`, { defaultValue: k })).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
