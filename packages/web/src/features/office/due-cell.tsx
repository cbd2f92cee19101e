import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { deadlineOf } from './deadline';
import type { CurrentStep } from './office-api';

/** A step's due time, coloured by how close it is and said in words too (never colour alone). */
export function DueCell({ step, dueToday }: { step: CurrentStep; dueToday?: boolean }) {
  const { t, i18n } = useTranslation('office');
  const state = deadlineOf(step, dueToday);
  return (
    <span data-deadline={state}>
      <DeadlineBadge state={state}>
        <span aria-hidden="true" className="office-deadline-word">
          {t(`common:deadline.${state}`)} ·{' '}
        </span>
        <time dateTime={step.due}>{formatDateTime(step.due, i18n.language)}</time>
      </DeadlineBadge>
    </span>
  );
}
