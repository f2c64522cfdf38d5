import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as ACData from 'adaptivecards-templating';
import { TEAMS_PEOPLE } from '../support/teams-people';
import { cardText, hasAdaptiveCard } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';
import { startEdgeHarness, type EdgeHarness } from './support/edge-harness';
import { EVAL_MARKER, hostileText } from './support/hostile-text';

const member = TEAMS_PEOPLE.member;
/** Turns through HTTP in `npm test`; `verify:security` runs many more. */
const RUNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 25);

/** Sends one message through the whole turn and returns its answer and how long it took. */
async function turn(
  h: EdgeHarness,
  text: string,
): Promise<{ reply: Record<string, unknown>; ms: number }> {
  const conversationId = `a:fuzz-${randomUUID()}`;
  const started = Date.now();
  const { status } = await h.post(teamsMessage(h.connector.url, text, member, conversationId));
  assert.equal(status, 200);
  const reply = await h.connector.waitFor(
    (a) => a.conversationId === conversationId && a.activity.type === 'message',
    20_000,
  );
  return { reply: reply.activity, ms: Date.now() - started };
}

describe('hostile text through the whole turn over HTTP (property) @slow', function () {
  this.timeout(600_000);
  let h: EdgeHarness;

  before(async () => {
    h = await startEdgeHarness(
      { RATE_PASTES: '100000,100000', MAX_TURNS_PER_PERSON: '100' },
      { local: true },
    );
  });
  after(async () => {
    await h?.stop();
  });

  it('would notice an evaluated expression (control: the templating does evaluate them)', () => {
    const expanded = new ACData.Template({
      type: 'TextBlock',
      text: "${concat('EVALU','ATED9X')}",
    }).expand({ $root: {} }) as { text: string };
    assert.equal(expanded.text, EVAL_MARKER);
  });

  it('answers every input with a valid card, evaluates no template expression, in bounded time', async () => {
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(hostileText(), async (text) => {
        const { reply, ms } = await turn(h, text);
        slowest = Math.max(slowest, ms);
        assert.ok(hasAdaptiveCard(reply), 'an Adaptive Card');
        const card = (reply.attachments as { content: { type: string; body: unknown[] } }[])[0]
          .content;
        assert.equal(card.type, 'AdaptiveCard');
        assert.ok(Array.isArray(card.body) && card.body.length > 0);
        const shown = cardText(reply);
        assert.ok(!shown.includes(EVAL_MARKER), 'a template expression was evaluated');
        assert.doesNotMatch(shown, /attacker\.invalid/, 'no injected action');
        assert.ok(JSON.stringify(reply).length < 100_000, 'the answer is bounded');
      }),
      { numRuns: RUNS, seed: Number(process.env.SECURITY_FUZZ_SEED ?? 1400) },
    );
    console.log(`      ${RUNS} hostile turns, slowest ${slowest} ms`);
  });
});
