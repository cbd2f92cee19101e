import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Button, ErrorMessage, Loading, Notice } from '../../ui/components';
import { formatDateTime, formatTenge } from '../../ui/format';
import { type Invoice, isNotFound } from './portal-api';

/** How often the page asks whether the gateway has said "paid" (its callback, or reconciliation). */
const PAYMENT_POLL_MS = 2_000;

export function useInvoice(draftId: string) {
  return useQuery({
    queryKey: ['portal', 'invoice', draftId],
    queryFn: async () => {
      try {
        return await api.get<Invoice>(`/drafts/${encodeURIComponent(draftId)}/invoice`);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PAYMENT_POLL_MS : false),
  });
}

/**
 * The fee: an invoice at the payment gateway, paid on the gateway's own page (another site), which
 * links back here; the paid state shows once the gateway has told the server.
 */
export function FeePanel({
  draftId,
  mci,
  tenge,
  beforeLeaving,
}: {
  draftId: string;
  mci: number;
  tenge: number | null;
  beforeLeaving: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('portal');
  const invoice = useInvoice(draftId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      await beforeLeaving();
      const made = await api.post<Invoice>(`/drafts/${encodeURIComponent(draftId)}/invoice`);
      window.location.assign(paymentPageOf(made.paymentUrl));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  if (invoice.isPending) return <Loading />;
  const current = invoice.data;
  const amount = current ? current.amount : tenge;
  return (
    <div aria-busy={busy}>
      <p>
        {amount !== null ? t('fee.amount', { tenge: formatTenge(amount, i18n.language), mci }) : t('fee.mci', { mci })}
      </p>
      {current && current.status !== 'pending' ? (
        <Notice tone="success">
          {t('fee.paid', { at: current.paidAt ? formatDateTime(current.paidAt, i18n.language) : '' })}{' '}
          <span className="hint">({t('fee.reference', { reference: current.invoiceId })})</span>
        </Notice>
      ) : current ? (
        <>
          <Notice tone="warning">{t('fee.pending')}</Notice>
          <p>
            <a href={paymentPageOf(current.paymentUrl)}>{t('fee.openPage')}</a>
          </p>
        </>
      ) : (
        <Button onClick={() => void pay()} busy={busy}>
          {t('fee.pay')}
        </Button>
      )}
      <ErrorMessage error={error ?? invoice.error} />
    </div>
  );
}

/** The gateway's page, told where to send the payer back: this draft. */
function paymentPageOf(paymentUrl: string): string {
  const url = new URL(paymentUrl);
  url.searchParams.set('return', window.location.href.split('#')[0] ?? window.location.href);
  return url.toString();
}
