import type { Locale, Regulation } from '@ruqsat/core';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** One problem with one field, said in the applicant's language beside the field it concerns. */
export interface FieldProblem {
  /** The field's path in the form, e.g. `gamingTables` or `activityKinds/0`. */
  readonly field: string;
  /** The JSON Schema rule it breaks: required, type, minLength, maxLength, pattern, minimum, … */
  readonly rule: string;
  readonly message: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** Checks a form against its regulation's schema; every problem, each with its field. */
export function validateForm(regulation: Regulation, form: unknown, locale: Locale): FieldProblem[] {
  let validate = compiled.get(regulation.id);
  if (!validate) {
    validate = ajv.compile(regulation.form.schema);
    compiled.set(regulation.id, validate);
  }
  if (validate(form)) return [];
  return (validate.errors ?? []).map((error) => problemOf(error, regulation, locale));
}

function problemOf(error: ErrorObject, regulation: Regulation, locale: Locale): FieldProblem {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath.replace(/^\//, '');
  const field =
    error.keyword === 'required'
      ? [path, String(params.missingProperty)].filter(Boolean).join('/')
      : error.keyword === 'additionalProperties'
        ? [path, String(params.additionalProperty)].filter(Boolean).join('/')
        : path;
  const label = regulation.form.labels[field.split('/')[0] ?? '']?.[locale] ?? field;
  return { field, rule: error.keyword, message: say(error.keyword, params, locale, label) };
}

function say(rule: string, params: Record<string, unknown>, locale: Locale, label: string): string {
  const n = String(params.limit ?? '');
  const messages: Record<string, Record<Locale, string>> = {
    required: { kk: `«${label}» толтырылуы керек`, ru: `Поле «${label}» обязательно`, en: `“${label}” is required` },
    type: {
      kk: `«${label}» мәнінің түрі дұрыс емес`,
      ru: `Неверный тип значения поля «${label}»`,
      en: `“${label}” has the wrong kind of value`,
    },
    minLength: {
      kk: `«${label}» кемінде ${n} таңба`,
      ru: `«${label}»: не менее ${n} символов`,
      en: `“${label}”: at least ${n} characters`,
    },
    maxLength: {
      kk: `«${label}» ең көбі ${n} таңба`,
      ru: `«${label}»: не более ${n} символов`,
      en: `“${label}”: at most ${n} characters`,
    },
    pattern: {
      kk: `«${label}» пішімі дұрыс емес`,
      ru: `Неверный формат поля «${label}»`,
      en: `“${label}” is not in the expected format`,
    },
    minimum: { kk: `«${label}» кемінде ${n}`, ru: `«${label}»: не меньше ${n}`, en: `“${label}”: at least ${n}` },
    exclusiveMinimum: {
      kk: `«${label}» ${n}-ден үлкен болуы керек`,
      ru: `«${label}»: больше ${n}`,
      en: `“${label}”: more than ${n}`,
    },
    maximum: { kk: `«${label}» ең көбі ${n}`, ru: `«${label}»: не больше ${n}`, en: `“${label}”: at most ${n}` },
    enum: {
      kk: `«${label}» тізімнен таңдалуы керек`,
      ru: `«${label}»: выберите значение из списка`,
      en: `“${label}”: choose one of the listed values`,
    },
    minItems: {
      kk: `«${label}» кемінде ${n} мән`,
      ru: `«${label}»: не менее ${n} значений`,
      en: `“${label}”: at least ${n} values`,
    },
    uniqueItems: {
      kk: `«${label}» мәндері қайталанбауы керек`,
      ru: `«${label}»: значения не должны повторяться`,
      en: `“${label}”: values must not repeat`,
    },
    additionalProperties: {
      kk: `«${label}» өрісі бұл нысанда жоқ`,
      ru: `Поля «${label}» нет в этой форме`,
      en: `“${label}” is not a field of this form`,
    },
  };
  return messages[rule]?.[locale] ?? messages.type?.[locale] ?? label;
}
