import { useTranslation } from 'react-i18next';
import { formatDate, type LocalizedText, localized } from '../../ui/format';

interface EntityRecord {
  readonly bin: string;
  readonly name?: LocalizedText;
  readonly registeredOn?: string;
  readonly address?: { readonly region?: string; readonly locality?: string; readonly street?: string };
  readonly head?: { readonly iin?: string; readonly fullName?: string };
  readonly status?: string;
}

interface PersonRecord {
  readonly iin: string;
  readonly surname?: string;
  readonly name?: string;
  readonly patronymic?: string | null;
  readonly birthDate?: string;
  readonly status?: string;
}

/**
 * What the state database (ГБД ЮЛ / ГБД ФЛ) answered about the applicant, for the operator to
 * compare with the papers on the desk. The databases keep names in Kazakh and Russian only.
 */
export function ApplicantRecord({ record }: { record: Readonly<Record<string, unknown>> }) {
  const { t, i18n } = useTranslation('centre');
  if (record.kind === 'entity') {
    const entity = record.entity as EntityRecord;
    const address = [entity.address?.region, entity.address?.locality, entity.address?.street]
      .filter(Boolean)
      .join(', ');
    return (
      <dl className="facts">
        <dt>{t('record.entityName')}</dt>
        <dd>{localized(entity.name, i18n.language)}</dd>
        <dt>{t('record.bin')}</dt>
        <dd>{entity.bin}</dd>
        {entity.registeredOn && (
          <>
            <dt>{t('record.registeredOn')}</dt>
            <dd>{formatDate(entity.registeredOn, i18n.language)}</dd>
          </>
        )}
        {address && (
          <>
            <dt>{t('record.address')}</dt>
            <dd>{address}</dd>
          </>
        )}
        {entity.head?.fullName && (
          <>
            <dt>{t('record.head')}</dt>
            <dd>
              {entity.head.fullName} ({t('record.iin')} {entity.head.iin})
            </dd>
          </>
        )}
        <dt>{t('record.status')}</dt>
        <dd>{entity.status === 'active' ? t('record.active') : entity.status}</dd>
      </dl>
    );
  }
  const person = record.person as PersonRecord | undefined;
  if (!person) return null;
  return (
    <dl className="facts">
      <dt>{t('record.personName')}</dt>
      <dd>{[person.surname, person.name, person.patronymic].filter(Boolean).join(' ')}</dd>
      <dt>{t('record.iin')}</dt>
      <dd>{person.iin}</dd>
      {person.birthDate && (
        <>
          <dt>{t('record.birthDate')}</dt>
          <dd>{formatDate(person.birthDate, i18n.language)}</dd>
        </>
      )}
      <dt>{t('record.status')}</dt>
      <dd>{person.status === 'alive' ? t('record.alive') : person.status}</dd>
    </dl>
  );
}
