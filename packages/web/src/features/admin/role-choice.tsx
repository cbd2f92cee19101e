import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../ui/format';
import { ADMINISTRATOR_ROLE, type RoleOption } from './roles';

/** The name of a role in the reader's language, else its id. */
export function useRoleName(): (id: string, options: readonly RoleOption[]) => string {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  return (id, options) => {
    if (id === ADMINISTRATOR_ROLE) return t('staff.administratorRole');
    return localized(options.find((o) => o.id === id)?.name ?? undefined, id);
  };
}

/** Checkboxes of the roles to choose from, with the roles already held kept even if no regulation names them. */
export function RoleChoice({
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  legend: string;
  options: readonly RoleOption[];
  selected: readonly string[];
  onChange: (roles: string[]) => void;
  error?: string | undefined;
}) {
  const roleName = useRoleName();
  const ids = [...options.map((o) => o.id), ...selected.filter((id) => !options.some((o) => o.id === id))];
  const errorId = `${legend.replace(/\W+/g, '-')}-error`;
  return (
    <fieldset className={`role-choice${error ? ' field-invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {ids.map((id) => (
        <label key={id} className="check">
          <input
            type="checkbox"
            checked={selected.includes(id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, id] : selected.filter((r) => r !== id))}
          />
          {roleName(id, options)}
        </label>
      ))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
