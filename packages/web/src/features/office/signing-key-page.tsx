import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { KeyFileFields, toBase64 } from '../../session/key-file';
import { Button, ErrorMessage, Loading, Notice, PageHeading } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import type { SigningKeyStatus } from './office-api';
import { officeKeys, useSigningKey } from './office-queries';

/**
 * The official's own SIGN key, which the server keeps sealed and uses only to sign the results
 * this official decides (docs/decisions/0008): without it the signing step cannot be completed.
 */
export function SigningKeyPage() {
  const { t, i18n } = useTranslation('office');
  const status = useSigningKey();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await api.put<SigningKeyStatus>('/office/signing-key', {
        keyFile: toBase64(new Uint8Array(await file.arrayBuffer())),
        password,
      });
      queryClient.setQueryData(officeKeys.signingKey, answer);
      setPassword('');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <PageHeading title={t('key.title')}>{t('key.title')}</PageHeading>
      <p className="lead">{t('key.lead')}</p>
      <section className="panel" aria-labelledby="office-key-status">
        <h2 id="office-key-status">{t('key.status')}</h2>
        {status.isPending && <Loading />}
        <ErrorMessage error={status.error} />
        {status.data?.registered === true && (
          <dl className="facts" data-key="registered">
            <dt>{t('key.state')}</dt>
            <dd>
              <span className="badge status-valid">{t('key.registered')}</span>
            </dd>
            <dt>{t('key.subject')}</dt>
            <dd>{status.data.subject}</dd>
            <dt>{t('key.serial')}</dt>
            <dd className="office-id">{status.data.serialNumber}</dd>
            {status.data.notAfter && (
              <>
                <dt>{t('key.notAfter')}</dt>
                <dd>{formatDateTime(status.data.notAfter, i18n.language)}</dd>
              </>
            )}
          </dl>
        )}
        {status.data?.registered === false && (
          <Notice tone="warning">
            <span data-key="missing">{t('key.missing')}</span>
          </Notice>
        )}
      </section>
      <section className="panel" aria-labelledby="office-key-register">
        <h2 id="office-key-register">{status.data?.registered ? t('key.replace') : t('key.register')}</h2>
        <p className="hint">{t('key.registerHint')}</p>
        <form onSubmit={submit} className="signing-key-form" aria-busy={busy}>
          <KeyFileFields fileLabel={t('key.file')} password={password} onFile={setFile} onPassword={setPassword} />
          <ErrorMessage error={error} />
          {saved && <Notice tone="success">{t('key.saved')}</Notice>}
          <Button type="submit" busy={busy} disabled={!file || password === ''}>
            {t('key.submit')}
          </Button>
        </form>
      </section>
    </section>
  );
}
