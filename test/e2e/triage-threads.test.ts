import assert from 'node:assert/strict';
import { pasteReader, TriageThreads } from '../../src/triage/off-thread';
import { cardAnswer, TEAMS_PEOPLE, useBotHarness } from '../support/bot-harness';

describe('pastes read on a triage thread, over real HTTP @slow', function () {
  this.timeout(60_000);
  // Three threads: a pool of its own in this process, whatever the machine's default.
  const bot = useBotHarness({ config: { triageThreads: 3 } });
  const pool = (): TriageThreads => {
    const reader = pasteReader(3);
    assert.ok(reader instanceof TriageThreads);
    return reader;
  };

  it('the message route reads the paste on a thread and answers from that reading', async () => {
    const before = pool().stats().onThreads;
    const text = cardAnswer(await bot().say('50053', TEAMS_PEOPLE.member));
    assert.match(text, /50053/);
    assert.match(text, /lock/i);
    assert.equal(pool().stats().onThreads, before + 1, 'read on a thread');
    const unrelated = cardAnswer(
      await bot().say('the printer on floor 3 is jammed again', TEAMS_PEOPLE.member),
    );
    assert.match(unrelated, /doesn't look like a sign-in error/i);
    assert.equal(pool().stats().onThreads, before + 2);
  });
});
