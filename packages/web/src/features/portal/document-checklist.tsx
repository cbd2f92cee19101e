import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadFile } from '../../api/client';
import { Button, ErrorMessage, ProgressBar } from '../../ui/components';
import { formatBytes } from '../../ui/format';
import type { AttachedFile, Draft } from './portal-api';

type Documents = NonNullable<Draft['documents']>;

/** The regulation's list of documents for this request, each with its files, uploads and faults. */
export function DocumentChecklist({ draft }: { draft: Draft }) {
  const documents: Documents = draft.documents ?? [];
  return (
    <ul className="portal-checklist">
      {documents.map((document) => (
        <DocumentItem key={document.documentId} draftId={draft.id} document={document} />
      ))}
    </ul>
  );
}

interface Upload {
  readonly key: string;
  readonly fileName: string;
  readonly progress: number;
  readonly error: unknown;
}

function DocumentItem({ draftId, document }: { draftId: string; document: Documents[number] }) {
  const { t, i18n } = useTranslation('portal');
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const headingId = `doc-${document.documentId}`;
  const fileInput = useRef<HTMLInputElement>(null);
  // A Remove or Dismiss button takes itself away: the focus goes on to the document's file input
  // (what one does next), not back to the top of the page.
  const focusFileInput = () => fileInput.current?.focus();
  const done = document.files.length > 0;

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'draft', draftId] });
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    await Promise.all(
      files.map(async (file) => {
        const key = `${file.name}-${crypto.randomUUID()}`;
        setUploads((list) => [...list, { key, fileName: file.name, progress: 0, error: null }]);
        try {
          const path = `/drafts/${encodeURIComponent(draftId)}/attachments?documentId=${encodeURIComponent(
            document.documentId,
          )}&fileName=${encodeURIComponent(file.name)}`;
          await uploadFile<AttachedFile>(path, file, (progress) => update(key, { progress }));
          await refresh();
          setUploads((list) => list.filter((u) => u.key !== key));
        } catch (error) {
          update(key, { error });
        }
      }),
    );
  };

  const remove = async (file: AttachedFile) => {
    setRemoving(file.id);
    setRemoveError(null);
    try {
      await api.delete(`/drafts/${encodeURIComponent(draftId)}/attachments/${encodeURIComponent(file.id)}`);
      await refresh();
      focusFileInput();
    } catch (error) {
      setRemoveError(error);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <li className={`portal-document${done ? ' portal-document-done' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className={`badge ${done ? 'status-completed' : document.required ? 'status-waiting_applicant' : ''}`}>
          {done ? t('docs.attached') : document.required ? t('docs.required') : t('docs.optional')}
        </span>{' '}
        {document.name}
      </h3>
      {document.files.length > 0 && (
        <ul className="portal-files">
          {document.files.map((file) => (
            <li key={file.id}>
              <span>
                {file.fileName} <span className="hint">({formatBytes(file.sizeBytes, i18n.language)})</span>
              </span>
              <Button
                kind="secondary"
                busy={removing === file.id}
                onClick={() => void remove(file)}
                aria-label={t('docs.removeFile', { file: file.fileName })}
              >
                {t('docs.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {uploads.map((upload) => (
        <div key={upload.key} className="portal-upload">
          {upload.error ? (
            <>
              <p className="portal-upload-name">{upload.fileName}</p>
              <ErrorMessage error={upload.error} />
              <Button
                kind="secondary"
                onClick={() => {
                  setUploads((list) => list.filter((u) => u.key !== upload.key));
                  focusFileInput();
                }}
              >
                {t('docs.dismiss')}
              </Button>
            </>
          ) : (
            <ProgressBar label={t('docs.uploading', { file: upload.fileName })} value={upload.progress} />
          )}
        </div>
      ))}
      <ErrorMessage error={removeError} />
      <div className="portal-file-input">
        <label htmlFor={`${headingId}-file`}>{t('docs.choose', { document: document.name })}</label>
        <input
          ref={fileInput}
          id={`${headingId}-file`}
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-describedby={`${headingId}-hint`}
          onChange={(event) => void choose(event)}
        />
        <p className="hint" id={`${headingId}-hint`}>
          {t('docs.hint')}
        </p>
      </div>
    </li>
  );
}
