import { useTranslation } from 'react-i18next';
import { useResultDocument } from '../../api/results';
import { ErrorMessage, Loading } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { BlobViewer } from './blob-viewer';
import { LicenceChangeForm } from './licence-change';
import type { ApplicationFile } from './office-api';

/** The decided application's signed result, once the outbox has signed it, and its PDF. */
export function ResultSection({ file }: { file: ApplicationFile }) {
  const { t, i18n } = useTranslation('office');
  const path = `/office/applications/${encodeURIComponent(file.id)}/result`;
  const result = useResultDocument(path);
  const document = result.data;
  return (
    <>
      <section
        className="panel"
        aria-labelledby="office-result-heading"
        data-result-licence={document?.licenceNumber ?? ''}
      >
        <h2 id="office-result-heading">{t('result.title')}</h2>
        {result.isPending ? (
          <Loading label={t('viewer.waiting')} />
        ) : !document ? (
          <ErrorMessage error={result.error} />
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
