import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Button, ErrorMessage, Field, Notice, PageHeading, SelectField, TextField } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { transactionId } from './office-api';
import { officeKeys } from './office-queries';

const CHANGES = ['suspended', 'resumed', 'terminated'] as const;
type Change = (typeof CHANGES)[number];

interface ChangeAnswer {
  readonly licence: { readonly number: string; readonly status: string };
}

/** Suspends, resumes or terminates a licence of the authority on a stated legal ground. */
export function LicenceChangeForm({ licenceNumber }: { licenceNumber?: string }) {
  const { t } = useTranslation('office');
  const queryClient = useQueryClient();
  const [number, setNumber] = useState(licenceNumber ?? '');
  const [change, setChange] = useState<Change>('suspended');
  const [legalGround, setLegalGround] = useState('');
  const [answer, setAnswer] = useState<ChangeAnswer | null>(null);

  const changing = useAction(async () => {
    setAnswer(null);
    setAnswer(
      await api.post<ChangeAnswer>(`/office/licences/${encodeURIComponent(number.trim())}/changes`, {
        transactionId: transactionId(),
        change,
        legalGround: legalGround.trim(),
      }),
    );
    setLegalGround('');
    await queryClient.invalidateQueries({ queryKey: officeKeys.all });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void changing.start();
  };

  return (
    <section className="panel" aria-labelledby="office-licence-change-heading">
      <h2 id="office-licence-change-heading">{t('licence.formTitle')}</h2>
      <form onSubmit={submit} className="office-licence-change">
        {licenceNumber === undefined && (
          <TextField
            label={t('licence.number')}
            hint={t('licence.numberHint')}
            required
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
        )}
        <SelectField
          label={t('licence.changeLabel')}
          value={change}
          onChange={(event) => setChange(event.target.value as Change)}
        >
          {CHANGES.map((value) => (
            <option key={value} value={value}>
              {t(`licence.change.${value}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('licence.legalGround')} hint={t('licence.legalGroundHint')}>
          {(control) => (
            <textarea
              {...control}
              required
              rows={3}
              value={legalGround}
              onChange={(event) => setLegalGround(event.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={changing.error} />
        {answer && (
          <Notice tone="success">
            {t('licence.done', {
              number: answer.licence.number,
              status: t(`licence.status.${answer.licence.status}`, { defaultValue: answer.licence.status }),
            })}
          </Notice>
        )}
        <Button
          type="submit"
          kind={change === 'terminated' ? 'danger' : 'primary'}
          busy={changing.busy}
          disabled={number.trim() === '' || legalGround.trim() === ''}
        >
          {t('licence.submit')}
        </Button>
      </form>
    </section>
  );
}

export function LicenceChangePage() {
  const { t } = useTranslation('office');
  return (
    <section className="narrow">
      <PageHeading title={t('licence.title')}>{t('licence.title')}</PageHeading>
      <p className="lead">{t('licence.lead')}</p>
      <LicenceChangeForm />
    </section>
  );
}
