import { useTranslation } from 'react-i18next';
import { formatTenge } from '../../ui/format';
import type { Service, Term } from './portal-api';

export function TermText({ term }: { term: Term }) {
  const { t } = useTranslation('portal');
  const value = term.max !== null ? `${term.value}–${term.max}` : String(term.value);
  return <>{t(`term.${term.unit}`, { value })}</>;
}

/** Each request kind the regulation offers, with its term and fee. */
export function RequestKindsTable({
  service,
  caption,
  hideCaption = false,
}: {
  service: Service;
  caption: string;
  /** In the catalogue the card's heading says it already; the caption stays for screen readers. */
  hideCaption?: boolean;
}) {
  const { t, i18n } = useTranslation('portal');
  return (
    <div className="table-wrap">
      <table className="portal-kinds">
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('service.requestKind')}</th>
            <th scope="col">{t('service.term')}</th>
            <th scope="col">{t('service.fee')}</th>
          </tr>
        </thead>
        <tbody>
          {service.requestKinds.map((kind) => (
            <tr key={kind.kind}>
              <th scope="row">{t(`kind.${kind.kind}`)}</th>
              <td>
                <TermText term={kind.term} />
              </td>
              <td>
                {kind.fee === null
                  ? t('service.noFee')
                  : kind.fee.tenge !== null
                    ? t('service.feeValue', { tenge: formatTenge(kind.fee.tenge, i18n.language), mci: kind.fee.mci })
                    : t('service.feeMci', { mci: kind.fee.mci })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChannelList({ service }: { service: Service }) {
  const { t } = useTranslation('portal');
  return <>{service.channels.map((channel) => t(`channel.${channel}`)).join(', ')}</>;
}
