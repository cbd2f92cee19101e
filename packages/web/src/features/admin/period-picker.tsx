import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button, TextField } from '../../ui/components';
import type { Period } from './admin-api';
import { isIsoDate, PRESETS, presetPeriod } from './period';

/** The reports' period, kept in the address so that a reload or a shared link shows the same figures. */
export function usePeriod(): Period {
  const [params] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  if (isIsoDate(from) && isIsoDate(to) && from <= to) return { from, to };
  return presetPeriod('90');
}

export function PeriodPicker({ period }: { period: Period }) {
  const { t } = useTranslation('admin');
  const [, setParams] = useSearchParams();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isIsoDate(from) || !isIsoDate(to)) return setError(t('period.invalid'));
    if (from > to) return setError(t('period.reversed'));
    setError(undefined);
    setParams({ from, to });
  };

  return (
    <section className="panel period-picker" aria-labelledby="period-heading">
      <h2 id="period-heading">{t('period.title')}</h2>
      <ul className="period-presets">
        {PRESETS.map((preset) => {
          const p = presetPeriod(preset);
          const current = p.from === period.from && p.to === period.to;
          return (
            <li key={preset}>
              <Link
                to={`?from=${p.from}&to=${p.to}`}
                aria-current={current ? 'true' : undefined}
                onClick={() => {
                  setFrom(p.from);
                  setTo(p.to);
                  setError(undefined);
                }}
              >
                {t(`period.preset.${preset}`)}
              </Link>
            </li>
          );
        })}
      </ul>
      <form className="period-form" onSubmit={submit} noValidate>
        <TextField
          label={t('period.from')}
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          label={t('period.to')}
          type="date"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
          error={error}
        />
        <Button type="submit">{t('period.show')}</Button>
      </form>
    </section>
  );
}
