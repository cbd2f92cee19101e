import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { deadlineOf } from './deadline';
import type { CurrentStep } from './office-api';

/** A step's due time, coloured by how close it is (the badge says the state in words too). */
export function DueCell({ step, dueToday }: { step: CurrentStep; dueToday?: boolean }) {
  const { i18n } = useTranslation('office');
  const state = deadlineOf(step, dueToday);
  return (
    <span data-deadline={state}>
      <DeadlineBadge state={state}>
        <time dateTime={step.due}>{formatDateTime(step.due, i18n.language)}</time>
      </DeadlineBadge>
    </span>
  );
}
