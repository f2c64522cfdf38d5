import { z } from 'zod';

/**
 * Shape of a sandbox tenant fixture. Entities are Microsoft Graph resources as Graph returns them
 * (unknown extra properties pass through untouched); navigation data that Graph serves from its
 * own URL (group members, a user's authentication methods, a device's compliance policy states)
 * sits inside the owning entity and is never returned as a property.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, 'expected a GUID');
const dateTime = z.string().datetime({ message: 'expected an ISO 8601 UTC date-time ending in Z' });
const text = z.string().trim().min(1, 'expected a non-empty string');

export const PHONE_METHOD_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;

/** Graph's fixed id of the password authentication method. */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

/** `+{country code} {number}` with an optional `x{extension}`, as Graph requires. */
export const PHONE_NUMBER = /^\+[1-9]\d{0,2} \d{4,14}(x\d{1,6})?$/;

export const RISK_LEVELS = [
  'low',
  'medium',
  'high',
  'hidden',
  'none',
  'unknownFutureValue',
] as const;
export const RISK_STATES = [
  'none',
  'confirmedSafe',
  'remediated',
  'dismissed',
  'atRisk',
  'confirmedCompromised',
  'unknownFutureValue',
] as const;
export const CA_RESULTS = [
  'success',
  'failure',
  'notApplied',
  'notEnabled',
  'unknown',
  'unknownFutureValue',
  'reportOnlySuccess',
  'reportOnlyFailure',
  'reportOnlyNotApplied',
  'reportOnlyInterrupted',
] as const;
export const TAP_USABILITY = [
  'EnabledByPolicy',
  'DisabledByPolicy',
  'Expired',
  'NotYetValid',
  'OneTimeUsed',
] as const;
const COMPLIANCE_STATES = [
  'unknown',
  'compliant',
  'noncompliant',
  'conflict',
  'error',
  'inGracePeriod',
  'configManager',
] as const;
const POLICY_STATES = [
  'unknown',
  'notApplicable',
  'compliant',
  'remediated',
  'nonCompliant',
  'error',
  'conflict',
  'notAssigned',
] as const;

const organization = z
  .object({
    id: guid,
    displayName: text,
    verifiedDomains: z
      .array(z.object({ name: text, isDefault: z.boolean(), isInitial: z.boolean() }).passthrough())
      .min(1, 'expected at least one verified domain'),
    onPremisesSyncEnabled: z.boolean().nullable(),
    onPremisesLastSyncDateTime: dateTime.nullable(),
    onPremisesLastPasswordSyncDateTime: dateTime.nullable(),
  })
  .passthrough();

/** Domains as GET /domains returns them; password expiry is a per-domain setting. */
const domain = z
  .object({
    id: text,
    authenticationType: z.enum(['Managed', 'Federated']).default('Managed'),
    isDefault: z.boolean().default(false),
    isInitial: z.boolean().default(false),
    isRoot: z.boolean().default(true),
    isVerified: z.boolean().default(true),
    /** 2147483647: passwords never expire; null: not set. */
    passwordValidityPeriodInDays: z.number().int().positive().nullable().default(null),
    passwordNotificationWindowInDays: z.number().int().positive().nullable().default(null),
    supportedServices: z.array(z.string()).default([]),
  })
  .strict();

const app = z
  .object({
    appId: guid,
    displayName: text,
    /** Application permissions admin-consented for the sandbox app (role values, e.g. User.Read.All). */
    grantedPermissions: z.array(
      z.string().regex(/^[A-Za-z-]+(\.[A-Za-z-]+)+$/, 'expected a permission like User.Read.All'),
    ),
  })
  .strict();

const passwordMethod = z.object({ id: guid, createdDateTime: dateTime.nullable() }).passthrough();
const phoneMethod = z
  .object({
    id: guid,
    phoneNumber: z.string().regex(PHONE_NUMBER, 'expected "+{country code} {number}"'),
    phoneType: z.enum(['mobile', 'alternateMobile', 'office']),
    smsSignInState: z.enum([
      'notSupported',
      'notAllowedByPolicy',
      'notEnabled',
      'phoneNumberNotUnique',
      'ready',
      'notConfigured',
      'unknownFutureValue',
    ]),
  })
  .passthrough()
  .refine((m) => m.id === PHONE_METHOD_IDS[m.phoneType], {
    message: 'expected the fixed Graph id for this phoneType',
    path: ['id'],
  });
const authenticatorMethod = z
  .object({
    id: guid,
    displayName: text,
    deviceTag: z.string(),
    phoneAppVersion: z.string(),
    createdDateTime: dateTime.nullable(),
  })
  .passthrough();
const tapMethod = z
  .object({
    id: guid,
    createdDateTime: dateTime,
    startDateTime: dateTime,
    lifetimeInMinutes: z.number().int().min(10).max(43200),
    isUsableOnce: z.boolean(),
    /** Only usage that time cannot explain (OneTimeUsed, DisabledByPolicy); the rest is computed. */
    methodUsabilityReason: z.enum(TAP_USABILITY).optional(),
    temporaryAccessPass: z.null({ message: 'a stored pass code must be null' }).optional(),
  })
  .strict();
const fido2Method = z.object({ id: z.string().min(1), displayName: text }).passthrough();

const authentication = z
  .object({
    passwordMethods: z.array(passwordMethod).default([]),
    phoneMethods: z.array(phoneMethod).default([]),
    microsoftAuthenticatorMethods: z.array(authenticatorMethod).default([]),
    temporaryAccessPassMethods: z
      .array(tapMethod)
      .max(1, 'a user holds at most one Temporary Access Pass')
      .default([]),
    fido2Methods: z.array(fido2Method).default([]),
  })
  .strict();

const installation = z
  .object({ id: text, teamsAppId: guid, chatId: z.string().regex(/^19:.+@unq\.gbl\.spaces$/) })
  .strict();

const user = z
  .object({
    id: guid,
    displayName: text,
    userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'expected a UPN'),
    userType: z.enum(['Member', 'Guest']),
    accountEnabled: z.boolean(),
    mail: z.string().nullable(),
    givenName: z.string().nullable(),
    surname: z.string().nullable(),
    jobTitle: z.string().nullable(),
    businessPhones: z.array(z.string()).default([]),
    onPremisesSyncEnabled: z.boolean().nullable(),
    createdDateTime: dateTime,
    lastPasswordChangeDateTime: dateTime.nullable(),
    signInSessionsValidFromDateTime: dateTime,
    authentication: authentication.default({}),
    teamwork: z
      .object({ installedApps: z.array(installation).default([]) })
      .strict()
      .default({}),
  })
  .passthrough()
  .refine((u) => u.userType !== 'Guest' || u.userPrincipalName.includes('#EXT#'), {
    message: 'a Guest needs an external UPN containing #EXT#',
    path: ['userPrincipalName'],
  })
  .refine(
    (u) => u.userType !== 'Guest' || u.authentication.temporaryAccessPassMethods.length === 0,
    {
      message: 'a Temporary Access Pass cannot be added to a guest',
      path: ['authentication', 'temporaryAccessPassMethods'],
    },
  );

const group = z
  .object({
    id: guid,
    displayName: text,
    description: z.string().nullable(),
    groupTypes: z.array(z.string()).default([]),
    securityEnabled: z.boolean(),
    mailEnabled: z.boolean(),
    membershipRule: z.string().nullable().default(null),
    isAssignableToRole: z.boolean().nullable().default(null),
    /** Direct members: ids of users, groups or devices. */
    members: z.array(guid).default([]),
  })
  .passthrough();

const directoryRole = z
  .object({
    id: guid,
    displayName: text,
    description: z.string(),
    roleTemplateId: guid,
    members: z.array(guid).default([]),
  })
  .passthrough();

const device = z
  .object({
    id: guid,
    deviceId: guid,
    displayName: text,
    operatingSystem: text,
    operatingSystemVersion: z.string(),
    trustType: z.enum(['Workplace', 'AzureAd', 'ServerAd']).nullable(),
    isCompliant: z.boolean().nullable(),
    isManaged: z.boolean().nullable(),
    accountEnabled: z.boolean(),
    approximateLastSignInDateTime: dateTime.nullable(),
    registeredOwners: z.array(guid).default([]),
    registeredUsers: z.array(guid).default([]),
  })
  .passthrough();

const settingState = z
  .object({
    setting: text,
    settingName: text,
    state: z.enum(POLICY_STATES),
    currentValue: z.string().nullable(),
  })
  .passthrough();
const policyState = z
  .object({
    id: text,
    displayName: text,
    platformType: text,
    settingCount: z.number().int().min(0),
    version: z.number().int(),
    state: z.enum(POLICY_STATES),
    settingStates: z.array(settingState).default([]),
  })
  .passthrough();
const managedDevice = z
  .object({
    id: guid,
    userId: guid,
    userPrincipalName: text,
    deviceName: text,
    operatingSystem: text,
    osVersion: z.string(),
    complianceState: z.enum(COMPLIANCE_STATES),
    complianceGracePeriodExpirationDateTime: dateTime,
    lastSyncDateTime: dateTime,
    azureADDeviceId: guid,
    azureADRegistered: z.boolean(),
    managementAgent: text,
    deviceActionResults: z
      .array(z.object({ actionName: text, actionState: text }).passthrough())
      .default([]),
    deviceCompliancePolicyStates: z.array(policyState).default([]),
  })
  .passthrough();

const appliedPolicy = z
  .object({
    id: guid,
    displayName: text,
    enforcedGrantControls: z.array(z.string()),
    enforcedSessionControls: z.array(z.string()),
    result: z.enum(CA_RESULTS),
  })
  .passthrough();
const signIn = z
  .object({
    id: guid,
    createdDateTime: dateTime,
    userId: guid,
    userPrincipalName: text,
    userDisplayName: text,
    appId: guid,
    appDisplayName: text,
    ipAddress: z.string(),
    clientAppUsed: z.string(),
    correlationId: guid,
    isInteractive: z.boolean(),
    /** Beta-only; derived from isInteractive when absent. */
    signInEventTypes: z
      .array(
        z.enum(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity']),
      )
      .optional(),
    conditionalAccessStatus: z.enum(['success', 'failure', 'notApplied', 'unknownFutureValue']),
    status: z
      .object({
        errorCode: z.number().int().min(0),
        failureReason: z.string().nullable(),
        additionalDetails: z.string().nullable(),
      })
      .strict(),
    deviceDetail: z.object({ deviceId: z.string(), operatingSystem: z.string() }).passthrough(),
    location: z.object({ countryOrRegion: z.string() }).passthrough(),
    appliedConditionalAccessPolicies: z.array(appliedPolicy).default([]),
    riskDetail: text,
    riskLevelAggregated: z.enum(RISK_LEVELS),
    riskLevelDuringSignIn: z.enum(RISK_LEVELS),
    riskState: z.enum(RISK_STATES),
    riskEventTypes_v2: z.array(z.string()).default([]),
  })
  .passthrough();

const riskHistoryItem = z
  .object({
    id: text,
    userId: guid,
    initiatedBy: z.string().nullable(),
    activity: z.object({ detail: text, riskEventTypes: z.array(z.string()) }).passthrough(),
    riskLevel: z.enum(RISK_LEVELS),
    riskState: z.enum(RISK_STATES),
    riskDetail: text,
    riskLastUpdatedDateTime: dateTime,
  })
  .passthrough();
const riskyUser = z
  .object({
    id: guid,
    userPrincipalName: text,
    userDisplayName: text,
    riskLevel: z.enum(RISK_LEVELS),
    riskState: z.enum(RISK_STATES),
    riskDetail: text,
    riskLastUpdatedDateTime: dateTime,
    isDeleted: z.boolean(),
    isProcessing: z.boolean(),
    history: z.array(riskHistoryItem).default([]),
  })
  .passthrough();

const riskDetection = z
  .object({
    id: text,
    userId: guid,
    userPrincipalName: text,
    userDisplayName: text,
    requestId: z.string().nullable(),
    correlationId: z.string().nullable(),
    riskEventType: text,
    riskLevel: z.enum(RISK_LEVELS),
    riskState: z.enum(RISK_STATES),
    riskDetail: text,
    detectionTimingType: z.enum(['notDefined', 'realtime', 'nearRealtime', 'offline']),
    activity: z.enum(['signin', 'user']),
    activityDateTime: dateTime,
    detectedDateTime: dateTime,
    lastUpdatedDateTime: dateTime,
  })
  .passthrough();

const caUsers = z
  .object({
    includeUsers: z.array(z.string()).default([]),
    excludeUsers: z.array(z.string()).default([]),
    includeGroups: z.array(guid).default([]),
    excludeGroups: z.array(guid).default([]),
    includeRoles: z.array(guid).default([]),
    excludeRoles: z.array(guid).default([]),
  })
  .passthrough();
const caPolicy = z
  .object({
    id: guid,
    displayName: text,
    state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
    createdDateTime: dateTime,
    modifiedDateTime: dateTime.nullable(),
    conditions: z.object({ users: caUsers }).passthrough(),
    grantControls: z
      .object({
        operator: z.enum(['AND', 'OR']),
        builtInControls: z.array(
          z.enum([
            'block',
            'mfa',
            'compliantDevice',
            'domainJoinedDevice',
            'approvedApplication',
            'compliantApplication',
            'passwordChange',
            'unknownFutureValue',
          ]),
        ),
      })
      .passthrough()
      .nullable(),
    sessionControls: z.record(z.unknown()).nullable(),
  })
  .passthrough();

/** Named locations, for the Conditional Access What If evaluation of location conditions. */
const namedLocation = z
  .object({
    '@odata.type': z.enum([
      '#microsoft.graph.countryNamedLocation',
      '#microsoft.graph.ipNamedLocation',
    ]),
    id: guid,
    displayName: text,
    countriesAndRegions: z.array(z.string().length(2)).optional(),
    ipRanges: z.array(z.object({ cidrAddress: z.string() }).passthrough()).optional(),
    isTrusted: z.boolean().optional(),
  })
  .passthrough();

const methodTarget = z
  .object({ targetType: z.enum(['group', 'user']), id: z.string() })
  .passthrough();
const methodConfiguration = z
  .object({
    '@odata.type': z.string().startsWith('#microsoft.graph.'),
    id: text,
    state: z.enum(['enabled', 'disabled']),
    includeTargets: z.array(methodTarget).optional(),
    excludeTargets: z.array(methodTarget).default([]),
  })
  .passthrough()
  .superRefine((config, ctx) => {
    if (config.id !== 'TemporaryAccessPass') return;
    const numbers = [
      'minimumLifetimeInMinutes',
      'maximumLifetimeInMinutes',
      'defaultLifetimeInMinutes',
      'defaultLength',
    ];
    const values = numbers.map((key) => config[key]);
    if (
      !values.every((v): v is number => typeof v === 'number') ||
      typeof config.isUsableOnce !== 'boolean'
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `expected numbers ${numbers.join(', ')} and boolean isUsableOnce`,
      });
      return;
    }
    const [min, max, def, length] = values;
    if (min < 10 || max > 43200 || min > def || def > max) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected 10 <= minimum <= default <= maximum <= 43200 lifetime minutes',
      });
    }
    if (length < 8 || length > 48)
      ctx.addIssue({ code: 'custom', message: 'expected defaultLength 8..48' });
  });
const authenticationMethodsPolicy = z
  .object({
    id: z.literal('authenticationMethodsPolicy'),
    displayName: text,
    authenticationMethodConfigurations: z.array(methodConfiguration).min(1),
  })
  .passthrough();

const teamsApp = z
  .object({
    id: guid,
    externalId: z.string().nullable(),
    displayName: text,
    distributionMethod: z.enum(['store', 'organization', 'sideloaded', 'unknownFutureValue']),
  })
  .passthrough();

const securityDefaultsPolicy = z
  .object({
    id: text,
    displayName: text,
    description: z.string(),
    isEnabled: z.boolean(),
  })
  .strict();

/** A daily Secure Score snapshot (only the properties the bot reads are required). */
const secureScore = z
  .object({
    id: text,
    azureTenantId: guid,
    createdDateTime: dateTime,
    currentScore: z.number().min(0),
    maxScore: z.number().positive(),
    enabledServices: z.array(z.string()).default([]),
  })
  .passthrough()
  .refine((s) => s.currentScore <= s.maxScore, {
    message: 'expected currentScore <= maxScore',
    path: ['currentScore'],
  });

const appRoleAssignment = z
  .object({
    id: text,
    principalId: guid,
    principalType: z.enum(['User', 'Group', 'ServicePrincipal']),
    principalDisplayName: text,
    resourceId: guid,
    appRoleId: guid,
    createdDateTime: dateTime,
  })
  .strict();

/**
 * An enterprise application. `appRoleAssignedTo` is served from its own URL and
 * `lastSignInDateTime` from the beta servicePrincipalSignInActivities report.
 */
const servicePrincipal = z
  .object({
    id: guid,
    appId: guid,
    displayName: text,
    appOwnerOrganizationId: guid.nullable(),
    servicePrincipalType: z.enum(['Application', 'ManagedIdentity', 'Legacy', 'SocialIdp']),
    accountEnabled: z.boolean(),
    appRoleAssignmentRequired: z.boolean(),
    createdDateTime: dateTime.optional(),
    tags: z.array(z.string()).default([]),
    appRoleAssignedTo: z.array(appRoleAssignment).default([]),
    lastSignInDateTime: dateTime.nullable().default(null),
  })
  .passthrough();

const scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case id'),
    problem: text,
    userId: guid,
    userPrincipalName: text,
    description: text,
  })
  .strict();

export const tenantFixtureSchema = z
  .object({
    description: text,
    /** Instant the fixture's timestamps were written against; the sandbox shifts them to "now". */
    referenceDateTime: dateTime,
    organization,
    domains: z.array(domain).default([]),
    app,
    users: z.array(user).min(1),
    groups: z.array(group).default([]),
    directoryRoles: z.array(directoryRole).default([]),
    devices: z.array(device).default([]),
    managedDevices: z.array(managedDevice).default([]),
    signIns: z.array(signIn).default([]),
    riskyUsers: z.array(riskyUser).default([]),
    riskDetections: z.array(riskDetection).default([]),
    conditionalAccessPolicies: z.array(caPolicy).default([]),
    namedLocations: z.array(namedLocation).default([]),
    authenticationMethodsPolicy,
    identitySecurityDefaultsEnforcementPolicy: securityDefaultsPolicy.default({
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description: 'Security defaults is a set of basic identity security mechanisms.',
      isEnabled: false,
    }),
    secureScores: z.array(secureScore).default([]),
    servicePrincipals: z.array(servicePrincipal).default([]),
    teamsApps: z.array(teamsApp).default([]),
    /** Access review definitions (identityGovernance), as Graph returns them. */
    accessReviewDefinitions: z
      .array(z.object({ id: guid, displayName: text }).passthrough())
      .default([]),
    scenarios: z.array(scenario).default([]),
  })
  .strict();

export type TenantFixture = z.output<typeof tenantFixtureSchema>;
export type FixtureUser = TenantFixture['users'][number];
export type FixtureDomain = TenantFixture['domains'][number];
export type FixtureGroup = TenantFixture['groups'][number];
export type FixtureDevice = TenantFixture['devices'][number];
export type FixtureManagedDevice = TenantFixture['managedDevices'][number];
export type FixtureSignIn = TenantFixture['signIns'][number];
export type FixtureRiskyUser = TenantFixture['riskyUsers'][number];
export type FixtureRiskDetection = TenantFixture['riskDetections'][number];
export type FixtureCaPolicy = TenantFixture['conditionalAccessPolicies'][number];
export type FixtureDirectoryRole = TenantFixture['directoryRoles'][number];
export type FixtureSecureScore = TenantFixture['secureScores'][number];
export type FixtureServicePrincipal = TenantFixture['servicePrincipals'][number];
export type FixtureTeamsApp = TenantFixture['teamsApps'][number];
export type FixtureAccessReview = TenantFixture['accessReviewDefinitions'][number];
export type FixtureTapMethod = FixtureUser['authentication']['temporaryAccessPassMethods'][number];
export type FixturePhoneMethod = FixtureUser['authentication']['phoneMethods'][number];
export type FixtureInstallation = FixtureUser['teamwork']['installedApps'][number];
export type MethodConfiguration =
  TenantFixture['authenticationMethodsPolicy']['authenticationMethodConfigurations'][number];
