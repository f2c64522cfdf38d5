import assert from 'node:assert/strict';
import {
  checkAuthenticator,
  checkFido2,
  checkTemporaryAccessPass,
} from '../../src/posture/checks/authentication-methods';
import {
  AZURE_MANAGEMENT_APP,
  checkAzureManagement,
  checkEmergencyAccess,
  checkExclusionGrowth,
} from '../../src/posture/checks/conditional-access';
import type { CheckContext } from '../../src/posture/checks/context';
import { checkSecurityDefaults } from '../../src/posture/checks/security-defaults';
import { checkDirectorySync, checkSecureScore } from '../../src/posture/checks/tenant-health';
import type { CaPolicy, Fido2Policy, Read, TapPolicy } from '../../src/posture/reads';

const NOW = new Date('2030-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({
  now: NOW,
  settings: {
    emergencyAccessUserIds: ['b1'],
    everyHours: 24,
    syncStaleHours: 3,
    reportOnlyDays: 30,
  },
  groups: new Map([['g-ex', { displayName: 'Exclusions', memberCount: 4 }]]),
  ...over,
});
type PolicyOverrides = Partial<Omit<CaPolicy, 'users'>> & { users?: Partial<CaPolicy['users']> };
const policy = (over: PolicyOverrides): CaPolicy => ({
  id: 'p',
  displayName: 'Policy',
  state: 'enabled',
  includeApplications: ['All'],
  builtInControls: ['mfa'],
  ...over,
  users: {
    includeUsers: ['All'],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    ...over.users,
  },
});

describe('posture checks', () => {
  it('cannot judge emergency access without configured accounts', () => {
    const item = checkEmergencyAccess(
      ok([policy({})]),
      ctx({ settings: { ...ctx().settings, emergencyAccessUserIds: [] } }),
    );
    assert.equal(item.status, 'unknown');
    assert.match(item.evidence[0], /EMERGENCY_ACCESS_USER_IDS/);
  });

  it('accepts the emergency-access group instead of the accounts', () => {
    const settings = { ...ctx().settings, emergencyAccessGroupId: 'g-bg' };
    const item = checkEmergencyAccess(
      ok([policy({ builtInControls: ['block'], users: { excludeGroups: ['g-bg'] } })]),
      ctx({ settings }),
    );
    assert.equal(item.status, 'pass');
  });

  it('passes Azure management only when a block spares administrators', () => {
    const limiting = policy({
      displayName: 'Admins only',
      includeApplications: [AZURE_MANAGEMENT_APP],
      builtInControls: ['block'],
      users: { excludeRoles: ['62e90394-69f5-4237-9190-012177145e10'] },
    });
    assert.equal(checkAzureManagement(ok([limiting])).status, 'pass');
    assert.equal(checkAzureManagement(ok([{ ...limiting, state: 'disabled' }])).status, 'warn');
  });

  it('warns when an exclusion group grew since the last check', () => {
    const policies = ok([policy({ users: { excludeGroups: ['g-ex'] } })]);
    const grown = checkExclusionGrowth(policies, ctx(), { 'g-ex': 1 });
    assert.equal(grown.status, 'warn');
    assert.match(grown.evidence[0], /Exclusions: 4 members \(was 1\)/);
    assert.equal(checkExclusionGrowth(policies, ctx(), { 'g-ex': 4 }).status, 'pass');
    assert.doesNotMatch(
      checkExclusionGrowth(policies, ctx(), undefined).evidence.join(' '),
      /\(s\)/,
      'counts read as words, never "member(s)"',
    );
  });

  it('fails when neither security defaults nor any policy enforce anything', () => {
    assert.equal(checkSecurityDefaults(ok(false), ok([])).status, 'fail');
    assert.equal(checkSecurityDefaults(ok(true), ok([])).status, 'pass');
    const unread = checkSecurityDefaults(
      { ok: false, reason: 'forbidden', permission: 'Policy.Read.All' },
      ok([]),
    );
    assert.equal(unread.status, 'unknown');
    assert.match(
      unread.evidence[0],
      /grant the app the Microsoft Graph permission Policy\.Read\.All/,
    );
  });

  it('warns on a Temporary Access Pass that can live for days', () => {
    const tap: TapPolicy = {
      state: 'enabled',
      isUsableOnce: false,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 7 * 1440,
      includeTargets: [{ id: 'all_users', targetType: 'group' }],
    };
    const item = checkTemporaryAccessPass(ok(tap), ctx());
    assert.equal(item.status, 'warn');
    assert.match(item.fix!.steps, /maximum lifetime/);
    // Lifetimes in words: "1 hour", "7 days", never "1 hour(s)".
    const evidence = item.evidence.join(' ');
    assert.match(evidence, /default 1 hour, allowed 1 hour to 7 days/);
    assert.doesNotMatch(evidence, /\(s\)/);
  });

  it('fails Authenticator when it is turned off', () => {
    assert.equal(
      checkAuthenticator(ok({ state: 'disabled', includeTargets: [] }), ctx()).status,
      'fail',
    );
  });

  it('fails FIDO2 with an empty allow list and warns without self-service', () => {
    const fido: Fido2Policy = {
      state: 'enabled',
      isAttestationEnforced: true,
      isSelfServiceRegistrationAllowed: true,
      keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: [] },
      includeTargets: [{ id: 'all_users', targetType: 'group' }],
    };
    assert.equal(checkFido2(ok(fido), ctx()).status, 'fail');
    const noSelfService = {
      ...fido,
      isSelfServiceRegistrationAllowed: false,
      keyRestrictions: { ...fido.keyRestrictions, isEnforced: false },
    };
    assert.equal(checkFido2(ok(noSelfService), ctx()).status, 'warn');
  });

  it('warns when password hash sync never ran, and passes a cloud-only tenant', () => {
    const synced = checkDirectorySync(
      ok({
        displayName: 'T',
        onPremisesSyncEnabled: true,
        onPremisesLastSyncDateTime: hoursAgo(1),
        onPremisesLastPasswordSyncDateTime: null,
      }),
      ctx(),
    );
    assert.equal(synced.status, 'warn');
    assert.match(synced.evidence.join(' '), /Last password hash sync: never/);
    const cloud = checkDirectorySync(
      ok({
        displayName: 'T',
        onPremisesSyncEnabled: null,
        onPremisesLastSyncDateTime: null,
        onPremisesLastPasswordSyncDateTime: null,
      }),
      ctx(),
    );
    assert.equal(cloud.status, 'pass');
  });

  it('warns when Secure Score stopped updating or has no snapshot yet', () => {
    const stale = checkSecureScore(
      ok({ currentScore: 10, maxScore: 100, createdDateTime: hoursAgo(100) }),
      ctx(),
    );
    assert.equal(stale.status, 'warn');
    assert.match(stale.evidence[1], /4 days old/);
    assert.equal(checkSecureScore(ok(undefined), ctx()).status, 'warn');
  });
});
