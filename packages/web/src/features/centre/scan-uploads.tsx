import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../api/client';
import { Button, ErrorMessage, Field, ProgressBar } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import type { AttachmentInfo, RegulationDetail, RequestKind } from './centre-api';

/**
 * The scans of the paper documents, uploaded under the intake's number before the operator signs:
 * the signed request names each file by its hash, so a scan added later would not be signed.
 */
export function ScanUploads({
  applicationId,
  regulation,
  requestKind,
  documentIds,
  scans,
  onScanned,
}: {
  applicationId: string;
  regulation: RegulationDetail;
  requestKind: RequestKind;
  documentIds: readonly string[];
  scans: readonly AttachmentInfo[];
  onScanned: (scan: AttachmentInfo) => void;
}) {
  const localized = useLocalized();
  const documents = regulation.documents.items.filter((d) => documentIds.includes(d.id));
  return (
    <ul className="scan-list">
      {documents.map((document) => (
        <li key={document.id}>
          <ScanUpload
            applicationId={applicationId}
            regulationId={regulation.id}
            requestKind={requestKind}
            documentId={document.id}
            documentName={localized(document.name)}
            scans={scans.filter((s) => s.documentId === document.id)}
            onScanned={onScanned}
          />
        </li>
      ))}
    </ul>
  );
}

function ScanUpload(props: {
  applicationId: string;
  regulationId: string;
  requestKind: RequestKind;
  documentId: string;
  documentName: string;
  scans: readonly AttachmentInfo[];
  onScanned: (scan: AttachmentInfo) => void;
}) {
  const { t } = useTranslation('centre');
  const [file, setFile] = useState<File | null>(null);
  // A new input after each upload: the chosen file's name would otherwise stay in the old one.
  const [inputKey, setInputKey] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    const query = new URLSearchParams({
      regulationId: props.regulationId,
      requestKind: props.requestKind,
      documentId: props.documentId,
      fileName: file.name,
    });
    try {
      const scan = await uploadFile<AttachmentInfo>(
        `/centre/intakes/${encodeURIComponent(props.applicationId)}/attachments?${query}`,
        file,
        setProgress,
      );
      props.onScanned(scan);
      setFile(null);
      setInputKey((key) => key + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };
  return (
    <div aria-busy={progress !== null}>
      <Field label={t('scans.fileFor', { document: props.documentName })} hint={t('scans.hint')}>
        {(control) => (
          <input
            key={inputKey}
            {...control}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div className="actions">
        <Button
          kind="secondary"
          busy={progress !== null}
          disabled={!file}
          aria-label={`${t('scans.upload')}: ${props.documentName}`}
          onClick={() => void upload()}
        >
          {t('scans.upload')}
        </Button>
        {progress !== null && (
          <ProgressBar label={t('scans.progress', { document: props.documentName })} value={progress} />
        )}
      </div>
      <ErrorMessage error={error} />
      {props.scans.length > 0 && (
        <ul className="scan-files" aria-label={t('scans.uploadedOf', { document: props.documentName })}>
          {props.scans.map((scan) => (
            <li key={scan.id}>
              {t('scans.uploaded', { name: scan.fileName, size: Math.max(1, Math.round(scan.sizeBytes / 1024)) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
