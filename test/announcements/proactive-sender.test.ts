import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryAfterMs } from '../../src/retry-after';
import { BotProactiveSender } from '../../bot/announcements/proactive-sender';
import type { StoredReference } from '../../src/announcements/types';
import {
  dirOutcomeJournals,
  journalKey,
  outcomeJournalPath,
  readJournal,
} from '../../src/announcements/outcome-journal';
import { ProcessOutcomes } from '../../src/announcements/process-outcomes';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The Bot Framework sender against a scripted connector: each call is exactly one HTTP request
 * (botbuilder's own retries never run), and each answer maps to what the domain does next.
 */
describe('proactive sender on botbuilder @slow', () => {
  let server: http.Server;
  let url: string;
  let answer: Answer;
  let requests: { method: string; path: string; body: Record<string, unknown> }[];
  const sender = new BotProactiveSender({ appId: '', type: 'MultiTenant' }, { timeoutMs: 2_000 });
  const message = { card: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'Heads up' };
  const reference = (): StoredReference => ({
    serviceUrl: url,
    tenantId: 'tenant-1',
    conversationId: 'a:chat-1',
    conversationType: 'personal',
    botId: '28:bot',
  });

  before(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          body: text ? JSON.parse(text) : {},
        });
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  beforeEach(() => {
    requests = [];
    answer = { status: 201, body: { id: 'activity-1' } };
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts a new message (not a reply) and returns its id', async () => {
    const outcome = await sender.send(reference(), message);
    assert.deepEqual(outcome, { kind: 'sent', activityId: 'activity-1' });
    assert.equal(requests.length, 1);
    assert.equal(requests[0].method, 'POST');
    assert.equal(requests[0].path, '/v3/conversations/a%3Achat-1/activities');
    assert.equal(requests[0].body.summary, 'Heads up');
    assert.equal(requests[0].body.replyToId, undefined);
    const attachments = requests[0].body.attachments as { contentType: string }[];
    assert.equal(attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  });

  it('makes one request for a 429 and hands its Retry-After to the domain', async () => {
    answer = {
      status: 429,
      body: { error: { code: 'Throttled' } },
      headers: { 'Retry-After': '3' },
    };
    const outcome = await sender.send(reference(), message);
    assert.deepEqual(outcome, { kind: 'throttled', retryAfterMs: 3_000 });
    assert.equal(requests.length, 1, 'botbuilder did not retry on its own');
  });

  for (const status of [500, 502, 503, 504]) {
    it(`makes one request for a ${status} and calls it transient`, async () => {
      answer = {
        status,
        body: { error: { code: 'ServiceError' } },
        headers: { 'Retry-After': '1' },
      };
      const started = Date.now();
      const outcome = await sender.send(reference(), message);
      assert.equal(outcome.kind, 'transient');
      assert.equal(outcome.kind === 'transient' && outcome.status, status);
      assert.equal(requests.length, 1);
      assert.ok(Date.now() - started < 1_000, 'no backoff inside the SDK');
    });
  }

  it('calls 403 MessageWritesBlocked final', async () => {
    answer = {
      status: 403,
      body: { errorCode: 209, message: '{"subCode":"MessageWritesBlocked","message":"blocked"}' },
    };
    const outcome = await sender.send(reference(), message);
    assert.equal(outcome.kind, 'permanent');
    assert.equal(outcome.kind === 'permanent' && outcome.reason, 'blocked');
    assert.equal(requests.length, 1);
  });

  it('tells a removed app, a gone chat and a refused request apart', async () => {
    answer = { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } };
    const removed = await sender.send(reference(), message);
    assert.equal(removed.kind === 'permanent' && removed.reason, 'not-installed');
    answer = { status: 404, body: { error: { code: 'ConversationNotFound' } } };
    assert.equal((await sender.send(reference(), message)).kind, 'conversation-gone');
    answer = { status: 400, body: { error: { code: 'BadSyntax' } } };
    const refused = await sender.send(reference(), message);
    assert.equal(refused.kind === 'permanent' && refused.reason, 'rejected');
  });

  it('calls no answer at all transient', async () => {
    const outcome = await sender.send(
      { ...reference(), serviceUrl: 'http://127.0.0.1:9/' },
      message,
    );
    assert.equal(outcome.kind, 'transient');
    assert.equal(outcome.kind === 'transient' && outcome.status, 0);
  });

  it('writes the leaving mark of the send a request carries before the request reaches the connector', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sender-leaving-'));
    chmodSync(dir, 0o700);
    try {
      const journals = dirOutcomeJournals(dir);
      const outcomes = new ProcessOutcomes({
        workerId: 'w1',
        journals,
        hasEnded: () => false,
        leavingAtTransport: true,
      });
      const marked = new BotProactiveSender(
        { appId: '', type: 'MultiTenant' },
        { timeoutMs: 2_000, beforeLeave: (r) => outcomes.leaving(r.method, r.url) },
      );
      const sending = outcomes.arm('ann', 'u.one', 1);
      const waiting = outcomes.arm('ann', 'u.two', 1);
      const done = outcomes.departing('ann', 'u.one', 'a:chat-1');
      outcomes.departing('ann', 'u.two', 'a:chat-2');
      // What the journal held when the connector saw the request.
      let seen: boolean | undefined;
      const listener = (): void => {
        seen = readJournal(outcomeJournalPath('w1', dir))?.leaving.has(journalKey('ann', 'u.one'));
      };
      server.prependListener('request', listener);
      try {
        assert.equal((await marked.send(reference(), message)).kind, 'sent');
      } finally {
        server.removeListener('request', listener);
        done();
      }
      assert.equal(seen, true, 'the mark was there before the request arrived');
      const survivor = new ProcessOutcomes({
        workerId: 'w2',
        journals,
        hasEnded: () => true,
      });
      assert.equal(survivor.neverLeft('w1', 'ann', 'u.one', sending), false);
      assert.equal(survivor.neverLeft('w1', 'ann', 'u.two', waiting), true, 'still waiting');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends nothing when the leaving mark cannot be written', async () => {
    const refusing = new BotProactiveSender(
      { appId: '', type: 'MultiTenant' },
      {
        timeoutMs: 2_000,
        beforeLeave: () => {
          throw new Error('journal failed');
        },
      },
    );
    const outcome = await refusing.send(reference(), message);
    assert.equal(outcome.kind, 'transient');
    assert.equal(requests.length, 0);
  });

  it('opens a 1:1 chat with the Entra object id in members[].id', async () => {
    answer = { status: 201, body: { id: 'a:new-chat' } };
    const outcome = await sender.openPersonal({
      userObjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
      tenantId: 'tenant-1',
      serviceUrl: url,
      botId: '28:bot',
    });
    assert.equal(outcome.kind === 'opened' && outcome.reference.conversationId, 'a:new-chat');
    assert.equal(requests[0].path, '/v3/conversations');
    const body = requests[0].body as {
      members: { id: string }[];
      tenantId: string;
      isGroup: boolean;
    };
    assert.equal(body.members[0].id, '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01');
    assert.equal(body.tenantId, 'tenant-1');
    assert.equal(body.isGroup, false);
  });

  it('replaces the progress card in place', async () => {
    answer = { status: 200, body: { id: 'card-7' } };
    const outcome = await sender.update(reference(), 'card-7', message);
    assert.equal(outcome.kind, 'sent');
    assert.equal(requests[0].method, 'PUT');
    assert.equal(requests[0].path, '/v3/conversations/a%3Achat-1/activities/card-7');
  });

  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(retryAfterMs('2'), 2_000);
    assert.equal(retryAfterMs('0.5'), 500);
    assert.equal(
      retryAfterMs('Sun, 01 Nov 2026 08:00:10 GMT', Date.parse('2026-11-01T08:00:00Z')),
      10_000,
    );
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(null), undefined);
  });
});
