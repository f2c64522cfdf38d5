import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';

/**
 * A Playground config folder whose current user is the Helpdesk Agent instead of the Demo User
 * (the Playground has one user per instance, so a second instance plays the second person).
 */
export function agentConfigDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-agent-'));
  const base = fs.readFileSync(path.join(process.cwd(), '.m365agentsplayground.yml'), 'utf8');
  const swapped = base
    .replace('currentUser:\n  id: user-member', 'currentUser:\n  id: user-helpdesk-current')
    .replace(
      /name: Demo User\n(\s+)userPrincipleName: user@sandbox\.example\n(\s+)aadObjectId: \S+/,
      `name: Helpdesk Agent\n$1userPrincipleName: ${DEMO_USERS.helpdesk.upn}\n$2aadObjectId: ${DEMO_USERS.helpdesk.id}`,
    )
    .replace(
      /givenName: Demo\n(\s+)surname: User\n(\s+)email: user@sandbox\.example/,
      `givenName: Helpdesk\n$1surname: Agent\n$2email: ${DEMO_USERS.helpdesk.upn}`,
    )
    .replace(
      /- id: user-helpdesk\n(\s+)name: Helpdesk Agent\n(\s+)userPrincipleName: helpdesk@sandbox\.example\n(\s+)aadObjectId: \S+\n(\s+)givenName: Helpdesk\n(\s+)surname: Agent\n(\s+)email: helpdesk@sandbox\.example/,
      `- id: user-member\n$1name: Demo User\n$2userPrincipleName: ${DEMO_USERS.member.upn}\n$3aadObjectId: ${DEMO_USERS.member.id}\n$4givenName: Demo\n$5surname: User\n$6email: ${DEMO_USERS.member.upn}`,
    )
    .replace(
      'personalChat:\n  id: personal-chat-id',
      'personalChat:\n  id: personal-chat-helpdesk',
    );
  assert.match(swapped, /currentUser:\n {2}id: user-helpdesk-current\n {2}name: Helpdesk Agent/);
  fs.writeFileSync(path.join(dir, '.m365agentsplayground.yml'), swapped);
  return dir;
}
