import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useResultDocument } from '../../api/results';
import { Button, ErrorMessage, Loading } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import { useObjectUrl } from '../../ui/object-url';

/**
 * The signed result. Its PDF needs the session's bearer header, so it is fetched here as bytes and
 * offered through an object URL — to open in the browser's viewer, or to save as it was signed.
 */
export function ResultPanel({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation('portal');
  const path = `/my/applications/${encodeURIComponent(applicationId)}/result`;
  const result = useResultDocument(path);
  const [pdf, setPdf] = useState<Blob | null>(null);
  const pdfUrl = useObjectUrl(pdf);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const prepare = async () => {
    setBusy(true);
    setError(null);
    try {
      const blob = await api.bytes(`${path}.pdf`);
      setPdf(new Blob([blob], { type: 'application/pdf' }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const fileName = `${result.data?.licenceNumber ?? result.data?.outgoingNumber ?? applicationId}.pdf`;
  return (
    <div className="panel">
      <h2>{t('result.title')}</h2>
      {result.isPending && <Loading label={t('result.waiting')} />}
      <ErrorMessage error={result.isPending ? null : result.error} />
      {result.data && (
        <>
          <dl className="facts">
            <dt>{t('result.kind')}</dt>
            <dd>{t(`result.${result.data.kind}`)}</dd>
            {result.data.licenceNumber && (
              <>
                <dt>{t('licences.number')}</dt>
                <dd>{result.data.licenceNumber}</dd>
              </>
            )}
            {result.data.outgoingNumber && (
              <>
                <dt>{t('result.outgoingNumber')}</dt>
                <dd>{result.data.outgoingNumber}</dd>
              </>
            )}
            <dt>{t('result.issuedOn')}</dt>
            <dd>{formatDate(result.data.issuedOn, i18n.language)}</dd>
            <dt>{t('result.signed')}</dt>
            <dd>
              {result.data.signerName}, {formatDateTime(result.data.signedAt, i18n.language)}
            </dd>
          </dl>
          <div className="actions">
            {pdfUrl ? (
              <>
                <a className="button button-primary portal-link-button" href={pdfUrl} target="_blank" rel="noopener">
                  {t('result.open')}
                </a>
                <a className="button button-secondary portal-link-button" href={pdfUrl} download={fileName}>
                  {t('result.save')}
                </a>
              </>
            ) : (
              <Button busy={busy} onClick={() => void prepare()}>
                {t('result.getPdf')}
              </Button>
            )}
          </div>
          <ErrorMessage error={error} />
        </>
      )}
    </div>
  );
}
