import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { Button, ErrorMessage, PageHeading, TextField } from '../../ui/components';
import { centreApi } from './centre-api';

/** The hand-over desk: the applicant shows the receipt; its number opens the application here. */
export function HandOverPage() {
  const { t } = useTranslation('centre');
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const find = async (event: FormEvent) => {
    event.preventDefault();
    const id = number.trim().toUpperCase();
    setBusy(true);
    setError(null);
    try {
      await centreApi.receipt(id);
      navigate(`/centre/applications/${encodeURIComponent(id)}#hand-over`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const notFound = error instanceof ApiError && error.code === 'APPLICATION_NOT_FOUND';
  return (
    <section className="narrow">
      <PageHeading title={t('handOver.title')}>{t('handOver.title')}</PageHeading>
      <p className="lead">{t('handOver.lead')}</p>
      <form className="panel" onSubmit={find} aria-busy={busy}>
        <TextField
          label={t('handOver.number')}
          hint={t('handOver.numberHint')}
          autoComplete="off"
          required
          value={number}
          error={notFound ? (error as ApiError).message : undefined}
          onChange={(event) => setNumber(event.target.value)}
        />
        <div className="actions">
          <Button type="submit" busy={busy} disabled={number.trim() === ''}>
            {t('handOver.find')}
          </Button>
        </div>
        <ErrorMessage error={notFound ? null : error} />
      </form>
    </section>
  );
}
