import type { Messages } from '../../i18n/languages';

export const officeMessages: Messages = { kk: {}, ru: {}, en: {} };
