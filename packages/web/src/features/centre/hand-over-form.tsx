import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorMessage, TextField } from '../../ui/components';
import { centreApi, type Receipt } from './centre-api';

/**
 * Records who took the result away: the applicant themself or a representative, each by IIN (the
 * operator checks the identity card, and the power of attorney for a representative).
 */
export function HandOverForm({ receipt, onDone }: { receipt: Receipt; onDone: (receipt: Receipt) => void }) {
  const { t } = useTranslation('centre');
  const individual = receipt.applicant.kind !== 'legal_entity';
  const [to, setTo] = useState<'applicant' | 'representative'>('applicant');
  const [iin, setIin] = useState(individual ? receipt.applicant.id : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await centreApi.handOver(receipt.applicationId, iin);
      onDone(updated);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-busy={busy}>
      <fieldset>
        <legend>{t('handOver.who')}</legend>
        <ul className="checks">
          {(['applicant', 'representative'] as const).map((who) => (
            <li key={who}>
              <label>
                <input
                  type="radio"
                  name="receiver"
                  value={who}
                  checked={to === who}
                  onChange={() => {
                    setTo(who);
                    setIin(who === 'applicant' && individual ? receipt.applicant.id : '');
                  }}
                />
                {t(`handOver.${who}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextField
        label={t('handOver.iin')}
        hint={to === 'representative' ? t('handOver.representativeHint') : t('handOver.applicantHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        pattern="\d{12}"
        required
        value={iin}
        onChange={(event) => setIin(event.target.value.replace(/\D/g, ''))}
      />
      <div className="actions">
        <Button type="submit" busy={busy} disabled={iin.length !== 12}>
          {t('handOver.submit')}
        </Button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
