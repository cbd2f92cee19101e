import { type Actor, RuqsatError } from '@ruqsat/core';
import { type StaffMember, staffUserId } from './staff-directory.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

/**
 * The engine actor for a staff member at an open step: themselves, or — when the step needs a role
 * or an assignee that only an absent colleague they stand in for has — that colleague's roles,
 * with `onBehalfOf` naming the colleague so both names go into the application's history.
 *
 * A step assigned to someone else is refused here, before the engine: the assignee (or their
 * substitute) works it; anyone else must first have it reassigned.
 */
export function actorAtStep(
  member: StaffMember,
  standingInFor: readonly StaffMember[],
  step: { readonly role: string; readonly assignee: string | null },
): StaffActor {
  const self = staffActor(member);
  const assignedElsewhere = step.assignee !== null && step.assignee !== self.userId;
  if (!assignedElsewhere && member.roles.includes(step.role)) return self;
  const absent = standingInFor.find((m) =>
    assignedElsewhere ? staffUserId(m.id) === step.assignee : m.roles.includes(step.role),
  );
  if (!absent) {
    if (assignedElsewhere) throw new RuqsatError('STEP_ASSIGNED_TO_ANOTHER', { assignee: step.assignee });
    return self;
  }
  return {
    ...self,
    roles: [...new Set([...member.roles, ...absent.roles])],
    onBehalfOf: staffUserId(absent.id),
  };
}

/** The member as the engine sees them, with their own roles only. */
export function staffActor(member: StaffMember): StaffActor {
  return { kind: 'staff', userId: staffUserId(member.id), authorityId: member.authorityId, roles: member.roles };
}
