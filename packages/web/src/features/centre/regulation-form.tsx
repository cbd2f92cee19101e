import { useTranslation } from 'react-i18next';
import { Field, SelectField, TextField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import type { FormProperty, RegulationDetail } from './centre-api';
import type { IntakeDraft } from './intake-draft';

type FormValues = IntakeDraft['form'];

/**
 * The regulation's application form, drawn from its JSON Schema: a text, number, choice, yes/no
 * or several-choices control per field, each labelled in the user's language and showing the
 * server's word on it.
 */
export function RegulationForm({
  regulation,
  values,
  errors,
  onChange,
}: {
  regulation: RegulationDetail;
  values: FormValues;
  errors: Readonly<Record<string, string>>;
  onChange: (values: FormValues) => void;
}) {
  const { t } = useTranslation('centre');
  const localized = useLocalized();
  const { schema, labels, valueLabels } = regulation.form;
  const required = new Set(schema.required ?? []);
  const set = (field: string, value: string | boolean | readonly string[]) => onChange({ ...values, [field]: value });
  const valueLabel = (value: string) => localized(valueLabels[value]) || value;

  return (
    <>
      {Object.entries(schema.properties).map(([field, property]) => {
        const label = `${localized(labels[field]) || field}${required.has(field) ? '' : ` (${t('intake.optional')})`}`;
        const error = errors[field];
        const value = values[field];
        const choices = property.enum ?? property.items?.enum;
        if (property.type === 'boolean') {
          return (
            <div key={field} className={`field${error ? ' field-invalid' : ''}`}>
              <label className="checks">
                <input
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => set(field, event.target.checked)}
                />{' '}
                {label}
              </label>
              {error && <p className="field-error">{error}</p>}
            </div>
          );
        }
        if (property.type === 'array' && choices) {
          const chosen = Array.isArray(value) ? value : [];
          return (
            <fieldset key={field} aria-invalid={error ? true : undefined}>
              <legend>{label}</legend>
              <ul className="checks">
                {choices.map((choice) => (
                  <li key={choice}>
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.includes(choice)}
                        onChange={(event) =>
                          set(
                            field,
                            event.target.checked ? [...chosen, choice] : chosen.filter((c: string) => c !== choice),
                          )
                        }
                      />
                      {valueLabel(choice)}
                    </label>
                  </li>
                ))}
              </ul>
              {error && <p className="field-error">{error}</p>}
            </fieldset>
          );
        }
        if (choices) {
          return (
            <SelectField
              key={field}
              label={label}
              error={error}
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => set(field, event.target.value)}
            >
              <option value="">{t('book.choose')}</option>
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {valueLabel(choice)}
                </option>
              ))}
            </SelectField>
          );
        }
        if (property.type === 'array') {
          return (
            <Field key={field} label={label} hint={t('intake.oneLine')} error={error}>
              {(control) => (
                <textarea
                  {...control}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(event) => set(field, event.target.value)}
                />
              )}
            </Field>
          );
        }
        return (
          <TextField
            key={field}
            label={label}
            error={error}
            {...inputKind(property)}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => set(field, event.target.value)}
          />
        );
      })}
    </>
  );
}

function inputKind(property: FormProperty) {
  if (property.type === 'integer' || property.type === 'number') {
    return {
      type: 'number',
      inputMode: 'numeric' as const,
      ...(property.minimum !== undefined ? { min: property.minimum } : {}),
      ...(property.maximum !== undefined ? { max: property.maximum } : {}),
    };
  }
  if (property.pattern?.startsWith('^\\+7')) return { type: 'tel', autoComplete: 'off' };
  return { type: 'text', ...(property.maxLength !== undefined ? { maxLength: property.maxLength } : {}) };
}
