import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../ui/components';
import { formatNumericDate, formatNumericDateTime, useLocalized } from '../../ui/format';
import { qrTarget } from './qr-target';
import type { HistoryEntry, LicenceStatus, Particular, PublicLicence, SignatureCheck } from './registry-api';

/** The status in words and colour, so colour is never the only signal. */
export function LicenceStatusBadge({ status }: { status: LicenceStatus | string }) {
  const { t } = useTranslation('registry');
  return <StatusBadge status={status}>{t(`status.${status}`, { defaultValue: status })}</StatusBadge>;
}

export function HolderText({ holder }: { holder: PublicLicence['holder'] }) {
  const { t } = useTranslation('registry');
  return (
    <>
      {holder.name}
      <br />
      <span className="registry-muted registry-holder-id">
        {t(holder.kind === 'legal_entity' ? 'holder.bin' : 'holder.iin')} {holder.id}
      </span>
    </>
  );
}

/** Who holds the licence, for what, from whom, since when. */
export function LicenceFacts({ licence }: { licence: PublicLicence }) {
  const { t } = useTranslation('registry');
  const localized = useLocalized();
  return (
    <dl className="facts">
      <dt>{t('field.number')}</dt>
      <dd className="registry-number">{licence.number}</dd>
      <dt>{t('field.status')}</dt>
      <dd>
        <LicenceStatusBadge status={licence.status} />
      </dd>
      <dt>{t('field.holder')}</dt>
      <dd>
        <HolderText holder={licence.holder} />
        <br />
        <span className="registry-muted">{t(`holderKind.${licence.holder.kind}`)}</span>
      </dd>
      <dt>{t('field.service')}</dt>
      <dd>{localized(licence.serviceName, licence.serviceId)}</dd>
      <dt>{t('field.authority')}</dt>
      <dd>{localized(licence.authorityName, licence.authorityId)}</dd>
      <dt>{t('field.firstIssuedOn')}</dt>
      <dd>{formatNumericDate(licence.firstIssuedOn)}</dd>
      <dt>{t('field.updatedAt')}</dt>
      <dd>{formatNumericDateTime(licence.updatedAt)}</dd>
    </dl>
  );
}

/** What the licence permits (subtypes) or where (places): each with its label and values. */
export function Particulars({ title, list }: { title: string; list: readonly Particular[] }) {
  const { t } = useTranslation('registry');
  const localized = useLocalized();
  return (
    <section className="panel" aria-labelledby={`particulars-${title}`}>
      <h2 id={`particulars-${title}`}>{t(`particulars.${title}`)}</h2>
      {list.length === 0 ? (
        <p className="registry-muted">{t(`particulars.${title}.none`)}</p>
      ) : (
        <dl className="facts">
          {list.map((p) => (
            <div key={p.field} className="registry-fact-pair">
              <dt>{localized(p.label)}</dt>
              <dd>
                <ul className="registry-values">
                  {p.values.map((v) => (
                    <li key={v.en}>{localized(v)}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** Every change of the licence with its legal ground, oldest first, each document verifiable. */
export function LicenceHistory({ history }: { history: readonly HistoryEntry[] }) {
  const { t } = useTranslation('registry');
  return (
    <ol className="timeline">
      {history.map((entry) => (
        <li key={entry.sequence}>
          <time dateTime={entry.at}>{formatNumericDateTime(entry.at)}</time>
          <strong>{t(`change.${entry.change}`, { defaultValue: entry.change })}</strong>{' '}
          <LicenceStatusBadge status={entry.statusAfter} />
          <p className="registry-ground">
            <span className="registry-muted">{t('history.legalGround')}:</span> {entry.legalGround}
          </p>
          {entry.documentId && <a href={qrTarget(entry.documentId)}>{t('history.verifyDocument')}</a>}
        </li>
      ))}
    </ol>
  );
}

/** The signature's verdict in plain words, then who signed for which organisation. */
export function SignatureVerdict({ signature, children }: { signature: SignatureCheck | null; children?: ReactNode }) {
  const { t } = useTranslation('registry');
  const indication = signature?.indication ?? 'INDETERMINATE';
  const tone = indication === 'TOTAL_PASSED' ? 'valid' : indication === 'TOTAL_FAILED' ? 'invalid' : 'unknown';
  return (
    <div className={`registry-verdict registry-verdict-${tone}`}>
      <p className="registry-verdict-title">
        <span aria-hidden="true" className="registry-verdict-mark">
          {tone === 'valid' ? '✓' : tone === 'invalid' ? '✗' : '?'}
        </span>{' '}
        {signature ? t(`signature.${indication}`) : t('signature.none')}
      </p>
      {children}
      {signature?.signer && (
        <dl className="facts">
          <dt>{t('signature.signer')}</dt>
          <dd>{signature.signer.name}</dd>
          <dt>{t('signature.organisation')}</dt>
          <dd>{signature.signer.organisation ?? t('signature.notStated')}</dd>
          <dt>{t('signature.bin')}</dt>
          <dd>{signature.signer.bin ?? t('signature.notStated')}</dd>
          <dt>{t('signature.validatedAt')}</dt>
          <dd>{formatNumericDateTime(signature.validatedAt)}</dd>
        </dl>
      )}
      {signature && signature.checks.length > 0 && (
        <details className="registry-checks">
          <summary>{t('signature.checks')}</summary>
          <ul>
            {signature.checks.map((check) => (
              <li key={check.id}>
                {t(`check.${check.id}`, { defaultValue: check.id })}:{' '}
                <strong>{t(`outcome.${check.outcome}`, { defaultValue: check.outcome })}</strong>
              </li>
            ))}
          </ul>
          <p className="registry-muted">
            {t('signature.policy')}: {signature.policy}
            {signature.subIndication ? ` · ${signature.subIndication}` : ''}
          </p>
        </details>
      )}
    </div>
  );
}

export function LicenceLink({ number }: { number: string }) {
  return <Link to={`/registry/licences/${encodeURIComponent(number)}`}>{number}</Link>;
}
