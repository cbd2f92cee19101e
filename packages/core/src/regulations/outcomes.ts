/**
 * Outcomes that refuse or send back: the applicant reads the official's reasons in the motivated
 * answer (the regulations' «мотивированный ответ об отказе»), so completing a step with one of
 * them needs reasons — checked by the server, asked for by the back office's form, quoted in the
 * refusal letter. The regulations name their outcomes; these are the names that mean "no".
 */
export const OUTCOMES_NEEDING_REASONS: readonly string[] = [
  'incomplete',
  'not_compliant',
  'violations',
  'refused',
  'refuse',
  'returned',
  'refusal_ground',
];

export function outcomeNeedsReasons(outcome: string): boolean {
  return OUTCOMES_NEEDING_REASONS.includes(outcome);
}
