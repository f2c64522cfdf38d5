import type {
  AppliedPolicyRecord,
  AuthenticationMethodRecord,
  ConditionalAccessPolicyRecord,
  DirectoryUser,
  RiskyUserRecord,
  SignInRecord,
  TapMethodRecord,
} from '../../../src/diagnosis/ports';
import type { Clock } from '../../../src/ports';
import type { Intent, Triage, TriageFields } from '../../../src/triage/types';
import type { FakeDetection, FakeDevice, FakeManagedDevice } from './fake-directory';

/** The instant every unit test lives at; records are placed relative to it. */
export const NOW = new Date('2026-01-15T12:00:00Z');
export const fixedClock: Clock = { now: () => NOW };

export function minutesAgo(minutes: number, from: Date = NOW): string {
  return new Date(from.getTime() - minutes * 60_000).toISOString();
}

let counter = 0;
/** A fresh GUID-shaped id, readable in failures: 00000000-0000-4000-8000-0000000000NN. */
export function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export const ALEX = '11111111-1111-4111-8111-111111111111';
export const GUEST = '22222222-2222-4222-8222-222222222222';

export function aUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: ALEX,
    displayName: 'Alex Member',
    userPrincipalName: 'alex@contoso.example',
    userType: 'Member',
    accountEnabled: true,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: null,
    lastPasswordChangeDateTime: minutesAgo(60 * 24 * 40),
    passwordPolicies: null,
    ...overrides,
  };
}

export function aGuest(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return aUser({
    id: GUEST,
    displayName: 'Pat Partner',
    userPrincipalName: 'pat_partner.example#EXT#@contoso.example',
    userType: 'Guest',
    ...overrides,
  });
}

export function anAppliedPolicy(overrides: Partial<AppliedPolicyRecord> = {}): AppliedPolicyRecord {
  return {
    id: nextId(),
    displayName: 'Block outside allowed countries',
    enforcedGrantControls: ['Block'],
    enforcedSessionControls: [],
    result: 'failure',
    ...overrides,
  };
}

export function aSignIn(overrides: Partial<SignInRecord> = {}): SignInRecord {
  return {
    id: nextId(),
    createdDateTime: minutesAgo(30),
    userId: ALEX,
    userPrincipalName: 'alex@contoso.example',
    appId: nextId(),
    appDisplayName: 'Microsoft Teams',
    resourceDisplayName: null,
    ipAddress: '203.0.113.45',
    clientAppUsed: 'Browser',
    correlationId: nextId(),
    conditionalAccessStatus: 'failure',
    status: {
      errorCode: 53003,
      failureReason: 'Access has been blocked by Conditional Access policies.',
      additionalDetails: null,
    },
    deviceDetail: {
      deviceId: '',
      displayName: null,
      operatingSystem: 'Windows10',
      browser: 'Chrome 131.0.0',
      isCompliant: null,
      isManaged: null,
      trustType: null,
    },
    location: { city: 'Sao Paulo', state: null, countryOrRegion: 'BR' },
    appliedConditionalAccessPolicies: [anAppliedPolicy()],
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    ...overrides,
  };
}

/** A failed sign-in with this code `minutes` ago, from `ip`, with no Conditional Access policy. */
export function aFailure(code: number, minutes: number, ip = '203.0.113.45'): SignInRecord {
  return aSignIn({
    createdDateTime: minutesAgo(minutes),
    ipAddress: ip,
    conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
    appliedConditionalAccessPolicies: [],
    status: { errorCode: code, failureReason: null, additionalDetails: null },
  });
}

export function aCaPolicy(
  overrides: Partial<ConditionalAccessPolicyRecord> = {},
): ConditionalAccessPolicyRecord {
  return {
    id: nextId(),
    displayName: 'A policy',
    state: 'enabled',
    excludeGroupIds: [],
    builtInControls: ['block'],
    operator: 'OR',
    userRiskLevels: [],
    signInRiskLevels: [],
    locationBased: false,
    platforms: [],
    ...overrides,
  };
}

export function aRiskyUser(overrides: Partial<RiskyUserRecord> = {}): RiskyUserRecord {
  return {
    id: ALEX,
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    riskLastUpdatedDateTime: minutesAgo(45),
    isDeleted: false,
    isProcessing: false,
    ...overrides,
  };
}

export function aDetection(overrides: Partial<FakeDetection> = {}): FakeDetection {
  return {
    id: nextId(),
    userId: ALEX,
    riskEventType: 'unfamiliarFeatures',
    riskLevel: 'medium',
    riskState: 'atRisk',
    detectionTimingType: 'realtime',
    activity: 'signin',
    activityDateTime: minutesAgo(50),
    ipAddress: '198.51.100.23',
    location: { city: 'Amsterdam', countryOrRegion: 'NL' },
    ...overrides,
  };
}

export function aTap(overrides: Partial<TapMethodRecord> = {}): TapMethodRecord {
  return {
    id: nextId(),
    createdDateTime: minutesAgo(30),
    startDateTime: minutesAgo(30),
    lifetimeInMinutes: 60,
    isUsableOnce: true,
    isUsable: true,
    methodUsabilityReason: 'EnabledByPolicy',
    ...overrides,
  };
}

/** A multi-use pass created five days ago and expired since. */
export function anExpiredTap(): TapMethodRecord {
  return aTap({
    isUsableOnce: false,
    createdDateTime: minutesAgo(7200),
    startDateTime: minutesAgo(7200),
    methodUsabilityReason: 'Expired',
    isUsable: false,
  });
}

/** Alex's methods: a password and Microsoft Authenticator on a Pixel 8 (a current app). */
export function passwordAndAuthenticator(): Record<string, AuthenticationMethodRecord[]> {
  return {
    [ALEX]: [
      { id: 'p', kind: 'password', label: null },
      { id: 'a', kind: 'microsoftAuthenticator', label: 'Pixel 8', appVersion: '6.2412.8023' },
    ],
  };
}

export function aManagedDevice(overrides: Partial<FakeManagedDevice> = {}): FakeManagedDevice {
  return {
    id: nextId(),
    userId: ALEX,
    deviceName: 'ALEX-LT-01',
    operatingSystem: 'Windows',
    osVersion: '10.0.19045.3803',
    complianceState: 'noncompliant',
    complianceGracePeriodExpirationDateTime: null,
    lastSyncDateTime: minutesAgo(60 * 24 * 3),
    azureADDeviceId: nextId(),
    managementAgent: 'mdm',
    syncPending: false,
    policyStates: [
      {
        id: nextId(),
        displayName: 'Windows 11 baseline',
        platformType: 'windows10AndLater',
        state: 'nonCompliant',
        settingStates: [
          {
            setting: 'bitLocker',
            settingName: 'Require BitLocker',
            state: 'nonCompliant',
            currentValue: 'False',
          },
          {
            setting: 'firewall',
            settingName: 'Firewall',
            state: 'compliant',
            currentValue: 'True',
          },
        ],
      },
      {
        id: nextId(),
        displayName: 'Default Device Compliance Policy',
        platformType: 'all',
        state: 'compliant',
        settingStates: [],
      },
    ],
    ...overrides,
  };
}

export function aDevice(overrides: Partial<FakeDevice> = {}): FakeDevice {
  return {
    id: nextId(),
    deviceId: nextId(),
    displayName: 'ALEX-HOME-PC',
    operatingSystem: 'Windows',
    operatingSystemVersion: '10.0.22631',
    trustType: 'Workplace',
    isCompliant: false,
    isManaged: false,
    accountEnabled: true,
    approximateLastSignInDateTime: minutesAgo(120),
    ownerIds: [ALEX],
    ...overrides,
  };
}

/** A triage result as triage() would produce it, without depending on catalog wording. */
export function aTriage(
  intent: Intent,
  options: { code?: number; fields?: TriageFields } = {},
): Triage {
  return {
    intent,
    ...(options.code === undefined ? {} : { code: options.code }),
    codes: options.code === undefined ? [] : [options.code],
    fields: options.fields ?? {},
    confidence: 1,
    truncated: false,
  };
}
