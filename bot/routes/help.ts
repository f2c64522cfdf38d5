import type { TurnContext } from 'botbuilder';
import type { AnswerReader } from '../../cards/answers/answer';
import { welcomeTemplate, type WelcomeCardData } from '../../cards/common/welcome';
import type { GroupMembership } from '../../src/ports';
import { cardActivity } from '../cards';

/** Who may use which staff commands; the groups are the ones the commands themselves check. */
export interface HelpRoles {
  membership: GroupMembership;
  helpdeskGroupId?: string;
  adminGroupId?: string;
}

/** "help", "?", "hi"...: the greeting and help words the help card answers. */
export const HELP_WORDS = /^\s*(help|hi|hello|hey|start|\?|what can you do\??)\s*$/i;

function givenName(context: TurnContext): string | undefined {
  const name = context.activity.from?.name?.trim();
  return name ? name.split(/\s+/)[0] : undefined;
}

/**
 * The help card for whoever asks: everyone gets how to paste an error; helpdesk members also get
 * their commands, admins the announcement commands. Decided by the asker's groups, not by the
 * channel, so a member in the helpdesk channel sees only what they can use. A membership check
 * that fails shows the member's card rather than no card.
 */
export async function helpActivity(context: TurnContext, roles: HelpRoles) {
  const memberOf = await staffGroupsOf(context, roles);
  const data: WelcomeCardData = {
    givenName: givenName(context),
    showHelpdeskCommands:
      roles.helpdeskGroupId !== undefined && memberOf.includes(roles.helpdeskGroupId),
    showAnnounceCommands: roles.adminGroupId !== undefined && memberOf.includes(roles.adminGroupId),
  };
  return cardActivity(welcomeTemplate, data);
}

/**
 * Which of the helpdesk and admin groups the asker belongs to (none when the check fails: the
 * asker is then answered as anyone else is).
 */
async function staffGroupsOf(context: TurnContext, roles: HelpRoles): Promise<string[]> {
  const actorId = context.activity.from?.aadObjectId;
  const groups = [roles.helpdeskGroupId, roles.adminGroupId].filter(
    (g): g is string => g !== undefined,
  );
  if (typeof actorId !== 'string' || actorId === '' || groups.length === 0) return [];
  return roles.membership.memberOf(actorId, groups).catch(() => []);
}

/** Whether the asker is in the helpdesk or admin group: how-to answers are written for them. */
export async function answerReaderOf(
  context: TurnContext,
  roles: HelpRoles,
): Promise<AnswerReader> {
  return (await staffGroupsOf(context, roles)).length > 0 ? 'staff' : 'person';
}
