import assert from 'node:assert/strict';
import { SandboxCredential } from '../../src/graph/credential';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_SIGN_INS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { DEV_ACCOUNT_KEY } from '../../src/storage/dev-account';
import { startBotHarness, teamsUser, type BotHarness } from '../support/bot-harness';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { teamsMessage } from '../support/local-connector';

type User = { id: string; upn: string };

/**
 * The end-to-end flows with every log line captured at the most verbose level the app uses:
 * pastes of each kind, the self-check, a fix requested, approved and executed (a Temporary
 * Access Pass is created and shown to the approver), then a scan of every line for secrets.
 */
describe('log lines of the end-to-end flows hold no secret @slow', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let logs: LogCapture;
  let pass = '';
  let sandboxToken = '';

  before(async () => {
    logs = captureLogs('debug');
    harness = await startBotHarness();
    sandboxToken = (await new SandboxCredential().getToken()).token;

    const say = async (user: User, text: string, conversationType = 'personal') => {
      const activity = teamsMessage(harness.connector.url, text, teamsUser(user));
      (activity.conversation as { conversationType: string }).conversationType = conversationType;
      const { status } = await harness.post(activity);
      assert.equal(status, 200);
    };
    const click = async (
      user: User,
      verb: string,
      data: Record<string, unknown>,
      conversation = { id: `a:personal-${user.id}`, conversationType: 'personal' },
    ) => {
      const activity = {
        ...teamsMessage(harness.connector.url, '', teamsUser(user)),
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        conversation: { ...conversation, tenantId: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10' },
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
      const { status, body } = await harness.post(activity);
      assert.equal(status, 200, body);
      return (JSON.parse(body) as { value?: Record<string, unknown> }).value ?? {};
    };

    await say(
      SCENARIO_USERS.caBlocked,
      `AADSTS53003 Request Id: ${SCENARIO_SIGN_INS.caBlocked.id}`,
    );
    await say(SCENARIO_USERS.riskyUser, 'Your account is blocked due to suspicious activity.');
    await say(SCENARIO_USERS.tapExpired, 'Temporary Access Pass sign in was blocked');
    await say(DEMO_USERS.helpdesk, 'health');
    await say(DEMO_USERS.member, 'not a sign-in error at all');
    // The offer book is strict: a pass can be asked for only after a diagnosis offered one.
    await say(
      DEMO_USERS.member,
      'Temporary Access Pass sign in was blocked due to User Credential Policy',
    );

    const asked = await click(DEMO_USERS.member, 'request.create', {
      v: 1,
      action: 'issue-tap',
      subjectId: DEMO_USERS.member.id,
    });
    assert.match(JSON.stringify(asked), /Sent to the helpdesk/);
    const posted = await harness.connector.waitFor(
      (a) => a.conversationId === harness.config.helpdeskChannelId && a.method === 'POST',
      30_000,
    );
    const content = (posted.activity.attachments as { content: Record<string, unknown> }[])[0]
      .content;
    const refresh = content.refresh as { action: { data: { requestId: string } } };
    const approved = await click(
      DEMO_USERS.helpdesk,
      'request.approve',
      { v: 1, requestId: refresh.action.data.requestId, version: 1 },
      { id: harness.config.helpdeskChannelId ?? '', conversationType: 'channel' },
    );
    // The pass is in the approver's own card: the emphasised container's second line.
    const shown = (approved.body as Record<string, unknown>[]).find(
      (element) => element.type === 'Container' && element.style === 'emphasis',
    );
    pass = ((shown?.items as { text: string }[]) ?? [])[1]?.text ?? '';
    assert.match(pass, /^.{8}$/, 'the approver saw a pass');
    const written = harness.sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/temporaryAccessPassMethods'),
    );
    assert.equal(written.length, 1, 'one pass was created');
  });

  after(async () => {
    await harness?.stop();
    logs?.stop();
  });

  it('logged the flows (so the scan has something to read)', () => {
    const messages = new Set(logs.records().map((r) => r.msg));
    for (const expected of ['turn', 'graph call']) assert.ok(messages.has(expected), expected);
    assert.ok(logs.lines.length >= 20, `${logs.lines.length} lines`);
  });

  it('finds no pass, token, account key or bearer header in any line', () => {
    const secrets: Record<string, string> = {
      'the issued pass': pass,
      'the Graph token': sandboxToken,
      'the storage account key': DEV_ACCOUNT_KEY,
    };
    for (const [what, value] of Object.entries(secrets)) {
      assert.ok(value.length >= 8, `${what} is known`);
      const leaked = logs.lines.filter((line) => line.includes(value));
      assert.deepEqual(leaked, [], `${what} leaked`);
    }
    const patterns = [/Bearer\s+[A-Za-z0-9]/i, /AccountKey=[^[;"]/, /eyJ[A-Za-z0-9_-]{8,}\.eyJ/];
    for (const pattern of patterns) {
      assert.deepEqual(
        logs.lines.filter((line) => pattern.test(line)),
        [],
        String(pattern),
      );
    }
  });
});
