/** The three languages of the interface; Kazakh first and by default, as on the state portal. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'kk';

/** Each language named in itself, as a language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** Messages of one part of the app in every language; the key sets must be equal (messages.test.ts). */
export type Messages = Readonly<Record<Language, Readonly<Record<string, string>>>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A value the API gives in three languages (names of services, authorities, steps). */
export type Localized = Readonly<Record<Language, string>>;
