import assert from 'node:assert/strict';
import { TableAuditLog } from '../../src/audit/audit-log';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { createStorage } from '../../src/storage';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { startEdgeHarness, type EdgeHarness } from './support/edge-harness';
import { click, graphWrites, invokeActivity, type Person } from './support/invoke';

const member: Person = { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' };

describe('hostile card actions over HTTP, on the composed bot @slow', function () {
  this.timeout(60_000);
  let h: EdgeHarness;
  let logs: LogCapture;

  before(async () => {
    h = await startEdgeHarness({}, { local: true });
  });
  beforeEach(() => {
    logs = captureLogs('debug');
  });
  afterEach(() => logs.stop());
  after(async () => {
    await h?.stop();
  });

  async function refused(
    activity: Record<string, unknown>,
    expected: RegExp,
  ): Promise<{ text: string }> {
    const writes = graphWrites(h);
    const { status, text } = await click(h, activity);
    assert.equal(status, 200, 'answered with a card, not an HTTP error');
    assert.match(text, expected);
    assert.doesNotMatch(text, /\bat .+\.ts:\d+|TypeError|ZodError|stack/i, 'no internals');
    assert.equal(graphWrites(h) - writes, 0, 'nothing written to the directory');
    return { text };
  }

  it('refuses a fix the diagnosis never offered (the offer book is strict)', async () => {
    await refused(
      invokeActivity(h, member, 'request.create', {
        v: 1,
        action: 'issue-tap',
        subjectId: DEMO_USERS.member.id,
      }),
      /not suggested|paste the error again/i,
    );
  });

  it('refuses a forged verb', async () => {
    await refused(invokeActivity(h, member, 'request.execute', { v: 1 }), /out of date|cannot/i);
  });

  it('refuses someone else’s or an unknown request id', async () => {
    await refused(
      invokeActivity(h, member, 'request.approve', {
        v: 1,
        requestId: '01JUNKNOWNREQUEST0000000000',
        version: 1,
      }),
      /no longer exists|cannot|not found|out of date/i,
    );
  });

  it('refuses malformed data: extra fields, wrong types, markup in ids', async () => {
    for (const data of [
      { v: 1, requestId: 'a b"<script>', version: 1 },
      { v: 1, requestId: 'r1', version: 1, approve: true },
      { v: '1', requestId: 'r1', version: 1 },
      'not an object',
      null,
    ]) {
      await refused(invokeActivity(h, member, 'request.approve', data), /out of date|could not/i);
    }
    for (const value of ['a string value', { action: 'approve' }, { action: { verb: 7 } }]) {
      await refused(invokeActivity(h, member, 'request.approve', {}, value), /could not be read/);
    }
  });

  it('refuses an oversized value before any handler', async () => {
    const before = h.edge.admission.stats.oversized;
    const runs = h.handlerRuns;
    await refused(
      invokeActivity(h, member, 'request.approve', { v: 1, pad: 'x'.repeat(100_000) }),
      /too much/i,
    );
    assert.equal(h.edge.admission.stats.oversized, before + 1);
    assert.equal(h.handlerRuns, runs, 'refused at the edge, no handler ran');
  });

  it('escapes a newline in a verb, so no forged line reaches the log', async () => {
    await click(h, invokeActivity(h, member, 'help\n[turn-error] FORGED line', { v: 1 }));
    assert.ok(
      logs.lines.some((l) => l.includes('FORGED')),
      'the refusal was logged, with the verb it carried',
    );
    for (const line of logs.lines) {
      assert.ok(line.startsWith('{') && line.endsWith('}'), `one JSON record a line: ${line}`);
      JSON.parse(line);
    }
    assert.ok(!logs.lines.some((l) => l.startsWith('[turn-error] FORGED')), logs.lines.join('\n'));
  });

  it('records each refused action once in the audit, with the reason and none of its data', async () => {
    const audit = new TableAuditLog(
      createStorage({ connectionString: h.azurite.connectionString }).records,
    );
    const since = new Date();
    const marker = 'MARKER-not-for-the-audit-5b1c';
    await click(h, invokeActivity(h, member, 'request.execute', { v: 1, note: marker }));
    await click(
      h,
      invokeActivity(h, member, 'request.create', {
        v: 1,
        action: 'ca-exclusion',
        subjectId: DEMO_USERS.member.id,
        hours: '100000',
        note: marker,
      }),
    );
    await click(
      h,
      invokeActivity(h, member, 'request.create', {
        v: 1,
        action: 'issue-tap',
        subjectId: DEMO_USERS.member.id,
      }),
    );
    const entries = (await audit.since(since)).filter((e) => e.actorId === DEMO_USERS.member.id);
    assert.deepEqual(
      entries.map((e) => e.event),
      ['refused', 'refused', 'refused'],
      JSON.stringify(entries),
    );
    assert.match(entries[0].summary, /no route for verb/);
    assert.ok(
      entries.every((e) => e.errorCode),
      'each with its reason',
    );
    assert.doesNotMatch(JSON.stringify(entries), new RegExp(marker), 'no data copied in');
  });
});
