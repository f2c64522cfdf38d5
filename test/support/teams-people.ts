import { DEMO_USERS } from '../../src/sandbox/demo-ids';

/** Who a Teams message is from. */
export interface TeamsSender {
  id: string;
  aadObjectId: string;
  name: string;
}

/** A sandbox person (DEMO_USERS, SCENARIO_USERS) as Teams names them in a 1:1 message. */
export function teamsUser(user: { id: string; upn: string }): TeamsSender {
  return { id: `29:${user.id}`, aadObjectId: user.id, name: user.upn };
}

/** The demo tenant's people as the Playground's Teams names them. */
export const TEAMS_PEOPLE = {
  member: { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' },
  helpdesk: { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' },
} as const satisfies Record<string, TeamsSender>;
