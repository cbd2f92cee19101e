import { useTranslation } from 'react-i18next';
import { formatNumericDate, useLocalized } from '../../ui/format';
import { HolderText, LicenceLink, LicenceStatusBadge } from './licence-parts';
import type { PublicLicence } from './registry-api';

/**
 * The found licences. At phone width each row becomes a card (registry.css); the cells carry
 * their column's name for that layout (Chromium and Firefox keep such a table a table for screen readers).
 */
export function ResultsTable({ items, caption }: { items: readonly PublicLicence[]; caption: string }) {
  const { t } = useTranslation('registry');
  const localized = useLocalized();
  const columns = {
    number: t('field.number'),
    holder: t('field.holder'),
    service: t('field.service'),
    authority: t('field.authority'),
    status: t('field.status'),
    date: t('field.firstIssuedOn'),
  };
  return (
    <div className="table-wrap">
      <table className="registry-results">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {Object.entries(columns).map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((licence) => (
            <tr key={licence.number}>
              <th scope="row" data-label={columns.number} className="registry-number">
                <LicenceLink number={licence.number} />
              </th>
              <td data-label={columns.holder}>
                <HolderText holder={licence.holder} />
              </td>
              <td data-label={columns.service}>{localized(licence.serviceName, licence.serviceId)}</td>
              <td data-label={columns.authority}>{localized(licence.authorityName, licence.authorityId)}</td>
              <td data-label={columns.status}>
                <LicenceStatusBadge status={licence.status} />
              </td>
              <td data-label={columns.date}>{formatNumericDate(licence.firstIssuedOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
