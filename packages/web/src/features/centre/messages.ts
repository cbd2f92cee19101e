import type { Messages } from '../../i18n/languages';

export const centreMessages: Messages = { kk: {}, ru: {}, en: {} };
