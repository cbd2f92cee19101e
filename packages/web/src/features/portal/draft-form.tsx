import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '../../ui/components';
import { formatDateTime, localized } from '../../ui/format';
import { numberOf } from './number-text';
import type { JsonSchemaProperty, RegulationForm } from './portal-api';
import type { DraftFormState } from './use-draft-form';

/** The regulation's form, field by field as its schema says, each with the server's word on it. */
export function DraftForm({ form, state }: { form: RegulationForm; state: DraftFormState }) {
  const { t, i18n } = useTranslation('portal');
  const required = new Set(form.schema.required ?? []);
  return (
    <form className="portal-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <p className="hint">{t('form.requiredNote')}</p>
      {Object.entries(form.schema.properties).map(([field, schema]) => (
        <SchemaField
          key={field}
          field={field}
          schema={schema}
          label={localized(form.labels[field], i18n.language) || field}
          required={required.has(field)}
          form={form}
          state={state}
        />
      ))}
      {/* Not a live region: an announcement after every pause in typing would talk over the typing.
          A failed save is announced, by the error below it. */}
      <p className="portal-save-state">
        {state.saving
          ? t('draft.saving')
          : state.savedAt
            ? t('draft.savedAt', { at: formatDateTime(state.savedAt, i18n.language) })
            : t('draft.autosave')}
      </p>
      <ErrorMessage error={state.saveError} />
    </form>
  );
}

function SchemaField({
  field,
  schema,
  label,
  required,
  form,
  state,
}: {
  field: string;
  schema: JsonSchemaProperty;
  label: string;
  required: boolean;
  form: RegulationForm;
  state: DraftFormState;
}) {
  const { t, i18n } = useTranslation('portal');
  const problem = state.shown(field) ? state.problems.find((p) => p.field === field)?.message : undefined;
  const value = state.values[field];
  const fullLabel = required ? `${label} *` : label;
  const choiceLabel = (choice: string) => localized(form.valueLabels[choice], i18n.language) || choice;
  const blur = () => state.touch(field);

  if (schema.type === 'boolean' || (schema.type === 'array' && schema.items?.enum)) {
    const many = schema.type === 'array';
    const choices = many ? (schema.items?.enum ?? []) : ['true', 'false'];
    const selected = many ? (Array.isArray(value) ? (value as string[]) : []) : [];
    const errorId = `field-${field}-error`;
    return (
      <fieldset
        className={`field portal-choices${problem ? ' field-invalid' : ''}`}
        aria-describedby={problem ? errorId : undefined}
      >
        <legend>{fullLabel}</legend>
        {choices.map((choice) => (
          <label key={choice} className="portal-choice">
            <input
              type={many ? 'checkbox' : 'radio'}
              name={field}
              value={choice}
              checked={many ? selected.includes(choice) : value === (choice === 'true')}
              onChange={(event) => {
                state.touch(field);
                if (!many) state.setValue(field, choice === 'true');
                else
                  state.setValue(
                    field,
                    event.target.checked ? [...selected, choice] : selected.filter((c) => c !== choice),
                  );
              }}
            />
            {many ? choiceLabel(choice) : t(choice === 'true' ? 'form.yes' : 'form.no')}
          </label>
        ))}
        {problem && (
          <p className="field-error" id={errorId}>
            {problem}
          </p>
        )}
      </fieldset>
    );
  }

  const hint = hintOf(schema, t);
  return (
    <Field label={fullLabel} {...(hint ? { hint } : {})} error={problem}>
      {(control) => {
        if (schema.enum) {
          return (
            <select
              {...control}
              aria-required={required || undefined}
              value={typeof value === 'string' ? value : ''}
              onBlur={blur}
              onChange={(event) => {
                state.touch(field);
                state.setValue(field, event.target.value || undefined);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {schema.enum.map((choice) => (
                <option key={choice} value={choice}>
                  {choiceLabel(choice)}
                </option>
              ))}
            </select>
          );
        }
        if (schema.type === 'array') {
          return (
            <LinesInput
              control={control}
              initial={Array.isArray(value) ? (value as string[]) : []}
              onBlur={blur}
              onLines={(lines) => state.setValue(field, lines.length > 0 ? lines : undefined)}
            />
          );
        }
        if (schema.type === 'integer' || schema.type === 'number') {
          return (
            <NumberInput
              control={control}
              required={required}
              decimal={schema.type === 'number'}
              initial={value}
              onBlur={blur}
              onNumber={(number) => state.setValue(field, number)}
            />
          );
        }
        const phone = schema.pattern?.includes('+7') ?? false;
        return (
          <input
            {...control}
            aria-required={required || undefined}
            type="text"
            inputMode={phone ? 'tel' : undefined}
            autoComplete={phone ? 'tel' : 'off'}
            maxLength={schema.maxLength}
            value={value === undefined || value === null ? '' : String(value)}
            onBlur={blur}
            onChange={(event) => state.setValue(field, event.target.value === '' ? undefined : event.target.value)}
          />
        );
      }}
    </Field>
  );
}

function hintOf(schema: JsonSchemaProperty, t: TFunction<'portal'>): string | undefined {
  if (schema.pattern?.includes('+7')) return t('form.phoneHint');
  if (schema.type === 'array' && !schema.items?.enum) return t('form.linesHint');
  if ((schema.type === 'integer' || schema.type === 'number') && schema.minimum !== undefined) {
    return schema.maximum !== undefined
      ? t('form.range', { min: schema.minimum, max: schema.maximum })
      : t('form.min', { min: schema.minimum });
  }
  return undefined;
}

/**
 * A number field whose text stays as typed (so "1.0" on the way to "1.05" is not rewritten as "1"),
 * while the value saved is the number it reads as; text that is no number is saved as typed, for
 * the server to name the fault beside the field.
 */
function NumberInput({
  control,
  required,
  decimal,
  initial,
  onBlur,
  onNumber,
}: {
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  required: boolean;
  decimal: boolean;
  initial: unknown;
  onBlur: () => void;
  onNumber: (value: number | string | undefined) => void;
}) {
  const [text, setText] = useState(() => (initial === undefined || initial === null ? '' : String(initial)));
  return (
    <input
      {...control}
      aria-required={required || undefined}
      type="text"
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        setText(event.target.value);
        onNumber(numberOf(event.target.value));
      }}
    />
  );
}

/** A list typed one item a line; the text stays as typed, the list sent leaves out blank lines. */
function LinesInput({
  control,
  initial,
  onBlur,
  onLines,
}: {
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  initial: readonly string[];
  onBlur: () => void;
  onLines: (lines: string[]) => void;
}) {
  const [text, setText] = useState(initial.join('\n'));
  return (
    <textarea
      {...control}
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        setText(event.target.value);
        onLines(
          event.target.value
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}
