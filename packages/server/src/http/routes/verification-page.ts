import { errorEnvelope, isErrorCode, type Locale, RuqsatError } from '@ruqsat/core';
import type { Verification } from '../../registry/verification.js';

type Words = Readonly<Record<Locale, string>>;

const WORDS = {
  title: { kk: 'Құжатты тексеру', ru: 'Проверка документа', en: 'Document verification' },
  licence: { kk: 'Лицензия', ru: 'Лицензия', en: 'Licence' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  holder: { kk: 'Лицензиат', ru: 'Лицензиат', en: 'Holder' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  firstIssued: { kk: 'Алғаш берілген күні', ru: 'Дата первичной выдачи', en: 'First issued on' },
  document: { kk: 'Құжат', ru: 'Документ', en: 'Document' },
  signed: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  signature: { kk: 'ЭЦҚ тексеру нәтижесі', ru: 'Результат проверки ЭЦП', en: 'Signature check' },
  replaced: {
    kk: 'Бұл құжаттың орнына жаңасы берілген (қайта ресімдеу немесе телнұсқа).',
    ru: 'Вместо этого документа выдан новый (переоформление или дубликат).',
    en: 'This document has been replaced by a newer one (a reissue or a duplicate).',
  },
  history: { kk: 'Өзгерістер тарихы', ru: 'История изменений', en: 'History of changes' },
} as const satisfies Record<string, Words>;

const STATUS: Readonly<Record<string, Words>> = {
  active: { kk: 'ҚОЛДАНЫСТА', ru: 'ДЕЙСТВУЕТ', en: 'VALID' },
  suspended: { kk: 'ТОҚТАТА ТҰРЫЛҒАН', ru: 'ПРИОСТАНОВЛЕНА', en: 'SUSPENDED' },
  terminated: { kk: 'ТОҚТАТЫЛҒАН', ru: 'ПРЕКРАЩЕНА', en: 'TERMINATED' },
};

const INDICATION: Readonly<Record<string, Words>> = {
  TOTAL_PASSED: { kk: 'Қолтаңба жарамды', ru: 'Подпись действительна', en: 'The signature is valid' },
  TOTAL_FAILED: { kk: 'Қолтаңба жарамсыз', ru: 'Подпись недействительна', en: 'The signature is not valid' },
  INDETERMINATE: {
    kk: 'Қолтаңбаны қазір тексеру мүмкін емес',
    ru: 'Подпись сейчас невозможно проверить',
    en: 'The signature cannot be checked right now',
  },
};

/**
 * The page a licence's QR code opens: plain HTML that works without scripts, on any phone, in the
 * language asked for; the status comes first and in capitals, so a suspended or terminated licence
 * cannot be misread as a valid one.
 */
export function verificationPage(found: Verification | unknown, locale: Locale): { status: number; html: string } {
  const say = (words: Words) => escapeHtml(words[locale]);
  if (!isVerification(found)) {
    const code = found instanceof RuqsatError && isErrorCode(found.code) ? found.code : 'REGISTRY_ENTRY_NOT_FOUND';
    if (!(found instanceof RuqsatError)) throw found;
    const message = errorEnvelope(code, locale).error.message;
    return {
      status: found.httpStatus,
      html: page(say(WORDS.title), `<p role="alert">${escapeHtml(message)}</p>`, locale),
    };
  }
  const { document, licence, history, signature } = found;
  const rows: [string, string][] = [];
  if (licence) {
    rows.push([say(WORDS.licence), escapeHtml(licence.number)]);
    rows.push([say(WORDS.holder), `${escapeHtml(licence.holder.name)} (${escapeHtml(licence.holder.id)})`]);
    rows.push([say(WORDS.service), escapeHtml(licence.serviceId)]);
    rows.push([say(WORDS.firstIssued), escapeHtml(licence.firstIssuedOn)]);
  }
  if (document) {
    rows.push([
      say(WORDS.document),
      escapeHtml(`${document.kind} · ${document.outgoingNumber ?? ''} ${document.issuedOn}`),
    ]);
    rows.push([say(WORDS.signed), escapeHtml(`${document.signerName}, ${document.signedAt}`)]);
  }
  const indication = (signature as { indication?: string } | null)?.indication ?? 'INDETERMINATE';
  rows.push([say(WORDS.signature), say(INDICATION[indication] ?? INDICATION.INDETERMINATE ?? WORDS.signature)]);
  const status = licence ? STATUS[licence.status] : undefined;
  const banner = status
    ? `<p class="status ${escapeHtml(licence?.status ?? '')}"><strong>${say(WORDS.status)}: ${say(status)}</strong></p>`
    : '';
  const replaced = document && !document.current ? `<p role="alert">${say(WORDS.replaced)}</p>` : '';
  const table = `<table>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table>`;
  const changes = history.length
    ? `<h2>${say(WORDS.history)}</h2><ol>${history
        .map((h) => `<li>${escapeHtml(h.at.slice(0, 10))} — ${escapeHtml(h.change)}: ${escapeHtml(h.legalGround)}</li>`)
        .join('')}</ol>`
    : '';
  return { status: 200, html: page(say(WORDS.title), `${banner}${replaced}${table}${changes}`, locale) };
}

function isVerification(value: unknown): value is Verification {
  return typeof value === 'object' && value !== null && 'signature' in value && 'history' in value;
}

function page(title: string, body: string, locale: Locale): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Ruqsat</title><style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#111}th{text-align:left;padding-right:1rem;vertical-align:top}.status{font-size:1.3rem;padding:.5rem;border:2px solid}.active{border-color:#0a6b2d;color:#0a6b2d}.suspended{border-color:#8a5300;color:#8a5300}.terminated{border-color:#a00;color:#a00}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
