/**
 * The three languages of the product. Kazakh is the state language and the default, as on the
 * state portal; Russian and English follow.
 */
export const Locale = { kk: 'kk', ru: 'ru', en: 'en' } as const;
export type Locale = (typeof Locale)[keyof typeof Locale];

export const DEFAULT_LOCALE: Locale = Locale.kk;
export const LOCALES: readonly Locale[] = [Locale.kk, Locale.ru, Locale.en];

export type LocalizedText = Readonly<Record<Locale, string>>;

/** Tags people and browsers send for Kazakh besides the standard `kk` (ISO 3166 `KZ` misused as a language). */
const ALIASES: Readonly<Record<string, Locale>> = { kz: Locale.kk };

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(Locale, value);
}

/**
 * Picks the best supported language from an HTTP Accept-Language header (RFC 9110 §12.5.4):
 * the highest q-value wins, ties go to the earlier entry, `q=0` excludes, `*` means any (the
 * default). Region subtags are ignored (`ru-KZ` is Russian).
 */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [rawTag = '', ...params] = part.trim().split(';');
    const q = qualityOf(params);
    if (q <= 0) continue;
    const locale = localeOfTag(rawTag.trim().toLowerCase());
    if (locale !== null && (best === null || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

function localeOfTag(tag: string): Locale | null {
  if (tag === '*') return DEFAULT_LOCALE;
  const primary = tag.split('-')[0] ?? '';
  if (isLocale(primary)) return primary;
  return Object.hasOwn(ALIASES, primary) ? (ALIASES[primary] ?? null) : null;
}

function qualityOf(params: readonly string[]): number {
  for (const param of params) {
    const [key, value] = param.trim().split('=');
    if (key?.trim().toLowerCase() === 'q') {
      const q = Number(value);
      return Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0;
    }
  }
  return 1;
}
