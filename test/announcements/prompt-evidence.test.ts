import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';

type Person = { id: string; aadObjectId: string; name: string };
const member: Person = { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' };
const agent: Person = {
  id: '29:helpdesk',
  aadObjectId: DEMO_USERS.helpdesk.id,
  name: 'Helpdesk Agent',
};
const CHANNEL = 'channel-helpdesk-id';

function invoke(
  harness: BotHarness,
  from: Person,
  verb: string,
  data: Record<string, unknown>,
  conversation: { id: string; conversationType: string } = {
    id: `a:personal-${randomUUID()}`,
    conversationType: 'personal',
  },
) {
  const base = teamsMessage(harness.connector.url, '', from, conversation.id);
  return harness.post({
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    conversation: {
      ...(base.conversation as object),
      conversationType: conversation.conversationType,
    },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

/** Seeds a sign-in of the member `minutesAgo` before now, from a copy of one of theirs. */
function seed(
  harness: BotHarness,
  minutesAgo: number,
  change: (row: Record<string, unknown>) => void,
) {
  const model = harness.sandbox.state.signIns.find(
    (s) => s.userId === DEMO_USERS.member.id && s.status.errorCode === 0,
  );
  const row = structuredClone(model!);
  row.id = randomUUID();
  row.createdDateTime = new Date(Date.now() - minutesAgo * 60_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  change(row as unknown as Record<string, unknown>);
  harness.sandbox.state.signIns.push(row);
}

/**
 * "I got a prompt I did not start", end to end on the whole bot (HTTP, Azurite, sandbox tenant,
 * the announcement workers): the helpdesk notice lists the person's sign-ins of the quarter hour
 * before, and its buttons ask for the gated fixes through the ordinary approval.
 */
describe('a prompt report carries the sign-ins and gated fixes to the helpdesk @slow', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness({ background: true });
  });
  after(async () => harness?.stop());

  it('lists app, IP, location and result of each sign-in, and makes requests from its buttons', async () => {
    seed(harness, 4, (row) => {
      Object.assign(row, {
        appDisplayName: 'Office 365 Exchange Online',
        ipAddress: '198.51.100.77',
        location: { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG' },
      });
    });
    seed(harness, 40, (row) => Object.assign(row, { ipAddress: '198.51.100.200' }));

    const reported = await invoke(harness, member, 'announce.report-prompt', {
      v: 1,
      announcementId: 'ann-prompt-check',
    });
    assert.equal(reported.status, 200);
    const notice = await harness.connector.waitFor(
      (a) => a.conversationId === CHANNEL && /prompt reported/.test(cardText(a.activity)),
      30_000,
    );
    const shown = cardText(notice.activity);
    assert.match(shown, /Their sign-ins in the 15 minutes before the report/);
    assert.match(shown, /Office 365 Exchange Online/);
    assert.match(shown, /Succeeded\. IP 198\.51\.100\.77, Lagos, Lagos, NG/);
    assert.doesNotMatch(shown, /198\.51\.100\.200/, 'a sign-in older than 15 minutes is left out');

    const card = (notice.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]
      .content;
    const actions = card.actions as Array<{
      verb: string;
      title: string;
      data: Record<string, unknown>;
    }>;
    assert.deepEqual(
      actions.map((a) => [a.verb, a.data.action, a.data.subjectId]),
      [
        ['request.create', 'revoke-sessions', DEMO_USERS.member.id],
        ['request.create', 'confirm-compromised', DEMO_USERS.member.id],
      ],
    );

    // The agent presses "Sign the user out everywhere" on the notice: a request that waits for
    // an approver, nothing changed in the tenant yet.
    const before = harness.sandbox.requests.length;
    const clicked = await invoke(harness, agent, 'request.create', actions[0].data, {
      id: CHANNEL,
      conversationType: 'channel',
    });
    assert.equal(clicked.status, 200);
    assert.match(clicked.body, /Sent to the helpdesk for approval/);
    const approval = await harness.connector.waitFor(
      (a) =>
        a.conversationId === CHANNEL &&
        /Sign the user out everywhere for Demo User/.test(cardText(a.activity)),
    );
    assert.match(cardText(approval.activity), /Waiting for approval/);
    assert.match(cardText(approval.activity), /Reported a sign-in prompt they did not start/);
    const revoked = harness.sandbox.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/revokeSignInSessions'));
    assert.equal(revoked.length, 0);
  });
});
