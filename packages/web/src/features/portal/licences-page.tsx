import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { Button, ErrorMessage, Loading, PageHeading, StatusBadge } from '../../ui/components';
import { formatDate, localized } from '../../ui/format';
import { type Draft, type Licence, type RequestKind, useServices } from './portal-api';

/** The licences the applicant and their company hold: status, document, and what one may ask for next. */
export function LicencesPage() {
  const { t, i18n } = useTranslation('portal');
  const licences = useQuery({
    queryKey: ['portal', 'licences'],
    queryFn: () => api.get<{ items: Licence[] }>('/my/licences'),
  });
  const services = useServices();
  return (
    <section className="portal-page">
      <PageHeading title={t('licences.title')}>{t('licences.title')}</PageHeading>
      <p className="lead">{t('licences.lead')}</p>
      {licences.isPending && <Loading />}
      <ErrorMessage error={licences.error} />
      {licences.data && licences.data.items.length === 0 && <p>{t('licences.none')}</p>}
      <ul className="portal-licences">
        {licences.data?.items.map((licence) => {
          const service = services.data?.services.find((s) => s.id === licence.serviceId);
          const offered = (kind: RequestKind) =>
            licence.status === 'active' && (service?.requestKinds.some((k) => k.kind === kind) ?? false);
          return (
            <li key={licence.number} className="card" aria-labelledby={`licence-${licence.number}`}>
              <h2 id={`licence-${licence.number}`}>{t('licences.heading', { number: licence.number })}</h2>
              <dl className="facts">
                <dt>{t('application.service')}</dt>
                <dd>{localized(licence.serviceName, i18n.language) || licence.serviceId}</dd>
                <dt>{t('licences.authority')}</dt>
                <dd>{localized(licence.authorityName, i18n.language)}</dd>
                <dt>{t('licences.holder')}</dt>
                <dd>
                  {licence.holder.name} ({licence.holder.id})
                </dd>
                <dt>{t('application.status')}</dt>
                <dd>
                  <StatusBadge status={licence.status}>{t(`licenceStatus.${licence.status}`)}</StatusBadge>
                </dd>
                <dt>{t('licences.firstIssued')}</dt>
                <dd>{formatDate(licence.firstIssuedOn, i18n.language)}</dd>
                <dt>{t('licences.document')}</dt>
                <dd>
                  <a href={`/verify/${encodeURIComponent(licence.currentDocumentId)}?lang=${i18n.language}`}>
                    {t('licences.openDocument', { number: licence.number })}
                  </a>
                </dd>
              </dl>
              <div className="actions">
                {offered('reissue') && (
                  <StartFromLicence
                    licence={licence}
                    kind="reissue"
                    forCompany={licence.holder.kind === 'legal_entity'}
                  />
                )}
                {offered('duplicate') && (
                  <StartFromLicence
                    licence={licence}
                    kind="duplicate"
                    forCompany={licence.holder.kind === 'legal_entity'}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A reissue or a duplicate: a draft of that request kind naming the licence. */
function StartFromLicence({ licence, kind, forCompany }: { licence: Licence; kind: RequestKind; forCompany: boolean }) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const draft = await api.post<Draft>('/drafts', {
        serviceId: licence.serviceId,
        requestKind: kind,
        forCompany,
        licenceNumber: licence.number,
      });
      navigate(`/drafts/${encodeURIComponent(draft.id)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <>
      <Button kind="secondary" busy={busy} onClick={() => void start()}>
        {t(`licences.${kind}`)}
        <span className="visually-hidden"> — {licence.number}</span>
      </Button>
      <ErrorMessage error={error} />
    </>
  );
}
