import { errorEnvelope, type Locale, type LocalizedText, type RuqsatError } from '@ruqsat/core';
import type { SignatureCheck, Verification } from '../../registry/verification.js';

type Words = Readonly<Record<Locale, string>>;

const WORDS = {
  title: { kk: 'Құжатты тексеру', ru: 'Проверка документа', en: 'Document verification' },
  licence: { kk: 'Лицензия', ru: 'Лицензия', en: 'Licence' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  holder: { kk: 'Лицензиат', ru: 'Лицензиат', en: 'Holder' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  authority: { kk: 'Лицензиар', ru: 'Лицензиар', en: 'Licensing authority' },
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

const STATUS = {
  active: { kk: 'ҚОЛДАНЫСТА', ru: 'ДЕЙСТВУЕТ', en: 'VALID' },
  suspended: { kk: 'ТОҚТАТА ТҰРЫЛҒАН', ru: 'ПРИОСТАНОВЛЕНА', en: 'SUSPENDED' },
  terminated: { kk: 'ТОҚТАТЫЛҒАН', ru: 'ПРЕКРАЩЕНА', en: 'TERMINATED' },
} as const satisfies Record<string, Words>;

const DOCUMENT_KIND: Readonly<Record<string, Words>> = {
  licence: { kk: 'Лицензия', ru: 'Лицензия', en: 'Licence' },
  reissued_licence: { kk: 'Қайта ресімделген лицензия', ru: 'Переоформленная лицензия', en: 'Reissued licence' },
  duplicate: { kk: 'Лицензияның телнұсқасы', ru: 'Дубликат лицензии', en: 'Duplicate of the licence' },
  licence_annex: { kk: 'Лицензияға қосымша', ru: 'Приложение к лицензии', en: 'Annex to the licence' },
  motivated_refusal: { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ', en: 'Motivated refusal' },
};

const CHANGE: Readonly<Record<string, Words>> = {
  issued: { kk: 'Берілді', ru: 'Выдана', en: 'Issued' },
  reissued: { kk: 'Қайта ресімделді', ru: 'Переоформлена', en: 'Reissued' },
  duplicate_issued: { kk: 'Телнұсқа берілді', ru: 'Выдан дубликат', en: 'Duplicate issued' },
  annex_issued: { kk: 'Қосымша берілді', ru: 'Выдано приложение', en: 'Annex issued' },
  suspended: { kk: 'Тоқтата тұрылды', ru: 'Приостановлена', en: 'Suspended' },
  resumed: { kk: 'Қайта басталды', ru: 'Возобновлена', en: 'Resumed' },
  terminated: { kk: 'Тоқтатылды', ru: 'Прекращена', en: 'Terminated' },
};

const INDICATION = {
  TOTAL_PASSED: { kk: 'Қолтаңба жарамды', ru: 'Подпись действительна', en: 'The signature is valid' },
  TOTAL_FAILED: { kk: 'Қолтаңба жарамсыз', ru: 'Подпись недействительна', en: 'The signature is not valid' },
  INDETERMINATE: {
    kk: 'Қолтаңбаны қазір тексеру мүмкін емес',
    ru: 'Подпись сейчас невозможно проверить',
    en: 'The signature cannot be checked right now',
  },
} as const satisfies Record<SignatureCheck['indication'], Words>;

/**
 * The page a licence's QR code opens: plain HTML that works without scripts, on any phone, in the
 * language asked for; the status comes first and in capitals, so a suspended or terminated licence
 * cannot be misread as a valid one.
 */
export function verificationPage(found: Verification, locale: Locale): string {
  const say = (words: Words | LocalizedText) => escapeHtml(words[locale]);
  const { document, licence, history, signature } = found;
  const rows: [string, string][] = [];
  if (licence) {
    rows.push([say(WORDS.licence), escapeHtml(licence.number)]);
    rows.push([say(WORDS.holder), `${escapeHtml(licence.holder.name)} (${escapeHtml(licence.holder.id)})`]);
    rows.push([say(WORDS.service), licence.serviceName ? say(licence.serviceName) : escapeHtml(licence.serviceId)]);
    rows.push([
      say(WORDS.authority),
      licence.authorityName ? say(licence.authorityName) : escapeHtml(licence.authorityId),
    ]);
    rows.push([say(WORDS.firstIssued), escapeHtml(licence.firstIssuedOn)]);
  }
  if (document) {
    const kind = DOCUMENT_KIND[document.kind];
    const number = document.outgoingNumber ? ` № ${escapeHtml(document.outgoingNumber)}` : '';
    rows.push([
      say(WORDS.document),
      `${kind ? say(kind) : escapeHtml(document.kind)}${number}, ${escapeHtml(document.issuedOn)}`,
    ]);
    rows.push([say(WORDS.signed), escapeHtml(`${document.signerName}, ${document.signedAt}`)]);
  }
  rows.push([say(WORDS.signature), say(INDICATION[signature?.indication ?? 'INDETERMINATE'])]);
  const banner = licence
    ? `<p class="status ${licence.status}"><strong>${say(WORDS.status)}: ${say(STATUS[licence.status])}</strong></p>`
    : '';
  const replaced = document && !document.current ? `<p role="alert">${say(WORDS.replaced)}</p>` : '';
  const table = `<table>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table>`;
  const changes = history.length
    ? `<h2>${say(WORDS.history)}</h2><ol>${history
        .map((h) => {
          const change = CHANGE[h.change];
          return `<li>${escapeHtml(h.at.slice(0, 10))} — ${change ? say(change) : escapeHtml(h.change)}: ${escapeHtml(h.legalGround)}</li>`;
        })
        .join('')}</ol>`
    : '';
  return page(say(WORDS.title), `${banner}${replaced}${table}${changes}`, locale);
}

/** The page for a document or licence that cannot be shown: the error in the reader's language. */
export function verificationRefusal(error: RuqsatError, locale: Locale): string {
  const message = errorEnvelope(error.code, locale).error.message;
  return page(escapeHtml(WORDS.title[locale]), `<p role="alert">${escapeHtml(message)}</p>`, locale);
}

function page(title: string, body: string, locale: Locale): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Ruqsat</title><style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#111}th{text-align:left;padding-right:1rem;vertical-align:top}.status{font-size:1.3rem;padding:.5rem;border:2px solid}.active{border-color:#0a6b2d;color:#0a6b2d}.suspended{border-color:#8a5300;color:#8a5300}.terminated{border-color:#a00;color:#a00}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
