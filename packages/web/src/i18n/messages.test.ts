import { describe, expect, it } from 'vitest';
import { adminMessages } from '../features/admin/messages';
import { centreMessages } from '../features/centre/messages';
import { officeMessages } from '../features/office/messages';
import { portalMessages } from '../features/portal/messages';
import { registryMessages } from '../features/registry/messages';
import { commonMessages } from './common-messages';
import { LANGUAGES, type Messages } from './languages';

const NAMESPACES: Record<string, Messages> = {
  common: commonMessages,
  portal: portalMessages,
  centre: centreMessages,
  office: officeMessages,
  registry: registryMessages,
  admin: adminMessages,
};

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
