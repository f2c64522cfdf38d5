import assert from 'node:assert/strict';
import { SECRET_HIDDEN } from '../../cards/common/secret-hidden';
import { requestCardData, requestTemplate } from '../../cards/remediation/request';
import { render } from '../../cards/render';
import { createdReply, decidedCard } from '../../bot/remediation/replies';
import { HIDDEN } from '../../src/logging/redaction';
import type { RemediationRequest } from '../../src/remediation/types';
import { visibleTexts } from '../cards/support/cases';
import {
  IDS,
  memberAsks,
  PEOPLE,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';

/**
 * The requester's note and the approver's reason for a rejection are typed by people and shown on
 * the helpdesk channel's card and the requester's, kept in the stored request and (the reason)
 * written to the audit. A pass, token or client secret typed there by mistake is masked before it
 * is kept, and the writer is told in the answer to their click.
 */

// Shaped like the real thing, made up for the test.
const TAP = 'Xk7#pQ2m';
const CLIENT_SECRET = 'Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789a';

async function everythingKept(h: DomainHarness, id: string): Promise<string> {
  const stored = await h.service.requests.get(id);
  const audit = await h.audit.since(new Date('2026-01-01T00:00:00Z'));
  const cards = h.notifier.calls.map((call) => call.card);
  return JSON.stringify([stored, audit, cards]);
}

function cardText(request: RemediationRequest): string {
  const card = render(requestTemplate, requestCardData(request, { viewer: 'shared' }));
  return visibleTexts(card).join('\n');
}

describe('secrets typed into a remediation request', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomainHarness();
  });

  it("masks the requester's note before it is kept or posted, and tells the requester", async () => {
    const result = await h.service.create(
      memberAsks({ note: `My TAP is ${TAP} and it says AADSTS50076` }),
    );
    assert.equal(result.status, 'created');
    if (result.status !== 'created') return;
    assert.equal(result.secretHidden, true);
    assert.equal(result.request.note, `My TAP is ${HIDDEN} and it says AADSTS50076`);
    assert.ok(!(await everythingKept(h, result.request.id)).includes(TAP));
    assert.match(JSON.stringify(h.notifier.of('post')[0].card), /My TAP is \(hidden\)/);

    const reply = createdReply(result, PEOPLE.member);
    assert.ok(visibleTexts(reply.card).join('\n').includes(SECRET_HIDDEN));
  });

  it('keeps a note without a secret as written, and says nothing about hiding', async () => {
    const note = 'Travelling until Friday; correlation id 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47';
    const result = await h.service.create(memberAsks({ note }));
    assert.equal(result.status, 'created');
    if (result.status !== 'created') return;
    assert.equal(result.secretHidden, undefined);
    assert.equal(result.request.note, note);
    const reply = createdReply(result, PEOPLE.member);
    assert.ok(!visibleTexts(reply.card).join('\n').includes(SECRET_HIDDEN));
  });

  it('masks the note of a fix run directly, and tells the approver who ran it', async () => {
    const result = await h.service.create(
      memberAsks({
        actor: PEOPLE.helpdesk,
        mode: 'run',
        kind: 'revoke-sessions',
        note: `app secret ${CLIENT_SECRET} leaked`,
      }),
    );
    assert.equal(result.status, 'completed');
    if (result.status !== 'completed') return;
    assert.equal(result.secretHidden, true);
    assert.ok(!(await everythingKept(h, result.request.id)).includes(CLIENT_SECRET));
    const reply = createdReply(result, PEOPLE.helpdesk);
    assert.ok(visibleTexts(reply.card).join('\n').includes(SECRET_HIDDEN));
  });

  /** A pending request by the member, and the helpdesk's rejection of it with `reason`. */
  async function rejectWith(reason: string) {
    const created = await h.service.create(memberAsks());
    if (created.status !== 'created') throw new Error(`not created: ${created.status}`);
    const id = created.request.id;
    const result = await h.service.reject({
      actor: PEOPLE.helpdesk,
      requestId: id,
      version: 1,
      reason,
    });
    return { id, result };
  }

  it("masks the approver's reason for a rejection in the request, the audit and the requester's card", async () => {
    const { id, result } = await rejectWith(`Already issued. Your pass: ${TAP}`);
    assert.equal(result.status, 'rejected');
    if (result.status !== 'rejected') return;
    assert.equal(result.secretHidden, true);
    assert.equal(result.request.decision?.note, `Already issued. Your pass: ${HIDDEN}`);
    assert.ok(!(await everythingKept(h, id)).includes(TAP));
    assert.match(JSON.stringify(h.notifier.of('chat')[0].card), /Your pass: \(hidden\)/);
    const audit = JSON.stringify(await h.audit.since(new Date('2026-01-01T00:00:00Z')));
    assert.match(audit, /Reason: Already issued. Your pass: \(hidden\)/);

    assert.ok(visibleTexts(decidedCard(result, true)).join('\n').includes(SECRET_HIDDEN));
  });

  it('asks again for a rejection whose reason was only a pass, and keeps the request open', async () => {
    const { id, result } = await rejectWith(`Pass: ${TAP}`);
    assert.equal(result.status, 'invalid');
    if (result.status !== 'invalid') return;
    assert.match(result.message, /only what looked like a pass or secret/);
    const stored = await h.service.requests.get(id);
    assert.equal(stored?.request.state, 'pending', 'still open for a real decision');
    assert.ok(!(await everythingKept(h, id)).includes(TAP));

    // A reason in words beside the hidden pass is a reason.
    const worded = await h.service.reject({
      actor: PEOPLE.helpdesk,
      requestId: id,
      version: 1,
      reason: `Duplicate of yesterday's request, pass ${TAP}`,
    });
    assert.equal(worded.status, 'rejected');
  });

  it('masks the note and reason on the card of a request stored before masking', () => {
    const at = '2026-11-21T10:00:00.000Z';
    const old: RemediationRequest = {
      id: 'rq-00m3x5k2p-4f1c9a7e2b3d5c6f',
      kind: 'issue-tap',
      params: { kind: 'issue-tap', lifetimeMinutes: 60, oneTimeUse: false },
      state: 'rejected',
      version: 2,
      mode: 'approval',
      subject: { type: 'user', id: IDS.member, name: 'Demo User' },
      requester: PEOPLE.member,
      reason: 'The user lost the phone with their authenticator app.',
      note: `my TAP is ${TAP}`,
      createdAt: at,
      expiresAt: at,
      updatedAt: at,
      decision: { by: PEOPLE.helpdesk, at, note: `secret ${CLIENT_SECRET}` },
    };
    const text = cardText(old);
    assert.ok(!text.includes(TAP) && !text.includes(CLIENT_SECRET), text);
    assert.match(text, /my TAP is \(hidden\)/);
  });
});
