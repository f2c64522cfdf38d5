import assert from 'node:assert/strict';
import {
  hasTenantFacts,
  tenantFacts,
  type TenantFactsReader,
} from '../../src/answers/tenant-facts';
import { knowledgeBase } from '../../src/answers/knowledge-base';
import type { GroupInfo, Read, TapPolicy } from '../../src/posture/reads';

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const FORBIDDEN = { ok: false, reason: 'forbidden', permission: 'Policy.Read.All' } as const;

const TAP: TapPolicy = {
  state: 'enabled',
  isUsableOnce: false,
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  includeTargets: [{ id: 'g-staff', targetType: 'group' }],
};

/** A reader whose every read is given; what is not given throws (the test did not expect it). */
function reader(reads: Partial<{ [K in keyof TenantFactsReader]: unknown }>): TenantFactsReader {
  const groups = ok(
    new Map<string, GroupInfo>([['g-staff', { displayName: 'All Staff', memberCount: 3 }]]),
  );
  const of = (name: keyof TenantFactsReader) => async () => {
    if (!(name in reads)) throw new Error(`unexpected read: ${name}`);
    return reads[name];
  };
  return {
    temporaryAccessPass: of('temporaryAccessPass'),
    sms: of('sms'),
    authenticator: of('authenticator'),
    latestSecureScore: of('latestSecureScore'),
    fido2: of('fido2'),
    organization: of('organization'),
    groups: async () => groups,
  } as TenantFactsReader;
}

describe("tenant facts: the tenant's own setting for a playbook topic", () => {
  it('says whether the Temporary Access Pass is enabled and for whom, by group name', async () => {
    const text = await tenantFacts('tap-policy', reader({ temporaryAccessPass: ok(TAP) }));
    assert.match(text ?? '', /Temporary Access Pass is enabled in this tenant for All Staff\./);
    assert.match(text ?? '', /1 hour by default \(1 hour to 8 hours allowed\)/);
    assert.match(text ?? '', /one-time use is not forced/);
    const off = await tenantFacts(
      'tap-policy',
      reader({ temporaryAccessPass: ok({ ...TAP, state: 'disabled' }) }),
    );
    assert.match(off ?? '', /turned off in this tenant/);
  });

  it('names the permission when the policy cannot be read, and a failure in a sentence', async () => {
    const denied = await tenantFacts('tap-policy', reader({ temporaryAccessPass: FORBIDDEN }));
    assert.equal(
      denied,
      "I could not read the Temporary Access Pass policy: the bot's app needs the Microsoft Graph permission Policy.Read.All.",
    );
    const thrown = await tenantFacts('tap-policy', reader({}));
    assert.match(thrown ?? '', /^I could not read this setting from the tenant just now/);
    assert.doesNotMatch(thrown ?? '', /unexpected read|Error/);
  });

  it("gives the tenant's Secure Score with its date, or says there is none yet", async () => {
    const score = { currentScore: 61.5, maxScore: 120, createdDateTime: '2026-01-15T00:00:00Z' };
    for (const id of ['secure-score', 'secure-score-not-updating']) {
      const text = await tenantFacts(id, reader({ latestSecureScore: ok(score) }));
      assert.match(
        text ?? '',
        /Secure Score is 61\.5 of 120 points \(51%\), calculated 15 Jan 2026/,
      );
    }
    const none = await tenantFacts('secure-score', reader({ latestSecureScore: ok(undefined) }));
    assert.match(none ?? '', /no Secure Score yet/);
  });

  it('says who has SMS sign-in and what Authenticator prompts show', async () => {
    const sms = await tenantFacts(
      'sms-sign-in',
      reader({
        sms: ok({
          state: 'enabled',
          includeTargets: [{ id: 'g-staff', targetType: 'group', isUsableForSignIn: true }],
        }),
      }),
    );
    assert.match(sms ?? '', /SMS sign-in without a password is on for All Staff/);
    const app = await tenantFacts(
      'number-matching',
      reader({
        authenticator: ok({
          state: 'enabled',
          includeTargets: [{ id: 'all_users', targetType: 'group' }],
          displayAppInformation: { state: 'enabled' },
          displayLocationInformation: { state: 'disabled' },
        }),
      }),
    );
    assert.match(
      app ?? '',
      /for all users; .*number matching, the app name shown and the location not shown/,
    );
  });

  it('says when directory and password hash sync last ran, and who may use passkeys', async () => {
    const sync = await tenantFacts(
      'password-hash-sync-stalled',
      reader({
        organization: ok({
          displayName: 'Sandbox',
          onPremisesSyncEnabled: true,
          onPremisesLastSyncDateTime: '2026-01-15T11:30:00Z',
          onPremisesLastPasswordSyncDateTime: null,
        }),
      }),
    );
    assert.match(
      sync ?? '',
      /Directory sync last ran 15 Jan 2026, 11:30 UTC; password hash sync last ran never\./,
    );
    const cloud = await tenantFacts(
      'password-hash-sync-stalled',
      reader({
        organization: ok({
          displayName: 'Sandbox',
          onPremisesSyncEnabled: null,
          onPremisesLastSyncDateTime: null,
          onPremisesLastPasswordSyncDateTime: null,
        }),
      }),
    );
    assert.match(cloud ?? '', /not turned on for this tenant/);
    const keys = await tenantFacts(
      'passwordless-rollout',
      reader({
        fido2: ok({
          state: 'enabled',
          isAttestationEnforced: false,
          isSelfServiceRegistrationAllowed: true,
          keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
          includeTargets: [{ id: 'g-staff', targetType: 'group' }],
        }),
      }),
    );
    assert.equal(
      keys,
      'Passkeys (FIDO2) are enabled in this tenant for All Staff; people can register their own.',
    );
  });

  it('has nothing to read for a topic whose setting the bot does not read', async () => {
    assert.equal(await tenantFacts('stale-apps', reader({})), undefined);
    assert.equal(hasTenantFacts('stale-apps'), false);
    const ids = new Set(knowledgeBase().map((e) => e.id));
    for (const id of ['tap-policy', 'sms-sign-in', 'number-matching', 'secure-score']) {
      assert.ok(ids.has(id) && hasTenantFacts(id), id);
    }
  });
});
