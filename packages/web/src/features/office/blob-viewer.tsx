import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { ErrorMessage, Loading } from '../../ui/components';
import { useObjectUrl } from '../../ui/object-url';

/** How often, and how many times, a file not yet signed is asked for again (a minute in all). */
const NOT_READY_DELAY_MS = 2_000;
const NOT_READY_ATTEMPTS = 30;

const notReady = (error: unknown) => error instanceof ApiError && error.code === 'RESULT_NOT_READY';

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
  /**
   * Ask again every few seconds while the API says the file is not signed yet (a result signed
   * shortly after the decision) — only then: any other error is shown at once.
   */
  poll?: boolean;
}) {
  const { t } = useTranslation('office');
  const file = useQuery({
    queryKey: ['office', 'blob', path],
    queryFn: () => api.bytes(path),
    retry: (failures, error) => (poll ? notReady(error) && failures < NOT_READY_ATTEMPTS : failures < 1),
    retryDelay: (failures) => (poll ? NOT_READY_DELAY_MS : 1_000 * 2 ** failures),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const url = useObjectUrl(file.data);

  if (file.isError) return <ErrorMessage error={file.error} />;
  if (!url) {
    return poll && notReady(file.failureReason) ? <Loading label={t('viewer.waiting')} /> : <Loading />;
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
