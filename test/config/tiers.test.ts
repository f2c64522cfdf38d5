import assert from 'node:assert/strict';
import { remediationPolicyOf as composeRemediationPolicy } from '../../bot/compose';
import { ConfigError, parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';

const GUID_A = '11111111-2222-4333-8444-555555555555';
const GUID_B = '66666666-7777-4888-9999-000000000000';
const ADMIN = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d09';

const production = {
  BOT_ID: GUID_A,
  BOT_PASSWORD: 'bot-secret-value',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: GUID_B,
  AZURE_TENANT_ID: GUID_B,
  AZURE_CLIENT_ID: GUID_A,
  AZURE_CLIENT_SECRET: 'graph-secret-value',
  AZURE_STORAGE_CONNECTION_STRING:
    'DefaultEndpointsProtocol=https;AccountName=helpdesk;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  HELPDESK_GROUP_ID: GUID_B,
  ADMIN_GROUP_ID: ADMIN,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, LOCAL_TENANT);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message.split('\n');
  }
  assert.fail('expected a configuration error');
}

describe('config: approver tiers', () => {
  it('turns the settings into per-fix approvers, four eyes and the admin tier', () => {
    const config = parseConfig({
      ...production,
      FIX_APPROVERS: `revoke-sessions=admin,${GUID_A}; ca-exclusion = helpdesk`,
      FIX_FOUR_EYES: 'revoke-sessions',
      ADMIN_TIER_FIXES: 'issue-tap',
      CA_NEVER_EXCLUDE_POLICY_IDS: GUID_A,
      CA_EXCLUSION_MAX_HOURS: '24',
    });
    const policy = composeRemediationPolicy(config);
    assert.deepEqual(policy.approverGroupIds['revoke-sessions'], [ADMIN, GUID_A]);
    assert.deepEqual(policy.approverGroupIds['ca-exclusion'], [GUID_B]);
    assert.deepEqual(policy.approverGroupIds['confirm-compromised'], [ADMIN], 'the default');
    assert.deepEqual(policy.approverGroupIds['issue-tap'], [GUID_B]);
    assert.deepEqual(policy.fourEyesKinds, ['revoke-sessions']);
    assert.deepEqual(policy.roleHolderAdminKinds, ['issue-tap']);
    assert.deepEqual(policy.neverExcludePolicyIds, [GUID_A]);
    assert.equal(policy.caExclusion.maxHours, 24);
    assert.deepEqual(policy.adminGroupIds, [ADMIN]);
  });

  it('keeps the defaults without settings, and "none" turns four eyes off', () => {
    const policy = composeRemediationPolicy(parseConfig({ ...production, FIX_FOUR_EYES: 'none' }));
    assert.deepEqual(policy.fourEyesKinds, []);
    assert.ok(policy.roleHolderAdminKinds.includes('dismiss-risk'));
    assert.equal(policy.caExclusion.maxHours, 72);
  });

  it('local mode has the sandbox admin group and protected policies', () => {
    const policy = composeRemediationPolicy(parseConfig({}, LOCAL_TENANT));
    assert.deepEqual(policy.approverGroupIds['confirm-compromised'], [LOCAL_TENANT.adminGroupId]);
    assert.equal(policy.neverExcludePolicyIds.length, 2);
  });

  it('names every bad value on a line of its own', () => {
    const lines = problemsOf({
      ...production,
      FIX_APPROVERS: 'reset-everything=admin; issue-tap=somebody; dismiss-risk=',
      FIX_FOUR_EYES: 'issue-tap,delete-user',
      CA_NEVER_EXCLUDE_POLICY_IDS: 'CA002',
      CA_EXCLUSION_MAX_HOURS: '500',
    });
    assert.equal(lines.length, 6, lines.join('\n'));
    assert.match(lines[0], /^Configuration error: FIX_APPROVERS: .*got "reset-everything=admin"/);
    assert.match(lines[1], /FIX_APPROVERS: expected for issue-tap, groups as helpdesk, admin/);
    assert.match(lines[2], /FIX_APPROVERS: .*got "dismiss-risk="/);
    assert.match(lines[3], /CA_NEVER_EXCLUDE_POLICY_IDS: .*GUIDs.*got "CA002"/);
    assert.match(
      lines[4],
      /CA_EXCLUSION_MAX_HOURS: expected a whole number of hours from 1 to 168, got "500"/,
    );
    assert.match(
      lines[5],
      /FIX_FOUR_EYES: expected a comma-separated list of fix names .*got "delete-user"/,
    );
  });

  it('one bad value is a single line naming the variable', () => {
    const lines = problemsOf({ ...production, ADMIN_TIER_FIXES: 'issue-tap;dismiss-risk' });
    assert.deepEqual(lines.length, 1);
    assert.match(lines[0], /ADMIN_TIER_FIXES: .*got "issue-tap;dismiss-risk"/);
  });

  it('refuses the admin tier by name when there is no admin group', () => {
    const { ADMIN_GROUP_ID: _unused, ...withoutAdmin } = production;
    void _unused;
    const lines = problemsOf({ ...withoutAdmin, FIX_APPROVERS: 'confirm-compromised=admin' });
    assert.match(lines[0], /FIX_APPROVERS: expected ADMIN_GROUP_ID to be set/);
  });
});
