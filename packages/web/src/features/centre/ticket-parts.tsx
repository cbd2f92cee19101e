import { useTranslation } from 'react-i18next';
import type { Ticket } from './centre-api';

/** A ticket's number as the centre's display shows it: three digits. */
export function ticketLabel(number: number): string {
  return String(number).padStart(3, '0');
}

/** A ticket's state in words, with a colour that only repeats what the words say. */
export function TicketStatus({ status }: { status: Ticket['status'] }) {
  const { t } = useTranslation('centre');
  return <span className={`badge ticket-${status}`}>{t(`ticket.${status}`)}</span>;
}
