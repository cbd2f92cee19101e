import type { Messages } from '../../i18n/languages';

export const adminMessages: Messages = { kk: {}, ru: {}, en: {} };
