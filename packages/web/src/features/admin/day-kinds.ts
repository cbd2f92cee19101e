/** A mark per kind of day, so that the calendar does not speak by colour alone. */
export const DAY_MARK: Readonly<Record<string, string>> = {
  working: '',
  weekend: '·',
  holiday: '★',
  moved: '↷',
  transfer: '↷',
  worked_weekend: '⚒',
};

export const DAY_KINDS = ['working', 'weekend', 'holiday', 'moved', 'transfer', 'worked_weekend'] as const;
