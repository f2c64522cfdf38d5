import assert from 'node:assert/strict';
import { passProblem } from '../../src/diagnosis/kinds/temporary-access-pass';
import {
  ALEX,
  NOW,
  aDetection,
  aGuest,
  aRiskyUser,
  aTap,
  aTriage,
  aUser,
  minutesAgo,
  anExpiredTap,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { diagnosisCardData } from '../../cards/diagnosis';
import { TAP_WANTED_CUE } from '../../src/triage/concept-cues';
import { run, said } from './fakes/run';

describe('diagnosis: blocked for user risk', () => {
  const triage = aTriage('risky-user-blocked', { code: 530032 });

  it('shows level, state, detail, last update and recent detections newest first', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      riskyUsers: [aRiskyUser()],
      detections: [
        aDetection({
          riskEventType: 'leakedCredentials',
          activity: 'user',
          activityDateTime: minutesAgo(600),
          location: null,
        }),
        aDetection({ riskEventType: 'unfamiliarFeatures', activityDateTime: minutesAgo(50) }),
      ],
    });
    const d = await run(reader, triage);
    assert.equal(d.status, 'found');
    assert.match(d.headline, /user risk is high/);
    const text = said(d);
    assert.match(text, /Risk level: High/);
    assert.match(text, /Risk state: At risk/);
    assert.match(text, /Risk detail: No remediation recorded/);
    assert.match(text, /Last updated: 15 Jan 2026, 11:15 UTC/);
    assert.ok(d.details.view === 'user-risk');
    assert.deepEqual(
      d.details.detections.map((x) => x.riskEventType),
      ['unfamiliarFeatures', 'leakedCredentials'],
    );
    assert.match(text, /10 to 15 minutes/);
  });

  it('offers to dismiss the risk or confirm the compromise, require a password change and revoke sessions for a member', async () => {
    const reader = new FakeDirectory({ users: [aUser()], riskyUsers: [aRiskyUser()] });
    const d = await run(reader, triage);
    assert.deepEqual(
      d.offers.map((o) => [o.kind, o.subjectId]),
      [
        ['dismiss-risk', ALEX],
        ['confirm-compromised', ALEX],
        ['require-password-change', ALEX],
        ['revoke-sessions', ALEX],
      ],
    );
    assert.match(d.offers[0].reason, /does not change the password/);
    assert.match(d.offers[1].reason, /did not do what Identity Protection saw/);
  });

  it('does not offer to dismiss a risk already confirmed as compromise', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      riskyUsers: [aRiskyUser({ riskState: 'confirmedCompromised' })],
    });
    const d = await run(reader, triage);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['require-password-change', 'revoke-sessions'],
    );
  });

  it('for a guest, explains the home tenant and the exclusion option, and reads no detections', async () => {
    const guest = aGuest();
    const reader = new FakeDirectory({ users: [guest] });
    const d = await run(reader, triage, { subject: { kind: 'id', id: guest.id } });
    assert.equal(d.status, 'found');
    assert.deepEqual(d.offers, []);
    assert.match(said(d), /home/);
    assert.match(said(d), /user\.userType -eq "Guest"/);
    assert.equal(reader.callsTo('listRiskDetections').length, 0);
  });

  it('says the risk is gone when it was remediated', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      riskyUsers: [
        aRiskyUser({
          riskLevel: 'none',
          riskState: 'remediated',
          riskDetail: 'userPerformedSecuredPasswordReset',
        }),
      ],
    });
    const d = await run(reader, triage);
    assert.equal(d.status, 'resolved');
    assert.deepEqual(d.offers, []);
    assert.match(said(d), /reset the password securely/);
  });

  it('says the level is hidden without a P2 licence', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      riskyUsers: [aRiskyUser({ riskLevel: 'hidden' })],
    });
    const d = await run(reader, triage);
    assert.match(d.headline, /P2/);
  });

  it('names the risk permission and shows the detections read when only the risk record is not allowed', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      riskyUsers: [aRiskyUser()],
      detections: [aDetection({ riskEventType: 'unfamiliarFeatures' })],
    }).revoke('IdentityRiskyUser.Read.All');
    const d = await run(reader, triage, { audience: 'helpdesk' });
    assert.equal(d.status, 'missing-permission');
    assert.equal(d.headline, 'The bot may not read the account risk in this tenant yet');
    assert.deepEqual(d.missingPermissions, ['IdentityRiskyUser.Read.All']);
    const text = said(d);
    assert.match(text, /Could not check the account risk/);
    assert.match(text, /What Identity Protection noticed/);
    assert.doesNotMatch(text, /no active risk|No risk record|User risk is|behind the risk/i, text);
    assert.ok(d.details.view === 'user-risk');
    assert.equal(d.details.detections.length, 1);
    assert.deepEqual(d.offers, [], 'no dismiss or other fix resting on the unread record');
    assert.equal(d.unanswered, undefined, 'a permission, not something to check again');
  });

  it('says there is no risk record when the record read answers none', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      detections: [aDetection({ riskEventType: 'unfamiliarFeatures' })],
    });
    const d = await run(reader, triage);
    assert.equal(d.status, 'resolved');
    assert.match(said(d), /No risk record/);
    assert.deepEqual(d.missingPermissions, []);
  });

  it('names both Identity Protection permissions when neither read is allowed', async () => {
    const reader = new FakeDirectory({ users: [aUser()] })
      .revoke('IdentityRiskyUser.Read.All')
      .revoke('IdentityRiskEvent.Read.All');
    const d = await run(reader, triage);
    assert.equal(d.status, 'missing-permission');
    assert.deepEqual(d.missingPermissions.sort(), [
      'IdentityRiskEvent.Read.All',
      'IdentityRiskyUser.Read.All',
    ]);
  });
});

describe('diagnosis: Temporary Access Pass refused', () => {
  const triage = aTriage('tap-blocked');

  it('explains an expired pass and offers a new one', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      taps: {
        [ALEX]: [anExpiredTap()],
      },
    });
    const d = await run(reader, triage);
    assert.equal(d.status, 'found');
    assert.match(said(d), /It expired on 10 Jan 2026, 13:00 UTC/);
    assert.deepEqual(
      d.offers.map((o) => [o.kind, o.subjectId]),
      [['issue-tap', ALEX]],
    );
    assert.match(d.offers[0].reason, /replaces/);
  });

  it('answers a pass asked for ("I need a temporary access pass") as asked for, not refused', async () => {
    const reader = new FakeDirectory({ users: [aUser()], taps: { [ALEX]: [] } });
    const asked = await run(reader, { ...triage, cue: TAP_WANTED_CUE });
    assert.equal(asked.headline, 'There is no pass on this account yet');
    assert.equal(asked.causesHeading, 'The pass asked for');
    assert.doesNotMatch(said(asked), /will be refused/);
    assert.equal(asked.offers[0]?.kind, 'issue-tap');
    const card = diagnosisCardData(asked, { audience: 'user' });
    assert.equal(card.kind.causes, 'The pass asked for');
    // A pass refused keeps the kind's own heading and words.
    const refused = await run(reader, triage);
    assert.equal(refused.headline, 'There is no pass on this account');
    assert.equal(refused.causesHeading, undefined);
    assert.equal(
      diagnosisCardData(refused, { audience: 'user' }).kind.causes,
      'Why the pass was refused',
    );
  });

  it('explains a one-time pass that was already used', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      taps: { [ALEX]: [aTap({ methodUsabilityReason: 'OneTimeUsed', isUsable: false })] },
    });
    const d = await run(reader, triage);
    assert.match(said(d), /already been used/);
    assert.equal(d.offers[0]?.kind, 'issue-tap');
  });

  it('blames a policy that forces one-time passes and offers the policy change before a pass', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      tapPolicy: {
        state: 'enabled',
        isUsableOnce: true,
        defaultLifetimeInMinutes: 60,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [],
      },
      taps: { [ALEX]: [aTap({ methodUsabilityReason: 'OneTimeUsed', isUsable: false })] },
    });
    const d = await run(reader, triage);
    assert.equal(d.headline, "The tenant's pass policy makes passes fail");
    assert.match(said(d), /one-time passes only.*Autopilot signs in twice.*fail the same way/s);
    assert.deepEqual(
      d.offers.map((o) => [o.kind, o.subjectId]),
      [
        ['tap-policy', 'tenant'],
        ['issue-tap', ALEX],
      ],
    );
  });

  it('blames a policy whose longest pass is too short for Autopilot', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      tapPolicy: {
        state: 'enabled',
        isUsableOnce: false,
        defaultLifetimeInMinutes: 20,
        minimumLifetimeInMinutes: 10,
        maximumLifetimeInMinutes: 30,
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [],
      },
      taps: { [ALEX]: [aTap({ methodUsabilityReason: 'Expired', isUsable: false })] },
    });
    const d = await run(reader, triage);
    assert.match(said(d), /at most 30 minutes, too short for Windows Autopilot/);
    assert.equal(d.offers[0]?.kind, 'tap-policy');
  });

  it('does not blame a multi-use policy with room for two sign-ins', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      taps: { [ALEX]: [aTap({ methodUsabilityReason: 'Expired', isUsable: false })] },
    });
    const d = await run(reader, triage);
    assert.ok(!d.offers.some((o) => o.kind === 'tap-policy'), JSON.stringify(d.offers));
  });

  it('shows the policy: one-time use, lifetimes and who is in scope', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      tapPolicy: {
        state: 'enabled',
        isUsableOnce: true,
        defaultLifetimeInMinutes: 60,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        includeTargets: [{ targetType: 'group', id: 'g-staff' }],
        excludeTargets: [],
      },
      groups: { [ALEX]: ['g-staff'] },
    });
    const d = await run(reader, triage);
    const text = said(d);
    assert.match(text, /Use: One time only/);
    assert.match(text, /Lifetime: 1 hour by default \(1 hour to 8 hours\)/);
    assert.match(text, /Who can use it: Members of 1 group/);
    assert.match(text, /no pass on this account/i);
    assert.equal(d.offers[0]?.kind, 'issue-tap');
  });

  it('refuses to offer a pass to someone the policy excludes', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      tapPolicy: {
        state: 'enabled',
        isUsableOnce: false,
        defaultLifetimeInMinutes: 60,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [{ targetType: 'group', id: 'g-admins' }],
      },
      groups: { [ALEX]: ['g-admins'] },
      taps: { [ALEX]: [aTap({ methodUsabilityReason: 'DisabledByPolicy', isUsable: false })] },
    });
    const d = await run(reader, triage);
    assert.match(said(d), /outside the policy/);
    assert.deepEqual(d.offers, []);
  });

  describe("the account's groups the policy is for could not be read", () => {
    const groupPolicy = {
      state: 'enabled' as const,
      isUsableOnce: false,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      includeTargets: [{ targetType: 'group' as const, id: 'g-staff' }],
      excludeTargets: [],
    };

    for (const audience of ['user', 'helpdesk'] as const) {
      it(`offers no pass and says the policy's scope was not checked (${audience})`, async () => {
        const reader = new FakeDirectory({
          users: [aUser()],
          tapPolicy: groupPolicy,
          groups: { [ALEX]: ['g-staff'] },
          taps: { [ALEX]: [anExpiredTap()] },
        }).revoke('GroupMember.Read.All');
        const d = await run(reader, triage, { audience });
        assert.deepEqual(d.offers, [], 'no pass offered as if usable');
        assert.match(said(d), /Whether the pass policy includes this account could not be checked/);
        assert.doesNotMatch(said(d), /looks usable/);
        const steps = d.nextSteps.join(' ');
        assert.doesNotMatch(steps, /new pass \(the button below\)/);
        assert.match(
          steps,
          audience === 'user' ? /Ask the helpdesk whether/ : /Authentication methods > Temporary/,
        );
      });
    }

    it('a valid pass is not called usable either', async () => {
      const reader = new FakeDirectory({
        users: [aUser()],
        tapPolicy: groupPolicy,
        taps: { [ALEX]: [aTap()] },
      }).revoke('GroupMember.Read.All');
      const d = await run(reader, triage);
      assert.notEqual(d.status, 'resolved');
      assert.match(said(d), /the account's groups were not read/);
      assert.deepEqual(d.offers, []);
    });

    it('read, the same policy lets the pass be offered', async () => {
      const reader = new FakeDirectory({
        users: [aUser()],
        tapPolicy: groupPolicy,
        groups: { [ALEX]: ['g-staff'] },
        taps: { [ALEX]: [anExpiredTap()] },
      });
      const d = await run(reader, triage, { audience: 'helpdesk' });
      assert.deepEqual(
        d.offers.map((o) => o.kind),
        ['issue-tap'],
      );
      assert.match(d.nextSteps[0] ?? '', /^Issue a new pass \(the button below\) and tell them/);
    });
  });

  it('refuses to offer a pass when the method is turned off, or to a guest', async () => {
    const off = new FakeDirectory({ users: [aUser()] });
    off.tenant.tapPolicy.state = 'disabled';
    assert.deepEqual((await run(off, triage)).offers, []);
    const guest = aGuest();
    const d = await run(new FakeDirectory({ users: [guest] }), triage, {
      subject: { kind: 'id', id: guest.id },
    });
    assert.deepEqual(d.offers, []);
    assert.match(said(d), /Guests cannot have a Temporary Access Pass/);
  });

  it('reads why a pass is unusable from its times and the policy', () => {
    const future = aTap({
      startDateTime: new Date(NOW.getTime() + 3_600_000).toISOString(),
      methodUsabilityReason: null,
    });
    assert.match(
      passProblem(future, undefined, NOW) ?? '',
      /only becomes valid on 15 Jan 2026, 13:00 UTC/,
    );
    const multi = aTap({ isUsableOnce: false, methodUsabilityReason: null });
    const policy = {
      state: 'enabled',
      isUsableOnce: true,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      includeTargets: [],
      excludeTargets: [],
    };
    assert.match(passProblem(multi, policy, NOW) ?? '', /one-time passes only/);
    assert.equal(passProblem(aTap(), policy, NOW), undefined);
  });
});
