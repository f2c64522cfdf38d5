import assert from 'node:assert/strict';
import {
  ACTION_DATA_VERSION,
  ActionDataError,
  VERBS,
  actionData,
  isVerb,
  parseActionData,
  type Verb,
} from '../../cards';

/** Valid data for each verb, as the bot's own cards send it. */
const VALID: Record<Verb, Record<string, unknown>> = {
  help: { v: 1 },
  'triage.check-again': { v: 1, triageId: 'tri-01J8ZK3Q5N2W7D' },
  'triage.not-it': {
    v: 1,
    guessed: 'invalid-password',
    leads: ['account-locked'],
    fields: { correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47', upn: 'user@sandbox.example' },
    askId: 'tri-01J8ZK3Q5N2W7D',
  },
  'triage.choose': { v: 1, guessed: 'invalid-password', chosen: 'account-locked' },
  'helpdesk.ask': { v: 1, triageId: 'tri-01J8ZK3Q5N2W7D' },
  'request.create': {
    v: 1,
    action: 'issue-tap',
    subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
  },
  'request.approve': { v: 1, requestId: 'req-4f1c', version: 1 },
  'request.reject': { v: 1, requestId: 'req-4f1c', version: 2 },
  'request.cancel': { v: 1, requestId: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10', version: 1 },
  'request.refresh': { v: 1, requestId: 'req-4f1c', version: 3 },
  'handoff.take': { v: 1, handoffId: 'hd-0m3k2j1h0-0123456789abcdef' },
  'handoff.release': { v: 1, handoffId: 'hd-0m3k2j1h0-0123456789abcdef' },
  'handoff.answer': { v: 1, handoffId: 'hd-0m3k2j1h0-0123456789abcdef', answer: 'It works now' },
  'handoff.reply': { v: 1, handoffId: 'hd-0m3k2j1h0-0123456789abcdef', reply: 'Try again now.' },
  'handoff.close': { v: 1, handoffId: 'hd-0m3k2j1h0-0123456789abcdef' },
  'announce.confirm': { v: 1, announcementId: 'ann-2025-03' },
  'announce.cancel': { v: 1, announcementId: 'ann-2025-03' },
  'announce.report-prompt': { v: 1, announcementId: 'ann-2025-03' },
  'admin.change': {
    v: 1,
    change: 'sms-sign-in',
    group: 'Front Line',
    csv: 'a@x.example,+44 7700900123',
  },
};

function rejects(verb: string, data: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseActionData(verb, data),
    (error: unknown) => {
      assert.ok(error instanceof ActionDataError, String(error));
      assert.equal(error.code, 'action-invalid');
      assert.match(error.message, pattern);
      assert.doesNotMatch(error.userMessage, /request|verb|field/i, 'user text stays plain');
      return true;
    },
  );
}

describe('action verbs', () => {
  it('accepts the data each verb declares', () => {
    for (const verb of VERBS) {
      assert.deepEqual(parseActionData(verb, VALID[verb]), VALID[verb], verb);
    }
  });

  it('knows its verbs', () => {
    assert.ok(isVerb('request.approve'));
    assert.ok(!isVerb('request.delete'));
    assert.ok(!isVerb(42));
  });

  it('rejects an unknown verb', () => {
    rejects('request.approve-all', { v: 1 }, /unknown verb "request.approve-all"/);
  });

  it('rejects forged authority added to otherwise valid data', () => {
    rejects(
      'request.approve',
      { ...VALID['request.approve'], approvedBy: 'admin@sandbox.example' },
      /Unrecognized key.*approvedBy/,
    );
    rejects('request.create', { ...VALID['request.create'], upn: 'admin@sandbox.example' }, /upn/);
    rejects('help', { v: 1, isAdmin: true }, /isAdmin/);
  });

  it('rejects an id for the wrong verb', () => {
    rejects('request.approve', { v: 1, triageId: 'tri-1' }, /requestId: Required/);
  });

  it('rejects a missing or wrong data version', () => {
    rejects('request.cancel', { requestId: 'req-1', version: 1 }, /v: expected data version 1/);
    rejects(
      'request.cancel',
      { v: 2, requestId: 'req-1', version: 1 },
      /v: expected data version 1/,
    );
    rejects(
      'request.cancel',
      { v: '1', requestId: 'req-1', version: 1 },
      /v: expected data version 1/,
    );
  });

  it('rejects ids that are not plain ids', () => {
    rejects('request.approve', { v: 1, requestId: '', version: 1 }, /requestId: expected an id/);
    rejects('request.approve', { v: 1, requestId: 'a b', version: 1 }, /requestId/);
    rejects('request.approve', { v: 1, requestId: '<at>x</at>', version: 1 }, /requestId/);
    rejects('request.approve', { v: 1, requestId: 'x'.repeat(200) }, /requestId/);
    rejects('request.approve', { v: 1, requestId: 17 }, /requestId/);
  });

  it('rejects data that is not an object', () => {
    rejects('help', null, /expected an object/);
    rejects('help', [1], /expected an object/);
    rejects('help', 'v=1', /expected an object/);
  });

  it('lets request.reject carry its reason input, within bounds', () => {
    const data = parseActionData('request.reject', {
      v: 1,
      requestId: 'req-1',
      version: 1,
      reason: ' dup ',
    });
    assert.equal(data.reason, 'dup');
    rejects(
      'request.reject',
      { v: 1, requestId: 'req-1', version: 1, reason: 'x'.repeat(501) },
      /reason/,
    );
    rejects('request.approve', { v: 1, requestId: 'req-1', version: 1, reason: 'ok' }, /reason/);
  });

  it('lets a request for help carry its note, reply and resolution inputs, within bounds', () => {
    const ask = parseActionData('helpdesk.ask', { v: 1, triageId: 'tri-1', note: '  urgent ' });
    assert.equal(ask.note, 'urgent');
    assert.equal(
      parseActionData('helpdesk.ask', { v: 1, triageId: 'tri-1', note: ' ' }).note,
      undefined,
    );
    rejects('helpdesk.ask', { v: 1, triageId: 'tri-1', note: 'x'.repeat(501) }, /note/);
    const none = { v: 1, triageId: 'tri-1', notIt: 'account-locked' };
    assert.equal(parseActionData('helpdesk.ask', none).notIt, 'account-locked');
    rejects('helpdesk.ask', { ...none, notIt: 'a locked account' }, /notIt/);
    rejects('helpdesk.ask', { ...none, notIt: 'x'.repeat(5000) }, /notIt/);
    const ref = { v: 1, handoffId: 'hd-1' };
    assert.equal(parseActionData('handoff.reply', { ...ref, reply: ' ok ' }).reply, 'ok');
    rejects('handoff.reply', { ...ref, reply: 'x'.repeat(2001) }, /reply/);
    assert.equal(
      parseActionData('handoff.close', { ...ref, resolution: 'fixed' }).resolution,
      'fixed',
    );
    rejects('handoff.take', { ...ref, reply: 'sneaky' }, /reply/);
    rejects('handoff.take', { ...ref, assignee: 'someone' }, /assignee/);
  });

  it('takes a correction of a reading only between known problems, with bounded details', () => {
    const choose = VALID['triage.choose'];
    rejects('triage.choose', { ...choose, chosen: 'format-disk' }, /chosen: expected one of/);
    rejects('triage.choose', { ...choose, chosen: 'unrelated' }, /chosen/);
    rejects('triage.choose', { ...choose, chosen: 'question' }, /chosen/);
    rejects('triage.choose', { ...choose, guessed: 'other-known' }, /guessed: expected one of/);
    rejects('triage.choose', { ...choose, chosen: 'invalid-password' }, /not one of the choices/);
    rejects('triage.choose', { ...choose, text: 'my password is wrong' }, /Unrecognized key.*text/);
    rejects('triage.choose', { ...choose, actorId: 'someone-else' }, /actorId/);
    rejects('triage.not-it', { ...VALID['triage.not-it'], chosen: 'account-locked' }, /chosen/);
    rejects('triage.not-it', { v: 1, guessed: 'invalid-password', leads: ['x'] }, /leads/);
    const many = ['ca-blocked', 'account-locked', 'password-expired', 'user-not-found'];
    rejects('triage.not-it', { v: 1, guessed: 'invalid-password', leads: many }, /leads/);
    const fields = (extra: Record<string, unknown>) => ({ ...choose, fields: extra });
    rejects('triage.choose', fields({ paste: 'the whole text' }), /fields: Unrecognized key/);
    rejects('triage.choose', fields({ correlationId: 'not-a-guid' }), /correlationId/);
    rejects('triage.choose', fields({ upn: 'x'.repeat(400) + '@a.example' }), /upn/);
    rejects('triage.choose', fields({ appName: 'x'.repeat(101) }), /appName/);
    rejects('triage.choose', fields({ timestamp: 'line one\nline two' }), /timestamp/);
    rejects('triage.choose', { ...choose, v: 2 }, /v: expected data version 1/);
    assert.equal(
      parseActionData('triage.choose', { ...choose, chosen: 'none', askId: 'tri-1' }).chosen,
      'none',
    );
  });

  it('takes "It is a sign-in problem": unrelated as the turned-down reading, never as a choice', () => {
    const fromUnrelated = { v: 1, guessed: 'unrelated', leads: ['account-locked'], askId: 'tri-1' };
    assert.deepEqual(parseActionData('triage.not-it', fromUnrelated), fromUnrelated);
    const choose = { v: 1, guessed: 'unrelated', chosen: 'account-locked', askId: 'tri-1' };
    assert.deepEqual(parseActionData('triage.choose', choose), choose);
    assert.equal(parseActionData('triage.choose', { ...choose, chosen: 'none' }).chosen, 'none');
    rejects('triage.choose', { ...choose, chosen: 'unrelated' }, /chosen/);
    rejects('triage.choose', { ...choose, chosen: 'question' }, /chosen/);
    // Forged readings: only a known problem or unrelated can be turned down.
    for (const guessed of ['question', 'other-known', 'not-signin', 'UNRELATED', '']) {
      rejects('triage.not-it', { v: 1, guessed }, /guessed: expected one of/);
      rejects('triage.choose', { ...choose, guessed }, /guessed: expected one of/);
    }
    rejects('triage.not-it', { ...fromUnrelated, leads: ['unrelated'] }, /leads/);
    // The helpdesk ask names only a known problem as turned down, never unrelated.
    rejects('helpdesk.ask', { v: 1, triageId: 'tri-1', notIt: 'unrelated' }, /notIt/);
  });

  it('builds data stamped with the current version', () => {
    assert.deepEqual(actionData('request.approve', { requestId: 'req-9', version: 2 }), {
      v: ACTION_DATA_VERSION,
      requestId: 'req-9',
      version: 2,
    });
    assert.throws(
      () => actionData('request.approve', { requestId: 'bad id', version: 1 }),
      ActionDataError,
    );
  });
});
