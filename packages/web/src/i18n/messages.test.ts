import { describe, expect, it } from 'vitest';
// The namespaces the app registers, so that every one of them is checked.
import { NAMESPACES } from './i18n';
import { LANGUAGES } from './languages';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe.each(Object.entries(NAMESPACES))('the %s messages', (_name, messages) => {
  it('say the same things in Kazakh, Russian and English', () => {
    const keys = Object.keys(messages.kk).sort();
    for (const language of LANGUAGES) expect(Object.keys(messages[language]).sort()).toEqual(keys);
  });

  it('are never empty, and fill in the same values in every language', () => {
    for (const [key, kk] of Object.entries(messages.kk)) {
      for (const language of LANGUAGES) {
        const text = messages[language][key] ?? '';
        expect(text.trim(), `${language}:${key}`).not.toBe('');
        expect(placeholders(text), `${language}:${key}`).toEqual(placeholders(kk));
      }
    }
  });
});
