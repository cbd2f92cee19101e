import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage, Loading } from '../../ui/components';

/**
 * A file of the API shown in the page: it is fetched with the bearer header (a plain link could
 * not carry it) and shown from a blob: address — a PDF in a frame, an image as itself.
 */
export function BlobViewer({
  path,
  title,
  fileName,
  mediaType,
  poll = false,
}: {
  path: string;
  title: string;
  fileName: string;
  mediaType: string;
  /** Ask again every few seconds until the file exists (a result signed shortly after the decision). */
  poll?: boolean;
}) {
  const { t } = useTranslation('office');
  const file = useQuery({
    queryKey: ['office', 'blob', path],
    queryFn: () => api.bytes(path),
    retry: poll ? false : 1,
    refetchInterval: (query) => (poll && !query.state.data ? 2_000 : false),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const url = useMemo(() => (file.data ? URL.createObjectURL(file.data) : null), [file.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  if (!url) {
    return poll ? (
      <Loading label={t('viewer.waiting')} />
    ) : file.isPending ? (
      <Loading />
    ) : (
      <ErrorMessage error={file.error} />
    );
  }
  return (
    <div className="office-viewer">
      {mediaType === 'application/pdf' ? (
        <iframe src={url} title={title} className="office-viewer-frame" />
      ) : (
        <img src={url} alt={title} className="office-viewer-image" />
      )}
      <p>
        <a href={url} download={fileName}>
          {t('viewer.download', { name: fileName })}
        </a>
      </p>
    </div>
  );
}
