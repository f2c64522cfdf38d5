import assert from 'node:assert/strict';
import { BurstDetector, type BlockEvent, type BurstSignal } from '../../src/diagnosis/burst';
import { DiagnosisService } from '../../src/diagnosis/service';
import {
  aCaPolicy,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  fixedClock,
  nextId,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';

const T0 = Date.parse('2026-01-15T11:00:00Z');
const MINUTE = 60_000;

function block(user: number, atMinutes: number, policyId = 'p1'): BlockEvent {
  return {
    policyId,
    policyName: `Policy ${policyId}`,
    userId: `u${user}`,
    userPrincipalName: `u${user}@contoso.example`,
    at: new Date(T0 + atMinutes * MINUTE),
  };
}

describe('burst detector', () => {
  it('stays silent below the threshold and opens one incident when it is reached', () => {
    const detector = new BurstDetector({ windowMs: 10 * MINUTE, threshold: 3 });
    assert.equal(detector.observe(block(1, 0)), undefined);
    assert.equal(detector.observe(block(2, 1)), undefined);
    const signal = detector.observe(block(3, 2));
    assert.equal(signal?.kind, 'opened');
    assert.equal(signal?.incident.count, 3);
    assert.equal(signal?.incident.policyName, 'Policy p1');
    assert.equal(signal?.incident.firstAt.getTime(), T0);
    assert.equal(signal?.incident.lastAt.getTime(), T0 + 2 * MINUTE);
    assert.deepEqual(
      signal?.incident.users.map((u) => u.userPrincipalName),
      ['u1@contoso.example', 'u2@contoso.example', 'u3@contoso.example'],
    );
  });

  it('counts a person once however often they paste', () => {
    const detector = new BurstDetector({ windowMs: 10 * MINUTE, threshold: 3 });
    detector.observe(block(1, 0));
    detector.observe(block(1, 1));
    assert.equal(detector.observe(block(1, 2)), undefined);
  });

  it('forgets blocks that fell out of the window', () => {
    const detector = new BurstDetector({ windowMs: 5 * MINUTE, threshold: 3 });
    detector.observe(block(1, 0));
    detector.observe(block(2, 1));
    assert.equal(detector.observe(block(3, 7)), undefined, 'u1 and u2 are older than 5 minutes');
    assert.equal(detector.observe(block(4, 8)), undefined);
    assert.equal(detector.observe(block(5, 9))?.incident.count, 3);
  });

  it('updates the same incident for newcomers, keeping its id, and closes it after a quiet window', () => {
    const detector = new BurstDetector({ windowMs: 5 * MINUTE, threshold: 2 });
    detector.observe(block(1, 0));
    const opened = detector.observe(block(2, 1));
    const updated = detector.observe(block(3, 3));
    assert.equal(updated?.kind, 'updated');
    assert.equal(updated?.incident.id, opened?.incident.id);
    assert.equal(updated?.incident.count, 3);
    assert.equal(detector.observe(block(3, 4)), undefined, 'a repeat is not news');
    detector.observe(block(5, 20));
    const again = detector.observe(block(6, 21));
    assert.equal(again?.kind, 'opened');
    assert.notEqual(again?.incident.id, opened?.incident.id);
  });

  it('keeps policies apart', () => {
    const detector = new BurstDetector({ windowMs: 5 * MINUTE, threshold: 2 });
    detector.observe(block(1, 0, 'a'));
    assert.equal(detector.observe(block(2, 0, 'b')), undefined);
    assert.equal(detector.observe(block(3, 1, 'a'))?.incident.policyId, 'a');
  });

  it('accepts events out of order within the window', () => {
    const detector = new BurstDetector({ windowMs: 5 * MINUTE, threshold: 3 });
    detector.observe(block(1, 4));
    detector.observe(block(2, 2));
    const signal = detector.observe(block(3, 3));
    assert.equal(signal?.incident.firstAt.getTime(), T0 + 2 * MINUTE);
    assert.equal(signal?.incident.lastAt.getTime(), T0 + 4 * MINUTE);
  });

  it('lists at most maxUsersListed users but counts them all', () => {
    const detector = new BurstDetector({ windowMs: 5 * MINUTE, threshold: 2, maxUsersListed: 2 });
    let last: BurstSignal | undefined;
    for (let i = 0; i < 5; i += 1) last = detector.observe(block(i, 0)) ?? last;
    assert.equal(last?.incident.count, 5);
    assert.equal(last?.incident.users.length, 2);
  });

  it('rejects settings that make no sense', () => {
    assert.throws(() => new BurstDetector({ windowMs: 0, threshold: 3 }), RangeError);
    assert.throws(() => new BurstDetector({ windowMs: MINUTE, threshold: 1 }), RangeError);
  });
});

describe('diagnosis service and incidents', () => {
  function tenantWithBlockedUsers(count: number) {
    const policy = aCaPolicy({ displayName: 'CA009 New block' });
    const users = Array.from({ length: count }, (_, i) =>
      aUser({ id: nextId(), userPrincipalName: `user${i}@contoso.example` }),
    );
    const signIns = users.map((u) =>
      aSignIn({
        userId: u.id,
        appliedConditionalAccessPolicies: [
          anAppliedPolicy({ id: policy.id, displayName: policy.displayName }),
        ],
      }),
    );
    return { policy, users, reader: new FakeDirectory({ users, signIns, caPolicies: [policy] }) };
  }

  it('posts one incident, then updates it in order, while every person still gets an answer', async () => {
    const { policy, users, reader } = tenantWithBlockedUsers(4);
    const posted: BurstSignal[] = [];
    const service = new DiagnosisService({
      reader,
      clock: fixedClock,
      burst: {
        detector: new BurstDetector({ windowMs: 10 * MINUTE, threshold: 3 }),
        notifier: {
          notify: async (signal) => {
            await new Promise((r) => setTimeout(r, signal.kind === 'opened' ? 20 : 0));
            posted.push(signal);
          },
        },
        onNotifyError: () => assert.fail('no error expected'),
      },
    });
    const answers = await Promise.all(
      users.map((u) =>
        service.diagnose({
          triage: aTriage('ca-blocked', { code: 53003 }),
          subject: { kind: 'id', id: u.id },
          audience: 'user',
        }),
      ),
    );
    assert.ok(answers.every((d) => d.status === 'found'));
    await service.idle();
    assert.deepEqual(
      posted.map((s) => [s.kind, s.incident.count]),
      [
        ['opened', 3],
        ['updated', 4],
      ],
    );
    assert.equal(posted[0].incident.policyId, policy.id);
  });

  it('does not fail a diagnosis when the incident post fails', async () => {
    const { users, reader } = tenantWithBlockedUsers(2);
    const errors: unknown[] = [];
    const service = new DiagnosisService({
      reader,
      clock: fixedClock,
      burst: {
        detector: new BurstDetector({ windowMs: 10 * MINUTE, threshold: 2 }),
        notifier: { notify: async () => Promise.reject(new Error('channel unreachable')) },
        onNotifyError: (error) => errors.push(error),
      },
    });
    for (const u of users) {
      const d = await service.diagnose({
        triage: aTriage('ca-blocked', { code: 53003 }),
        subject: { kind: 'id', id: u.id },
        audience: 'user',
      });
      assert.equal(d.status, 'found');
    }
    await service.idle();
    assert.equal(errors.length, 1);
  });
});
