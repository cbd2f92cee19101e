import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading, Notice, PageHeading, StatusBadge } from '../../ui/components';
import { formatDate, formatDateTime, useLocalized } from '../../ui/format';
import { DueCell } from './due-cell';
import {
  DocumentsSection,
  ExternalChecksSection,
  FormSection,
  HistorySection,
  SignatureSection,
} from './file-sections';
import { LicenceChangeForm } from './licence-change';
import { stepOf } from './office-api';
import { nameOfStaff, useApplicationFile, useRegulation, useStaff } from './office-queries';
import { ResultSection } from './result-section';
import { StepActions } from './step-actions';

/** The application file: what was asked, with what, what happened, and the open step's actions. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  // Another application is another page: nothing said about the last one stays.
  return <ApplicationFileView key={id} id={id} />;
}

function ApplicationFileView({ id }: { id: string }) {
  const { t, i18n } = useTranslation('office');
  const [done, setDone] = useState<string | null>(null);
  const file = useApplicationFile(id);
  const regulation = useRegulation(file.data?.regulationId);
  const staff = useStaff();
  const localized = useLocalized();
  const title = t('file.title', { number: id });

  if (file.isPending) return <Loading />;
  if (!file.data) {
    return (
      <section>
        <PageHeading title={title}>{title}</PageHeading>
        <ErrorMessage error={file.error} />
      </section>
    );
  }
  const application = file.data;
  const step = stepOf(regulation.data, application.requestKind, application.currentStep?.id);
  const decided = application.status === 'completed' && application.result !== null;

  return (
    <section
      data-application={application.id}
      data-regulation={application.regulationId}
      data-status={application.status}
      data-step={application.currentStep?.id ?? ''}
      data-request-kind={application.requestKind}
      data-result={application.result ?? ''}
    >
      <p>
        <Link to="/office">{t('file.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{application.service.name}</p>
      {done && <Notice tone="success">{t(`actions.done.${done}`)}</Notice>}
      <div className="columns office-file">
        <section className="panel" aria-labelledby="office-summary-heading">
          <h2 id="office-summary-heading">{t('file.summary')}</h2>
          <dl className="facts">
            <dt>{t('file.status')}</dt>
            <dd>
              <StatusBadge status={application.status}>{t(`status.${application.status}`)}</StatusBadge>
              {application.result && <> {t(`result.${application.result}`, { defaultValue: application.result })}</>}
            </dd>
            <dt>{t('file.requestKind')}</dt>
            <dd>{t(`requestKind.${application.requestKind}`, { defaultValue: application.requestKind })}</dd>
            <dt>{t('file.applicant')}</dt>
            <dd>
              {t(`applicantKind.${application.applicant.kind}`, { defaultValue: application.applicant.kind })}{' '}
              {application.applicant.id}
            </dd>
            <dt>{t('file.channel')}</dt>
            <dd>{t(`channel.${application.channel}`, { defaultValue: application.channel })}</dd>
            <dt>{t('file.registered')}</dt>
            <dd>{formatDate(application.registrationDate, i18n.language)}</dd>
            <dt>{t('file.term')}</dt>
            <dd>
              {application.status === 'completed' || application.status === 'withdrawn' ? (
                // Once decided, the term is a date of record, no longer a deadline to watch.
                <time dateTime={application.termDue}>{formatDateTime(application.termDue, i18n.language)}</time>
              ) : (
                <DueCell step={{ id: 'term', name: '', due: application.termDue, overdue: application.termOverdue }} />
              )}
            </dd>
            {application.currentStep && (
              <>
                <dt>{t('file.step')}</dt>
                <dd>{application.currentStep.name}</dd>
                <dt>{t('file.role')}</dt>
                <dd data-role={step?.actor}>
                  {step ? localized(regulation.data?.roles.find((r) => r.id === step.actor)?.name, step.actor) : '—'}
                </dd>
                <dt>{t('file.assignee')}</dt>
                <dd>{nameOfStaff(staff.data, application.assignee) ?? t('inbox.unassigned')}</dd>
                <dt>{t('file.stepDue')}</dt>
                <dd>
                  <DueCell step={application.currentStep} />
                </dd>
              </>
            )}
            {application.licenceNumber && (
              <>
                <dt>{t('file.licenceConcerned')}</dt>
                <dd className="office-id">{application.licenceNumber}</dd>
              </>
            )}
          </dl>
        </section>
        {application.currentStep && application.status === 'in_progress' && step && regulation.data && (
          <StepActions file={application} step={step} regulation={regulation.data} onDone={setDone} />
        )}
        {application.status === 'waiting_applicant' && (
          <section className="panel">
            <h2>{t('actions.title')}</h2>
            <p>{t('actions.waitingApplicant')}</p>
          </section>
        )}
      </div>
      {decided && <ResultSection file={application} />}
      {application.licenceNumber && application.status !== 'completed' && (
        <LicenceChangeForm licenceNumber={application.licenceNumber} />
      )}
      <FormSection file={application} regulation={regulation.data} />
      <DocumentsSection file={application} regulation={regulation.data} />
      <SignatureSection file={application} />
      <ExternalChecksSection file={application} />
      <HistorySection file={application} />
    </section>
  );
}
