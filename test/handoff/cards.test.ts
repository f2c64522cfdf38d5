import assert from 'node:assert/strict';
import {
  ageWords,
  closedNotice,
  handoffCardData,
  handoffNoticeTemplate,
  handoffTemplate,
  openListData,
  openListTemplate,
  replyNotice,
} from '../../cards/handoff';
import { render } from '../../cards/render';
import { applyHandoff } from '../../src/handoff';
import type { Handoff } from '../../src/handoff/types';
import { adaptiveCardsProblems, executeActions, visibleTexts } from '../cards/support/cases';
import { PEOPLE } from './support';

const AT = new Date('2031-05-04T09:00:00Z');
const open: Handoff = {
  id: 'hd-0abc12345-1f2e3d4c5b6a7988',
  reference: 'HD-1F2E3D',
  state: 'open',
  version: 1,
  asker: PEOPLE.asker,
  facts: {
    codes: ['AADSTS53003'],
    correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
    signedInAs: 'user@sandbox.example',
    time: '2031-05-04T08:55:10Z',
  },
  diagnosis: {
    headline: 'A Conditional Access policy blocked this sign-in.',
    causes: ['Block outside allowed countries: the sign-in came from a blocked country.'],
    offers: [
      {
        kind: 'ca-exclusion',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
        targetId: 'pol-1',
        reason: 'blocked by pol-1',
      },
    ],
  },
  note: 'I am travelling [click](https://evil.example)',
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  replies: [],
};
const taken = applyHandoff(open, { type: 'take', by: PEOPLE.agent, at: AT });
const replied = applyHandoff(taken, { type: 'reply', by: PEOPLE.agent, at: AT, text: 'Try now.' });
const closed = applyHandoff(replied, {
  type: 'close',
  by: PEOPLE.agent,
  at: AT,
  resolution: 'Travel exclusion for a week.',
});

const verbs = (h: Handoff) =>
  executeActions(render(handoffTemplate, handoffCardData(h))).map((a) => a.verb);
const text = (h: Handoff) => visibleTexts(render(handoffTemplate, handoffCardData(h))).join('\n');

describe('ask the helpdesk: cards', () => {
  it('renders valid Adaptive Cards 1.5 in every state', () => {
    for (const h of [open, taken, replied, closed]) {
      assert.deepEqual(
        adaptiveCardsProblems(render(handoffTemplate, handoffCardData(h))),
        [],
        h.state,
      );
    }
    const notice = render(handoffNoticeTemplate, replyNotice(replied));
    assert.deepEqual(adaptiveCardsProblems(notice), []);
    const list = render(openListTemplate, openListData([open, taken], AT));
    assert.deepEqual(adaptiveCardsProblems(list), []);
  });

  it('shows the buttons of each state, and the fixes until it is closed', () => {
    assert.deepEqual(verbs(open), ['request.create', 'handoff.take', 'handoff.close']);
    assert.deepEqual(verbs(taken), [
      'request.create',
      'handoff.reply',
      'handoff.release',
      'handoff.close',
    ]);
    assert.deepEqual(verbs(closed), []);
    const [offer] = executeActions(render(handoffTemplate, handoffCardData(open)));
    assert.deepEqual(offer.data, {
      v: 1,
      action: 'ca-exclusion',
      subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
      targetId: 'pol-1',
    });
  });

  it('says who has it, shows facts and note without markup, and the replies sent', () => {
    assert.match(text(open), /Open: nobody has taken it yet/);
    assert.match(text(taken), /Taken by Helpdesk Agent, 4 May 2031, 09:00 UTC/);
    assert.match(text(open), /Error codes\nAADSTS53003/);
    assert.match(text(open), /Signed in as\nuser@sandbox.example/);
    assert.match(text(open), /When\n4 May 2031, 08:55 UTC/);
    assert.doesNotMatch(text(open), /\[click\]/, 'a note cannot plant a link');
    assert.match(text(replied), /Try now\./);
    assert.match(text(closed), /Closed by Helpdesk Agent, .*: Travel exclusion for a week\./);
  });

  it('puts the reading the person turned down above it, not as the diagnosis', () => {
    const notIt = { ...open, notIt: 'an older sign-in method being blocked' };
    const shown = text(notIt);
    const said = shown.indexOf(
      'The person says this is not: an older sign-in method being blocked',
    );
    assert.ok(said >= 0, shown);
    assert.match(shown, /They chose none of the problems the bot listed/);
    assert.doesNotMatch(shown, /What the bot found/);
    assert.ok(said < shown.indexOf(open.diagnosis.headline), 'above the turned-down reading');
    assert.match(shown, /The bot's first reading, which the person turned down/);
    assert.match(text(open), /What the bot found/);
    assert.doesNotMatch(text(open), /The person says this is not/);
    const [row] = openListData([notIt], AT).items;
    assert.match(row.headline, /^the person says it is not an older sign-in method being blocked/);
  });

  it('tells the person the reply and the closing, with the reference', () => {
    const reply = visibleTexts(render(handoffNoticeTemplate, replyNotice(replied))).join('\n');
    assert.match(reply, /Helpdesk Agent from the helpdesk wrote:\nTry now\.\nReference: HD-1F2E3D/);
    const done = visibleTexts(render(handoffNoticeTemplate, closedNotice(closed))).join('\n');
    assert.match(done, /Helpdesk Agent from the helpdesk closed it/);
    assert.match(done, /Travel exclusion for a week\./);
  });

  it('lets the person answer from the notices until it is closed, and shows whose message is whose', () => {
    const reply = render(handoffNoticeTemplate, replyNotice(replied));
    assert.deepEqual(adaptiveCardsProblems(reply), []);
    const [answer] = executeActions(reply);
    assert.equal(answer.verb, 'handoff.answer');
    assert.deepEqual(answer.data, { v: 1, handoffId: replied.id });
    assert.deepEqual(executeActions(render(handoffNoticeTemplate, closedNotice(closed))), []);
    const answered = applyHandoff(replied, {
      type: 'answer',
      by: PEOPLE.asker,
      at: AT,
      text: 'Still blocked on the laptop.',
    });
    assert.match(text(answered), /Demo User \(who asked\), .*\nStill blocked on the laptop\./);
    assert.match(text(answered), /Helpdesk Agent, .*\nTry now\./);
  });

  it('lists requests with how long they have waited and who took them', () => {
    const later = new Date(AT.getTime() + (26 * 60 + 5) * 60_000);
    const list = openListData([taken, open], later);
    assert.equal(list.subtitle, '2 not closed (1 taken), oldest first.');
    assert.deepEqual(
      list.items.map((i) => [i.age, i.assignee]),
      [
        ['1 day 2 h', 'Taken by Helpdesk Agent.'],
        ['1 day 2 h', 'Nobody has taken it yet.'],
      ],
    );
    assert.equal(ageWords(AT.toISOString(), new Date(AT.getTime() + 65 * 60_000)), '1 h 5 min');
    assert.equal(ageWords(AT.toISOString(), AT), '0 min');
    assert.equal(openListData([], AT).subtitle, 'Nobody is waiting for the helpdesk.');
  });
});
