import type { EngineEvent } from '@ruqsat/core';
import { OUTCOMES_NEEDING_REASONS } from '@ruqsat/core';

const SILENCE = {
  kk: 'Мемлекеттік ақпараттық жүйе белгіленген мерзімде жауап бермеді.',
  ru: 'Государственная информационная система не ответила в установленный срок.',
} as const;

/**
 * The reasons a refusal letter gives: what outside systems answered against the applicant (or
 * that they stayed silent where silence refuses), and the official's reasons where they chose a
 * refusing outcome — not a comment made on the way (an approval's note is no reason to refuse).
 */
export function refusalReasons(events: readonly EngineEvent[]): string {
  const reasons: string[] = [];
  for (const event of events) {
    if (event.type === 'external_check_answered' && event.answer === 'negative' && event.summary) {
      reasons.push(event.summary);
    }
    if (event.type === 'external_check_timed_out' && event.rule === 'refuse')
      reasons.push(`${SILENCE.kk} / ${SILENCE.ru}`);
    if (event.type === 'step_completed' && event.comment && OUTCOMES_NEEDING_REASONS.includes(event.outcome)) {
      reasons.push(event.comment);
    }
  }
  return reasons.join('\n');
}
