import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { adminMessages } from '../features/admin/messages';
import { centreMessages } from '../features/centre/messages';
import { officeMessages } from '../features/office/messages';
import { portalMessages } from '../features/portal/messages';
import { registryMessages } from '../features/registry/messages';
import { commonMessages } from './common-messages';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language, type Messages } from './languages';

/** Each part of the app is a namespace of its own, in its own file beside the part. */
export const NAMESPACES: Readonly<Record<string, Messages>> = {
  common: commonMessages,
  portal: portalMessages,
  centre: centreMessages,
  office: officeMessages,
  registry: registryMessages,
  admin: adminMessages,
};

const STORAGE_KEY = 'ruqsat.language';

/** The language a `?lang=` link asks for (a verification page's link), else the one chosen last on this device, else Kazakh. */
function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(asked)) return asked;
  const remembered = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(remembered) ? remembered : DEFAULT_LANGUAGE;
}

export async function startI18n(): Promise<typeof i18next> {
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const language of LANGUAGES) {
    resources[language] = Object.fromEntries(Object.entries(NAMESPACES).map(([ns, m]) => [ns, m[language]]));
  }
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: false,
    ns: Object.keys(NAMESPACES),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  window.localStorage.setItem(STORAGE_KEY, i18next.language);
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    window.localStorage.setItem(STORAGE_KEY, language);
  });
  return i18next;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}
