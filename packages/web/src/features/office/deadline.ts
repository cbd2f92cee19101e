import type { DeadlineState } from '../../ui/components';
import { almatyDate } from '../../ui/format';

/**
 * How close a step's due is: the server says whether it is overdue; "due today" is the same Almaty
 * day and not yet passed (the queue says so itself, the file does not).
 */
export function deadlineOf(
  step: { readonly due: string; readonly overdue: boolean },
  dueToday?: boolean,
): DeadlineState {
  if (step.overdue) return 'overdue';
  const today = dueToday ?? almatyDate(new Date(step.due)) === almatyDate(new Date());
  return today ? 'due_today' : 'on_time';
}
