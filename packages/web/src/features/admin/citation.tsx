import { useTranslation } from 'react-i18next';
import type { Citation } from './admin-api';

/** Where a fact comes from, as the regulation file cites it: the source file, its paragraph, its lines. */
export function CitationText({ source }: { source: Citation | undefined }) {
  const { t } = useTranslation('admin');
  if (!source) return <span className="muted">—</span>;
  return (
    <span className="citation">
      <span>{source.ref}</span>
      <span className="citation-file">
        <code>{source.file}</code>
        {source.lines && <> · {t('regulation.lines', { lines: source.lines })}</>}
      </span>
      {source.quote && <q className="citation-quote">{source.quote}</q>}
    </span>
  );
}
