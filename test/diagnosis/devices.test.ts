import assert from 'node:assert/strict';
import { browserAdvice } from '../../src/diagnosis/kinds/device-join';
import {
  ALEX,
  aDevice,
  aManagedDevice,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  minutesAgo,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

describe('diagnosis: device not compliant', () => {
  const triage = aTriage('device-noncompliant', { code: 53000 });

  it('names the device, the failing policy and setting, the last sync, and offers a sync', async () => {
    const device = aManagedDevice();
    const reader = new FakeDirectory({ users: [aUser()], managedDevices: [device] });
    const d = await run(reader, triage);
    assert.equal(d.status, 'found');
    assert.match(d.headline, /ALEX-LT-01/);
    const text = said(d);
    assert.match(text, /Windows 11 baseline/);
    assert.match(text, /Require BitLocker/);
    assert.doesNotMatch(text, /Firewall/, 'a compliant setting is not a cause');
    assert.match(text, /Last sync: 12 Jan 2026/);
    assert.match(text, /3 days ago/);
    assert.deepEqual(
      d.offers.map((o) => [o.kind, o.subjectId, o.targetId]),
      [['sync-device', ALEX, device.id]],
    );
  });

  it('looks only at the device the failed sign-in came from', async () => {
    const used = aManagedDevice({ deviceName: 'USED-PC' });
    const other = aManagedDevice({ deviceName: 'OTHER-PC' });
    const signIn = aSignIn({
      status: {
        errorCode: 53000,
        failureReason: 'Device is not compliant.',
        additionalDetails: null,
      },
      deviceDetail: {
        deviceId: used.azureADDeviceId ?? '',
        displayName: 'USED-PC',
        operatingSystem: 'Windows10',
        browser: 'Edge 131.0.0',
        isCompliant: false,
        isManaged: true,
        trustType: 'Hybrid Azure AD joined',
      },
    });
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [used, other],
      signIns: [signIn],
    });
    const d = await run(
      reader,
      aTriage('device-noncompliant', { code: 53000, fields: { requestId: signIn.id } }),
    );
    assert.ok(d.details.view === 'device-compliance');
    assert.deepEqual(
      d.details.devices.map((x) => [x.device.deviceName, x.usedInSignIn]),
      [['USED-PC', true]],
    );
    assert.deepEqual(
      reader.callsTo('listCompliancePolicyStates').map((c) => c.arg),
      [used.id],
    );
  });

  it('does not offer a sync that is already waiting, and says so', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [aManagedDevice({ syncPending: true })],
    });
    const d = await run(reader, triage);
    assert.deepEqual(d.offers, []);
    assert.match(said(d), /already waiting/);
  });

  it('says the device is not managed when Intune has none for the account, without a sync offer', async () => {
    const d = await run(new FakeDirectory({ users: [aUser()] }), triage);
    assert.equal(d.status, 'found');
    assert.match(d.headline, /No device of this account is managed by Intune/);
    assert.match(said(d), /A sync cannot fix that/);
    assert.deepEqual(d.offers, []);
  });

  it('reports the devices as compliant now when nothing fails any more', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [aManagedDevice({ complianceState: 'compliant' })],
    });
    const d = await run(reader, triage);
    assert.equal(d.status, 'resolved');
    assert.deepEqual(d.offers, []);
  });

  it('shows the grace period end for a device still in grace', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [
        aManagedDevice({
          complianceState: 'inGracePeriod',
          complianceGracePeriodExpirationDateTime: '2026-01-16T09:00:00Z',
        }),
      ],
    });
    const d = await run(reader, triage);
    assert.match(said(d), /Grace ends: 16 Jan 2026, 09:00 UTC/);
  });
});

describe('diagnosis: device not hybrid joined', () => {
  const triage = aTriage('device-not-domain-joined', { code: 53001 });

  it('says a registered-only device does not count as joined to the domain', async () => {
    const home = aDevice();
    const signIn = aSignIn({
      status: {
        errorCode: 53001,
        failureReason: 'Device is not in required device state: domain joined.',
        additionalDetails: null,
      },
      deviceDetail: {
        deviceId: home.deviceId,
        displayName: home.displayName,
        operatingSystem: 'Windows10',
        browser: 'Edge 131.0.0',
        isCompliant: false,
        isManaged: false,
        trustType: 'Azure AD registered',
      },
      appliedConditionalAccessPolicies: [
        anAppliedPolicy({ enforcedGrantControls: ['RequireDomainJoinedDevice'] }),
      ],
    });
    const reader = new FakeDirectory({ users: [aUser()], devices: [home], signIns: [signIn] });
    const d = await run(reader, triage);
    assert.equal(d.status, 'found');
    assert.match(d.headline, /ALEX-HOME-PC: Registered only/);
    assert.match(said(d), /personal or BYOD/);
  });

  it('explains that Chrome without the extension sends no device identity', async () => {
    const signIn = aSignIn({
      status: {
        errorCode: 53001,
        failureReason: 'Device is not in required device state: domain joined.',
        additionalDetails: null,
      },
    });
    const hybrid = aDevice({ displayName: 'ALEX-CORP-PC', trustType: 'ServerAd', isManaged: true });
    const reader = new FakeDirectory({ users: [aUser()], devices: [hybrid], signIns: [signIn] });
    const d = await run(reader, triage);
    assert.match(d.headline, /without a device identity/);
    assert.match(said(d), /Microsoft Single Sign On extension/);
    assert.match(said(d), /ALEX-CORP-PC: Hybrid joined/);
  });

  it('gives advice per browser', () => {
    assert.match(browserAdvice('Firefox 133.0', 'Windows10') ?? '', /Windows single sign-on/);
    assert.match(browserAdvice('Edge 131.0.0', 'Windows10') ?? '', /InPrivate/);
    assert.match(browserAdvice('Chrome 131.0.0', 'MacOs') ?? '', /Company Portal/);
    assert.equal(browserAdvice(null, 'Windows10'), undefined);
  });

  it('reads the device the sign-in named when it is not among the owned ones', async () => {
    const shared = aDevice({ displayName: 'KIOSK-01', trustType: 'AzureAd', ownerIds: [] });
    const signIn = aSignIn({
      createdDateTime: minutesAgo(5),
      status: { errorCode: 53001, failureReason: 'not domain joined', additionalDetails: null },
      deviceDetail: {
        deviceId: shared.deviceId,
        displayName: null,
        operatingSystem: 'Windows10',
        browser: 'Edge 131.0.0',
        isCompliant: true,
        isManaged: true,
        trustType: 'Azure AD joined',
      },
    });
    const reader = new FakeDirectory({ users: [aUser()], devices: [shared], signIns: [signIn] });
    const d = await run(reader, triage);
    assert.match(d.headline, /KIOSK-01: Entra joined/);
    assert.match(said(d), /not joined to the on-premises domain/);
  });
});
