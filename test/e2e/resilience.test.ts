import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TEAMS_PEOPLE } from '../support/teams-people';
import { useBotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';

const member = TEAMS_PEOPLE.member;

function invoke(serviceUrl: string, verb: string, data: unknown): Record<string, unknown> {
  const base = teamsMessage(serviceUrl, '', member);
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: randomUUID(),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

describe('bad input and failing parts @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();

  it('answers a forged or unknown card action with a clear card, not an error status', async () => {
    const { status, body } = await bot().post(
      invoke(bot().connector.url, 'grant.everything', { v: 1, admin: true }),
    );
    assert.equal(status, 200);
    const response = JSON.parse(body) as InvokeBody;
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(response.value);
    assert.match(text, /out of date or was changed/);
    assert.doesNotMatch(text, /at .*\.ts:\d+|Error:/, 'no stack trace or raw error');
  });

  it('still triages when its storage is unreachable, and readiness says so', async () => {
    await bot().azurite.stop();
    const reply = await bot().say('AADSTS50057 user account is disabled', member);
    assert.match(cardText(reply.activity), /50057/, JSON.stringify(reply.activity).slice(0, 600));

    const ready = await fetch(`${bot().server.url}/readyz`);
    const parts = ((await ready.json()) as { parts: Record<string, { state: string }> }).parts;
    assert.equal(ready.status, 503);
    assert.equal(parts.storage.state, 'down');
    assert.equal(parts.graph.state, 'up');
  });
});
