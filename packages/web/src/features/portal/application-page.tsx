import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { Button, DeadlineBadge, ErrorMessage, Loading, Notice, PageHeading } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import { ApplicationStatusBadge, applicationStatusText } from './applications-page';
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
  const announcer = useStatusAnnouncer(application.data);

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
              <Button
                kind="secondary"
                busy={application.isFetching}
                onClick={() => void announcer.refreshed(application.refetch())}
              >
                {t('application.refresh')}
              </Button>
              {/* Not live: the page refreshes itself every few seconds, and this would be spoken each time. */}
              <span className="hint">
                {t('application.updatedAt', {
                  at: formatDateTime(new Date(application.dataUpdatedAt).toISOString(), i18n.language),
                })}
              </span>
            </div>
            <ErrorMessage error={announcer.refreshError} />
            <p className="visually-hidden" role="status" aria-live="polite">
              {announcer.announcement}
            </p>
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

/**
 * What the page says aloud about the status, politely and once: that it changed (noticed by the
 * automatic refresh, or after a withdrawal), or, after the Refresh button, where it stands now.
 * A refresh that finds nothing new says nothing unasked.
 */
function useStatusAnnouncer(application: ApplicationDetail | undefined) {
  const { t, i18n } = useTranslation('portal');
  const [announcement, setAnnouncement] = useState('');
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const seen = useRef<{ id: string; status: string } | null>(null);
  const asked = useRef(false);
  const id = application?.id;
  const status = application ? statusOf(application) : undefined;
  const words = application ? applicationStatusText(application, t) : '';

  useEffect(() => {
    if (id === undefined || status === undefined) return;
    const before = seen.current;
    seen.current = { id, status };
    // The Refresh button's own announcement names the new status already (and records it as seen).
    if (before && before.id === id && before.status !== status && !asked.current) {
      setAnnouncement(t('application.statusChanged', { status: words }));
    }
  }, [id, status, words, t]);

  const refreshed = async (
    refetch: Promise<{ data?: ApplicationDetail | undefined; dataUpdatedAt: number; error: unknown }>,
  ) => {
    asked.current = true;
    // Emptied first, so that the same words after a second press are spoken again.
    setAnnouncement('');
    setRefreshError(null);
    try {
      const result = await refetch;
      if (result.error) setRefreshError(result.error);
      else if (result.data) {
        seen.current = { id: result.data.id, status: statusOf(result.data) };
        setAnnouncement(
          t('application.statusNow', {
            status: applicationStatusText(result.data, t),
            at: formatDateTime(new Date(result.dataUpdatedAt).toISOString(), i18n.language),
          }),
        );
      }
    } finally {
      asked.current = false;
    }
  };
  return { announcement, refreshError, refreshed };
}

const statusOf = (application: ApplicationDetail) => `${application.status}/${application.result ?? ''}`;

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
