import { errorEnvelope, type Locale, type LocalizedText, type RuqsatError } from '@ruqsat/core';
import type { SignatureCheck, Verification } from '../../registry/verification.js';

type Words = Readonly<Record<Locale, string>>;

const WORDS = {
  title: { kk: 'Құжатты тексеру', ru: 'Проверка документа', en: 'Document verification' },
  tagline: { kk: 'е-лицензиялау', ru: 'е-лицензирование', en: 'e-licensing' },
  language: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  licence: { kk: 'Лицензия нөмірі', ru: 'Номер лицензии', en: 'Licence number' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  holder: { kk: 'Лицензиат', ru: 'Лицензиат', en: 'Holder' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  authority: { kk: 'Лицензиар', ru: 'Лицензиар', en: 'Licensing authority' },
  firstIssued: { kk: 'Алғаш берілген күні', ru: 'Дата первичной выдачи', en: 'First issued on' },
  document: { kk: 'Құжат', ru: 'Документ', en: 'Document' },
  signedAt: { kk: 'Қол қойылған уақыты', ru: 'Время подписания', en: 'Signed at' },
  aboutLicence: { kk: 'Лицензия туралы', ru: 'Сведения о лицензии', en: 'About the licence' },
  signature: { kk: 'Электрондық цифрлық қолтаңба', ru: 'Электронная цифровая подпись', en: 'Digital signature' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  organisation: { kk: 'Ұйым', ru: 'Организация', en: 'Organisation' },
  bin: { kk: 'Ұйымның БСН', ru: 'БИН организации', en: 'Organisation’s BIN' },
  notStated: { kk: 'сертификатта көрсетілмеген', ru: 'не указано в сертификате', en: 'not stated in the certificate' },
  replaced: {
    kk: 'Бұл құжаттың орнына жаңасы берілген (қайта ресімдеу немесе телнұсқа).',
    ru: 'Вместо этого документа выдан новый (переоформление или дубликат).',
    en: 'This document has been replaced by a newer one (a reissue or a duplicate).',
  },
  history: { kk: 'Өзгерістер тарихы', ru: 'История изменений', en: 'History of changes' },
  legalGround: { kk: 'Құқықтық негіз', ru: 'Правовое основание', en: 'Legal ground' },
  openEntry: { kk: 'Тізілімдегі жазбаны ашу', ru: 'Открыть запись в реестре', en: 'Open the registry entry' },
  registry: { kk: 'Лицензиялар тізілімі', ru: 'Реестр лицензий', en: 'Licence registry' },
  footer: {
    kk: 'Ruqsat — ашық бастапқы кодты е-лицензиялау жүйесі. Бұл бет мемлекеттік тізілімнен алынған деректерді көрсетеді.',
    ru: 'Ruqsat — система е-лицензирования с открытым кодом. Эта страница показывает данные государственного реестра.',
    en: 'Ruqsat — open-source e-licensing. This page shows the data of the state registry.',
  },
} as const satisfies Record<string, Words>;

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

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
  TOTAL_PASSED: {
    kk: 'Қолтаңба жарамды: құжатқа қол қойылғаннан кейін ол өзгертілмеген.',
    ru: 'Подпись действительна: документ не изменялся после подписания.',
    en: 'The signature is valid: the document has not been changed since it was signed.',
  },
  TOTAL_FAILED: {
    kk: 'Қолтаңба жарамсыз: бұл құжатқа сенуге болмайды.',
    ru: 'Подпись недействительна: этому документу доверять нельзя.',
    en: 'The signature is not valid: do not rely on this document.',
  },
  INDETERMINATE: {
    kk: 'Қолтаңбаны қазір тексеру мүмкін емес. Кейінірек қайталап көріңіз.',
    ru: 'Подпись сейчас невозможно проверить. Повторите попытку позже.',
    en: 'The signature cannot be checked right now. Please try again later.',
  },
} as const satisfies Record<SignatureCheck['indication'], Words>;

const VERDICT_CLASS: Readonly<Record<SignatureCheck['indication'], string>> = {
  TOTAL_PASSED: 'valid',
  TOTAL_FAILED: 'invalid',
  INDETERMINATE: 'unknown',
};

/**
 * The page's security policy: no script at all, its own inline style, images from this origin;
 * never framed by another site (a verification page inside a forger's frame would lend it our name).
 */
export const VERIFICATION_PAGE_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page a licence's QR code opens: plain HTML that works without scripts, on any phone, in the
 * language asked for; the status comes first and in capitals, so a suspended or terminated licence
 * cannot be misread as a valid one. It wears the web app's colours and frame, so that a citizen who
 * scans the code recognises the service, and links into the app's registry for the rest.
 */
export function verificationPage(found: Verification, locale: Locale): string {
  const say = (words: Words | LocalizedText) => escapeHtml(words[locale]);
  const { document, licence, history, signature } = found;
  const parts: string[] = [];
  if (licence) {
    parts.push(
      `<p class="status status-${licence.status}">${say(WORDS.status)}: <strong>${say(STATUS[licence.status])}</strong></p>`,
    );
  }
  if (document && !document.current) parts.push(`<p class="notice" role="alert">${say(WORDS.replaced)}</p>`);

  const indication = signature?.indication ?? 'INDETERMINATE';
  const mark = { valid: '✓', invalid: '✗', unknown: '?' }[VERDICT_CLASS[indication]];
  const signatureRows: [string, string][] = [];
  if (document) {
    const kind = DOCUMENT_KIND[document.kind];
    const number = document.outgoingNumber ? ` № ${escapeHtml(document.outgoingNumber)}` : '';
    signatureRows.push([
      say(WORDS.document),
      `${kind ? say(kind) : escapeHtml(document.kind)}${number}, ${escapeHtml(formatDate(document.issuedOn))}`,
    ]);
    signatureRows.push([say(WORDS.signedAt), escapeHtml(formatMoment(document.signedAt))]);
  }
  const signer = signature?.signer;
  signatureRows.push([say(WORDS.signer), escapeHtml(signer?.name ?? document?.signerName ?? '—')]);
  if (signer) {
    signatureRows.push([
      say(WORDS.organisation),
      signer.organisation ? escapeHtml(signer.organisation) : say(WORDS.notStated),
    ]);
    signatureRows.push([say(WORDS.bin), signer.bin ? escapeHtml(signer.bin) : say(WORDS.notStated)]);
  }
  parts.push(
    `<section class="panel" aria-labelledby="signature"><h2 id="signature">${say(WORDS.signature)}</h2>` +
      `<p class="verdict verdict-${VERDICT_CLASS[indication]}"><span class="mark" aria-hidden="true">${mark}</span> ${say(INDICATION[indication])}</p>` +
      `${facts(signatureRows)}</section>`,
  );

  if (licence) {
    const service = licence.serviceName ? say(licence.serviceName) : escapeHtml(licence.serviceId);
    const authority = licence.authorityName ? say(licence.authorityName) : escapeHtml(licence.authorityId);
    const entry = `/registry/licences/${encodeURIComponent(licence.number)}?lang=${locale}`;
    parts.push(
      `<section class="panel" aria-labelledby="licence"><h2 id="licence">${say(WORDS.aboutLicence)}</h2>${facts([
        [say(WORDS.licence), escapeHtml(licence.number)],
        [say(WORDS.holder), `${escapeHtml(licence.holder.name)} (${escapeHtml(licence.holder.id)})`],
        [say(WORDS.service), service],
        [say(WORDS.authority), authority],
        [say(WORDS.firstIssued), escapeHtml(formatDate(licence.firstIssuedOn))],
      ])}<p><a href="${escapeHtml(entry)}">${say(WORDS.openEntry)}</a></p></section>`,
    );
  }
  if (history.length) {
    const entries = history.map((h) => {
      const change = CHANGE[h.change];
      return `<li><time datetime="${escapeHtml(h.at)}">${escapeHtml(formatMoment(h.at))}</time><strong>${change ? say(change) : escapeHtml(h.change)}</strong><br><span class="muted">${say(WORDS.legalGround)}:</span> ${escapeHtml(h.legalGround)}</li>`;
    });
    parts.push(
      `<section class="panel" aria-labelledby="history"><h2 id="history">${say(WORDS.history)}</h2><ol class="timeline">${entries.join('')}</ol></section>`,
    );
  }
  return page(say(WORDS.title), parts.join(''), locale);
}

/** The page for a document or licence that cannot be shown: the error in the reader's language. */
export function verificationRefusal(error: RuqsatError, locale: Locale): string {
  const message = errorEnvelope(error.code, locale).error.message;
  return page(escapeHtml(WORDS.title[locale]), `<p class="error" role="alert">${escapeHtml(message)}</p>`, locale);
}

function facts(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** The app's frame in plain HTML: the brand, the language switch as links (no script), the footer. */
function page(title: string, body: string, locale: Locale): string {
  const languages = (['kk', 'ru', 'en'] as const)
    .map((lang) => {
      const current = lang === locale ? ' aria-current="true"' : '';
      return `<li><a href="?lang=${lang}" lang="${lang}" hreflang="${lang}"${current}>${LANGUAGE_NAMES[lang]}</a></li>`;
    })
    .join('');
  const registry = `/registry?lang=${locale}`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} — Ruqsat</title><style>${STYLE}</style></head><body><header class="site-header"><div class="header-top"><a class="brand" href="/?lang=${locale}"><span class="brand-mark" aria-hidden="true">R</span><span>Ruqsat <span class="tagline">${escapeHtml(WORDS.tagline[locale])}</span></span></a><nav aria-label="${escapeHtml(WORDS.language[locale])}"><ul class="languages">${languages}</ul></nav></div></header><main><h1>${title}</h1>${body}<p class="more"><a href="${registry}">${escapeHtml(WORDS.registry[locale])}</a></p></main><footer class="site-footer"><p>${escapeHtml(WORDS.footer[locale])}</p></footer></body></html>`;
}

/** Dates as Kazakhstan writes them on documents: 30.11.2026. */
function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** A moment in Almaty time, where the licences are issued, whatever the reader's clock says. */
function formatMoment(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Asia/Almaty',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The web app's look (packages/web/src/app/styles.css: the same colours, all AA on white), cut down
 * to this page. It is a <style> element because the page's CSP allows inline styles and nothing else.
 */
const STYLE = [
  ':root{--ink:#1a1d21;--muted:#4a5360;--line:#c4ccd6;--page:#f4f6f9;--primary:#00457c;--success:#1d6b2f;--success-bg:#e6f4ea;--warning:#7a4b00;--warning-bg:#fff4d6;--danger:#a4161a;--danger-bg:#fde8e8;--focus:#ffbf47;font-family:system-ui,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;font-size:16px;line-height:1.5;color:var(--ink);background:var(--page)}',
  '*{box-sizing:border-box}body{margin:0}a{color:var(--primary)}',
  ':focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--ink)}',
  '.site-header{background:var(--primary);color:#fff}',
  '.header-top{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.5rem;padding:.75rem 1.5rem;max-width:52rem;margin:0 auto}',
  '.brand{display:flex;align-items:center;gap:.5rem;color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none;margin-right:auto}',
  '.brand-mark{display:inline-grid;place-items:center;width:2rem;height:2rem;border-radius:50%;background:#fff;color:var(--primary)}',
  '.tagline{font-weight:400;font-size:.9rem}',
  '.languages{list-style:none;margin:0;padding:0;display:flex;gap:.25rem}',
  '.languages a{display:inline-block;color:#fff;border:1px solid rgb(255 255 255/.6);border-radius:6px;padding:.25rem .6rem;text-decoration:none}',
  '.languages a[aria-current]{background:#fff;color:var(--primary);font-weight:700}',
  'main{max-width:52rem;margin:0 auto;padding:1.5rem}',
  'h1{font-size:1.9rem;line-height:1.2;margin:0 0 1rem}h2{font-size:1.3rem;margin:0 0 .75rem}',
  '.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}',
  '.status{font-size:1.3rem;padding:.75rem 1rem;border:2px solid currentColor;border-radius:6px;margin:0 0 1rem}',
  '.status-active{color:var(--success);background:var(--success-bg)}.status-suspended{color:var(--warning);background:var(--warning-bg)}.status-terminated{color:var(--danger);background:var(--danger-bg)}',
  '.notice{border-left:4px solid var(--warning);background:var(--warning-bg);padding:.5rem .75rem;font-weight:600}',
  '.error{color:var(--danger);background:var(--danger-bg);border-left:4px solid var(--danger);padding:.5rem .75rem}',
  '.verdict{font-weight:700;font-size:1.1rem;margin:0 0 .75rem}.verdict-valid{color:var(--success)}.verdict-invalid{color:var(--danger)}',
  '.mark{display:inline-grid;place-items:center;width:1.6rem;height:1.6rem;border-radius:50%;color:#fff;background:var(--muted)}.verdict-valid .mark{background:var(--success)}.verdict-invalid .mark{background:var(--danger)}',
  '.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}',
  '.muted{color:var(--muted)}',
  '.timeline{list-style:none;padding:0 0 0 1.25rem;margin:0;border-left:3px solid var(--line)}.timeline li{padding:0 0 1rem}.timeline time{display:block;color:var(--muted);font-size:.9rem}',
  '.site-footer{border-top:1px solid var(--line);color:var(--muted);padding:1rem 1.5rem;max-width:52rem;margin:0 auto;font-size:.9rem}',
  '@media (max-width:36rem){main{padding:1rem}.header-top{padding:.5rem 1rem}h1{font-size:1.5rem}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.5rem}}',
].join('');
