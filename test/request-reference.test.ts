import assert from 'node:assert/strict';
import { recentActionsCardData } from '../cards/audit/recent';
import { requestCardData } from '../cards/remediation/request';
import { newHandoffId, referenceOf } from '../src/handoff/store';
import { newRequestId } from '../src/remediation/request-store';
import type { RemediationRequest } from '../src/remediation/types';
import { namesRequest, shortReference } from '../src/request-reference';

/**
 * A request's short reference ("RQ-3F9A1C"): worked out from its id, so the two never disagree;
 * the cards show it instead of the 29-character id, and a typed reference finds the request.
 */
describe('the short reference of a request', () => {
  const id = 'rq-00m3x5k2p-4f1c9a7e2b3d5c6f';

  it('is the kind and the first six random characters, in capitals, the same every time', () => {
    assert.equal(shortReference(id), 'RQ-4F1C9A');
    assert.equal(shortReference('hd-00m3x5k2p-3f9a1c7e2b3d5c6f'), 'HD-3F9A1C');
    const fresh = newRequestId(new Date('2026-11-22T09:30:00Z'));
    assert.match(shortReference(fresh), /^RQ-[0-9A-F]{6}$/);
    assert.equal(shortReference(fresh), shortReference(fresh));
    assert.ok(fresh.includes(shortReference(fresh).slice(3).toLowerCase()), 'taken from the id');
  });

  it("is the same derivation as a request for help's HD- reference", () => {
    const help = newHandoffId(new Date('2026-11-22T09:30:00Z'));
    assert.match(referenceOf(help), /^HD-[0-9A-F]{6}$/);
    assert.equal(referenceOf(help), shortReference(help));
  });

  it('leaves an id of another form as it is, rather than inventing one', () => {
    assert.equal(shortReference('rq-new'), 'rq-new');
    assert.equal(shortReference('req-7f3e'), 'req-7f3e');
  });

  it('is found from what a person types: the reference in any case, with or without the dash, or the id', () => {
    for (const typed of [
      'RQ-4F1C9A',
      'rq-4f1c9a',
      ' RQ4F1C9A ',
      'rq 4f1c9a',
      id,
      id.toUpperCase(),
    ]) {
      assert.ok(namesRequest(id, typed), typed);
    }
    for (const typed of ['', 'RQ-4F1C9B', 'HD-4F1C9A', '4F1C9A7E', 'rq-00m3x5k2p']) {
      assert.ok(!namesRequest(id, typed), typed);
    }
  });

  it('is what the waiting card and the helpdesk card show as "Request"', () => {
    const request = {
      id,
      kind: 'revoke-sessions',
      params: { kind: 'revoke-sessions' },
      state: 'pending',
      version: 1,
      mode: 'approval',
      subject: { type: 'user', id: 'u1', name: 'Demo User' },
      requester: { id: 'u1', name: 'Demo User' },
      reason: 'Sessions on a lost phone.',
      createdAt: '2026-11-22T09:30:00.000Z',
      expiresAt: '2026-11-23T09:30:00.000Z',
      updatedAt: '2026-11-22T09:30:00.000Z',
    } satisfies RemediationRequest;
    for (const view of [
      { viewer: 'requester' as const, helpdesk: false },
      { viewer: 'shared' as const, helpdesk: true },
      { viewer: 'approver' as const, helpdesk: true },
    ]) {
      const data = requestCardData(request, view);
      const shown = data.facts.find((fact) => fact.title === 'Request');
      assert.equal(shown?.value, 'RQ-4F1C9A', view.viewer);
      assert.ok(!JSON.stringify(data.facts).includes(id), 'not the whole id among the facts');
    }
  });

  it('is what "recent actions" shows for an entry, before Graph\'s request ids', () => {
    const data = recentActionsCardData(
      [
        {
          at: '2026-11-22T09:41:00.000Z',
          event: 'succeeded',
          actorId: 'h1',
          actorName: 'Helpdesk Agent',
          requestId: id,
          summary: 'Signed out everywhere.',
          graphRequestIds: ['2f6c1d0e-7a8b-4c9d-8e1f-0a2b3c4d5e6f'],
        },
      ],
      7,
    );
    assert.equal(data.entries[0].reference, 'RQ-4F1C9A 2f6c1d0e-7a8b-4c9d-8e1f-0a2b3c4d5e6f');
  });
});
