import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Button, ErrorMessage, Loading, Notice, PageHeading } from '../../ui/components';
import { formatDateTime, formatDateWithWeekday, useLocalized } from '../../ui/format';
import { useObjectUrl } from '../../ui/object-url';
import { centreApi, type Receipt } from './centre-api';
import { HandOverForm } from './hand-over-form';
import { useServiceNames } from './use-services';

/** The receipt of a walk-in application: its facts, its PDF to print, and the hand-over of the result. */
export function ReceiptPage() {
  const { t } = useTranslation('centre');
  const { id = '' } = useParams();
  const receipt = useQuery({ queryKey: ['centre', 'receipt', id], queryFn: () => centreApi.receipt(id) });
  // Arriving from the intake desk, the operator is told the application is in, and what to do next.
  const registered = (useLocation().state as { registered?: boolean } | null)?.registered === true;
  return (
    <section>
      <PageHeading title={t('receipt.title')}>{t('receipt.title')}</PageHeading>
      {registered && <Notice tone="success">{t('receipt.registered')}</Notice>}
      {receipt.isPending ? (
        <Loading />
      ) : receipt.isError ? (
        <ErrorMessage error={receipt.error} />
      ) : (
        <>
          <ReceiptFacts receipt={receipt.data} />
          <ReceiptPdf applicationId={id} />
          <HandOverSection receipt={receipt.data} />
          <div className="actions no-print">
            <Link className="button button-secondary" to="/centre/intake">
              {t('receipt.nextIntake')}
            </Link>
            <Link className="button button-secondary" to="/centre">
              {t('receipt.toQueue')}
            </Link>
          </div>
        </>
      )}
    </section>
  );
}

function ReceiptFacts({ receipt }: { receipt: Receipt }) {
  const { t, i18n } = useTranslation('centre');
  const localized = useLocalized();
  const serviceName = useServiceNames();
  const regulation = useQuery({
    queryKey: ['centre-regulation', receipt.regulationId],
    queryFn: () => centreApi.regulation(receipt.regulationId),
    staleTime: 10 * 60_000,
  });
  const documentName = (id: string) => localized(regulation.data?.documents.items.find((d) => d.id === id)?.name) || id;
  return (
    <div className="panel">
      <p>
        {t('receipt.number')}: <span className="application-number">{receipt.applicationId}</span>
      </p>
      <dl className="facts">
        <dt>{t('receipt.service')}</dt>
        <dd>{serviceName(receipt.regulationId)}</dd>
        <dt>{t('intake.requestKind')}</dt>
        <dd>{t(`kind.${receipt.requestKind}`, { defaultValue: receipt.requestKind })}</dd>
        <dt>{t('receipt.applicant')}</dt>
        <dd>
          {receipt.applicant.name} ({receipt.applicant.id})
        </dd>
        <dt>{t('receipt.acceptedAt')}</dt>
        <dd>{formatDateTime(receipt.acceptedAt, i18n.language)}</dd>
        <dt>{t('receipt.registrationDate')}</dt>
        <dd>{formatDateWithWeekday(receipt.registrationDate, i18n.language)}</dd>
        <dt>{t('receipt.plannedResultDate')}</dt>
        <dd>{formatDateWithWeekday(receipt.plannedResultDate, i18n.language)}</dd>
        <dt>{t('receipt.operator')}</dt>
        <dd>{receipt.operator.name}</dd>
        <dt>{t('receipt.papers')}</dt>
        <dd>
          <ul>
            {receipt.paperDocuments.map((id) => (
              <li key={id}>{documentName(id)}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </div>
  );
}

/**
 * The receipt as the PDF to print, fetched with the session's bearer token (a plain link would not
 * carry it) and shown from an object URL, which the page's CSP allows for frames.
 */
function ReceiptPdf({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation('centre');
  const [pdf, setPdf] = useState<Blob | null>(null);
  const url = useObjectUrl(pdf);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setPdf(new Blob([await centreApi.receiptPdf(applicationId)], { type: 'application/pdf' }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="pdf-heading">
      <h2 id="pdf-heading">{t('receipt.pdfTitle')}</h2>
      <p className="hint">{t('receipt.pdfLead')}</p>
      <div className="actions no-print">
        {url === null ? (
          <Button busy={busy} onClick={() => void open()}>
            {t('receipt.openPdf')}
          </Button>
        ) : (
          <>
            <Button onClick={() => frame.current?.contentWindow?.print()}>{t('receipt.print')}</Button>
            <a
              className="button button-secondary"
              href={url}
              target="_blank"
              rel="noopener"
              download={`receipt-${applicationId}.pdf`}
            >
              {t('receipt.savePdf')}
            </a>
          </>
        )}
      </div>
      <ErrorMessage error={error} />
      {url && (
        <iframe ref={frame} className="pdf-frame" src={url} title={t('receipt.pdfFrame', { number: applicationId })} />
      )}
    </section>
  );
}

function HandOverSection({ receipt }: { receipt: Receipt }) {
  const { t, i18n } = useTranslation('centre');
  const queryClient = useQueryClient();
  return (
    <section className="panel" id="hand-over" aria-labelledby="hand-over-heading">
      <h2 id="hand-over-heading">{t('handOver.sectionTitle')}</h2>
      {receipt.handedOver ? (
        <>
          <Notice tone="success">{t('handOver.done')}</Notice>
          <dl className="facts">
            <dt>{t('handOver.at')}</dt>
            <dd>{formatDateTime(receipt.handedOver.at, i18n.language)}</dd>
            <dt>{t('handOver.toIin')}</dt>
            <dd>{receipt.handedOver.toIin}</dd>
          </dl>
        </>
      ) : (
        <HandOverForm
          receipt={receipt}
          onDone={(updated) => queryClient.setQueryData(['centre', 'receipt', receipt.applicationId], updated)}
        />
      )}
    </section>
  );
}
