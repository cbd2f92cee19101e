import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SelectField, TextField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { LICENCE_STATUSES, PAGE_SIZE, PAGE_SIZES, type RegistrySearch, useServiceChoices } from './registry-api';

interface Props {
  readonly search: RegistrySearch;
  readonly errors: { readonly number?: string; readonly holderId?: string; readonly name?: string };
  readonly onSearch: (form: FormData) => void;
  readonly onClear: () => void;
}

/**
 * The search form. It is a plain GET form to /registry, so it also works as a link would; the page
 * intercepts it to keep the app's state. Fields start from the URL (the caller re-keys it on change).
 */
export function SearchForm({ search, errors, onSearch, onClear }: Props) {
  const { t } = useTranslation('registry');
  const localized = useLocalized();
  const choices = useServiceChoices();
  // An uncontrolled select picks its default among the options it has when it mounts: mount the
  // lists of services and authorities again once they have arrived, so a shared link's choice shows.
  const loaded = choices.isSuccess;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(new FormData(event.currentTarget));
  };
  return (
    <search>
      <form className="panel registry-search" method="get" action="/registry" onSubmit={submit}>
        <h2 className="visually-hidden">{t('search.formTitle')}</h2>
        <div className="registry-fields">
          <TextField
            label={t('search.number')}
            hint={t('search.numberHint')}
            name="number"
            defaultValue={search.number ?? ''}
            autoComplete="off"
            spellCheck={false}
            error={errors.number}
          />
          <TextField
            label={t('search.holderId')}
            hint={t('search.holderIdHint')}
            name="holderId"
            defaultValue={search.holderId ?? ''}
            inputMode="numeric"
            autoComplete="off"
            error={errors.holderId}
          />
          <TextField
            label={t('search.name')}
            hint={t('search.nameHint')}
            name="name"
            defaultValue={search.name ?? ''}
            autoComplete="organization"
            error={errors.name}
          />
          <SelectField
            key={`service-${loaded}`}
            label={t('search.service')}
            name="service"
            defaultValue={search.service ?? ''}
          >
            <option value="">{t('search.any')}</option>
            {choices.data?.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {search.service && !choices.data?.services.some((s) => s.id === search.service) && (
              <option value={search.service}>{search.service}</option>
            )}
          </SelectField>
          <SelectField
            key={`authority-${loaded}`}
            label={t('search.authority')}
            name="authority"
            defaultValue={search.authority ?? ''}
          >
            <option value="">{t('search.any')}</option>
            {choices.data?.authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {localized(a.name, a.id)}
              </option>
            ))}
            {search.authority && !choices.data?.authorities.some((a) => a.id === search.authority) && (
              <option value={search.authority}>{search.authority}</option>
            )}
          </SelectField>
          <SelectField label={t('search.status')} name="status" defaultValue={search.status ?? ''}>
            <option value="">{t('search.any')}</option>
            {LICENCE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('search.perPage')} name="limit" defaultValue={search.limit ?? PAGE_SIZE}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="actions">
          {/* Never disabled while results load: a new search replaces the one on its way (and a
              disabled submit button would make Enter in a field do nothing at all). */}
          <Button type="submit">{t('search.submit')}</Button>
          <Button kind="secondary" onClick={onClear}>
            {t('search.clear')}
          </Button>
        </div>
      </form>
    </search>
  );
}
