import { currentLanguage } from '../../i18n/i18n';
import type { Localized } from '../../i18n/languages';

/** A value the API gives in three languages, in the user's; an id when the name is unknown. */
export function inLanguage(value: Localized | null, fallback = ''): string {
  return value ? value[currentLanguage()] : fallback;
}

/** A calendar date as Kazakhstan writes it on documents: 30.11.2026. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** A moment in Almaty time, where the licences are issued, whatever the reader's clock says. */
export function formatMoment(iso: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Asia/Almaty',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The QR code's target: the server's own page, readable without scripts, in the reader's language. */
export function qrTarget(documentId: string): string {
  return `/verify/${encodeURIComponent(documentId)}?lang=${currentLanguage()}`;
}
