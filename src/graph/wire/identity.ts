import type {
  AppliedPolicyRecord,
  ConditionalAccessPolicyRecord,
  DirectoryUser,
  DomainRecord,
  RiskDetectionRecord,
  RiskyUserRecord,
  SignInRecord,
} from '../../diagnosis/ports';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { obj, str, text, bool, num, strings } from './values';

/** Who the person is and what the tenant logged: user, sign-in, risk, Conditional Access. */

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

export function domain(raw: unknown): DomainRecord {
  const o = obj<Graph.Domain>(raw);
  const days = o.passwordValidityPeriodInDays;
  return {
    id: text(o, 'id'),
    // Absent only from an answer without it: read as a root, so no second read is made.
    isRoot: bool(o, 'isRoot') !== false,
    passwordValidityPeriodInDays: typeof days === 'number' && Number.isFinite(days) ? days : null,
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
