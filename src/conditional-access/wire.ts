import type { CaPolicy, CaUsers, NamedLocation, SignInSituation } from './types';

/**
 * Graph JSON to the evaluation's types, and a logged sign-in to the conditions of a What If
 * request. Missing or malformed fields read as "not set", never as a throw: a policy the bot
 * cannot read fully is evaluated on what it can read.
 */

type Json = Record<string, unknown>;

const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** conditions.users of a conditionalAccessPolicy. */
export function caUsersFromGraph(raw: unknown): CaUsers {
  const users = obj(raw);
  return {
    includeUsers: strings(users.includeUsers),
    excludeUsers: strings(users.excludeUsers),
    includeGroups: strings(users.includeGroups),
    excludeGroups: strings(users.excludeGroups),
    includeRoles: strings(users.includeRoles),
    excludeRoles: strings(users.excludeRoles),
  };
}

/** A conditionalAccessPolicy (or whatIfAnalysisResult, which inherits it) as Graph returns it. */
export function caPolicyFromGraph(raw: unknown): CaPolicy {
  const o = obj(raw);
  const c = obj(o.conditions);
  const apps = obj(c.applications);
  const platforms = c.platforms === null || c.platforms === undefined ? null : obj(c.platforms);
  const locations = c.locations === null || c.locations === undefined ? null : obj(c.locations);
  const grant =
    o.grantControls === null || o.grantControls === undefined ? null : obj(o.grantControls);
  return {
    id: text(o.id),
    displayName: text(o.displayName),
    state: text(o.state),
    users: caUsersFromGraph(c.users),
    applications: {
      includeApplications: strings(apps.includeApplications),
      excludeApplications: strings(apps.excludeApplications),
    },
    clientAppTypes: strings(c.clientAppTypes),
    platforms: platforms && {
      includePlatforms: strings(platforms.includePlatforms),
      excludePlatforms: strings(platforms.excludePlatforms),
    },
    locations: locations && {
      includeLocations: strings(locations.includeLocations),
      excludeLocations: strings(locations.excludeLocations),
    },
    userRiskLevels: strings(c.userRiskLevels),
    signInRiskLevels: strings(c.signInRiskLevels),
    grant: grant && {
      operator: text(grant.operator).toUpperCase() === 'AND' ? 'AND' : 'OR',
      builtInControls: strings(grant.builtInControls),
    },
  };
}

/** A countryNamedLocation or ipNamedLocation. */
export function namedLocationFromGraph(raw: unknown): NamedLocation {
  const o = obj(raw);
  const ranges = Array.isArray(o.ipRanges) ? o.ipRanges.map((r) => text(obj(r).cidrAddress)) : [];
  return {
    id: text(o.id),
    countries: strings(o.countriesAndRegions),
    ipRanges: ranges.filter((r) => r !== ''),
    isTrusted: o.isTrusted === true,
  };
}

/** The sign-in log's operatingSystem to Graph's conditionalAccessDevicePlatform. */
export function platformOf(operatingSystem: string | null | undefined): string | undefined {
  const os = (operatingSystem ?? '').toLowerCase();
  if (os.startsWith('windows')) return 'windows';
  if (os.startsWith('ios') || os.startsWith('ipados')) return 'iOS';
  if (os.startsWith('android')) return 'android';
  if (os.startsWith('mac')) return 'macOS';
  if (os.startsWith('linux')) return 'linux';
  return undefined;
}

/** The sign-in log's clientAppUsed to Graph's conditionalAccessClientApp. */
export function clientAppTypeOf(clientAppUsed: string | null | undefined): string | undefined {
  const used = (clientAppUsed ?? '').toLowerCase();
  if (used === '') return undefined;
  if (used === 'browser') return 'browser';
  if (used.startsWith('mobile apps and desktop')) return 'mobileAppsAndDesktopClients';
  if (used.includes('activesync')) return 'exchangeActiveSync';
  return 'other';
}

/** The sign-in log's deviceDetail.trustType to the device object's trustType. */
export function trustTypeOf(trustType: string | null | undefined): string | undefined {
  const t = (trustType ?? '').toLowerCase();
  if (t.includes('hybrid')) return 'ServerAd';
  if (t.includes('joined')) return 'AzureAd';
  if (t.includes('registered')) return 'Workplace';
  return undefined;
}

const RISK_LEVELS = new Set(['none', 'low', 'medium', 'high']);

/** The facts of a logged sign-in that Conditional Access looks at (FailedSignIn carries them). */
export type SignInConditionFacts = {
  appId: string;
  operatingSystem?: string;
  clientAppUsed?: string;
  country?: string;
  ipAddress?: string;
  riskLevelDuringSignIn?: string;
  deviceIsCompliant?: boolean | null;
  deviceTrustType?: string | null;
};

export function situationOf(
  facts: SignInConditionFacts,
  who: { userId: string; groupIds: string[]; roleIds: string[]; isGuest: boolean },
): SignInSituation {
  const situation: SignInSituation = { ...who, appId: facts.appId };
  const platform = platformOf(facts.operatingSystem);
  if (platform) situation.devicePlatform = platform;
  const client = clientAppTypeOf(facts.clientAppUsed);
  if (client) situation.clientAppType = client;
  if (facts.country) situation.country = facts.country;
  if (facts.ipAddress) situation.ipAddress = facts.ipAddress;
  const risk = facts.riskLevelDuringSignIn?.toLowerCase();
  if (risk && RISK_LEVELS.has(risk)) situation.signInRiskLevel = risk;
  if (typeof facts.deviceIsCompliant === 'boolean') {
    situation.deviceIsCompliant = facts.deviceIsCompliant;
  }
  const trust = trustTypeOf(facts.deviceTrustType);
  if (trust) situation.deviceTrustType = trust;
  return situation;
}

/** The body of POST /identity/conditionalAccess/evaluate for one user's sign-in. */
export function evaluateRequestBody(situation: SignInSituation): Json {
  const conditions: Json = {};
  if (situation.devicePlatform) conditions.devicePlatform = situation.devicePlatform;
  if (situation.clientAppType) conditions.clientAppType = situation.clientAppType;
  if (situation.signInRiskLevel) conditions.signInRiskLevel = situation.signInRiskLevel;
  if (situation.userRiskLevel) conditions.userRiskLevel = situation.userRiskLevel;
  if (situation.country) conditions.country = situation.country;
  if (situation.ipAddress) conditions.ipAddress = situation.ipAddress;
  const device: Json = {};
  if (situation.deviceIsCompliant !== undefined) device.isCompliant = situation.deviceIsCompliant;
  if (situation.deviceTrustType) device.trustType = situation.deviceTrustType;
  if (Object.keys(device).length > 0) conditions.deviceInfo = device;
  return {
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: situation.userId },
    signInContext: {
      '@odata.type': '#microsoft.graph.applicationContext',
      includeApplications: [situation.appId],
    },
    signInConditions: conditions,
    appliedPoliciesOnly: false,
  };
}
