import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button, ErrorMessage, Loading, PageHeading, TextField } from '../../ui/components';
import { formatNumericDate, formatNumericDateTime } from '../../ui/format';
import { useFocusOnError } from './focus-field';
import { LicenceFacts, SignatureVerdict } from './licence-parts';
import { qrTarget } from './qr-target';
import { useVerification } from './registry-api';
import { numberError } from './search-criteria';

/** Checks a licence by its number, as one reads it off the paper: its status now and its signature. */
export function VerifyPage() {
  const { t } = useTranslation('registry');
  const [params, setParams] = useSearchParams();
  const number = params.get('number')?.trim() || null;
  const verified = useVerification(number);
  const typo = numberError(verified.error);
  useFocusOnError('number', typo);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('number') ?? '').trim();
    setParams(typed ? { number: typed } : {});
  };
  const found = verified.data;
  return (
    <section className="registry registry-verify">
      <PageHeading title={t('verify.title')}>{t('verify.title')}</PageHeading>
      <p className="lead">{t('verify.lead')}</p>
      <form key={number ?? ''} className="panel" method="get" action="/registry/verify" onSubmit={submit}>
        <TextField
          label={t('search.number')}
          hint={t('search.numberHint')}
          name="number"
          defaultValue={number ?? ''}
          autoComplete="off"
          spellCheck={false}
          required
          error={typo}
        />
        <Button type="submit" busy={verified.isFetching}>
          {t('verify.submit')}
        </Button>
      </form>

      {/* One line is spoken when the answer arrives; the details are read as the page is. */}
      <p className="visually-hidden" role="status">
        {found?.licence ? `${found.licence.number}: ${t(`statusLoud.${found.licence.status}`)}` : ''}
      </p>
      <div aria-busy={verified.isFetching}>
        {number && verified.isPending && <Loading label={t('verify.checking')} />}
        {verified.error && !typo && <ErrorMessage error={verified.error} />}
        {found?.licence && (
          <section aria-labelledby="verify-result" className="registry-verify-result">
            <h2 id="verify-result">{t('verify.result', { number: found.licence.number })}</h2>
            <p className={`registry-status-banner registry-status-${found.licence.status}`}>
              {t('verify.statusNow')}: <strong>{t(`statusLoud.${found.licence.status}`)}</strong>
            </p>
            <section className="panel" aria-labelledby="verify-signature">
              <h3 id="verify-signature">{t('verify.signature')}</h3>
              <SignatureVerdict signature={found.signature}>
                {found.document && (
                  <p>
                    {t(`documentKind.${found.document.kind}`, { defaultValue: found.document.kind })},{' '}
                    {formatNumericDate(found.document.issuedOn)} · {t('verify.signedAt')}{' '}
                    {formatNumericDateTime(found.document.signedAt)}
                    {!found.document.current && <strong> · {t('verify.replaced')}</strong>}
                  </p>
                )}
              </SignatureVerdict>
              {found.document && <a href={qrTarget(found.document.id)}>{t('licence.verifyDocument')}</a>}
            </section>
            <section className="panel" aria-labelledby="verify-licence">
              <h3 id="verify-licence">{t('licence.facts')}</h3>
              <LicenceFacts licence={found.licence} />
              <p>
                <Link to={`/registry/licences/${encodeURIComponent(found.licence.number)}`}>
                  {t('verify.openEntry')}
                </Link>
              </p>
            </section>
          </section>
        )}
      </div>
    </section>
  );
}
