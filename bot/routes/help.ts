import type { TurnContext } from 'botbuilder';
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
  const actorId = context.activity.from?.aadObjectId;
  const groups = [roles.helpdeskGroupId, roles.adminGroupId].filter(
    (g): g is string => g !== undefined,
  );
  let memberOf: string[] = [];
  if (typeof actorId === 'string' && actorId !== '' && groups.length > 0) {
    memberOf = await roles.membership.memberOf(actorId, groups).catch(() => []);
  }
  const data: WelcomeCardData = {
    givenName: givenName(context),
    showHelpdeskCommands:
      roles.helpdeskGroupId !== undefined && memberOf.includes(roles.helpdeskGroupId),
    showAnnounceCommands: roles.adminGroupId !== undefined && memberOf.includes(roles.adminGroupId),
  };
  return cardActivity(welcomeTemplate, data);
}
