import { currentLanguage } from '../../i18n/i18n';

/** The QR code's target: the server's own page, readable without scripts, in the reader's language. */
export function qrTarget(documentId: string): string {
  return `/verify/${encodeURIComponent(documentId)}?lang=${currentLanguage()}`;
}
