import assert from 'node:assert/strict';
import {
  applicability,
  exclusionImpact,
  grantEffect,
  impactFromEvaluation,
  situationOf,
  type CaPolicy,
  type SignInSituation,
} from '../../src/conditional-access';

const USER = '11111111-1111-4111-8111-111111111111';
const STAFF = '22222222-2222-4222-8222-222222222222';
const EXCLUSIONS = '33333333-3333-4333-8333-333333333333';
const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const ALLOWED = '44444444-4444-4444-8444-444444444444';
const ADMIN_ROLE = '62e90394-69f5-4237-9190-012177145e10';

function policy(overrides: Partial<CaPolicy> & { id: string }): CaPolicy {
  return {
    displayName: overrides.id,
    state: 'enabled',
    users: {
      includeUsers: ['All'],
      excludeUsers: [],
      includeGroups: [],
      excludeGroups: [EXCLUSIONS],
      includeRoles: [],
      excludeRoles: [],
    },
    applications: { includeApplications: ['All'], excludeApplications: [] },
    clientAppTypes: ['all'],
    platforms: null,
    locations: null,
    userRiskLevels: [],
    signInRiskLevels: [],
    grant: { operator: 'OR', builtInControls: ['block'] },
    ...overrides,
  };
}

const fromBrazil: SignInSituation = situationOf(
  {
    appId: TEAMS,
    operatingSystem: 'Windows10',
    clientAppUsed: 'Mobile Apps and Desktop clients',
    country: 'BR',
    ipAddress: '203.0.113.45',
    riskLevelDuringSignIn: 'none',
    deviceIsCompliant: null,
  },
  { userId: USER, groupIds: [STAFF], roleIds: [], isGuest: false },
);

const countryBlock = policy({
  id: 'block-countries',
  locations: { includeLocations: ['All'], excludeLocations: [ALLOWED] },
});
const named = [{ id: ALLOWED, countries: ['US', 'GB'], ipRanges: [], isTrusted: false }];

describe('Conditional Access What If (the bot’s own evaluation)', () => {
  it('reads a logged sign-in as Graph’s signInConditions', () => {
    assert.equal(fromBrazil.devicePlatform, 'windows');
    assert.equal(fromBrazil.clientAppType, 'mobileAppsAndDesktopClients');
    assert.equal(fromBrazil.signInRiskLevel, 'none');
    assert.equal(fromBrazil.deviceIsCompliant, undefined, 'an unknown compliance is left out');
  });

  it('applies a location block outside the allowed countries, not inside them', () => {
    assert.deepEqual(applicability(countryBlock, fromBrazil, named), { applies: true });
    assert.deepEqual(applicability(countryBlock, { ...fromBrazil, country: 'US' }, named), {
      applies: false,
      reason: 'location',
    });
    assert.deepEqual(applicability(countryBlock, fromBrazil, []), {
      applies: 'unknown',
      reason: 'location',
    });
  });

  it('matches IP ranges of a named location', () => {
    const office = [{ id: ALLOWED, countries: [], ipRanges: ['203.0.113.0/24'], isTrusted: true }];
    assert.deepEqual(applicability(countryBlock, fromBrazil, office), {
      applies: false,
      reason: 'location',
    });
    const trusted = policy({
      id: 'trusted',
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
    });
    assert.equal(applicability(trusted, fromBrazil, office).applies, false);
    assert.equal(
      applicability(trusted, { ...fromBrazil, ipAddress: '198.51.100.1' }, office).applies,
      true,
    );
  });

  it('lets exclusions win: an excluded group, user or role takes the policy away', () => {
    assert.deepEqual(
      applicability(countryBlock, { ...fromBrazil, groupIds: [STAFF, EXCLUSIONS] }, named),
      {
        applies: false,
        reason: 'users',
      },
    );
    const admins = policy({
      id: 'admins',
      users: {
        ...countryBlock.users,
        includeUsers: [],
        includeRoles: [ADMIN_ROLE],
        excludeGroups: [],
      },
    });
    assert.equal(applicability(admins, fromBrazil).applies, false);
    assert.equal(applicability(admins, { ...fromBrazil, roleIds: [ADMIN_ROLE] }).applies, true);
    const guests = policy({
      id: 'guests',
      users: { ...admins.users, includeRoles: [], includeUsers: ['GuestsOrExternalUsers'] },
    });
    assert.equal(applicability(guests, fromBrazil).applies, false);
    assert.equal(applicability(guests, { ...fromBrazil, isGuest: true }).applies, true);
  });

  it('checks app, client app, platform and risk, and says which ruled it out', () => {
    const finance = policy({
      id: 'finance',
      applications: {
        includeApplications: ['9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d'],
        excludeApplications: [],
      },
    });
    assert.deepEqual(applicability(finance, fromBrazil), { applies: false, reason: 'application' });
    const office = policy({
      id: 'office',
      applications: { includeApplications: ['Office365'], excludeApplications: [] },
    });
    assert.deepEqual(applicability(office, fromBrazil), {
      applies: 'unknown',
      reason: 'application',
    });
    const browser = policy({ id: 'browser', clientAppTypes: ['browser'] });
    assert.deepEqual(applicability(browser, fromBrazil), { applies: false, reason: 'clientApps' });
    const mac = policy({
      id: 'mac',
      platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
    });
    assert.deepEqual(applicability(mac, fromBrazil), { applies: false, reason: 'devicePlatform' });
    const risky = policy({ id: 'risky', userRiskLevels: ['high'] });
    assert.deepEqual(applicability(risky, fromBrazil), { applies: 'unknown', reason: 'userRisk' });
    assert.equal(applicability(risky, { ...fromBrazil, userRiskLevel: 'high' }).applies, true);
    assert.deepEqual(
      applicability({ ...risky, state: 'enabledForReportingButNotEnforced' }, fromBrazil),
      {
        applies: false,
        reason: 'policyNotEnabled',
      },
    );
  });

  it('tells blocking grants from requirements the person can meet', () => {
    const compliant = policy({
      id: 'compliant',
      grant: { operator: 'OR', builtInControls: ['compliantDevice'] },
    });
    assert.equal(grantEffect(compliant, fromBrazil).effect, 'blocks');
    assert.equal(
      grantEffect(compliant, { ...fromBrazil, deviceIsCompliant: true }).effect,
      'grants',
    );
    const either = policy({
      id: 'either',
      grant: { operator: 'OR', builtInControls: ['compliantDevice', 'mfa'] },
    });
    assert.equal(grantEffect(either, fromBrazil).effect, 'asks');
    const both = policy({
      id: 'both',
      grant: { operator: 'AND', builtInControls: ['compliantDevice', 'mfa'] },
    });
    assert.equal(grantEffect(both, fromBrazil).effect, 'blocks');
    assert.equal(grantEffect(policy({ id: 'none', grant: null }), fromBrazil).effect, 'grants');
  });

  it('compares every enabled policy with and without the exclusion group', () => {
    const notExcluding = policy({
      id: 'no-exclusion',
      users: { ...countryBlock.users, excludeGroups: [] },
      locations: countryBlock.locations,
    });
    const mfa = policy({
      id: 'mfa',
      grant: { operator: 'OR', builtInControls: ['mfa'] },
      users: { ...countryBlock.users, excludeGroups: [] },
    });
    const off = policy({ id: 'off', state: 'disabled' });
    const impact = exclusionImpact({
      policies: [countryBlock, notExcluding, mfa, off],
      situation: fromBrazil,
      exclusionGroupId: EXCLUSIONS,
      namedLocations: named,
    });
    assert.deepEqual(
      impact.stopsBlocking.map((p) => p.id),
      ['block-countries'],
    );
    assert.deepEqual(
      impact.stillBlocks.map((p) => p.id),
      ['no-exclusion'],
    );
    assert.deepEqual(
      impact.stillAsks.map((p) => p.id),
      ['mfa'],
    );
  });

  it('uses what the failed sign-in’s log saw for a condition it cannot check, and flags a guess', () => {
    const observed = new Map([['block-countries', 'applied' as const]]);
    const seen = exclusionImpact({
      policies: [countryBlock],
      situation: fromBrazil,
      exclusionGroupId: EXCLUSIONS,
      observed,
    });
    assert.deepEqual(
      seen.stopsBlocking.map((p) => [p.id, p.unsure]),
      [['block-countries', undefined]],
    );
    const notSeen = exclusionImpact({
      policies: [
        policy({
          ...countryBlock,
          id: 'other',
          users: { ...countryBlock.users, excludeGroups: [] },
        }),
      ],
      situation: fromBrazil,
      exclusionGroupId: EXCLUSIONS,
    });
    assert.equal(notSeen.stillBlocks[0].unsure, 'the location');
    const ruledOut = exclusionImpact({
      policies: [countryBlock],
      situation: fromBrazil,
      exclusionGroupId: EXCLUSIONS,
      observed: new Map([['block-countries', 'notApplied' as const]]),
    });
    assert.equal(ruledOut.stopsBlocking.length + ruledOut.stillBlocks.length, 0);
  });

  it('reads Graph’s own evaluation the same way', () => {
    const notExcluding = policy({
      id: 'no-exclusion',
      users: { ...countryBlock.users, excludeGroups: [] },
    });
    const impact = impactFromEvaluation({
      results: [
        { policy: countryBlock, policyApplies: true },
        { policy: notExcluding, policyApplies: true },
        { policy: policy({ id: 'not-applying' }), policyApplies: false },
      ],
      situation: fromBrazil,
      exclusionGroupId: EXCLUSIONS,
    });
    assert.deepEqual(
      impact.stopsBlocking.map((p) => p.id),
      ['block-countries'],
    );
    assert.deepEqual(
      impact.stillBlocks.map((p) => p.id),
      ['no-exclusion'],
    );
  });
});
