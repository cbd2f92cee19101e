import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RequireSignIn } from '../../app/guards';
import { Button, ErrorMessage, Loading, Notice, PageHeading, SelectField, TextField } from '../../ui/components';
import {
  addDays,
  formatDateTime,
  formatDateWithWeekday,
  formatTime,
  todayInAlmaty,
  useLocalized,
} from '../../ui/format';
import { centreApi, type MyBooking } from './centre-api';
import { useCentreServices, useServiceNames } from './use-services';
import './centre.css';

/** Slots can be booked from tomorrow up to two weeks ahead (the server's horizon). */
const HORIZON_DAYS = 14;

export function BookVisitPage() {
  return (
    <RequireSignIn>
      <BookVisit />
    </RequireSignIn>
  );
}

/**
 * An applicant books a 15-minute visit at a service centre. The choices live in the address, so a
 * reload or a shared link keeps them; the booking itself is the server's.
 */
function BookVisit() {
  const { t, i18n } = useTranslation('centre');
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tomorrow = addDays(todayInAlmaty(), 1);
  const centreId = params.get('centre') ?? '';
  const regulationId = params.get('service') ?? '';
  const date = params.get('date') ?? tomorrow;
  const [slot, setSlot] = useState('');
  const choose = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSlot('');
  };

  const centres = useQuery({ queryKey: ['centres'], queryFn: centreApi.centres, staleTime: 10 * 60_000 });
  const services = useCentreServices();
  const slots = useQuery({
    queryKey: ['centre-slots', centreId, date],
    queryFn: () => centreApi.slots(centreId, date),
    enabled: centreId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [booked, setBooked] = useState<string | null>(null);

  const book = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setBooked(null);
    try {
      await centreApi.book({ centreId, slotStart: slot, regulationId });
      setBooked(slot);
      setSlot('');
      await queryClient.invalidateQueries({ queryKey: ['centre-slots'] });
      await queryClient.invalidateQueries({ queryKey: ['my-bookings'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const offered = slots.data?.items ?? [];
  return (
    <section>
      <PageHeading title={t('book.title')}>{t('book.title')}</PageHeading>
      <p className="lead">{t('book.lead')}</p>
      <div className="book-layout">
        <form className="panel" onSubmit={book} aria-busy={busy}>
          <h2>{t('book.formTitle')}</h2>
          <SelectField
            label={t('book.centre')}
            value={centreId}
            required
            onChange={(event) => choose('centre', event.target.value)}
          >
            <option value="">{t('book.choose')}</option>
            {(centres.data?.items ?? []).map((centre) => (
              <option key={centre.id} value={centre.id}>
                {localized(centre.name)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('book.service')}
            value={regulationId}
            required
            onChange={(event) => choose('service', event.target.value)}
          >
            <option value="">{t('book.choose')}</option>
            {(services.data ?? []).map((service) => (
              <option key={service.regulationId} value={service.regulationId}>
                {service.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('book.date')}
            hint={t('book.dateHint', { days: HORIZON_DAYS })}
            type="date"
            min={tomorrow}
            max={addDays(todayInAlmaty(), HORIZON_DAYS)}
            value={date}
            required
            onChange={(event) => choose('date', event.target.value)}
          />
          {/* data-slots-for: which day's answer is shown (a date just changed is still loading). */}
          {centreId === '' ? (
            <p className="hint">{t('book.chooseCentreFirst')}</p>
          ) : slots.isPending ? (
            <Loading />
          ) : slots.isError ? (
            <ErrorMessage error={slots.error} />
          ) : offered.length === 0 ? (
            <div data-slots-for={date}>
              <Notice tone="warning">{t('book.noSlots')}</Notice>
            </div>
          ) : (
            <fieldset data-slots-for={date}>
              <legend>{t('book.slots', { date: formatDateWithWeekday(date, i18n.language) })}</legend>
              <ul className="slot-grid">
                {offered.map((s) => (
                  <li key={s.start}>
                    <label>
                      <input
                        type="radio"
                        name="slot"
                        value={s.start}
                        checked={slot === s.start}
                        disabled={s.free <= 0}
                        onChange={() => setSlot(s.start)}
                      />
                      {formatTime(s.start)}
                      {s.free <= 0 && <span className="visually-hidden">{t('book.slotFull')}</span>}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <ErrorMessage error={error} />
          {booked && <Notice tone="success">{t('book.done', { time: formatDateTime(booked, i18n.language) })}</Notice>}
          <div className="actions">
            <Button type="submit" busy={busy} disabled={!centreId || !regulationId || !slot}>
              {t('book.submit')}
            </Button>
          </div>
        </form>
        <MyBookings />
      </div>
    </section>
  );
}

function MyBookings() {
  const { t } = useTranslation('centre');
  const mine = useQuery({ queryKey: ['my-bookings'], queryFn: centreApi.myBookings });
  const items = mine.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="my-bookings">
      <h2 id="my-bookings">{t('book.mine')}</h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorMessage error={mine.error} />
      ) : items.length === 0 ? (
        <p>{t('book.mineNone')}</p>
      ) : (
        <ul className="scan-list">
          {items.map((booking) => (
            <MyBookingItem key={booking.id} booking={booking} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MyBookingItem({ booking }: { booking: MyBooking }) {
  const { t, i18n } = useTranslation('centre');
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const serviceName = useServiceNames();
  const centres = useQuery({ queryKey: ['centres'], queryFn: centreApi.centres, staleTime: 10 * 60_000 });
  const centre = centres.data?.items.find((c) => c.id === booking.centreId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await centreApi.cancelBooking(booking.id);
      await queryClient.invalidateQueries({ queryKey: ['my-bookings'] });
      await queryClient.invalidateQueries({ queryKey: ['centre-slots'] });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const when = formatDateTime(booking.slotStart, i18n.language);
  return (
    <li>
      <p>
        <strong>{when}</strong>
        <br />
        {centre ? localized(centre.name) : booking.centreId}
        <br />
        {serviceName(booking.regulationId)}
      </p>
      <Button kind="danger" busy={busy} aria-label={`${t('book.cancel')}: ${when}`} onClick={() => void cancel()}>
        {t('book.cancel')}
      </Button>
      <ErrorMessage error={error} />
    </li>
  );
}
