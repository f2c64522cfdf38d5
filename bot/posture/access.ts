import type { TurnContext } from 'botbuilder';
import { AppError } from '../../src/errors';
import type { GroupMembership } from '../../src/ports';

/** Who may run posture checks, reports and see admin answers: helpdesk and admin groups. */
export interface AdminAccess {
  membership: GroupMembership;
  helpdeskGroupId: string;
  adminGroupId?: string;
}

/** Throws a not-authorized AppError (shown as a card) unless the sender is in either group. */
export async function requireHelpdeskOrAdmin(
  context: TurnContext,
  access: AdminAccess,
  what: string,
): Promise<string> {
  const actorId = context.activity.from?.aadObjectId;
  if (!actorId) {
    throw new AppError('not-authorized', `${what} without an Entra identity`, {
      userMessage: 'The bot cannot tell who you are in this chat, so it cannot run this.',
    });
  }
  const groups = [access.helpdeskGroupId, access.adminGroupId].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const member = await access.membership.memberOf(actorId, groups);
  if (member.length === 0) {
    throw new AppError('not-authorized', `${what} refused for ${actorId}`, {
      userMessage: `Only members of the helpdesk or admin groups can run ${what}. If you need it, ask an administrator to add you to one of those groups.`,
    });
  }
  return actorId;
}
