import { type EngineEvent, type Locale, type Regulation, Temporal } from '@ruqsat/core';

type Words = Record<Locale, string>;

const RESULT: Record<string, Words> = {
  licence: { kk: 'лицензия берілді', ru: 'выдана лицензия', en: 'licence issued' },
  reissued_licence: { kk: 'лицензия қайта ресімделді', ru: 'лицензия переоформлена', en: 'licence reissued' },
  duplicate: { kk: 'лицензияның телнұсқасы берілді', ru: 'выдан дубликат лицензии', en: 'duplicate issued' },
  licence_annex: { kk: 'лицензияға қосымша берілді', ru: 'выдано приложение к лицензии', en: 'licence annex issued' },
  motivated_refusal: { kk: 'дәлелді бас тарту', ru: 'мотивированный отказ', en: 'motivated refusal' },
};

/**
 * One line of an application's history as the applicant reads it, in their language: what
 * happened, in the regulation's own names for steps and outcomes, without internal codes.
 */
export function historyLine(event: EngineEvent, regulation: Regulation | undefined, locale: Locale): string {
  const process = regulation?.processes.find((p) => p.steps.some((s) => 'stepId' in event && s.id === event.stepId));
  const step = 'stepId' in event ? process?.steps.find((s) => s.id === event.stepId) : undefined;
  const stepName = step ? step.name[locale] : 'stepId' in event ? event.stepId : '';
  const date = almatyTime;
  const say = (words: Words) => words[locale];
  switch (event.type) {
    case 'submitted':
      return say({
        kk: `Өтініш қабылданды; тіркелген күні ${event.registrationDate}, қарау мерзімі ${date(event.termDue)} дейін`,
        ru: `Заявление принято; дата регистрации ${event.registrationDate}, срок рассмотрения до ${date(event.termDue)}`,
        en: `Application received; registered on ${event.registrationDate}, to be decided by ${date(event.termDue)}`,
      });
    case 'step_opened':
      return say({
        kk: `${stepName}: ${date(event.due)} дейін`,
        ru: `${stepName}: до ${date(event.due)}`,
        en: `${stepName}: due ${date(event.due)}`,
      });
    case 'step_assigned':
      return say({
        kk: `${stepName}: орындаушы тағайындалды`,
        ru: `${stepName}: назначен исполнитель`,
        en: `${stepName}: an executor was assigned`,
      });
    case 'step_completed': {
      const outcome = step?.outcomes.find((o) => o.id === event.outcome);
      const label = outcome?.label?.[locale] ?? event.outcome;
      return say({ kk: `${stepName}: ${label}`, ru: `${stepName}: ${label}`, en: `${stepName}: ${label}` });
    }
    case 'external_check_requested':
      return say({
        kk: `${stepName}: мемлекеттік жүйеге сұрау жіберілді`,
        ru: `${stepName}: направлен запрос в государственную систему`,
        en: `${stepName}: a state system was asked`,
      });
    case 'external_check_answered':
      return say({
        kk: `${stepName}: мемлекеттік жүйе жауап берді (${event.answer === 'positive' ? 'оң' : 'теріс'})`,
        ru: `${stepName}: государственная система ответила (${event.answer === 'positive' ? 'положительно' : 'отрицательно'})`,
        en: `${stepName}: the state system answered (${event.answer})`,
      });
    case 'external_check_timed_out':
      return say({
        kk: `${stepName}: мемлекеттік жүйе мерзімінде жауап бермеді`,
        ru: `${stepName}: государственная система не ответила в срок`,
        en: `${stepName}: the state system did not answer in time`,
      });
    case 'returned_to_applicant':
      return say({
        kk: `Түзету үшін қайтарылды: ${event.reason}. Мерзім тоқтатылды`,
        ru: `Возвращено для исправления: ${event.reason}. Срок приостановлен`,
        en: `Returned for corrections: ${event.reason}. The term is stopped`,
      });
    case 'resumed':
      return say({
        kk: `Қарау жалғасты; мерзімі ${date(event.termDue)} дейін`,
        ru: `Рассмотрение возобновлено; срок до ${date(event.termDue)}`,
        en: `Processing resumed; due ${date(event.termDue)}`,
      });
    case 'withdrawn':
      return say({ kk: 'Өтініш кері қайтарып алынды', ru: 'Заявление отозвано', en: 'Application withdrawn' });
    case 'step_overdue':
      return say({ kk: `${stepName}: мерзімі өтті`, ru: `${stepName}: срок истёк`, en: `${stepName}: overdue` });
    case 'escalated':
      return say({
        kk: `${stepName}: басшылыққа хабарланды`,
        ru: `${stepName}: доложено руководству`,
        en: `${stepName}: reported to the head`,
      });
    case 'term_overdue':
      return say({ kk: 'Қарау мерзімі өтті', ru: 'Срок рассмотрения истёк', en: 'The term for a decision has passed' });
    case 'completed':
      return say({
        kk: `Нәтиже: ${RESULT[event.result]?.kk ?? event.result}`,
        ru: `Результат: ${RESULT[event.result]?.ru ?? event.result}`,
        en: `Result: ${RESULT[event.result]?.en ?? event.result}`,
      });
  }
}

/** A notification to the applicant, in their language. */
export function notificationText(kind: string, payload: Readonly<Record<string, unknown>>, locale: Locale): string {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const date = (v: unknown) => almatyTime(text(v));
  const words: Record<string, Words> = {
    registered: {
      kk: `Өтінішіңіз тіркелді (${text(payload.registrationDate)}); нәтиже ${date(payload.termDue)} дейін`,
      ru: `Ваше заявление зарегистрировано (${text(payload.registrationDate)}); результат до ${date(payload.termDue)}`,
      en: `Your application was registered (${text(payload.registrationDate)}); the result is due by ${date(payload.termDue)}`,
    },
    returned: {
      kk: `Өтініш түзетуге қайтарылды: ${text(payload.reason)}`,
      ru: `Заявление возвращено для исправления: ${text(payload.reason)}`,
      en: `Your application was returned for corrections: ${text(payload.reason)}`,
    },
    resumed: {
      kk: `Өтінішті қарау жалғасты; нәтиже ${date(payload.termDue)} дейін`,
      ru: `Рассмотрение заявления возобновлено; результат до ${date(payload.termDue)}`,
      en: `Processing resumed; the result is due by ${date(payload.termDue)}`,
    },
    result: {
      kk: `Нәтиже дайын: ${RESULT[text(payload.result)]?.kk ?? text(payload.result)}`,
      ru: `Результат готов: ${RESULT[text(payload.result)]?.ru ?? text(payload.result)}`,
      en: `The result is ready: ${RESULT[text(payload.result)]?.en ?? text(payload.result)}`,
    },
    withdrawn: { kk: 'Өтініш кері қайтарып алынды', ru: 'Заявление отозвано', en: 'The application was withdrawn' },
    // To officials, about the work of their role.
    work_item: {
      kk: `Жаңа жұмыс: «${text(payload.stepId)}» қадамы, мерзімі ${date(payload.due)}`,
      ru: `Новая работа: шаг «${text(payload.stepId)}», срок ${date(payload.due)}`,
      en: `New work: step “${text(payload.stepId)}”, due ${date(payload.due)}`,
    },
    step_overdue: {
      kk: `«${text(payload.stepId)}» қадамының мерзімі өтіп кетті`,
      ru: `Срок шага «${text(payload.stepId)}» истёк`,
      en: `Step “${text(payload.stepId)}” is overdue`,
    },
    external_check_silent: {
      kk: `«${text(payload.stepId)}» қадамында мемлекеттік жүйе мерзімінде жауап бермеді`,
      ru: `На шаге «${text(payload.stepId)}» государственная система не ответила в срок`,
      en: `At step “${text(payload.stepId)}” the state system did not answer in time`,
    },
  };
  return words[kind]?.[locale] ?? kind;
}

/** Why, in the official's words: the comment of a completed step (a refusal's reasons), the reason of a return. */
export function reasonsOf(event: EngineEvent): string | null {
  if (event.type === 'step_completed') return event.comment ?? null;
  if (event.type === 'returned_to_applicant') return event.reason;
  return null;
}

/**
 * An instant as people in Kazakhstan read it: the Almaty date and time (the legal time of the
 * deadlines), not UTC — "by 18:00" must not read "by 13:00".
 */
export function almatyTime(iso: string): string {
  if (!iso) return '';
  const local = Temporal.Instant.from(iso).toZonedDateTimeISO('Asia/Almaty');
  return `${local.toPlainDate()} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}
