import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorMessage, Loading, TextField } from '../../ui/components';
import { formatTime, todayInAlmaty } from '../../ui/format';
import { type CentreBooking, centreApi, QUEUE_REFRESH_MS } from './centre-api';
import { ticketLabel } from './ticket-parts';
import { useServiceNames } from './use-services';

/**
 * The visits booked at the centre on a day (today unless the operator looks ahead). A booked
 * visitor who has come gets their ticket from here, so that the queue calls them first once their
 * slot has begun.
 */
export function BookingsPanel({ onIssued }: { onIssued: () => Promise<void> }) {
  const { t } = useTranslation('centre');
  const today = todayInAlmaty();
  const [date, setDate] = useState(today);
  const bookings = useQuery({
    queryKey: ['centre', 'bookings', date],
    queryFn: () => centreApi.bookings(date),
    refetchInterval: QUEUE_REFRESH_MS,
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const items = bookings.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="bookings-heading">
      <h2 id="bookings-heading">{t('bookings.title')}</h2>
      <TextField
        label={t('bookings.date')}
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value || today)}
      />
      {bookings.isPending ? (
        <Loading />
      ) : bookings.isError ? (
        <ErrorMessage error={bookings.error} />
      ) : items.length === 0 ? (
        <p>{t('bookings.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('bookings.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bookings.colSlot')}</th>
                <th scope="col">{t('bookings.colIin')}</th>
                <th scope="col">{t('bookings.colService')}</th>
                <th scope="col">{t('bookings.colTicket')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((booking) => (
                <BookingRow key={booking.id} booking={booking} today={date === today} onIssued={onIssued} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BookingRow({
  booking,
  today,
  onIssued,
}: {
  booking: CentreBooking;
  today: boolean;
  onIssued: () => Promise<void>;
}) {
  const { t } = useTranslation('centre');
  const serviceName = useServiceNames();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      await centreApi.issueTicket(booking.id);
      await onIssued();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const slot = formatTime(booking.slotStart);
  return (
    <tr>
      <th scope="row">{slot}</th>
      <td>{booking.iin}</td>
      <td>{serviceName(booking.regulationId)}</td>
      <td>
        {booking.ticket ? (
          <span className="badge ticket-served">
            {t('queue.ticket', { number: ticketLabel(booking.ticket.number) })}
          </span>
        ) : today ? (
          <>
            <Button
              kind="secondary"
              busy={busy}
              aria-label={`${t('bookings.issue')}: ${slot}, ${booking.iin}`}
              onClick={() => void issue()}
            >
              {t('bookings.issue')}
            </Button>
            <ErrorMessage error={error} />
          </>
        ) : (
          t('bookings.notToday')
        )}
      </td>
    </tr>
  );
}
