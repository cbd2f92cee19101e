import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { Button, DeadlineBadge, ErrorMessage, Loading, Notice, PageHeading } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import { ApplicationStatusBadge } from './applications-page';
import { type ApplicationDetail, transactionId } from './portal-api';
import { ResultPanel } from './result-panel';
import { SurveyPanel } from './survey-panel';

/** How often an open application's page asks for news by itself. */
const STATUS_REFRESH_MS = 15_000;

/** One application: where it stands, by when, what happened so far, and its result. */
export function ApplicationPage() {
  const { t, i18n } = useTranslation('portal');
  const { applicationId = '' } = useParams();
  const [search] = useSearchParams();
  const application = useQuery({
    queryKey: ['portal', 'application', applicationId, i18n.language],
    queryFn: () => api.get<ApplicationDetail>(`/my/applications/${encodeURIComponent(applicationId)}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.status === 'completed' || query.state.data?.status === 'withdrawn' ? false : STATUS_REFRESH_MS,
  });

  if (application.isPending) return <Loading />;
  if (!application.data) {
    return (
      <section>
        <PageHeading title={t('application.title', { id: applicationId })}>
          {t('application.title', { id: applicationId })}
        </PageHeading>
        <ErrorMessage error={application.error} />
      </section>
    );
  }
  const a = application.data;
  const open = a.status === 'in_progress' || a.status === 'waiting_applicant';
  const title = t('application.title', { id: a.id });
  return (
    <section className="portal-page">
      <p className="portal-back">
        <Link to="/my/applications">{t('applications.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {search.get('submitted') && <Notice tone="success">{t('application.registered', { id: a.id })}</Notice>}
      <div className="columns">
        <div>
          <div className="panel">
            <h2>{t('application.facts')}</h2>
            <dl className="facts">
              <dt>{t('application.number')}</dt>
              <dd className="portal-number">{a.id}</dd>
              <dt>{t('application.service')}</dt>
              <dd>{a.service.name}</dd>
              <dt>{t('service.requestKind')}</dt>
              <dd>{t(`kind.${a.requestKind}`)}</dd>
              <dt>{t('application.channel')}</dt>
              <dd>{t(`channel.${a.channel}`)}</dd>
              <dt>{t('application.status')}</dt>
              <dd>
                <ApplicationStatusBadge application={a} />
              </dd>
              <dt>{t('application.registrationDate')}</dt>
              <dd>{formatDate(a.registrationDate, i18n.language)}</dd>
              <dt>{t('application.due')}</dt>
              <dd>
                {open ? (
                  <DeadlineBadge state={a.termOverdue ? 'overdue' : 'on_time'}>
                    {formatDateTime(a.termDue, i18n.language)}
                  </DeadlineBadge>
                ) : (
                  formatDateTime(a.termDue, i18n.language)
                )}
              </dd>
              {a.currentStep && (
                <>
                  <dt>{t('application.currentStep')}</dt>
                  <dd>
                    {a.currentStep.name}
                    <span className="hint portal-block">
                      {t('application.stepDue', { at: formatDateTime(a.currentStep.due, i18n.language) })}
                    </span>
                  </dd>
                </>
              )}
              {a.closedAt && (
                <>
                  <dt>{t('application.closedAt')}</dt>
                  <dd>{formatDateTime(a.closedAt, i18n.language)}</dd>
                </>
              )}
            </dl>
            <div className="actions">
              <Button kind="secondary" busy={application.isFetching} onClick={() => void application.refetch()}>
                {t('application.refresh')}
              </Button>
              <span className="hint" role="status" aria-live="polite">
                {t('application.updatedAt', {
                  at: formatDateTime(new Date(application.dataUpdatedAt).toISOString(), i18n.language),
                })}
              </span>
            </div>
            {open && <WithdrawAction id={a.id} />}
          </div>
          {a.status === 'completed' && a.result && (
            <>
              <ResultPanel applicationId={a.id} />
              <SurveyPanel applicationId={a.id} />
            </>
          )}
        </div>
        <div className="panel">
          <h2>{t('application.history')}</h2>
          <ol className="timeline">
            {a.history.map((event) => (
              <li key={event.sequence}>
                <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
                {event.text}
                {event.reasons && <p className="portal-reasons">{event.reasons}</p>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

function WithdrawAction({ id }: { id: string }) {
  const { t } = useTranslation('portal');
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const transaction = useRef(transactionId(`withdraw-${id}`));
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/my/applications/${encodeURIComponent(id)}/withdraw`, { transactionId: transaction.current });
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
      setAsking(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  if (!asking) {
    return (
      <div className="actions">
        <Button kind="secondary" onClick={() => setAsking(true)}>
          {t('withdraw.start')}
        </Button>
      </div>
    );
  }
  return (
    <fieldset className="portal-confirm">
      <legend>{t('withdraw.question')}</legend>
      <div className="actions">
        <Button kind="danger" busy={busy} onClick={() => void withdraw()}>
          {t('withdraw.confirm')}
        </Button>
        <Button kind="secondary" onClick={() => setAsking(false)}>
          {t('withdraw.cancel')}
        </Button>
      </div>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
