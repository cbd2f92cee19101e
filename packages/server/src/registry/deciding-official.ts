import type { ApplicationState, Regulation } from '@ruqsat/core';

/**
 * Who signs the result: the official who completed the regulation's signing step, or, where a
 * system step sends the result (or a refusal at a check ends the process), the last official who
 * completed a step — the one whose decision the document records. The office refuses a completion
 * that commits someone without a key to this (office/signing-duty.ts).
 */
export function deciderOf(state: ApplicationState, regulation: Regulation): { userId: string; role: string } {
  const steps = regulation.processes.find((p) => p.id === state.processId)?.steps ?? [];
  const byStaff = state.completedSteps.filter((s) => s.by.startsWith('staff:'));
  const signing = byStaff.filter((s) => steps.find((step) => step.id === s.stepId)?.action === 'sign');
  const decided = signing.at(-1) ?? byStaff.at(-1);
  if (!decided) throw new Error(`application ${state.id} was decided by no official`);
  return { userId: decided.by, role: steps.find((s) => s.id === decided.stepId)?.actor ?? '' };
}

/** The official's position as the signature block prints it: the regulation's name of their role. */
export function positionOf(regulation: Regulation, roleId: string): string {
  const role = regulation.roles.find((r) => r.id === roleId);
  return role ? `${role.name.kk} / ${role.name.ru}` : roleId;
}
