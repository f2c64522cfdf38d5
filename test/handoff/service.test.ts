import assert from 'node:assert/strict';
import sinon from 'sinon';
import { HANDOFF_DRAFTS_TABLE, MAX_DRAFTS_PER_PERSON } from '../../src/handoff/store';
import type { Handoff } from '../../src/handoff/types';
import { DRAFT, PEOPLE, handoffHarness } from './support';

type Harness = ReturnType<typeof handoffHarness>;

async function asked(h: Harness, note?: string): Promise<Handoff> {
  await h.service.prepare('draft-1', DRAFT);
  const result = await h.service.ask({ draftId: 'draft-1', actor: PEOPLE.asker, note });
  assert.equal(result.status, 'created', JSON.stringify(result));
  if (result.status !== 'created') throw new Error('unreachable');
  return result.handoff;
}

async function events(h: Harness): Promise<string[]> {
  return (await h.audit.since(new Date('2031-01-01T00:00:00Z'))).map((e) => e.event);
}

describe('ask the helpdesk: the domain', () => {
  it('turns a kept card into one open request, with its facts, diagnosis and note', async () => {
    const h = handoffHarness();
    const handoff = await asked(h, 'I am travelling until Friday');
    assert.equal(handoff.state, 'open');
    assert.match(handoff.reference, /^HD-[0-9A-F]{6}$/);
    assert.deepEqual(handoff.facts.codes, ['AADSTS53003']);
    assert.equal(handoff.diagnosis.headline, DRAFT.diagnosis.headline);
    assert.equal(handoff.note, 'I am travelling until Friday');
    assert.equal(handoff.asker.name, 'Demo User', 'the name comes from the click');
    assert.deepEqual(await events(h), ['help-asked']);

    const again = await h.service.ask({ draftId: 'draft-1', actor: PEOPLE.asker });
    assert.equal(again.status, 'already');
    assert.equal(again.status === 'already' && again.handoff.id, handoff.id);
    const list = await h.service.openRequests(PEOPLE.agent);
    assert.equal(list.status === 'ok' && list.handoffs.length, 1, 'a double click opens one');
  });

  it('lets two clicks at once open exactly one request', async () => {
    const h = handoffHarness();
    await h.service.prepare('draft-1', DRAFT);
    const results = await Promise.all(
      [1, 2, 3].map(() => h.service.ask({ draftId: 'draft-1', actor: PEOPLE.asker })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), ['already', 'already', 'created']);
    const ids = new Set(results.map((r) => ('handoff' in r ? r.handoff.id : '')));
    assert.equal(ids.size, 1);
    assert.deepEqual(await events(h), ['help-asked']);
  });

  it('refuses to send someone else’s card or one it does not know, and audits it', async () => {
    const h = handoffHarness();
    await h.service.prepare('draft-1', DRAFT);
    const other = await h.service.ask({ draftId: 'draft-1', actor: PEOPLE.stranger });
    assert.deepEqual(other, { status: 'unknown' });
    assert.deepEqual(await h.service.ask({ draftId: 'nope', actor: PEOPLE.asker }), {
      status: 'unknown',
    });
    const audit = await h.audit.since(new Date('2031-01-01T00:00:00Z'));
    assert.deepEqual(
      audit.map((e) => [e.event, e.actorId, e.errorCode]),
      [
        ['denied', PEOPLE.stranger.id, 'unknown-card'],
        ['denied', PEOPLE.asker.id, 'unknown-card'],
      ],
    );
    const list = await h.service.openRequests(PEOPLE.agent);
    assert.deepEqual(list, { status: 'ok', handoffs: [] });
  });

  it('takes a turned-down reading only when it is the one kept with the card', async () => {
    const h = handoffHarness();
    await h.service.prepare('words', { ...DRAFT, reading: 'legacy-auth-blocked' });
    await h.service.prepare('code', DRAFT);
    const words = 'an older sign-in method being blocked';
    for (const [draftId, reading] of [
      ['words', 'account-locked'],
      ['words', 'invalid-password'],
      ['code', 'legacy-auth-blocked'],
    ] as const) {
      const refused = await h.service.ask({
        draftId,
        actor: PEOPLE.asker,
        notIt: { reading, words },
      });
      assert.deepEqual(refused, { status: 'changed' }, `${draftId}: ${reading}`);
    }
    const audit = await h.audit.since(new Date('2031-01-01T00:00:00Z'));
    assert.deepEqual(
      audit.map((e) => [e.event, e.errorCode]),
      [1, 2, 3].map(() => ['denied', 'changed-card']),
    );
    const none = await h.service.openRequests(PEOPLE.agent);
    assert.deepEqual(none, { status: 'ok', handoffs: [] }, 'nothing was sent');

    const sent = await h.service.ask({
      draftId: 'words',
      actor: PEOPLE.asker,
      notIt: { reading: 'legacy-auth-blocked', words },
    });
    assert.equal(sent.status, 'created');
    assert.equal(sent.status === 'created' && sent.handoff.notIt, words);
    // Without a turned-down reading, any card of theirs is sent as before.
    assert.equal((await h.service.ask({ draftId: 'code', actor: PEOPLE.asker })).status, 'created');
  });

  it('keeps a person’s newest cards only, so drafts do not pile up', async () => {
    const h = handoffHarness();
    for (let i = 0; i < MAX_DRAFTS_PER_PERSON + 2; i += 1) {
      await h.service.prepare(`draft-${i}`, DRAFT);
    }
    const oldest = await h.service.ask({ draftId: 'draft-0', actor: PEOPLE.asker });
    assert.equal(oldest.status, 'unknown');
    const newest = await h.service.ask({
      draftId: `draft-${MAX_DRAFTS_PER_PERSON + 1}`,
      actor: PEOPLE.asker,
    });
    assert.equal(newest.status, 'created');
    const rows = await h.records.list(HANDOFF_DRAFTS_TABLE, 'draft');
    assert.equal(rows.length, 1, 'one row for the person');
  });

  it('keeps every card of a burst of pastes from one person, reading the row once and writing it once each', async () => {
    const h = handoffHarness();
    const reads = sinon.spy(h.records, 'get');
    const burst = Array.from({ length: 6 }, (_, i) => `burst-${i}`);
    await Promise.all(burst.map((id) => h.service.prepare(id, DRAFT)));
    const draftReads = reads.getCalls().filter((c) => c.args[0] === HANDOFF_DRAFTS_TABLE);
    // One read; each later write goes on the version the one before it wrote (no rounds).
    assert.equal(draftReads.length, 1, 'no compare-and-set rounds');
    const [row] = await h.records.list<{ drafts: { id: string }[] }>(HANDOFF_DRAFTS_TABLE, 'draft');
    assert.deepEqual(
      row.value.drafts.map((d) => d.id),
      burst,
    );
    // The next person's write does not wait for anything left behind.
    await h.service.prepare('later', { ...DRAFT, asker: { id: PEOPLE.second.id } });
  });

  it('lets a helpdesk member take it once; others and a second take are refused and audited', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    const stranger = await h.service.act({ act: 'take', actor: PEOPLE.stranger, handoffId: id });
    assert.equal(stranger.status, 'denied');
    assert.equal(stranger.status === 'denied' && stranger.reason, 'not-helpdesk');

    const taken = await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    assert.equal(taken.status, 'done');
    assert.equal(taken.status === 'done' && taken.handoff.state, 'assigned');
    assert.deepEqual(taken.status === 'done' && taken.handoff.assignee, PEOPLE.agent);

    const second = await h.service.act({ act: 'take', actor: PEOPLE.second, handoffId: id });
    assert.equal(
      second.status === 'denied' && second.message,
      'Helpdesk Agent has already taken this request.',
    );
    const again = await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    assert.equal(
      again.status === 'denied' && again.message,
      'You have already taken this request.',
    );
    assert.deepEqual(await events(h), ['help-asked', 'denied', 'help-taken', 'denied', 'denied']);
    assert.equal((await h.service.get(id))?.assignee?.id, PEOPLE.agent.id, 'still the first');
  });

  it('lets two agents taking at once end with exactly one assignee', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    const results = await Promise.all([
      h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id }),
      h.service.act({ act: 'take', actor: PEOPLE.second, handoffId: id }),
    ]);
    assert.equal(results.filter((r) => r.status === 'done').length, 1);
    const loser = results.find((r) => r.status !== 'done');
    assert.ok(loser && ['conflict', 'denied'].includes(loser.status), JSON.stringify(loser));
    assert.equal((await events(h)).filter((e) => e === 'help-taken').length, 1);
  });

  it('lets only the assignee reply, never with an empty text, and keeps the reply out of the audit', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    const early = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: id,
      text: 'hi',
    });
    assert.equal(early.status === 'denied' && early.reason, 'not-taken');
    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    const other = await h.service.act({
      act: 'reply',
      actor: PEOPLE.second,
      handoffId: id,
      text: 'hi',
    });
    assert.equal(other.status === 'denied' && other.reason, 'not-assignee');
    const empty = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: id,
      text: '  ',
    });
    assert.deepEqual(
      empty.status === 'invalid' && empty.message,
      'Write your reply in the box first.',
    );

    const secretish = 'Please try again from the office network, it is allowed there.';
    const reply = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: id,
      text: secretish,
    });
    assert.equal(reply.status, 'done');
    const stored = await h.service.get(id);
    assert.equal(stored?.replies.length, 1);
    assert.equal(stored?.replies[0].text, secretish);
    assert.equal(stored?.state, 'assigned', 'a reply keeps it assigned');
    const audit = await h.audit.since(new Date('2031-01-01T00:00:00Z'));
    assert.equal(JSON.stringify(audit).includes('office network'), false);
    assert.match(audit[audit.length - 1].summary, /replied to Demo User .*\(\d+ characters\)/);
  });

  it('closes by the assignee with a resolution; afterwards nothing acts and it leaves the open list', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    const byOther = await h.service.act({ act: 'close', actor: PEOPLE.second, handoffId: id });
    assert.equal(byOther.status === 'denied' && byOther.reason, 'not-assignee');
    const closed = await h.service.act({
      act: 'close',
      actor: PEOPLE.agent,
      handoffId: id,
      resolution: 'Signed in from the office.',
    });
    assert.equal(closed.status === 'done' && closed.handoff.state, 'closed');
    assert.equal(
      closed.status === 'done' && closed.handoff.resolution,
      'Signed in from the office.',
    );
    for (const act of ['take', 'reply', 'close'] as const) {
      const late = await h.service.act({ act, actor: PEOPLE.agent, handoffId: id, text: 'x' });
      assert.equal(late.status === 'denied' && late.reason, 'closed', act);
      assert.match(
        late.status === 'denied' ? late.message : '',
        /already closed by Helpdesk Agent/,
      );
    }
    const list = await h.service.openRequests(PEOPLE.second);
    assert.deepEqual(list, { status: 'ok', handoffs: [] });
  });

  it('hands a request back to the queue and lets the asker answer, audited without the text', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    const notMine = await h.service.act({ act: 'release', actor: PEOPLE.second, handoffId: id });
    assert.equal(notMine.status === 'denied' && notMine.reason, 'not-assignee');
    const back = await h.service.act({ act: 'release', actor: PEOPLE.agent, handoffId: id });
    assert.equal(back.status === 'done' && back.handoff.state, 'open');
    const retaken = await h.service.act({ act: 'take', actor: PEOPLE.second, handoffId: id });
    assert.equal(retaken.status === 'done' && retaken.handoff.assignee?.id, PEOPLE.second.id);

    const byAgent = await h.service.act({
      act: 'answer',
      actor: PEOPLE.agent,
      handoffId: id,
      text: 'x',
    });
    assert.equal(byAgent.status === 'denied' && byAgent.reason, 'not-asker');
    const empty = await h.service.act({ act: 'answer', actor: PEOPLE.asker, handoffId: id });
    assert.equal(
      empty.status === 'invalid' && empty.message,
      'Write your answer in the box first.',
    );
    const words = 'It still says my account is blocked on the laptop.';
    const answered = await h.service.act({
      act: 'answer',
      actor: PEOPLE.asker,
      handoffId: id,
      text: words,
    });
    assert.equal(answered.status, 'done');
    const stored = await h.service.get(id);
    assert.equal(stored?.replies.at(-1)?.fromAsker, true);
    assert.equal(stored?.replies.at(-1)?.text, words);
    const trail = await events(h);
    assert.deepEqual(trail.slice(-4), ['help-released', 'help-taken', 'denied', 'help-answered']);
    const audit = await h.audit.since(new Date('2031-01-01T00:00:00Z'));
    assert.equal(JSON.stringify(audit).includes('laptop'), false);
  });

  it('lets any helpdesk member close a request nobody took', async () => {
    const h = handoffHarness();
    const { id } = await asked(h);
    const closed = await h.service.act({ act: 'close', actor: PEOPLE.second, handoffId: id });
    assert.equal(closed.status === 'done' && closed.handoff.closedBy?.id, PEOPLE.second.id);
  });

  it('answers a forged id as unknown and audits the click', async () => {
    const h = handoffHarness();
    const result = await h.service.act({
      act: 'take',
      actor: PEOPLE.agent,
      handoffId: 'hd-000000001-0123456789abcdef',
    });
    assert.deepEqual(result, { status: 'unknown' });
    const [entry] = await h.audit.since(new Date('2031-01-01T00:00:00Z'));
    assert.equal(entry.event, 'denied');
    assert.equal(entry.errorCode, 'unknown-request');
  });

  it('lists open and taken requests, oldest first, for helpdesk members only', async () => {
    const h = handoffHarness();
    const first = await asked(h);
    h.clock.advance(60_000);
    await h.service.prepare('draft-2', DRAFT);
    const second = await h.service.ask({ draftId: 'draft-2', actor: PEOPLE.asker });
    assert.equal(second.status, 'created');
    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: first.id });
    assert.deepEqual(await h.service.openRequests(PEOPLE.stranger), { status: 'denied' });
    const list = await h.service.openRequests(PEOPLE.agent);
    assert.equal(list.status, 'ok');
    if (list.status !== 'ok') return;
    assert.deepEqual(
      list.handoffs.map((x) => [x.id, x.state]),
      [
        [first.id, 'assigned'],
        [second.status === 'created' ? second.handoff.id : '', 'open'],
      ],
    );
  });
});
