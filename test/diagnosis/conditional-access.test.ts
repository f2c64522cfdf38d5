import assert from 'node:assert/strict';
import { SIGN_IN_CA_DETAILS_PERMISSION } from '../../src/diagnosis/ports';
import {
  ALEX,
  NOW,
  aCaPolicy,
  aGuest,
  aRiskyUser,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  minutesAgo,
  nextId,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const BLOCK = aCaPolicy({
  displayName: 'CA001 Block outside allowed countries',
  locationBased: true,
  excludeGroupIds: ['7c0e2b4d-0000-4000-8000-000000000003'],
});
const COMPLIANT = aCaPolicy({
  displayName: 'CA006 Require a compliant device',
  builtInControls: ['compliantDevice'],
  platforms: ['windows'],
});
const MFA_REPORT_ONLY = aCaPolicy({
  displayName: 'CA003 Require MFA (report-only)',
  state: 'enabledForReportingButNotEnforced',
  builtInControls: ['mfa'],
});

function blockedSignIn(overrides: Parameters<typeof aSignIn>[0] = {}) {
  return aSignIn({
    appliedConditionalAccessPolicies: [
      anAppliedPolicy({
        id: BLOCK.id,
        displayName: BLOCK.displayName,
        enforcedGrantControls: ['Block'],
      }),
      anAppliedPolicy({
        id: COMPLIANT.id,
        displayName: COMPLIANT.displayName,
        enforcedGrantControls: ['RequireCompliantDevice'],
      }),
      anAppliedPolicy({
        id: MFA_REPORT_ONLY.id,
        displayName: MFA_REPORT_ONLY.displayName,
        enforcedGrantControls: ['Mfa'],
        result: 'reportOnlyFailure',
      }),
      anAppliedPolicy({ displayName: 'CA002 Admins need MFA', result: 'notApplied' }),
    ],
    ...overrides,
  });
}

function tenant(signIns = [blockedSignIn()]) {
  return new FakeDirectory({
    users: [aUser()],
    signIns,
    caPolicies: [BLOCK, COMPLIANT, MFA_REPORT_ONLY],
  });
}

describe('diagnosis: blocked by Conditional Access', () => {
  it('finds the sign-in by request id and names each enforced policy that failed it', async () => {
    const signIn = blockedSignIn();
    const d = await run(
      tenant([signIn]),
      aTriage('ca-blocked', { code: 53003, fields: { requestId: signIn.id } }),
    );
    assert.equal(d.status, 'found');
    assert.equal(d.view, 'conditional-access');
    assert.equal(d.signIn?.matchedBy, 'request-id');
    assert.equal(d.signIn?.record.id, signIn.id);
    assert.ok(d.details.view === 'conditional-access');
    assert.deepEqual(
      d.details.enforced.map((p) => p.name),
      [BLOCK.displayName, COMPLIANT.displayName],
    );
    assert.deepEqual(d.details.enforced[1].controls, ['needs a device marked compliant by Intune']);
    assert.match(d.headline, /CA001 Block outside allowed countries/);
  });

  it('shows report-only failures apart, as not enforced', async () => {
    const d = await run(tenant(), aTriage('ca-blocked', { code: 53003 }));
    assert.ok(d.details.view === 'conditional-access');
    assert.deepEqual(
      d.details.reportOnly.map((p) => p.name),
      [MFA_REPORT_ONLY.displayName],
    );
    const finding = d.findings.find((f) => f.title.includes(MFA_REPORT_ONLY.displayName));
    assert.equal(finding?.kind, 'context');
    assert.match(finding?.detail ?? '', /blocked nothing/);
    assert.ok(!d.details.enforced.some((p) => p.name === 'CA002 Admins need MFA'));
  });

  it('gives the app, client app, device platform and state, location and time as evidence', async () => {
    const d = await run(tenant(), aTriage('ca-blocked', { code: 53003 }));
    const facts = Object.fromEntries((d.signIn?.facts ?? []).map((f) => [f.label, f.value]));
    assert.equal(facts.App, 'Microsoft Teams');
    assert.equal(facts['Client app'], 'Browser');
    assert.equal(facts.Device, 'Windows10, Chrome 131.0.0');
    assert.equal(facts['Device state'], 'No device identity was sent');
    assert.equal(facts.Location, 'Sao Paulo, BR (203.0.113.45)');
    assert.match(facts.Time, /15 Jan 2026, 11:30 UTC/);
    assert.match(said(d), /comes from; this one came from Sao Paulo, BR/);
  });

  it('picks the failing row of a correlation id that spans several steps', async () => {
    const correlationId = nextId();
    const interrupt = aSignIn({
      correlationId,
      createdDateTime: minutesAgo(31),
      status: {
        errorCode: 50074,
        failureReason: 'Strong authentication is required.',
        additionalDetails: null,
      },
      appliedConditionalAccessPolicies: [],
      conditionalAccessStatus: 'notApplied',
    });
    const failure = blockedSignIn({ correlationId, createdDateTime: minutesAgo(30) });
    const d = await run(
      tenant([interrupt, failure]),
      aTriage('ca-blocked', { code: 53003, fields: { correlationId } }),
    );
    assert.equal(d.signIn?.matchedBy, 'correlation-id');
    assert.equal(d.signIn?.record.id, failure.id);
  });

  it("never shows someone else's sign-in for a pasted correlation id", async () => {
    const theirs = blockedSignIn({ userId: nextId(), userPrincipalName: 'other@contoso.example' });
    const d = await run(
      tenant([theirs]),
      aTriage('ca-blocked', { code: 53003, fields: { correlationId: theirs.correlationId } }),
      { firstAskedAt: NOW },
    );
    assert.equal(d.signIn, undefined);
    assert.equal(d.status, 'pending-sign-in');
    assert.ok(!said(d).includes('other@contoso.example'));
  });

  it('says the sign-in is on its way and offers to check again while the paste is young', async () => {
    const d = await run(
      tenant([]),
      aTriage('ca-blocked', { code: 53003, fields: { correlationId: nextId() } }),
    );
    assert.equal(d.status, 'pending-sign-in');
    assert.equal(d.checkAgain, true);
    assert.match(said(d), /take a few minutes to arrive/);
    assert.match(d.nextSteps[0], /Check again/);
  });

  it('stops offering to check again once the sign-in should have arrived', async () => {
    const d = await run(
      tenant([]),
      aTriage('ca-blocked', { code: 53003, fields: { correlationId: nextId() } }),
      {
        firstAskedAt: new Date(NOW.getTime() - 25 * 60_000),
      },
    );
    assert.equal(d.status, 'no-record');
    assert.equal(d.checkAgain, false);
  });

  it('explains that a sign-in older than the log keeps cannot be found', async () => {
    const d = await run(
      tenant([]),
      aTriage('ca-blocked', {
        code: 53003,
        fields: { correlationId: nextId(), timestamp: '2025-11-01T10:00:00Z' },
      }),
    );
    assert.equal(d.status, 'no-record');
    assert.match(said(d), /30 days/);
  });

  it("takes the user's latest failure when the paste has no id", async () => {
    const older = blockedSignIn({ createdDateTime: minutesAgo(300) });
    const newer = blockedSignIn({ createdDateTime: minutesAgo(10) });
    const success = aSignIn({
      createdDateTime: minutesAgo(5),
      status: { errorCode: 0, failureReason: null, additionalDetails: null },
    });
    const d = await run(tenant([older, newer, success]), aTriage('ca-blocked', { code: 53003 }));
    assert.equal(d.signIn?.matchedBy, 'recent-failures');
    assert.equal(d.signIn?.record.id, newer.id);
  });

  it('says the sign-in went through when the pasted id only shows success', async () => {
    const ok = aSignIn({
      status: { errorCode: 0, failureReason: null, additionalDetails: null },
      conditionalAccessStatus: 'success',
    });
    const d = await run(
      tenant([ok]),
      aTriage('ca-blocked', { code: 53003, fields: { requestId: ok.id } }),
    );
    assert.equal(d.status, 'resolved');
    assert.equal(d.signIn?.record.id, ok.id);
  });

  it('names the permission when the log leaves out which policies applied', async () => {
    const reader = tenant().revoke(SIGN_IN_CA_DETAILS_PERMISSION);
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }));
    assert.ok(d.details.view === 'conditional-access');
    assert.equal(d.details.caDetailsHidden, true);
    assert.deepEqual(d.missingPermissions, [SIGN_IN_CA_DETAILS_PERMISSION]);
    const gap = d.findings.find((f) => f.kind === 'gap');
    assert.match(gap?.detail ?? '', /Policy\.Read\.All/);
    assert.match(gap?.title ?? '', /which Conditional Access policies applied/);
  });

  it('names AuditLog.Read.All when the sign-in log itself is forbidden', async () => {
    const d = await run(
      tenant().revoke('AuditLog.Read.All'),
      aTriage('ca-blocked', { code: 53003 }),
    );
    assert.equal(d.status, 'missing-permission');
    assert.deepEqual(d.missingPermissions, ['AuditLog.Read.All']);
  });

  it('offers a time-boxed exclusion only for policies that already exclude a group', async () => {
    const d = await run(tenant(), aTriage('ca-blocked', { code: 53003 }));
    assert.deepEqual(
      d.offers.map((o) => [o.kind, o.subjectId, o.targetId]),
      [['ca-exclusion', ALEX, BLOCK.id]],
    );
  });

  it('reads the account risk when a user-risk policy failed the sign-in, and offers risk fixes', async () => {
    const risk = aCaPolicy({ displayName: 'CA005 Block high user risk', userRiskLevels: ['high'] });
    const signIn = aSignIn({
      appliedConditionalAccessPolicies: [
        anAppliedPolicy({ id: risk.id, displayName: risk.displayName }),
      ],
    });
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [signIn],
      caPolicies: [risk],
      riskyUsers: [aRiskyUser()],
    });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }));
    assert.match(said(d), /acts when the account's risk is high/);
    assert.match(said(d), /User risk is high/);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['dismiss-risk', 'confirm-compromised', 'require-password-change', 'revoke-sessions'],
    );
    assert.equal(reader.callsTo('listRiskDetections').length, 0);
  });

  it('for a guest blocked by a risk policy, explains the home tenant and offers nothing', async () => {
    const risk = aCaPolicy({ userRiskLevels: ['high'] });
    const guest = aGuest();
    const signIn = aSignIn({
      userId: guest.id,
      appliedConditionalAccessPolicies: [anAppliedPolicy({ id: risk.id })],
    });
    const reader = new FakeDirectory({ users: [guest], signIns: [signIn], caPolicies: [risk] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }), {
      subject: { kind: 'id', id: guest.id },
    });
    assert.match(said(d), /home tenant/);
    assert.deepEqual(d.offers, []);
    assert.equal(reader.callsTo('getRiskyUser').length, 0);
  });
});
