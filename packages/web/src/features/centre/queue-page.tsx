import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, ErrorMessage, Loading, Notice, PageHeading, TextField } from '../../ui/components';
import { formatTime } from '../../ui/format';
import { useAction } from '../../ui/use-action';
import { BookingsPanel } from './bookings-panel';
import { centreApi, QUEUE_REFRESH_MS, type Ticket } from './centre-api';
import { TicketStatus, ticketLabel } from './ticket-parts';

const WINDOW_KEY = 'ruqsat.centre.window';

/**
 * The operator's queue desk: the window they sit at (remembered on this computer), the visitor
 * now at that window, the day's tickets of the whole centre, and the visits booked for the day.
 */
export function QueuePage() {
  const { t } = useTranslation('centre');
  const queryClient = useQueryClient();
  const [windowText, setWindowText] = useState(() => localStorage.getItem(WINDOW_KEY) ?? '1');
  const queue = useQuery({
    queryKey: ['centre', 'queue'],
    queryFn: centreApi.queue,
    refetchInterval: QUEUE_REFRESH_MS,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['centre'] });
  const windowNumber = Number.parseInt(windowText, 10);
  const windowValid = Number.isInteger(windowNumber) && windowNumber >= 1 && windowNumber <= 200;

  // What the operator's own last action did, said once (the counts below change on every refresh
  // and are not announced).
  // Kept as a message key and its values, so that a change of language says it again in the new one.
  const [said, setSaid] = useState<{ key: string; values: Record<string, string | number> } | null>(null);
  const issue = useAction(async () => {
    setSaid(null);
    const ticket = await centreApi.issueTicket();
    setSaid({ key: 'queue.issued', values: { number: ticketLabel(ticket.number), time: formatTime(ticket.issuedAt) } });
    await refresh();
  });
  const call = useAction(async () => {
    setSaid(null);
    const ticket = await centreApi.callNext(windowNumber);
    setSaid({
      key: 'queue.called',
      values: { number: ticketLabel(ticket.number), window: ticket.window ?? windowNumber },
    });
    await refresh();
  });
  const finished = (ticket: Ticket, outcome: 'served' | 'no_show') =>
    setSaid({
      key: outcome === 'served' ? 'queue.finishedServed' : 'queue.finishedNoShow',
      values: { number: ticketLabel(ticket.number) },
    });

  const tickets = queue.data?.items ?? [];
  const atMyWindow = tickets.filter((ticket) => ticket.status === 'called' && ticket.window === windowNumber);
  const waiting = tickets.filter((ticket) => ticket.status === 'waiting').length;

  return (
    <section>
      <PageHeading title={t('queue.title')}>{t('queue.title')}</PageHeading>
      <div className="panel">
        <h2>{t('queue.desk')}</h2>
        <div className="queue-controls">
          <TextField
            label={t('queue.window')}
            type="number"
            min={1}
            max={200}
            inputMode="numeric"
            value={windowText}
            error={windowValid ? undefined : t('queue.windowInvalid')}
            onChange={(event) => {
              setWindowText(event.target.value);
              localStorage.setItem(WINDOW_KEY, event.target.value);
            }}
          />
          <Button busy={call.busy} disabled={!windowValid} onClick={() => void call.start()}>
            {t('queue.callNext')}
          </Button>
          <Button kind="secondary" busy={issue.busy} onClick={() => void issue.start()}>
            {t('queue.issue')}
          </Button>
        </div>
        <ErrorMessage error={call.error} />
        <ErrorMessage error={issue.error} />
        <div role="status">
          {said && (
            <Notice tone="success" live={false}>
              {t(said.key, said.values)}
            </Notice>
          )}
        </div>
        <ul className="queue-counts">
          <li>
            {t('queue.waitingCount')}: <strong>{waiting}</strong>
          </li>
          <li>
            {t('queue.totalCount')}: <strong>{tickets.length}</strong>
          </li>
        </ul>
      </div>

      {atMyWindow.map((ticket) => (
        <NowServing key={ticket.id} ticket={ticket} onFinished={finished} onDone={refresh} />
      ))}

      <h2>{t('queue.todayTitle')}</h2>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorMessage error={queue.error} />
      ) : tickets.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <TicketTable tickets={tickets} onFinished={finished} onDone={refresh} />
      )}
      <p className="hint queue-refresh">{t('queue.autoRefresh', { seconds: QUEUE_REFRESH_MS / 1000 })}</p>

      <BookingsPanel onIssued={refresh} />
    </section>
  );
}

interface FinishProps {
  /** Told which visitor was finished how, for the desk to say so. */
  readonly onFinished: (ticket: Ticket, outcome: 'served' | 'no_show') => void;
  readonly onDone: () => Promise<void>;
}

/** The visitor called to this operator's window: serve them (take an application) or mark them absent. */
function NowServing({ ticket, onFinished, onDone }: { ticket: Ticket } & FinishProps) {
  const { t } = useTranslation('centre');
  const finish = useAction(async (outcome: 'served' | 'no_show') => {
    await centreApi.finish(ticket.id, outcome);
    onFinished(ticket, outcome);
    await onDone();
  });
  return (
    <section className="panel now-serving" aria-labelledby={`serving-${ticket.id}`}>
      <div>
        <h2 id={`serving-${ticket.id}`}>{t('queue.nowServing')}</h2>
        <p className="ticket-number">{ticketLabel(ticket.number)}</p>
        <p>
          {ticket.booked ? t('queue.kindBooked') : t('queue.kindWalkIn')}
          {ticket.calledAt && ` · ${t('queue.calledAt', { time: formatTime(ticket.calledAt) })}`}
        </p>
      </div>
      <div className="actions">
        <Link className="button button-primary" to={`/centre/intake?ticket=${encodeURIComponent(ticket.id)}`}>
          {t('queue.takeApplication')}
        </Link>
        <Button kind="secondary" busy={finish.busy} onClick={() => void finish.start('served')}>
          {t('queue.finishServed')}
        </Button>
        <Button kind="secondary" busy={finish.busy} onClick={() => void finish.start('no_show')}>
          {t('queue.finishNoShow')}
        </Button>
      </div>
      <ErrorMessage error={finish.error} />
    </section>
  );
}

function TicketTable({ tickets, onFinished, onDone }: { tickets: readonly Ticket[] } & FinishProps) {
  const { t } = useTranslation('centre');
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('queue.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.colNumber')}</th>
            <th scope="col">{t('queue.colKind')}</th>
            <th scope="col">{t('queue.colIssued')}</th>
            <th scope="col">{t('queue.colStatus')}</th>
            <th scope="col">{t('queue.colWindow')}</th>
            <th scope="col">{t('queue.colServiceTime')}</th>
            <th scope="col">{t('queue.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id}>
              <th scope="row">{ticketLabel(ticket.number)}</th>
              <td>
                {ticket.booked ? (
                  <span className="badge booked-mark">{t('queue.kindBooked')}</span>
                ) : (
                  t('queue.kindWalkIn')
                )}
              </td>
              <td>{formatTime(ticket.issuedAt)}</td>
              <td>
                <TicketStatus status={ticket.status} />
              </td>
              <td>{ticket.window ?? '—'}</td>
              <td>
                {ticket.serviceSeconds === null
                  ? '—'
                  : t('queue.minutes', { minutes: Math.max(1, Math.round(ticket.serviceSeconds / 60)) })}
              </td>
              <td>
                {ticket.status === 'called' ? (
                  <FinishButtons ticket={ticket} onFinished={onFinished} onDone={onDone} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FinishButtons({ ticket, onFinished, onDone }: { ticket: Ticket } & FinishProps) {
  const { t } = useTranslation('centre');
  const finish = useAction(async (outcome: 'served' | 'no_show') => {
    await centreApi.finish(ticket.id, outcome);
    onFinished(ticket, outcome);
    await onDone();
  });
  const label = ticketLabel(ticket.number);
  return (
    <>
      <div className="table-actions">
        <Button
          kind="secondary"
          busy={finish.busy}
          aria-label={`${t('queue.finishServed')}: ${t('queue.ticket', { number: label })}`}
          onClick={() => void finish.start('served')}
        >
          {t('queue.finishServed')}
        </Button>
        <Button
          kind="secondary"
          busy={finish.busy}
          aria-label={`${t('queue.finishNoShow')}: ${t('queue.ticket', { number: label })}`}
          onClick={() => void finish.start('no_show')}
        >
          {t('queue.finishNoShow')}
        </Button>
      </div>
      <ErrorMessage error={finish.error} />
    </>
  );
}
