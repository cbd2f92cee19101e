import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { useServices } from './portal-api';
import { ChannelList, RequestKindsTable } from './service-facts';

/** The catalogue: every service one can apply for today, with its terms, fees, documents, channels. */
export function CataloguePage() {
  const { t } = useTranslation('portal');
  const services = useServices();
  return (
    <section>
      <PageHeading title={t('catalogue.title')}>{t('catalogue.title')}</PageHeading>
      <p className="lead">{t('catalogue.lead')}</p>
      {services.isPending && <Loading />}
      <ErrorMessage error={services.error} />
      <ul className="portal-services">
        {services.data?.services.map((service) => (
          <li key={service.id} className="card portal-service">
            <h2>
              <Link to={`/services/${encodeURIComponent(service.id)}`}>{service.name}</Link>
            </h2>
            <p className="portal-authority">{service.authority}</p>
            <RequestKindsTable
              service={service}
              caption={t('catalogue.kindsCaption', { service: service.name })}
              hideCaption
            />
            <p>
              <span className="portal-label">{t('service.channels')}: </span>
              <ChannelList service={service} />
            </p>
            <details>
              <summary>{t('catalogue.documents', { n: service.documents.length })}</summary>
              <ul>
                {service.documents.map((document) => (
                  <li key={document.id}>
                    {document.name}
                    {document.optional ? ` (${t('service.optional')})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
