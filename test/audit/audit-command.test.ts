import assert from 'node:assert/strict';
import { TableAuditLog } from '../../src/audit/audit-log';
import { parseSince } from '../../src/audit/export';
import { runAuditCommand } from '../../src/cli/commands/audit';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { ManualClock } from '../remediation/support/domain-harness';

describe('helpdesk audit command', () => {
  let records: MemoryRecordStore;
  let clock: ManualClock;
  let out: string;
  let err: string;
  const run = (args: string[]) =>
    runAuditCommand(args, {
      records,
      clock,
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
    });

  beforeEach(async () => {
    records = new MemoryRecordStore();
    clock = new ManualClock(new Date('2026-11-10T08:00:00.000Z'));
    out = '';
    err = '';
    const log = new TableAuditLog(records, clock);
    await log.append({
      event: 'requested',
      actorId: 'u1',
      actorName: 'Demo User',
      requestId: 'rq-old',
      summary: 'Asked for: old request.',
    });
    clock.advance(10 * 86_400_000);
    await log.append({
      event: 'rejected',
      actorId: 'h1',
      actorName: 'Helpdesk Agent',
      requestId: 'rq-new',
      kind: 'issue-tap',
      summary: '=HYPERLINK("http://x") says "no", twice',
      graphRequestIds: ['g1', 'g2'],
    });
  });

  it('prints the last 7 days as a table by default', async () => {
    assert.equal(await run([]), 0);
    assert.match(out, /2026-11-20 08:00:00Z {2}rejected {2}Helpdesk Agent/);
    assert.doesNotMatch(out, /old request/);
  });

  it('reads further back with --since', async () => {
    assert.equal(await run(['--since', '30d']), 0);
    assert.match(out, /old request[\s\S]*rejected/);
  });

  it('writes CSV that a spreadsheet reads safely', async () => {
    assert.equal(await run(['--since=2w', '--csv']), 0);
    const lines = out.split('\r\n');
    assert.equal(
      lines[0],
      'at,event,actorId,actorName,kind,subjectId,subjectName,requestId,reference,graphRequestIds,errorCode,summary',
    );
    assert.equal(lines.length, 4);
    assert.equal(
      lines[2],
      '2026-11-20T08:00:00.000Z,rejected,h1,Helpdesk Agent,issue-tap,,,rq-new,rq-new,g1 g2,,' +
        '"\'=HYPERLINK(""http://x"") says ""no"", twice"',
    );
  });

  describe('one request, by the reference people quote', () => {
    const FIX = 'rq-0mwrlw2o0-e1b39d041e0d14cb';
    const HELP = 'hd-0mwrlw2o0-7a2c9e041e0d14cb';
    beforeEach(async () => {
      const log = new TableAuditLog(records, clock);
      for (const [requestId, summary] of [
        [FIX, 'Asked for: a pass.'],
        [HELP, 'Demo User asked the helpdesk (HD-7A2C9E).'],
        [FIX, 'Rejected by Helpdesk Agent.'],
      ]) {
        clock.advance(60_000);
        await log.append({ event: 'requested', actorId: 'u1', requestId, summary });
      }
      out = '';
    });

    it('shows each entry with its short reference, not the whole id', async () => {
      assert.equal(await run([]), 0);
      assert.match(out, /Asked for: a pass\. \[RQ-E1B39D\]/);
      assert.match(out, /\(HD-7A2C9E\)\. \[HD-7A2C9E\]/);
      assert.doesNotMatch(out, new RegExp(FIX));
      assert.equal(await run(['--csv']), 0);
      assert.ok(out.includes(`,${FIX},RQ-E1B39D,`), 'the CSV has both, in their columns');
    });

    for (const typed of ['RQ-E1B39D', 'rq-e1b39d', 'RQE1B39D', FIX]) {
      it(`--request ${typed} lists that request's entries only`, async () => {
        assert.equal(await run(['--request', typed]), 0);
        const lines = out.trim().split('\n');
        assert.equal(lines.length, 2, out);
        assert.match(lines[0], /Asked for: a pass\./);
        assert.match(lines[1], /Rejected by Helpdesk Agent\./);
      });
    }

    it('--limit counts only the entries of the request asked for', async () => {
      assert.equal(await run(['--since', '30d', '--request', 'RQ-E1B39D', '--limit', '1']), 0);
      const lines = out.trim().split('\n');
      assert.equal(lines.length, 1, out);
      assert.match(lines[0], /Asked for: a pass\./);
    });

    it('--request finds a request for help by its HD- reference too, and nothing for another', async () => {
      assert.equal(await run(['--request=HD-7A2C9E']), 0);
      assert.match(out, /asked the helpdesk/);
      assert.doesNotMatch(out, /a pass/);
      out = '';
      assert.equal(await run(['--request', 'RQ-E1B39E']), 0);
      assert.equal(out, 'No audit entries in this period.\n');
      assert.equal(await run(['--request']), 2);
      assert.match(err, /--request needs a reference/);
    });
  });

  it('explains bad arguments and exits with 2', async () => {
    assert.equal(await run(['--since', 'yesterday']), 2);
    assert.match(err, /expected a period like 7d/);
    assert.equal(await run(['--verbose']), 2);
    assert.match(err, /unknown option "--verbose"/);
    assert.equal(out, '');
  });

  it('understands periods and dates', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    assert.equal(parseSince('12h', now)?.toISOString(), '2026-11-22T00:00:00.000Z');
    assert.equal(parseSince('2026-11-01', now)?.toISOString(), '2026-11-01T00:00:00.000Z');
    assert.equal(parseSince('soon', now), undefined);
  });
});
