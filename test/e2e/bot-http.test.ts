import assert from 'node:assert/strict';
import { SCENARIO_SIGN_INS } from '../../src/sandbox/scenario-ids';
import { cardAnswer, TEAMS_PEOPLE, useBotHarness } from '../support/bot-harness';

const member = TEAMS_PEOPLE.member;

describe('bot over real HTTP @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();

  const ask = async (text: string): Promise<string> => cardAnswer(await bot().say(text, member));

  it('answers a pasted AADSTS error with the sign-in the tenant logged for this person', async () => {
    const text = await ask(
      'AADSTS53003: Access has been blocked by Conditional Access policies. ' +
        `Correlation ID: ${SCENARIO_SIGN_INS.caBlocked.correlationId} ` +
        `Timestamp: ${new Date().toISOString()}`,
    );
    assert.match(text, /53003/);
    assert.match(
      text,
      /CA001: Block sign-ins from outside allowed countries/,
      'the policy from the log',
    );
    assert.match(
      text,
      new RegExp(SCENARIO_SIGN_INS.caBlocked.id),
      'the request id of the failing row',
    );
  });

  it('answers a bare code', async () => {
    const text = await ask('50053');
    assert.match(text, /50053/);
    assert.match(text, /lock/i);
  });

  it('does not guess at text that is not a sign-in error', async () => {
    const text = await ask('the printer on floor 3 is jammed again');
    assert.match(text, /doesn't look like a sign-in error/i, 'says so instead of guessing');
    assert.doesNotMatch(text, /Conditional Access|blocked this sign-in/i, 'no diagnosis');
  });

  it('greets with what it does', async () => {
    const text = await ask('hello');
    assert.match(text, /paste/i);
  });

  it('reports liveness and the readiness of every part', async () => {
    const health = await fetch(`${bot().server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'alive' }, 'liveness only, no internals');
    const ready = await fetch(`${bot().server.url}/readyz`);
    const body = (await ready.json()) as {
      status: string;
      parts: Record<string, { state: string; detail: string }>;
    };
    assert.equal(ready.status, 200, JSON.stringify(body));
    assert.equal(body.parts.storage.state, 'up');
    assert.equal(body.parts.graph.state, 'up');
    assert.match(body.parts.graph.detail, /Sandbox Tenant/);
  });

  it('reports Graph down when the tenant fails, and up again after', async () => {
    bot().sandbox.faults.add({ pathPattern: /organization/, status: 503, times: 20 });
    try {
      const ready = await fetch(`${bot().server.url}/readyz`);
      const body = (await ready.json()) as { parts: Record<string, { state: string }> };
      assert.equal(ready.status, 503);
      assert.equal(body.parts.graph.state, 'down');
      assert.equal(body.parts.storage.state, 'up');
    } finally {
      bot().sandbox.faults.clear();
    }
    const again = await fetch(`${bot().server.url}/readyz`);
    assert.equal(again.status, 200);
  });

  it('rejects a malformed request body without crashing', async () => {
    const response = await fetch(`${bot().server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type": "message", ',
    });
    assert.ok(response.status >= 400 && response.status < 500, `got ${response.status}`);
    const health = await fetch(`${bot().server.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
