import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Diagnosis } from '../../src/diagnosis/types';
import { toGraphAppError } from '../../src/graph/errors';
import {
  ALEX,
  aCaPolicy,
  aDevice,
  aManagedDevice,
  aRiskyUser,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  aTap,
  anExpiredTap,
} from './fakes/builders';
import type { TapMethodRecord } from '../../src/diagnosis/ports';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

/**
 * Answers whose tenant-wide policy reads (Conditional Access, the Temporary Access Pass policy,
 * the Authenticator policy) or device reads by id (a device's compliance policy states, a device
 * looked up by its id) Graph does not answer: before, each failed the whole answer. Now the rest
 * stands, one line names what it went without, "Check again" may add it, and nothing unread is
 * judged or fixed on its strength.
 */

/** What the Graph client throws for a status, or with none when nothing answers at all. */
const failing = (status?: number) => () =>
  Promise.reject(
    toGraphAppError(
      status === undefined ? new TypeError('fetch failed') : new GraphError(status, 'no'),
      { operation: 'read', permission: 'Policy.Read.All' },
    ),
  );

const gaps = (d: Diagnosis) => d.findings.filter((f) => f.kind === 'gap').map((f) => f.detail);

const FAILURES = [
  [429, 'busy'],
  [503, 'unreachable'],
  [504, 'unreachable'],
  [undefined, 'unreachable'],
] as const;

function line(names: string, why: 'busy' | 'unreachable'): string {
  return why === 'busy'
    ? `Microsoft Graph was too busy to read ${names} just now, so this answer goes without it; checking again in a few minutes may add it.`
    : `Microsoft Graph could not be reached just now to read ${names}, so this answer goes without it; checking again in a few minutes may add it.`;
}

/** The one line, Check again, and never the green "no problem now". */
function saysItWentWithout(d: Diagnosis, names: string, why: 'busy' | 'unreachable'): void {
  assert.deepEqual(gaps(d), [line(names, why)], said(d));
  assert.equal(d.unanswered, why);
  assert.notEqual(d.status, 'resolved');
  assert.deepEqual(d.missingPermissions, []);
}

describe('diagnosis: answers whose tenant policies or device look-ups Graph does not answer', () => {
  for (const [status, why] of FAILURES) {
    const label = status ?? 'no answer';

    it(`device compliance: a device's policy states unanswered (${label}): the device stands, no policy named or guessed at`, async () => {
      const device = aManagedDevice();
      const tenant = new FakeDirectory({ users: [aUser()], managedDevices: [device] });
      tenant.listCompliancePolicyStates = failing(status);
      const d = await run(tenant, aTriage('device-noncompliant', { code: 53000 }));
      assert.equal(d.status, 'found');
      assert.match(d.headline, /ALEX-LT-01/);
      const text = said(d);
      assert.match(text, /ALEX-LT-01 is not compliant/, text);
      assert.doesNotMatch(text, /Windows 11 baseline|Require BitLocker|Intune does not say/);
      saysItWentWithout(d, "the devices' compliance policies", why);
      // The sync rests on Intune's own state of the device, which was read.
      assert.deepEqual(
        d.offers.map((o) => [o.kind, o.targetId]),
        [['sync-device', device.id]],
      );
    });

    it(`device registration: the device the sign-in came from unanswered (${label}): not said to be unregistered`, async () => {
      const kiosk = aDevice({ displayName: 'KIOSK-01', trustType: 'AzureAd', ownerIds: [] });
      const signIn = aSignIn({
        status: { errorCode: 53001, failureReason: 'not domain joined', additionalDetails: null },
        deviceDetail: {
          deviceId: kiosk.deviceId,
          displayName: null,
          operatingSystem: 'Windows10',
          browser: 'Edge 131.0.0',
          isCompliant: true,
          isManaged: true,
          trustType: 'Azure AD joined',
        },
      });
      const tenant = new FakeDirectory({ users: [aUser()], devices: [kiosk], signIns: [signIn] });
      const owned = tenant.findRegisteredDevices.bind(tenant);
      tenant.findRegisteredDevices = (lookup) =>
        'deviceId' in lookup ? failing(status)() : owned(lookup);
      const d = await run(tenant, aTriage('device-not-domain-joined', { code: 53001 }));
      assert.doesNotMatch(said(d), /not registered|KIOSK-01|none was seen/i, said(d));
      assert.equal(d.status, 'explained');
      saysItWentWithout(d, 'the device the sign-in came from', why);
    });

    it(`Conditional Access: the policies unanswered (${label}): the log's policy stands, no exclusion or risk fix offered`, async () => {
      const policy = aCaPolicy({
        displayName: 'CA005 Block high user risk',
        userRiskLevels: ['high'],
        excludeGroupIds: ['break-glass'],
      });
      const signIn = aSignIn({
        appliedConditionalAccessPolicies: [
          anAppliedPolicy({ id: policy.id, displayName: policy.displayName }),
        ],
      });
      const tenant = new FakeDirectory({
        users: [aUser()],
        signIns: [signIn],
        caPolicies: [policy],
        riskyUsers: [aRiskyUser()],
      });
      tenant.listConditionalAccessPolicies = failing(status);
      const d = await run(tenant, aTriage('ca-blocked', { code: 53003 }), {
        audience: 'helpdesk',
      });
      assert.equal(d.status, 'found');
      assert.match(d.headline, /"CA005 Block high user risk" blocked the sign-in/);
      assert.doesNotMatch(said(d), /acts when|User risk is|no active risk/, said(d));
      assert.deepEqual(d.offers, [], 'no exclusion and no risk fix resting on unread policies');
      assert.equal(tenant.callsTo('getRiskyUser').length, 0);
      saysItWentWithout(d, 'the Conditional Access policies', why);
    });

    it(`Temporary Access Pass: the policy unanswered (${label}): the pass is judged, no pass or policy change offered`, async () => {
      const tenant = new FakeDirectory({
        users: [aUser()],
        taps: {
          [ALEX]: [anExpiredTap()],
        },
      });
      tenant.getTemporaryAccessPassPolicy = failing(status);
      const d = await run(tenant, aTriage('tap-blocked', { code: 130503 }));
      assert.equal(d.status, 'found');
      const text = said(d);
      assert.match(text, /It expired on/, text);
      assert.doesNotMatch(text, /Temporary Access Pass policy:|turned off|outside the policy/);
      assert.doesNotMatch(text, /a new pass would not work here/);
      assert.deepEqual(d.offers, [], 'a new pass rests on the policy that was not read');
      saysItWentWithout(d, 'the Temporary Access Pass policy', why);
    });

    it(`Temporary Access Pass: the policy unanswered (${label}): a pass in its valid time is not called usable`, async () => {
      const tenant = new FakeDirectory({ users: [aUser()], taps: { [ALEX]: [aTap()] } });
      tenant.getTemporaryAccessPassPolicy = failing(status);
      const d = await run(tenant, aTriage('tap-blocked', { code: 130503 }));
      const text = said(d);
      assert.doesNotMatch(text, /looks usable|pass is valid now/i, text);
      assert.equal(d.headline, 'The Temporary Access Pass policy could not be read');
      assert.match(
        text,
        /whether the tenant's Temporary Access Pass policy lets it be used was not checked/,
      );
      assert.match(d.nextSteps.join('\n'), /Check again in a few minutes/);
      assert.deepEqual(d.offers, []);
      saysItWentWithout(d, 'the Temporary Access Pass policy', why);
    });

    it(`MFA: the Authenticator policy unanswered (${label}): the methods stand, Authenticator not judged`, async () => {
      const tenant = new FakeDirectory({
        users: [aUser()],
        methods: {
          [ALEX]: [
            { id: 'p', kind: 'password', label: null },
            { id: 'a', kind: 'microsoftAuthenticator', label: 'Pixel 8', appVersion: '6.2405.1' },
          ],
        },
      });
      tenant.getAuthenticatorPolicy = failing(status);
      const d = await run(tenant, aTriage('mfa-required-or-failed', { code: 500121 }));
      const text = said(d);
      assert.match(text, /Registered sign-in methods/, text);
      assert.doesNotMatch(text, /How Authenticator asks|turned off for this tenant|look in order/);
      saysItWentWithout(d, 'the Authenticator policy', why);
    });
  }

  it('a device pasted by id unanswered is not said to be unregistered, and not asked twice', async () => {
    const tenant = new FakeDirectory({ users: [aUser()] });
    let byId = 0;
    const owned = tenant.findRegisteredDevices.bind(tenant);
    tenant.findRegisteredDevices = (lookup) => {
      if (!('deviceId' in lookup)) return owned(lookup);
      byId += 1;
      return failing(429)();
    };
    const d = await run(
      tenant,
      aTriage('device-not-domain-joined', {
        code: 53001,
        fields: { deviceId: '9d1f0c2e-5b7a-4e3c-8f6d-1a2b3c4d5e6f' },
      }),
    );
    assert.doesNotMatch(said(d), /not registered|none was seen/i, said(d));
    assert.equal(byId, 1);
    saysItWentWithout(d, 'the device the sign-in came from', 'busy');
  });

  it('a device Graph answered it does not know is still said to be unregistered', async () => {
    const d = await run(
      new FakeDirectory({ users: [aUser()] }),
      aTriage('device-not-domain-joined', {
        code: 53001,
        fields: { deviceId: '9d1f0c2e-5b7a-4e3c-8f6d-1a2b3c4d5e6f' },
      }),
    );
    assert.equal(d.status, 'found');
    assert.match(said(d), /The device is not registered in this tenant/);
    assert.equal(d.unanswered, undefined);
  });

  it('two policies unanswered in one answer: one line names both', async () => {
    const tenant = new FakeDirectory({ users: [aUser()] });
    tenant.getTemporaryAccessPassPolicy = failing(503);
    tenant.listTemporaryAccessPasses = failing(503);
    const d = await run(tenant, aTriage('tap-blocked', { code: 130503 }));
    assert.deepEqual(gaps(d), [
      "Microsoft Graph could not be reached just now to read the account's Temporary Access Pass and the Temporary Access Pass policy, so this answer goes without them; checking again in a few minutes may add them.",
    ]);
    assert.deepEqual(d.offers, []);
  });

  it('a 403 on the Conditional Access policies still names the permission, with nothing to check again', async () => {
    const tenant = new FakeDirectory({
      users: [aUser()],
      signIns: [aSignIn()],
    }).revoke('Policy.Read.All');
    const d = await run(tenant, aTriage('ca-blocked', { code: 53003 }));
    assert.deepEqual(d.missingPermissions, ['Policy.Read.All']);
    assert.equal(d.unanswered, undefined);
    assert.doesNotMatch(said(d), /too busy|could not be reached/);
  });

  describe('a 403 on the Temporary Access Pass policy (no Policy.Read.All)', () => {
    const ask = (taps: TapMethodRecord[]) =>
      run(
        new FakeDirectory({ users: [aUser()], taps: { [ALEX]: taps } }).revoke('Policy.Read.All'),
        aTriage('tap-blocked', { code: 130503 }),
      );
    const NAMES_IT = /needs the Microsoft Graph application permission Policy\.Read\.All/;

    it('a pass in its valid time: not called usable, the permission named, nothing offered', async () => {
      const d = await ask([aTap()]);
      const text = said(d);
      assert.doesNotMatch(text, /looks usable|pass is valid now/i, text);
      assert.equal(d.headline, 'The Temporary Access Pass policy could not be read');
      assert.match(text, NAMES_IT);
      assert.deepEqual(d.missingPermissions, ['Policy.Read.All']);
      assert.equal(d.status, 'missing-permission');
      assert.match(
        d.nextSteps.join('\n'),
        /may not read the Temporary Access Pass policy .*Policy\.Read\.All/,
      );
      assert.doesNotMatch(d.nextSteps.join('\n'), /Check again|Type the pass exactly/);
      assert.deepEqual(d.offers, []);
    });

    it('no pass, or an expired one: said so, but no new pass offered on a policy not read', async () => {
      for (const taps of [[], [anExpiredTap()]]) {
        const d = await ask(taps);
        const text = said(d);
        assert.match(text, /There is no pass on this account|It expired on/, text);
        assert.match(text, NAMES_IT);
        assert.deepEqual(d.offers, [], 'a new pass is checked against the policy when asked for');
        assert.doesNotMatch(d.nextSteps.join('\n'), /button below|a new pass would not work/);
      }
    });
  });

  it('any other refusal of a policy read still fails the answer', async () => {
    const tenant = new FakeDirectory({ users: [aUser()], signIns: [aSignIn()] });
    tenant.listConditionalAccessPolicies = failing(400);
    await assert.rejects(run(tenant, aTriage('ca-blocked', { code: 53003 })), {
      code: 'graph-failed',
    });
  });
});
