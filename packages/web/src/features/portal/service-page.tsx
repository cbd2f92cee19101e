import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../session/session';
import { Button, ErrorMessage, Loading, Notice, PageHeading, TextField } from '../../ui/components';
import { type Draft, type RequestKind, type Service, useServices } from './portal-api';
import { ChannelList, RequestKindsTable } from './service-facts';

/** One service: what it takes, and the start of an application for oneself or one's company. */
export function ServicePage() {
  const { t } = useTranslation('portal');
  const { serviceId } = useParams();
  const services = useServices();
  const service = services.data?.services.find((s) => s.id === serviceId);
  if (services.isPending) return <Loading />;
  if (!service) {
    return (
      <section>
        <PageHeading title={t('service.notFound')}>{t('service.notFound')}</PageHeading>
        <ErrorMessage error={services.error} />
        <p>
          <Link to="/services">{t('catalogue.back')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="portal-page">
      <p className="portal-back">
        <Link to="/services">{t('catalogue.back')}</Link>
      </p>
      <PageHeading title={service.name}>{service.name}</PageHeading>
      <p className="lead">{service.authority}</p>
      <div className="columns">
        <div>
          <RequestKindsTable service={service} caption={t('service.kindsCaption')} />
          <h2>{t('service.documents')}</h2>
          <ul>
            {service.documents.map((document) => (
              <li key={document.id}>
                {document.name}
                {document.optional ? ` (${t('service.optional')})` : ''}
                <span className="hint">
                  {' — '}
                  {document.requiredFor.map((kind) => t(`kind.${kind}`)).join(', ')}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <span className="portal-label">{t('service.channels')}: </span>
            <ChannelList service={service} />
          </p>
          {service.unverified.length > 0 && <Notice tone="warning">{t('service.unverified')}</Notice>}
        </div>
        <ApplyPanel service={service} />
      </div>
    </section>
  );
}

function ApplyPanel({ service }: { service: Service }) {
  const { t } = useTranslation('portal');
  const session = useSession();
  const navigate = useNavigate();
  const forCompanyOnly = !service.applicantKinds.some((kind) => kind !== 'legal_entity');
  const companyAllowed = service.applicantKinds.includes('legal_entity');
  const [forCompany, setForCompany] = useState(forCompanyOnly);
  const [requestKind, setRequestKind] = useState<RequestKind>('issue');
  const [licenceNumber, setLicenceNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const holder = session.holder;

  if (!service.channels.includes('portal')) {
    return (
      <aside className="panel" aria-labelledby="apply-heading">
        <h2 id="apply-heading">{t('apply.title')}</h2>
        <Notice>{t('apply.notOnPortal')}</Notice>
      </aside>
    );
  }
  if (!holder) {
    return (
      <aside className="panel" aria-labelledby="apply-heading">
        <h2 id="apply-heading">{t('apply.title')}</h2>
        <p>{t('apply.signInFirst')}</p>
        <Link className="button button-primary portal-link-button" to={`/sign-in?next=/services/${service.id}`}>
          {t('common:signIn.link')}
        </Link>
      </aside>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const draft = await api.post<Draft>('/drafts', {
        serviceId: service.id,
        requestKind,
        forCompany,
        ...(requestKind !== 'issue' && licenceNumber.trim() ? { licenceNumber: licenceNumber.trim() } : {}),
      });
      navigate(`/drafts/${encodeURIComponent(draft.id)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const needsCompany = forCompany && !holder.bin;
  return (
    <aside className="panel" aria-labelledby="apply-heading">
      <h2 id="apply-heading">{t('apply.title')}</h2>
      <form onSubmit={submit} aria-busy={busy}>
        <fieldset>
          <legend>{t('apply.who')}</legend>
          {!forCompanyOnly && (
            <label className="portal-choice">
              <input type="radio" name="who" checked={!forCompany} onChange={() => setForCompany(false)} />
              {t('apply.forMyself', { name: holder.name })}
            </label>
          )}
          {companyAllowed && (
            <label className="portal-choice">
              <input type="radio" name="who" checked={forCompany} onChange={() => setForCompany(true)} />
              {holder.bin ? t('apply.forCompany', { bin: holder.bin }) : t('apply.forCompanyNoBin')}
            </label>
          )}
        </fieldset>
        {needsCompany && (
          <Notice tone="warning" live>
            {t('apply.companyKeyNeeded')}
          </Notice>
        )}
        <fieldset>
          <legend>{t('apply.requestKind')}</legend>
          {service.requestKinds.map((kind) => (
            <label key={kind.kind} className="portal-choice">
              <input
                type="radio"
                name="requestKind"
                value={kind.kind}
                checked={requestKind === kind.kind}
                onChange={() => setRequestKind(kind.kind)}
              />
              {t(`kind.${kind.kind}`)}
            </label>
          ))}
        </fieldset>
        {requestKind !== 'issue' && (
          <TextField
            label={t('apply.licenceNumber')}
            hint={t('apply.licenceNumberHint')}
            value={licenceNumber}
            required
            onChange={(event) => setLicenceNumber(event.target.value)}
          />
        )}
        <ErrorMessage error={error} />
        <Button type="submit" busy={busy} disabled={needsCompany}>
          {t('apply.start')}
        </Button>
      </form>
    </aside>
  );
}
