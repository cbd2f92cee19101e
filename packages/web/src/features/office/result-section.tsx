import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Loading } from '../../ui/components';
import { BlobViewer } from './blob-viewer';
import { formatDateTime } from './format';
import { LicenceChangeForm } from './licence-change';
import type { ApplicationFile } from './office-api';

interface ResultDocument {
  readonly id: string;
  readonly kind: string;
  readonly licenceNumber: string | null;
  readonly outgoingNumber: string | null;
  readonly issuedOn: string;
  readonly signedAt: string;
  readonly signerName: string;
}

/**
 * The decided application's signed result: it is signed in the outbox shortly after the decision,
 * so the page asks again every two seconds until it exists, then shows it and its PDF.
 */
export function ResultSection({ file }: { file: ApplicationFile }) {
  const { t, i18n } = useTranslation('office');
  const path = `/office/applications/${encodeURIComponent(file.id)}/result`;
  const result = useQuery({
    queryKey: ['office', 'result', file.id],
    queryFn: () => api.get<ResultDocument>(path),
    retry: false,
    refetchInterval: (query) => (query.state.data ? false : 2_000),
  });
  const document = result.data;
  return (
    <>
      <section
        className="panel"
        aria-labelledby="office-result-heading"
        data-result-licence={document?.licenceNumber ?? ''}
      >
        <h2 id="office-result-heading">{t('result.title')}</h2>
        {!document ? (
          <Loading label={t('viewer.waiting')} />
        ) : (
          <>
            <dl className="facts">
              <dt>{t('result.kind')}</dt>
              <dd>{t(`result.${document.kind}`, { defaultValue: document.kind })}</dd>
              {document.licenceNumber && (
                <>
                  <dt>{t('file.licence')}</dt>
                  <dd className="office-id">{document.licenceNumber}</dd>
                </>
              )}
              {document.outgoingNumber && (
                <>
                  <dt>{t('result.outgoingNumber')}</dt>
                  <dd className="office-id">{document.outgoingNumber}</dd>
                </>
              )}
              <dt>{t('result.signedBy')}</dt>
              <dd>
                {document.signerName}, {formatDateTime(document.signedAt, i18n.language)}
              </dd>
            </dl>
            <BlobViewer
              path={`${path}.pdf`}
              title={t('result.frameTitle', { number: file.id })}
              fileName={`${file.id}.pdf`}
              mediaType="application/pdf"
            />
          </>
        )}
      </section>
      {document?.licenceNumber && document.kind !== 'motivated_refusal' && (
        <LicenceChangeForm licenceNumber={document.licenceNumber} />
      )}
    </>
  );
}
