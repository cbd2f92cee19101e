import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/components';
import { formatDateTime, useLocalized } from '../../ui/format';
import { BlobViewer } from './blob-viewer';
import type { ApplicationFile, Regulation } from './office-api';

/** The applicant's form as the regulation names its fields and values. */
export function FormSection({ file, regulation }: { file: ApplicationFile; regulation: Regulation | undefined }) {
  const { t } = useTranslation('office');
  const localized = useLocalized();
  const entries = Object.entries(file.form);
  const valueText = (value: unknown): string => {
    if (Array.isArray(value)) return value.map(valueText).join('; ');
    if (typeof value === 'boolean') return t(value ? 'form.yes' : 'form.no');
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    const text = String(value ?? '');
    return localized(regulation?.form?.valueLabels?.[text], text);
  };
  return (
    <section className="panel" aria-labelledby="office-form-heading">
      <h2 id="office-form-heading">{t('file.form')}</h2>
      {entries.length === 0 ? (
        <p>{t('file.formEmpty')}</p>
      ) : (
        <dl className="facts">
          {entries.map(([field, value]) => (
            <div key={field} className="office-fact">
              <dt>{localized(regulation?.form?.labels?.[field], field)}</dt>
              <dd>{valueText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {file.intake && (
        <>
          <h3>{t('file.paperDocuments')}</h3>
          <ul>
            {file.intake.paperDocuments.map((id) => (
              <li key={id}>{localized(regulation?.documents?.items.find((d) => d.id === id)?.name, id)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The attached files, each opened in the page on request. */
export function DocumentsSection({ file, regulation }: { file: ApplicationFile; regulation: Regulation | undefined }) {
  const { t } = useTranslation('office');
  const localized = useLocalized();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="office-documents-heading">
      <h2 id="office-documents-heading">{t('file.documents')}</h2>
      {file.attachments.length === 0 ? (
        <p>{t('file.noDocuments')}</p>
      ) : (
        <ul className="office-documents">
          {file.attachments.map((attachment) => {
            const documentName = localized(
              regulation?.documents?.items.find((d) => d.id === attachment.documentId)?.name,
              attachment.documentId,
            );
            return (
              <li key={attachment.id}>
                <div className="office-document-line">
                  <span>
                    <strong>{documentName}</strong> — {attachment.fileName} (
                    {t('file.size', { size: Math.max(1, Math.round(attachment.sizeBytes / 1024)) })})
                  </span>
                  <Button
                    kind="secondary"
                    aria-expanded={open === attachment.id}
                    onClick={() => setOpen(open === attachment.id ? null : attachment.id)}
                  >
                    {open === attachment.id
                      ? t('file.hideDocument', { name: attachment.fileName })
                      : t('file.showDocument', { name: attachment.fileName })}
                  </Button>
                </div>
                {open === attachment.id && (
                  <BlobViewer
                    path={`/office/applications/${encodeURIComponent(file.id)}/attachments/${attachment.id}`}
                    title={`${documentName}: ${attachment.fileName}`}
                    fileName={attachment.fileName}
                    mediaType={attachment.mediaType}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface Report {
  readonly indication?: string;
  readonly subIndication?: string | null;
  readonly validatedAt?: string;
  readonly signingTime?: string | null;
  readonly policy?: string;
  readonly signer?: {
    readonly commonName?: string;
    readonly iin?: string;
    readonly serialNumber?: string;
    readonly issuer?: string;
    readonly notAfter?: string;
  } | null;
  readonly checks?: readonly { readonly id: string; readonly outcome: string; readonly detail?: string }[];
}

/** What the validation of the applicant's signature found, check by check. */
export function SignatureSection({ file }: { file: ApplicationFile }) {
  const { t, i18n } = useTranslation('office');
  const report = (file.signature?.report ?? null) as Report | null;
  return (
    <section className="panel" aria-labelledby="office-signature-heading">
      <h2 id="office-signature-heading">{t('file.signature')}</h2>
      {!file.signature ? (
        <p>{t('file.noSignature')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('signature.indication')}</dt>
            <dd>
              <span className={`badge status-${report?.indication === 'TOTAL_PASSED' ? 'valid' : 'invalid'}`}>
                {t(`signature.${report?.indication ?? 'unknown'}`, { defaultValue: report?.indication ?? '—' })}
              </span>
              {report?.subIndication ? ` (${report.subIndication})` : ''}
            </dd>
            <dt>{t('signature.signedBy')}</dt>
            <dd>
              {report?.signer?.commonName ?? ''} {t('signature.iin', { iin: file.signature.signedByIin })}
            </dd>
            {report?.signer?.issuer && (
              <>
                <dt>{t('signature.issuer')}</dt>
                <dd>{report.signer.issuer}</dd>
              </>
            )}
            <dt>{t('signature.recordedAt')}</dt>
            <dd>{formatDateTime(file.signature.recordedAt, i18n.language)}</dd>
            {report?.policy && (
              <>
                <dt>{t('signature.policy')}</dt>
                <dd>{report.policy}</dd>
              </>
            )}
          </dl>
          {report?.checks && report.checks.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>{t('signature.checks')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('signature.check')}</th>
                    <th scope="col">{t('signature.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.checks.map((check) => (
                    <tr key={check.id}>
                      <th scope="row">{t(`check.${check.id}`, { defaultValue: check.id })}</th>
                      <td>
                        {t(`checkOutcome.${check.outcome}`, { defaultValue: check.outcome })}
                        {check.detail ? ` — ${check.detail}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

const EXTERNAL_EVENTS = ['external_check_requested', 'external_check_answered', 'external_check_timed_out'];

/** The outside systems' answers, as the history records them. */
export function ExternalChecksSection({ file }: { file: ApplicationFile }) {
  const { t, i18n } = useTranslation('office');
  const lines = file.history.filter((line) => EXTERNAL_EVENTS.includes(line.type));
  return (
    <section className="panel" aria-labelledby="office-external-heading">
      <h2 id="office-external-heading">{t('file.externalChecks')}</h2>
      {lines.length === 0 ? (
        <p>{t('file.noExternalChecks')}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.sequence}>
              <time dateTime={line.at}>{formatDateTime(line.at, i18n.language)}</time> — {line.text}
              {line.comment ? `: ${line.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Everything that happened to the application, who did it and when. */
export function HistorySection({ file }: { file: ApplicationFile }) {
  const { t, i18n } = useTranslation('office');
  return (
    <section className="panel" aria-labelledby="office-history-heading">
      <h2 id="office-history-heading">{t('file.history')}</h2>
      <ol className="timeline">
        {[...file.history].reverse().map((line) => (
          <li key={line.sequence}>
            <time dateTime={line.at}>{formatDateTime(line.at, i18n.language)}</time>
            <span>{line.text}</span>
            <span className="office-by">
              {' '}
              — {line.by}
              {line.onBehalfOf ? ` ${t('file.onBehalfOf', { name: line.onBehalfOf })}` : ''}
            </span>
            {line.comment && <blockquote className="office-comment">{line.comment}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
