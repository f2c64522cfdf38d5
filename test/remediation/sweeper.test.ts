import assert from 'node:assert/strict';
import sinon from 'sinon';
import { composeRemediation, type RemediationComposition } from '../../bot/compose';
import { startRemediationSweeper } from '../../bot/remediation';
import type { ProactiveAdapter } from '../../bot/remediation/notifier';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { IDS, PEOPLE, seededWriter } from './support/domain-harness';
import { StaticMembership } from './support/static-membership';
import { createRemediationPolicy } from '../../src/remediation/policy';

describe('remediation sweeper', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: new Date('2026-11-22T09:00:00Z'),
      toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
  });
  afterEach(() => clock.restore());

  function deps(): {
    deps: RemediationComposition;
    writer: ReturnType<typeof seededWriter>;
    proactive: sinon.SinonStub;
  } {
    const writer = seededWriter();
    const proactive = sinon.stub().resolves();
    const adapter: ProactiveAdapter = { continueConversationAsync: proactive };
    return {
      writer,
      proactive,
      deps: {
        adapter,
        botAppId: '',
        records: new MemoryRecordStore(),
        membership: new StaticMembership({ [IDS.helpdesk]: [IDS.helpdeskGroup] }),
        policy: createRemediationPolicy({
          helpdeskGroupId: IDS.helpdeskGroup,
          exclusionGroupIds: [IDS.exclusionGroup],
          requestTtlMinutes: 30,
        }),
        reader: writer,
        writer,
      },
    };
  }

  it('sweeps at start and on every interval: exclusions end and requests expire on time', async () => {
    const { deps: d, writer } = deps();
    const { service } = composeRemediation(d).remediation;
    const excluded = await service.create({
      actor: PEOPLE.member,
      kind: 'ca-exclusion',
      subjectId: IDS.member,
      mode: 'request',
      inputs: { hours: 1 },
    });
    assert.equal(excluded.status, 'created');
    const id = excluded.status === 'created' ? excluded.request.id : '';
    await service.approve({ actor: PEOPLE.helpdesk, requestId: id, version: 1 });
    const waiting = await service.create({
      actor: PEOPLE.member,
      kind: 'revoke-sessions',
      subjectId: IDS.member,
      mode: 'request',
      inputs: {},
    });
    const waitingId = waiting.status === 'created' ? waiting.request.id : '';

    const sweeper = startRemediationSweeper(service, { intervalMs: 60_000 });
    await clock.tickAsync(29 * 60_000);
    assert.equal((await service.requests.get(waitingId))?.request.state, 'pending');
    await clock.tickAsync(60_000);
    assert.equal((await service.requests.get(waitingId))?.request.state, 'expired');
    assert.ok(writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
    await clock.tickAsync(30 * 60_000);
    assert.equal(writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member), false);
    await sweeper.stop();
    assert.equal(writer.writesOf('removeGroupMember').length, 1);
  });

  it('does nothing more after stop()', async () => {
    const { deps: d } = deps();
    const { service } = composeRemediation(d).remediation;
    const sweeper = startRemediationSweeper(service, { intervalMs: 60_000 });
    await clock.tickAsync(60_000);
    await sweeper.stop();
    const late = await service.create({
      actor: PEOPLE.member,
      kind: 'revoke-sessions',
      subjectId: IDS.member,
      mode: 'request',
      inputs: {},
    });
    const id = late.status === 'created' ? late.request.id : '';
    await clock.tickAsync(60 * 60_000);
    // Read straight from storage: the service's own read would expire it lazily.
    const stored = await d.records.get<{ state: string }>('RemediationRequests', {
      partition: 'request',
      row: id,
    });
    assert.equal(stored?.value.state, 'pending');
  });
});
