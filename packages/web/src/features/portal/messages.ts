import type { Messages } from '../../i18n/languages';

export const portalMessages: Messages = { kk: {}, ru: {}, en: {} };
