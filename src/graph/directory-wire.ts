import type {
  AppliedPolicyRecord,
  AuthenticationMethodKind,
  AuthenticationMethodRecord,
  AuthenticatorPolicyRecord,
  CompliancePolicyStateRecord,
  ConditionalAccessPolicyRecord,
  DirectoryUser,
  ManagedDeviceRecord,
  MethodTarget,
  RegisteredDeviceRecord,
  RiskDetectionRecord,
  RiskyUserRecord,
  SignInRecord,
  TapMethodRecord,
  TapPolicyRecord,
} from '../diagnosis/ports';
import type * as Graph from '@microsoft/microsoft-graph-types';

/**
 * Graph JSON → DirectoryReader records. Graph omits properties it has no value for and sometimes
 * sends null where the docs say string, so every field is read defensively: a missing string is
 * null (or '' where the record says string), a missing list is empty. Nothing here throws on an
 * unexpected shape; a record with holes is better evidence than no record.
 */

type Json = Record<string, unknown>;

/**
 * A Graph resource as received: the property names are Graph's own (from
 * @microsoft/microsoft-graph-types, so a misspelt name fails the type check), and every value is
 * unknown until read, because Graph may leave it out or send null.
 */
type Wire<T> = { [K in keyof T]?: unknown };

/** Key of a resource as Graph names it; `Json` keeps untyped bodies open. */
type Key<T> = keyof T & string;

function obj<T = Json>(value: unknown): Wire<T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Wire<T>)
    : {};
}

function str<T>(o: Wire<T>, key: Key<T>): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : null;
}

function text<T>(o: Wire<T>, key: Key<T>): string {
  return str(o, key) ?? '';
}

function bool<T>(o: Wire<T>, key: Key<T>): boolean | null {
  const v = o[key];
  return typeof v === 'boolean' ? v : null;
}

function num<T>(o: Wire<T>, key: Key<T>, fallback: number): number {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

export function values(body: unknown): unknown[] {
  return list(obj(body).value);
}

export function nextLink(body: unknown): string | undefined {
  return str(obj(body), '@odata.nextLink') ?? undefined;
}

export function stringList(body: unknown): string[] {
  return strings(obj(body).value);
}

export function user(raw: unknown): DirectoryUser {
  const o = obj<Graph.User>(raw);
  return {
    id: text(o, 'id'),
    displayName: text(o, 'displayName'),
    userPrincipalName: text(o, 'userPrincipalName'),
    userType: str(o, 'userType') ?? 'Member',
    accountEnabled: bool(o, 'accountEnabled'),
    onPremisesSyncEnabled: bool(o, 'onPremisesSyncEnabled'),
    onPremisesLastSyncDateTime: str(o, 'onPremisesLastSyncDateTime'),
    lastPasswordChangeDateTime: str(o, 'lastPasswordChangeDateTime'),
    passwordPolicies: str(o, 'passwordPolicies'),
  };
}

function appliedPolicy(raw: unknown): AppliedPolicyRecord {
  const o = obj<Graph.AppliedConditionalAccessPolicy>(raw);
  return {
    id: text(o, 'id'),
    displayName: text(o, 'displayName'),
    enforcedGrantControls: strings(o.enforcedGrantControls),
    enforcedSessionControls: strings(o.enforcedSessionControls),
    result: text(o, 'result'),
  };
}

export function signIn(raw: unknown): SignInRecord {
  const o = obj<Graph.SignIn>(raw);
  const status = obj<Graph.SignInStatus>(o.status);
  const device = obj<Graph.DeviceDetail>(o.deviceDetail);
  const location = obj<Graph.SignInLocation>(o.location);
  const record: SignInRecord = {
    id: text(o, 'id'),
    createdDateTime: text(o, 'createdDateTime'),
    userId: text(o, 'userId'),
    userPrincipalName: text(o, 'userPrincipalName'),
    appId: text(o, 'appId'),
    appDisplayName: text(o, 'appDisplayName'),
    resourceDisplayName: str(o, 'resourceDisplayName'),
    ipAddress: text(o, 'ipAddress'),
    clientAppUsed: text(o, 'clientAppUsed'),
    correlationId: text(o, 'correlationId'),
    conditionalAccessStatus: text(o, 'conditionalAccessStatus'),
    status: {
      errorCode: num(status, 'errorCode', 0),
      failureReason: str(status, 'failureReason'),
      additionalDetails: str(status, 'additionalDetails'),
    },
    deviceDetail: {
      deviceId: text(device, 'deviceId'),
      displayName: str(device, 'displayName'),
      operatingSystem: text(device, 'operatingSystem'),
      browser: str(device, 'browser'),
      isCompliant: bool(device, 'isCompliant'),
      isManaged: bool(device, 'isManaged'),
      trustType: str(device, 'trustType'),
    },
    location: {
      city: str(location, 'city'),
      state: str(location, 'state'),
      countryOrRegion: str(location, 'countryOrRegion'),
    },
    riskLevelDuringSignIn: text(o, 'riskLevelDuringSignIn'),
    riskState: text(o, 'riskState'),
    riskEventTypes: strings(o.riskEventTypes_v2),
  };
  // Absent (not empty) when the app may not read CA data: keep the difference.
  if (Array.isArray(o.appliedConditionalAccessPolicies)) {
    record.appliedConditionalAccessPolicies = o.appliedConditionalAccessPolicies.map(appliedPolicy);
  }
  return record;
}

export function riskyUser(raw: unknown): RiskyUserRecord {
  const o = obj<Graph.RiskyUser>(raw);
  return {
    id: text(o, 'id'),
    riskLevel: text(o, 'riskLevel'),
    riskState: text(o, 'riskState'),
    riskDetail: text(o, 'riskDetail'),
    riskLastUpdatedDateTime: text(o, 'riskLastUpdatedDateTime'),
    isDeleted: bool(o, 'isDeleted') ?? false,
    isProcessing: bool(o, 'isProcessing') ?? false,
  };
}

export function riskDetection(raw: unknown): RiskDetectionRecord {
  const o = obj<Graph.RiskDetection>(raw);
  const location =
    o.location === null || o.location === undefined ? null : obj<Graph.SignInLocation>(o.location);
  return {
    id: text(o, 'id'),
    riskEventType: text(o, 'riskEventType'),
    riskLevel: text(o, 'riskLevel'),
    riskState: text(o, 'riskState'),
    detectionTimingType: text(o, 'detectionTimingType'),
    activity: text(o, 'activity'),
    activityDateTime: text(o, 'activityDateTime'),
    ipAddress: str(o, 'ipAddress'),
    location: location
      ? { city: str(location, 'city'), countryOrRegion: str(location, 'countryOrRegion') }
      : null,
  };
}

export function caPolicy(raw: unknown): ConditionalAccessPolicyRecord {
  const o = obj<Graph.ConditionalAccessPolicy>(raw);
  const conditions = obj<Graph.ConditionalAccessConditionSet>(o.conditions);
  const users = obj<Graph.ConditionalAccessUsers>(conditions.users);
  const locations = obj<Graph.ConditionalAccessLocations>(conditions.locations);
  const grant =
    o.grantControls === null ? null : obj<Graph.ConditionalAccessGrantControls>(o.grantControls);
  return {
    id: text(o, 'id'),
    displayName: text(o, 'displayName'),
    state: text(o, 'state'),
    excludeGroupIds: strings(users.excludeGroups),
    builtInControls: grant ? strings(grant.builtInControls) : [],
    operator: grant ? str(grant, 'operator') : null,
    userRiskLevels: strings(conditions.userRiskLevels),
    signInRiskLevels: strings(conditions.signInRiskLevels),
    locationBased:
      strings(locations.includeLocations).length > 0 ||
      strings(locations.excludeLocations).length > 0,
    platforms: strings(
      obj<Graph.ConditionalAccessPlatforms>(conditions.platforms).includePlatforms,
    ),
  };
}

function targets(value: unknown): MethodTarget[] {
  return list(value).map((t) => {
    const o = obj<Graph.AuthenticationMethodTarget>(t);
    return { targetType: text(o, 'targetType'), id: text(o, 'id') };
  });
}

export function tapMethod(raw: unknown): TapMethodRecord {
  const o = obj<Graph.TemporaryAccessPassAuthenticationMethod>(raw);
  return {
    id: text(o, 'id'),
    createdDateTime: text(o, 'createdDateTime'),
    startDateTime: str(o, 'startDateTime') ?? text(o, 'createdDateTime'),
    lifetimeInMinutes: num(o, 'lifetimeInMinutes', 60),
    isUsableOnce: bool(o, 'isUsableOnce') ?? false,
    isUsable: bool(o, 'isUsable'),
    methodUsabilityReason: str(o, 'methodUsabilityReason'),
  };
}

export function tapPolicy(raw: unknown): TapPolicyRecord {
  const o = obj<Graph.TemporaryAccessPassAuthenticationMethodConfiguration>(raw);
  return {
    state: text(o, 'state'),
    isUsableOnce: bool(o, 'isUsableOnce') ?? false,
    defaultLifetimeInMinutes: num(o, 'defaultLifetimeInMinutes', 60),
    minimumLifetimeInMinutes: num(o, 'minimumLifetimeInMinutes', 60),
    maximumLifetimeInMinutes: num(o, 'maximumLifetimeInMinutes', 480),
    includeTargets: targets(o.includeTargets),
    excludeTargets: targets(o.excludeTargets),
  };
}

const METHOD_TYPES: Record<string, AuthenticationMethodKind> = {
  '#microsoft.graph.passwordAuthenticationMethod': 'password',
  '#microsoft.graph.phoneAuthenticationMethod': 'phone',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticator',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusiness',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPass',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOath',
  '#microsoft.graph.emailAuthenticationMethod': 'email',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'platformCredential',
};

/** A method as shown on a card: a phone only by its type and last digits. */
export function authenticationMethod(raw: unknown): AuthenticationMethodRecord | undefined {
  const o = obj(raw);
  const kind = METHOD_TYPES[text(o, '@odata.type')] ?? 'other';
  const record: AuthenticationMethodRecord = { id: text(o, 'id'), kind, label: null };
  if (kind === 'phone') {
    record.label = str(o, 'phoneType');
    const digits = text(o, 'phoneNumber').replace(/\D/g, '');
    if (digits.length >= 4) record.phoneEnding = digits.slice(-2);
  } else {
    record.label = str(o, 'displayName') ?? str(o, 'model');
  }
  const version = str(o, 'phoneAppVersion');
  if (kind === 'microsoftAuthenticator' && version !== null) record.appVersion = version;
  return record;
}

function featureState(
  settings: Wire<Graph.MicrosoftAuthenticatorFeatureSettings>,
  key: Key<Graph.MicrosoftAuthenticatorFeatureSettings>,
): string | null {
  return str(obj<Graph.AuthenticationMethodFeatureConfiguration>(settings[key]), 'state');
}

export function authenticatorPolicy(raw: unknown): AuthenticatorPolicyRecord {
  const o = obj<Graph.MicrosoftAuthenticatorAuthenticationMethodConfiguration>(raw);
  const features = obj<Graph.MicrosoftAuthenticatorFeatureSettings>(o.featureSettings);
  return {
    state: text(o, 'state'),
    includeTargets: targets(o.includeTargets),
    excludeTargets: targets(o.excludeTargets),
    displayAppInformationRequiredState: featureState(
      features,
      'displayAppInformationRequiredState',
    ),
    displayLocationInformationRequiredState: featureState(
      features,
      'displayLocationInformationRequiredState',
    ),
  };
}

export function managedDevice(raw: unknown): ManagedDeviceRecord {
  const o = obj<Graph.ManagedDevice>(raw);
  const pendingSync = list(o.deviceActionResults).some((a) => {
    const r = obj<Graph.DeviceActionResult>(a);
    return (
      text(r, 'actionName') === 'syncDevice' && text(r, 'actionState').toLowerCase() === 'pending'
    );
  });
  return {
    id: text(o, 'id'),
    deviceName: text(o, 'deviceName'),
    operatingSystem: text(o, 'operatingSystem'),
    osVersion: text(o, 'osVersion'),
    complianceState: text(o, 'complianceState'),
    complianceGracePeriodExpirationDateTime: str(o, 'complianceGracePeriodExpirationDateTime'),
    lastSyncDateTime: str(o, 'lastSyncDateTime'),
    azureADDeviceId: str(o, 'azureADDeviceId'),
    managementAgent: str(o, 'managementAgent'),
    syncPending: pendingSync,
  };
}

export function compliancePolicyState(raw: unknown): CompliancePolicyStateRecord {
  const o = obj<Graph.DeviceCompliancePolicyState>(raw);
  return {
    id: text(o, 'id'),
    displayName: text(o, 'displayName'),
    platformType: text(o, 'platformType'),
    state: text(o, 'state'),
    settingStates: list(o.settingStates).map((s) => {
      const x = obj<Graph.DeviceCompliancePolicySettingState>(s);
      return {
        setting: text(x, 'setting'),
        settingName: text(x, 'settingName'),
        state: text(x, 'state'),
        currentValue: str(x, 'currentValue'),
      };
    }),
  };
}

export function device(raw: unknown): RegisteredDeviceRecord {
  const o = obj<Graph.Device>(raw);
  return {
    id: text(o, 'id'),
    deviceId: text(o, 'deviceId'),
    displayName: text(o, 'displayName'),
    operatingSystem: text(o, 'operatingSystem'),
    operatingSystemVersion: str(o, 'operatingSystemVersion'),
    trustType: str(o, 'trustType'),
    isCompliant: bool(o, 'isCompliant'),
    isManaged: bool(o, 'isManaged'),
    accountEnabled: bool(o, 'accountEnabled') ?? true,
    approximateLastSignInDateTime: str(o, 'approximateLastSignInDateTime'),
  };
}
