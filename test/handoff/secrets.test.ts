import assert from 'node:assert/strict';
import { handoffCardData, handoffTemplate } from '../../cards/handoff';
import { render } from '../../cards/render';
import { applyHandoff } from '../../src/handoff';
import type { Handoff } from '../../src/handoff/types';
import { HIDDEN, REDACTED, hideSecrets, scrubText } from '../../src/logging/redaction';
import { visibleTexts } from '../cards/support/cases';
import { DRAFT, PEOPLE, handoffHarness } from './support';

/**
 * What people type into "Ask the helpdesk" (the note, the agent's reply, the person's answer,
 * the resolution) goes to a shared channel and into the stored request. A pass, a token or a
 * client secret pasted there by mistake is masked before it is kept, and the writer is told;
 * ids, error codes and times that the helpdesk needs stay as they were written.
 */

// Shaped like the real thing, made up for the test.
const TAP = 'Xk7#pQ2m';
const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLXBhcnQtZm9yLXRlc3Q';
const CLIENT_SECRET = 'Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789a';

const SECRETS: Array<[string, string]> = [
  [`My TAP is ${TAP}, it does not work`, TAP],
  ['Temporary Access Pass: aB3$dE5&fG', 'aB3$dE5&fG'],
  ['the pass I got was Hn4@zR8q.', 'Hn4@zR8q'],
  ['code: 7Yq%Lm2=Bv', '7Yq%Lm2=Bv'],
  ['my passcode is "Tz5+Wk9?"', 'Tz5+Wk9?'],
  ['Mein befristeter Zugriffspass lautet Qw9#er5T und geht nicht', 'Qw9#er5T'],
  ["Mon passe d'accès temporaire est Lp3&Vb8x", 'Lp3&Vb8x'],
  ['mi contraseña es Summer2026!', 'Summer2026'],
  ['一時アクセスパス: Zx8*cV3n', 'Zx8*cV3n'],
  ['You already have a working pass from this morning: Xk7#pQ2m', 'Xk7#pQ2m'],
  ['the password for the shared mailbox = Rt6!yU8i', 'Rt6!yU8i'],
  [`here is my token ${JWT}`, JWT],
  ['only the start: eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9'],
  [`the app's secret ${CLIENT_SECRET} expired`, CLIENT_SECRET],
  [`${CLIENT_SECRET}`, CLIENT_SECRET],
];

const NOT_SECRETS = [
  'Error code AADSTS53003 at 2026-12-06T14:32:10Z',
  'Correlation id 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47, request id 5e1f7a3c-2b4d-4c6e-9f8a-1b2c3d4e5f60',
  'code: 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
  'code 53003',
  'error code CAA20002 in Teams, then code 0x80070005',
  'Outlook shows error code CAA2000B after the update',
  'The TAP expired at 14:32 on 6 Dec 2026, 14:32 UTC',
  'I tried the pass twice but the code is wrong',
  'password reset for alice@contoso.com please',
  'the setup code is at https://aka.ms/mfasetup',
  'Please tap the notification and pass the number 42',
  'the code-signing certificate is fine; pass-through authentication is on',
  'Your office network is allowed: sign in again from there.',
  'The pass from this morning: expired at 10:15, try again',
  'password change on the portal: https://aka.ms/sspr',
  'code for the conference room: 4471',
];

describe('secrets typed into free text', () => {
  it('masks passes, tokens and client secrets written in chat, in several languages', () => {
    for (const [text, secret] of SECRETS) {
      const kept = hideSecrets(text);
      assert.ok(!kept.text.includes(secret), `${text} -> ${kept.text}`);
      assert.ok(kept.text.includes(HIDDEN), kept.text);
      assert.equal(kept.hidden, true);
    }
    assert.equal(
      scrubText(`My TAP is ${TAP}, it does not work`),
      `My TAP is ${REDACTED}, it does not work`,
    );
  });

  it('leaves ids, error codes, times, addresses and ordinary words alone', () => {
    for (const text of NOT_SECRETS) {
      assert.deepEqual(hideSecrets(text), { text, hidden: false });
    }
  });

  it('keeps the note, reply, answer and resolution masked in the request and on its card', async () => {
    const h = handoffHarness();
    await h.service.prepare('draft-1', DRAFT);
    const asked = await h.service.ask({
      draftId: 'draft-1',
      actor: PEOPLE.asker,
      note: `The pass ${TAP} is refused (AADSTS50076)`,
    });
    assert.equal(asked.status, 'created');
    if (asked.status !== 'created') return;
    assert.equal(asked.secretHidden, true, 'the asker is told');
    assert.equal(asked.handoff.note, `The pass ${HIDDEN} is refused (AADSTS50076)`);
    const id = asked.handoff.id;

    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: id });
    const replied = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: id,
      text: `New pass: ${TAP} valid for an hour`,
    });
    assert.equal(replied.status === 'done' && replied.secretHidden, true);
    const answered = await h.service.act({
      act: 'answer',
      actor: PEOPLE.asker,
      handoffId: id,
      text: `It asked me for this: ${JWT}`,
    });
    assert.equal(answered.status === 'done' && answered.secretHidden, true);
    const plain = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: id,
      text: 'Correlation id 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47 shows AADSTS53003.',
    });
    assert.equal(plain.status, 'done');
    assert.equal(plain.status === 'done' && plain.secretHidden, undefined, 'nothing to tell');
    const closed = await h.service.act({
      act: 'close',
      actor: PEOPLE.agent,
      handoffId: id,
      resolution: `Rotated the app secret ${CLIENT_SECRET}`,
    });
    assert.equal(closed.status === 'done' && closed.secretHidden, true);

    const stored = JSON.stringify(await h.service.get(id));
    const audit = JSON.stringify(await h.audit.since(new Date('2031-01-01T00:00:00Z')));
    for (const secret of [TAP, JWT, CLIENT_SECRET]) {
      assert.ok(!stored.includes(secret), 'not in the stored request');
      assert.ok(!audit.includes(secret), 'not in the audit');
    }
    assert.match(stored, /Correlation id 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47 shows AADSTS53003/);
    const card = visibleTexts(
      render(handoffTemplate, handoffCardData((await h.service.get(id)) as Handoff)),
    ).join('\n');
    assert.match(card, /New pass: \(hidden\) valid for an hour/);
    assert.ok(![TAP, JWT, CLIENT_SECRET].some((s) => card.includes(s)), card);
  });

  it('masks a secret on the channel card of a request stored before masking', () => {
    const at = new Date('2031-05-04T09:00:00Z');
    const old: Handoff = {
      id: 'hd-0abc12345-1f2e3d4c5b6a7988',
      reference: 'HD-1F2E3D',
      state: 'open',
      version: 1,
      asker: PEOPLE.asker,
      facts: { codes: [] },
      diagnosis: {
        headline: 'A Conditional Access policy blocked this sign-in.',
        causes: [],
        offers: [],
      },
      note: `my TAP is ${TAP}`,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      replies: [],
    };
    const answered = applyHandoff(old, { type: 'answer', by: PEOPLE.asker, at, text: JWT });
    const card = visibleTexts(render(handoffTemplate, handoffCardData(answered))).join('\n');
    assert.ok(!card.includes(TAP) && !card.includes(JWT), card);
  });
});
