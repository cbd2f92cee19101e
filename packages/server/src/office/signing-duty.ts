import type { ApplicationState, Regulation } from '@ruqsat/core';

/**
 * Whose key a completion commits to signing with: the official who completes a signing step signs
 * with their own key; a completion that ends the process (directly, or through steps the system
 * runs by itself) has its result signed by whoever completed the signing step before it — or, where
 * there was none, by the official completing it now. Null when this completion signs nothing.
 */
export function signerCommittedBy(
  state: ApplicationState,
  regulation: Regulation,
  completion: { readonly stepId: string; readonly outcome: string; readonly by: string },
): string | null {
  const steps = regulation.processes.find((p) => p.id === state.processId)?.steps ?? [];
  const step = steps.find((s) => s.id === completion.stepId);
  if (!step) return null;
  if (step.action === 'sign') return completion.by;
  if (!endsThrough(regulation, steps, completion.stepId, completion.outcome)) return null;
  const signed = state.completedSteps.filter(
    (s) => s.by.startsWith('staff:') && steps.find((x) => x.id === s.stepId)?.action === 'sign',
  );
  return signed.at(-1)?.by ?? completion.by;
}

/** Whether the outcome ends the process, here or after steps only systems run (each with one outcome). */
function endsThrough(
  regulation: Regulation,
  steps: Regulation['processes'][number]['steps'],
  stepId: string,
  outcomeId: string,
): boolean {
  const systems = new Set(regulation.roles.filter((r) => r.kind === 'system').map((r) => r.id));
  let outcome = steps.find((s) => s.id === stepId)?.outcomes.find((o) => o.id === outcomeId);
  for (let hops = 0; outcome && hops <= steps.length; hops++) {
    if ('end' in outcome) return true;
    const nextId = outcome.next;
    const next = steps.find((s) => s.id === nextId);
    if (!next || !systems.has(next.actor) || next.outcomes.length !== 1) return false;
    outcome = next.outcomes[0];
  }
  return false;
}
