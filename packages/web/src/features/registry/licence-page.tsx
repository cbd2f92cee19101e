import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { LicenceFacts, LicenceHistory, Particulars } from './licence-parts';
import { qrTarget } from './qr-target';
import { useLicence } from './registry-api';

/** One licence as the registry shows it: who, what, where, its status, its history, its document. */
export function LicencePage() {
  const { t } = useTranslation('registry');
  const { number = '' } = useParams();
  const found = useLicence(number);
  const title = t('licence.title', { number });
  return (
    <section className="registry">
      <p className="registry-back">
        <Link to="/registry">{t('licence.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {found.isPending && <Loading />}
      <ErrorMessage error={found.error} />
      {found.data && (
        <div className="columns">
          <div>
            <section className="panel" aria-labelledby="licence-facts">
              <h2 id="licence-facts">{t('licence.facts')}</h2>
              <LicenceFacts licence={found.data.licence} />
            </section>
            <Particulars title="subtypes" list={found.data.licence.subtypes} />
            <Particulars title="places" list={found.data.licence.places} />
            <section className="panel" aria-labelledby="licence-history">
              <h2 id="licence-history">{t('licence.history')}</h2>
              <LicenceHistory history={found.data.history} />
            </section>
          </div>
          <aside className="panel registry-document" aria-labelledby="licence-document">
            <h2 id="licence-document">{t('licence.document')}</h2>
            <p>{t('licence.documentText')}</p>
            <p className="registry-document-id">
              <span className="registry-muted">{t('licence.documentId')}:</span>{' '}
              <code>{found.data.licence.currentDocumentId}</code>
            </p>
            <p>
              <a
                className="button button-primary registry-qr-link"
                href={qrTarget(found.data.licence.currentDocumentId)}
              >
                {t('licence.verifyDocument')}
              </a>
            </p>
            <p>
              <Link to={`/registry/verify?number=${encodeURIComponent(found.data.licence.number)}`}>
                {t('licence.verifyHere')}
              </Link>
            </p>
          </aside>
        </div>
      )}
    </section>
  );
}
