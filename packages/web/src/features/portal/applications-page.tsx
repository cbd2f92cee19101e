import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { DeadlineBadge, ErrorMessage, Loading, PageHeading, StatusBadge } from '../../ui/components';
import { formatDate } from '../../ui/format';
import type { ApplicationSummary } from './portal-api';

/** The applicant's applications (their own and their company's), newest first. */
export function ApplicationsPage() {
  const { t, i18n } = useTranslation('portal');
  const list = useQuery({
    queryKey: ['portal', 'applications', i18n.language],
    queryFn: () => api.get<{ items: ApplicationSummary[]; total: number }>('/my/applications', { limit: 100 }),
  });
  return (
    <section>
      <PageHeading title={t('applications.title')}>{t('applications.title')}</PageHeading>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p>{t('applications.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="portal-table">
            <caption>{t('applications.caption', { n: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('application.number')}</th>
                <th scope="col">{t('application.service')}</th>
                <th scope="col">{t('application.status')}</th>
                <th scope="col">{t('application.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`/my/applications/${encodeURIComponent(item.id)}`}>{item.id}</Link>
                  </th>
                  <td>
                    {item.service.name}
                    <span className="hint portal-block">{t(`kind.${item.requestKind}`)}</span>
                  </td>
                  <td>
                    <ApplicationStatusBadge application={item} />
                  </td>
                  <td>
                    {item.status === 'in_progress' || item.status === 'waiting_applicant' ? (
                      <DeadlineBadge state={item.termOverdue ? 'overdue' : 'on_time'}>
                        {formatDate(item.termDue, i18n.language)}
                      </DeadlineBadge>
                    ) : item.closedAt ? (
                      formatDate(item.closedAt, i18n.language)
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The status, and for a decided application its result ("licence issued", "refused"). */
export function ApplicationStatusBadge({ application }: { application: ApplicationSummary }) {
  const { t } = useTranslation('portal');
  const decided = application.status === 'completed' && application.result;
  const look = decided ? (application.result === 'motivated_refusal' ? 'refused' : 'issued') : application.status;
  return <StatusBadge status={look}>{applicationStatusText(application, t)}</StatusBadge>;
}

/** The words of the status badge: the result once decided, else the status. */
export function applicationStatusText(
  application: Pick<ApplicationSummary, 'status' | 'result'>,
  t: TFunction<'portal'>,
): string {
  return application.status === 'completed' && application.result
    ? t(`result.${application.result}`)
    : t(`status.${application.status}`);
}
