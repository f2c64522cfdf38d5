import assert from 'node:assert/strict';
import {
  recentActionsCardData,
  recentActionsSample,
  recentActionsTemplate,
} from '../../cards/audit/recent';
import { outcomeAlertText, outcomeNoticeData } from '../../cards/remediation/outcome-notice';
import { requestCardData, requestSample, requestTemplate } from '../../cards/remediation/request';
import { render } from '../../cards/render';
import { actionData, parseActionData } from '../../cards/verbs';
import { SecretText } from '../../src/remediation/secret';
import type { RemediationRequest } from '../../src/remediation/types';
import {
  adaptiveCardsProblems,
  adaptiveCardsRoundTrip,
  executeActions,
  visibleTexts,
} from '../cards/support/cases';

const request: RemediationRequest = {
  id: 'rq-00m3x5k2p-4f1c9a7e2b3d5c6f',
  kind: 'issue-tap',
  params: { kind: 'issue-tap', oneTimeUse: false },
  state: 'pending',
  version: 1,
  mode: 'approval',
  subject: { type: 'user', id: 'u1', name: 'Demo User' },
  requester: { id: 'u1', name: 'Demo User' },
  reason: 'Lost the phone with the authenticator app.',
  createdAt: '2026-11-22T09:00:00.000Z',
  expiresAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
};

const views = {
  shared: render(requestTemplate, requestCardData(request, { viewer: 'shared' })),
  approver: render(requestTemplate, requestCardData(request, { viewer: 'approver' })),
  requester: render(requestTemplate, requestCardData(request, { viewer: 'requester' })),
  sample: render(requestTemplate, requestSample),
  recent: render(recentActionsTemplate, recentActionsSample),
  recentEmpty: render(recentActionsTemplate, recentActionsCardData([], 7)),
};

describe('remediation cards', () => {
  for (const [name, card] of Object.entries(views)) {
    it(`${name}: valid for a 1.5 host and read back unchanged`, () => {
      assert.deepEqual(adaptiveCardsProblems(card), []);
      assert.deepEqual(adaptiveCardsRoundTrip(card), card);
    });
  }

  it('gives each viewer only their own buttons, each carrying ids and the version only', () => {
    const verbs = (card: object) => executeActions(card).map((a) => a.verb);
    assert.deepEqual(verbs(views.shared), ['request.refresh']);
    assert.deepEqual(verbs(views.approver), ['request.approve', 'request.reject']);
    assert.deepEqual(verbs(views.requester), ['request.cancel']);
    for (const action of executeActions(views.approver)) {
      const data = action.data as Record<string, unknown>;
      assert.deepEqual(data, { v: 1, requestId: request.id, version: 1 });
      assert.doesNotThrow(() => parseActionData(String(action.verb), data));
    }
    assert.doesNotThrow(() =>
      parseActionData('request.reject', { v: 1, requestId: request.id, version: 1, reason: 'x' }),
    );
    assert.match(JSON.stringify(views.approver), /"id":"reason"/);
    assert.doesNotMatch(JSON.stringify(views.shared), /"id":"reason"/);
  });

  it('shows a pass only in the view it is given to, with its terms', () => {
    const done: RemediationRequest = {
      ...request,
      state: 'succeeded',
      version: 4,
      decision: { by: { id: 'h', name: 'Helpdesk Agent' }, at: '2026-11-22T09:05:00.000Z' },
      outcome: {
        summary:
          'Temporary Access Pass issued by Helpdesk Agent for Demo User, valid until 22 Nov 2026, 10:05 UTC (multi-use).',
        graphRequestIds: ['g-1'],
      },
    };
    const tap = {
      code: new SecretText('Xy7#pQ2k'),
      validUntil: '2026-11-22T10:05:00.000Z',
      isUsableOnce: false,
      lifetimeInMinutes: 60,
    };
    const mine = render(requestTemplate, requestCardData(done, { viewer: 'other', tap }));
    const shared = render(requestTemplate, requestCardData(done, { viewer: 'shared' }));
    assert.ok(visibleTexts(mine).includes('Xy7#pQ2k'));
    assert.ok(
      visibleTexts(mine).some((t) =>
        t.includes('Valid until 22 Nov 2026, 10:05 UTC (multi-use, 60 minutes)'),
      ),
    );
    assert.equal(JSON.stringify(shared).includes('Xy7#pQ2k'), false);
    assert.ok(visibleTexts(shared).some((t) => t.includes('issued by Helpdesk Agent')));
    assert.deepEqual(executeActions(shared), []);
  });

  it("keeps Graph's request ids for the helpdesk, and tells the person how a pass reaches them", () => {
    const done: RemediationRequest = {
      ...request,
      state: 'succeeded',
      version: 4,
      decision: { by: { id: 'h1', name: 'Helpdesk Agent' }, at: '2026-11-22T09:05:00.000Z' },
      finishedAt: '2026-11-22T09:05:00.000Z',
      outcome: { summary: 'Temporary Access Pass issued.', graphRequestIds: ['g-req-7'] },
    };
    const helpdesk = visibleTexts(
      render(requestTemplate, requestCardData(done, { viewer: 'shared', helpdesk: true })),
    );
    const person = visibleTexts(
      render(requestTemplate, requestCardData(done, { viewer: 'other' })),
    );
    assert.ok(helpdesk.some((t) => t.includes('g-req-7')));
    assert.equal(
      person.some((t) => t.includes('g-req-7')),
      false,
    );
    assert.ok(
      person.some((t) => /^Helpdesk Agent from the helpdesk gives you the pass directly/.test(t)),
    );
    assert.ok(person.some((t) => t.includes('never sent to you in chat')));
    assert.equal(
      helpdesk.some((t) => t.includes('gives you the pass')),
      false,
    );
  });

  it('speaks to the person on the card of a fix they asked for themselves; the approver reads the account', () => {
    const own: RemediationRequest = {
      ...request,
      kind: 'revoke-sessions',
      params: { kind: 'revoke-sessions' },
    };
    const mine = requestCardData(own, { viewer: 'requester' });
    assert.equal(mine.title, 'Sign me out everywhere');
    assert.match(mine.effect ?? '', /apps ask you to sign in again/);
    assert.deepEqual(mine.facts.find((f) => f.title === 'Fix')?.value, 'Sign me out everywhere');
    const ended = { ...own, state: 'succeeded' as const };
    for (const card of [
      requestCardData(ended, { viewer: 'other', helpdesk: false }),
      outcomeNoticeData(ended, 'no-card'),
    ]) {
      assert.equal(card.title, 'Sign me out everywhere');
    }
    assert.match(outcomeAlertText(ended, 'outcome'), /to sign me out everywhere is done/);
    for (const kind of [
      'issue-tap',
      'dismiss-risk',
      'sync-device',
      'ca-exclusion',
      'add-sms-method',
    ] as const) {
      const view = requestCardData({ ...own, kind }, { viewer: 'requester' });
      assert.doesNotMatch(`${view.title}\n${view.effect}`, /the user\b|user's|the device/i, kind);
    }
    const approver = requestCardData(own, { viewer: 'approver', helpdesk: true });
    assert.equal(approver.title, 'Sign the user out everywhere for Demo User');
    assert.match(approver.effect ?? '', /apps ask the user to sign in again/);
    const shared = requestCardData(own, { viewer: 'shared', helpdesk: true });
    assert.equal(shared.title, 'Sign the user out everywhere for Demo User');
    // An agent's request for someone else keeps naming the account on the agent's card.
    const forAlex = { ...own, subject: { type: 'user' as const, id: 'u2', name: 'Alex' } };
    const agent = requestCardData(forAlex, { viewer: 'requester' });
    assert.equal(agent.title, 'Sign the user out everywhere for Alex');
  });

  it('accepts every create button the shared verb definitions allow', () => {
    const data = actionData('request.create', {
      action: 'ca-exclusion',
      subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
      targetId: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01',
      hours: '4',
      phoneNumber: '+44 7700900123',
      oneTimeUse: 'true',
      note: 'Travelling this week',
    });
    const parsed = parseActionData('request.create', data);
    assert.equal(parsed.hours, 4);
    assert.equal(parsed.oneTimeUse, true);
    assert.equal(parsed.note, 'Travelling this week');
  });

  it('accepts the create button the diagnosis card sends', () => {
    assert.deepEqual(
      parseActionData('request.create', {
        v: 1,
        action: 'issue-tap',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
      }),
      { v: 1, action: 'issue-tap', subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01' },
    );
  });
});
