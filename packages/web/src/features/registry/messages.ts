import type { Messages } from '../../i18n/languages';

export const registryMessages: Messages = { kk: {}, ru: {}, en: {} };
