import assert from 'node:assert/strict';
import { MAX_REPLIES, applyHandoff, authorizeHandoff } from '../../src/handoff';
import { handoffFacts } from '../../src/handoff/facts';
import type { Handoff } from '../../src/handoff/types';
import { triage } from '../../src/triage';
import { PEOPLE } from './support';

const AT = new Date('2031-05-04T09:00:00Z');
const base: Handoff = {
  id: 'hd-1',
  reference: 'HD-ABC123',
  state: 'open',
  version: 1,
  asker: PEOPLE.asker,
  facts: { codes: [] },
  diagnosis: { headline: 'x', causes: [], offers: [] },
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  replies: [],
};
const agent = { ...PEOPLE.agent, helpdesk: true };
const second = { ...PEOPLE.second, helpdesk: true };

describe('ask the helpdesk: who may do what', () => {
  it('decides every act in every state for members, the assignee and outsiders', () => {
    const assigned = applyHandoff(base, { type: 'take', by: PEOPLE.agent, at: AT });
    const closed = applyHandoff(assigned, { type: 'close', by: PEOPLE.agent, at: AT });
    const table = (h: Handoff, who: typeof agent) =>
      (['take', 'reply', 'close'] as const).map((act) => {
        const d = authorizeHandoff(who, h, act);
        return d.allowed ? 'yes' : d.reason;
      });
    assert.deepEqual(table(base, agent), ['yes', 'not-taken', 'yes']);
    assert.deepEqual(table(assigned, agent), ['already-taken', 'yes', 'yes']);
    assert.deepEqual(table(assigned, second), ['already-taken', 'not-assignee', 'not-assignee']);
    assert.deepEqual(table(closed, agent), ['closed', 'closed', 'closed']);
    const outsider = { ...PEOPLE.asker, helpdesk: false };
    assert.deepEqual(table(base, outsider), ['not-helpdesk', 'not-helpdesk', 'not-helpdesk']);
  });

  it('lets the assignee hand a request back and only the asker answer, until it is closed', () => {
    const assigned = applyHandoff(base, { type: 'take', by: PEOPLE.agent, at: AT });
    const decide = (h: Handoff, who: typeof agent, act: 'release' | 'answer') => {
      const d = authorizeHandoff(who, h, act);
      return d.allowed ? 'yes' : d.reason;
    };
    assert.equal(decide(assigned, agent, 'release'), 'yes');
    assert.equal(decide(assigned, second, 'release'), 'not-assignee');
    assert.equal(decide(base, agent, 'release'), 'not-taken');
    const asker = { ...PEOPLE.asker, helpdesk: false };
    assert.equal(decide(base, asker, 'answer'), 'yes');
    assert.equal(decide(assigned, asker, 'answer'), 'yes');
    assert.equal(decide(assigned, agent, 'answer'), 'not-asker', 'not even the helpdesk');
    const closed = applyHandoff(assigned, { type: 'close', by: PEOPLE.agent, at: AT });
    assert.equal(decide(closed, asker, 'answer'), 'closed');

    const released = applyHandoff(assigned, { type: 'release', by: PEOPLE.agent, at: AT });
    assert.equal(released.state, 'open');
    assert.equal(released.assignee, undefined);
    assert.equal(released.assignedAt, undefined);
    assert.equal(decide(released, second, 'release'), 'not-taken');
    assert.equal(authorizeHandoff(second, released, 'take').allowed, true, 'another can take it');
    const answered = applyHandoff(released, {
      type: 'answer',
      by: PEOPLE.asker,
      at: AT,
      text: 'still blocked',
    });
    assert.deepEqual(answered.replies.at(-1), {
      by: PEOPLE.asker,
      at: AT.toISOString(),
      text: 'still blocked',
      fromAsker: true,
    });
    assert.equal(answered.state, 'open', 'an answer does not change the state');
  });

  it('bumps the version on every change and keeps the newest replies only', () => {
    let h = applyHandoff(base, { type: 'take', by: PEOPLE.agent, at: AT });
    assert.equal(h.version, 2);
    for (let i = 0; i < MAX_REPLIES + 3; i += 1) {
      h = applyHandoff(h, { type: 'reply', by: PEOPLE.agent, at: AT, text: `r${i}` });
    }
    assert.equal(h.replies.length, MAX_REPLIES);
    assert.equal(h.replies[MAX_REPLIES - 1].text, `r${MAX_REPLIES + 2}`);
    assert.equal(h.version, 2 + MAX_REPLIES + 3);
  });

  it('takes the facts a helpdesk agent asks for first from the paste', () => {
    const facts = handoffFacts(
      triage(
        [
          'AADSTS53003: Access has been blocked by Conditional Access policies.',
          'Request Id: 9a1d4c7e-2b58-4f03-8e6a-5d0c3b7f1e92',
          'Correlation Id: 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
          'Timestamp: 2031-05-04T08:55:10Z',
          'App name: Office 365 Exchange Online',
          'Signed in as: user@sandbox.example',
        ].join('\n'),
      ),
    );
    assert.deepEqual(facts.codes, ['AADSTS53003']);
    assert.equal(facts.requestId, '9a1d4c7e-2b58-4f03-8e6a-5d0c3b7f1e92');
    assert.equal(facts.correlationId, '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47');
    assert.equal(facts.time, '2031-05-04T08:55:10Z');
    assert.equal(facts.app, 'Office 365 Exchange Online');
    assert.equal(facts.signedInAs, 'user@sandbox.example');
  });
});
