import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorMessage, Loading, Notice, PageHeading } from '../../ui/components';
import { DocumentChecklist } from './document-checklist';
import { DraftForm } from './draft-form';
import { FeePanel, useInvoice } from './fee-panel';
import { type Draft, type Regulation, type Service, useRegulation, useServices } from './portal-api';
import { SignPanel } from './sign-panel';
import { useDraftForm } from './use-draft-form';

/** A draft application: its form, documents, fee and signature, each saved as it is done. */
export function DraftPage() {
  const { t, i18n } = useTranslation('portal');
  const { draftId = '' } = useParams();
  const draft = useQuery({
    queryKey: ['portal', 'draft', draftId, i18n.language],
    queryFn: () => api.get<Draft>(`/drafts/${encodeURIComponent(draftId)}`),
    // Another language reads the draft again; the form stays on screen (and keeps what is typed) meanwhile.
    placeholderData: keepPreviousData,
  });
  const regulation = useRegulation(draft.data?.regulationId);
  const services = useServices();

  if (draft.isPending || (draft.data && regulation.isPending)) return <Loading />;
  if (!draft.data || !regulation.data) {
    return (
      <section>
        <PageHeading title={t('draft.title')}>{t('draft.title')}</PageHeading>
        <ErrorMessage error={draft.error ?? regulation.error} />
      </section>
    );
  }
  const service = services.data?.services.find((s) => s.id === draft.data.serviceId);
  return <DraftEditor draft={draft.data} regulation={regulation.data} service={service} />;
}

function DraftEditor({ draft, regulation, service }: { draft: Draft; regulation: Regulation; service?: Service }) {
  const { t } = useTranslation('portal');
  const form = useDraftForm(draft);
  const invoice = useInvoice(draft.id);
  const mci = regulation.fee.mci[draft.requestKind];
  const tenge = service?.requestKinds.find((k) => k.kind === draft.requestKind)?.fee?.tenge ?? null;
  const title = service ? service.name : t('draft.title');

  if (draft.submittedAt) {
    return (
      <section>
        <PageHeading title={title}>{title}</PageHeading>
        <Notice tone="success">{t('draft.submitted', { id: draft.id })}</Notice>
        <p>
          <Link to={`/my/applications/${encodeURIComponent(draft.id)}`}>{t('draft.openApplication')}</Link>
        </p>
      </section>
    );
  }

  const missing: string[] = [];
  if (form.problems.length > 0) missing.push(t('sign.missingForm', { n: form.problems.length }));
  const missingDocuments = (draft.documents ?? []).filter((d) => d.required && d.files.length === 0);
  if (missingDocuments.length > 0)
    missing.push(t('sign.missingDocuments', { documents: missingDocuments.map((d) => d.name).join('; ') }));
  if (mci !== undefined && invoice.data?.status !== 'paid' && invoice.data?.status !== 'double_paid')
    missing.push(t('sign.missingFee'));

  const step = (n: number, text: string) => (
    <h2>
      <span className="portal-step-number" aria-hidden="true">
        {n}
      </span>
      <span className="visually-hidden">{t('draft.step', { n })}: </span>
      {text}
    </h2>
  );
  let n = 0;
  return (
    <section className="portal-page portal-draft">
      <PageHeading title={title}>{title}</PageHeading>
      <dl className="facts portal-draft-facts">
        <dt>{t('draft.number')}</dt>
        <dd>{draft.id}</dd>
        <dt>{t('service.requestKind')}</dt>
        <dd>{t(`kind.${draft.requestKind}`)}</dd>
        <dt>{t('draft.applicant')}</dt>
        <dd>{t(`applicantKind.${draft.applicant.kind}`, { id: draft.applicant.id })}</dd>
        {draft.licenceNumber && (
          <>
            <dt>{t('apply.licenceNumber')}</dt>
            <dd>{draft.licenceNumber}</dd>
          </>
        )}
      </dl>
      <p className="hint">{t('draft.lead')}</p>
      <div className="panel">
        {step(++n, t('draft.form'))}
        <DraftForm form={regulation.form} state={form} />
      </div>
      <div className="panel">
        {step(++n, t('draft.documents'))}
        <DocumentChecklist draft={draft} />
      </div>
      {mci !== undefined && (
        <div className="panel">
          {step(++n, t('draft.fee'))}
          <FeePanel draftId={draft.id} mci={mci} tenge={tenge} beforeLeaving={form.flush} />
        </div>
      )}
      <div className="panel">
        {step(++n, t('draft.sign'))}
        <SignPanel
          draftId={draft.id}
          missing={missing}
          beforeSigning={async () => {
            form.showAll();
            await form.flush();
          }}
        />
      </div>
    </section>
  );
}
