import type { ActionKind } from '../remediation/action-kinds';
import { PERMISSIONS, type PermissionAlternative } from '../graph/permissions';

/**
 * What each feature needs from Microsoft Graph, as application permissions (any alternative of
 * a requirement is enough; the first is the least privileged). `required` missing switches the
 * feature off; `optional` missing leaves it on with less to show.
 */
export interface FeatureNeeds {
  id: FeatureId;
  title: string;
  required: Requirement[];
  optional?: Requirement[];
  /** What happens when a required permission is missing. */
  whenOff: string;
}

export interface Requirement {
  purpose: string;
  alternatives: readonly PermissionAlternative[];
}

export type FeatureId =
  | 'readiness'
  | 'helpdesk-membership'
  | 'diagnosis'
  | 'announcements'
  | 'posture'
  | `fix:${ActionKind}`;

const need = (purpose: string, alternatives: readonly PermissionAlternative[]): Requirement => ({
  purpose,
  alternatives,
});

const fix = (kind: ActionKind, title: string, ...required: Requirement[]): FeatureNeeds => ({
  id: `fix:${kind}`,
  title,
  required: [need('read the person', PERMISSIONS.userRead), ...required],
  whenOff: 'the fix is not offered on cards',
});

export const FEATURES: readonly FeatureNeeds[] = [
  {
    id: 'readiness',
    title: 'Readiness check',
    required: [need('read the tenant', PERMISSIONS.organizationRead)],
    whenOff: '/readyz reports Graph as down',
  },
  {
    id: 'helpdesk-membership',
    title: 'Helpdesk and admin membership',
    required: [need('read group membership', PERMISSIONS.membershipRead)],
    whenOff: 'nobody is recognised as helpdesk or admin: no one may approve or diagnose others',
  },
  {
    id: 'diagnosis',
    title: 'Diagnosis',
    required: [need('read the person', PERMISSIONS.userRead)],
    optional: [
      need('read sign-ins', PERMISSIONS.signInRead),
      need('read Conditional Access policies', PERMISSIONS.conditionalAccessRead),
      need('read user risk', PERMISSIONS.riskyUserRead),
      need('read risk detections', PERMISSIONS.riskDetectionRead),
      need('read authentication methods', PERMISSIONS.authMethodsRead),
      need('read Temporary Access Passes', PERMISSIONS.tapRead),
      need('read the authentication methods policy', PERMISSIONS.authMethodPolicyRead),
      need('read Intune devices', PERMISSIONS.managedDeviceRead),
      need('read Entra devices', PERMISSIONS.deviceRead),
      need("read the domain's password expiry", PERMISSIONS.domainRead),
    ],
    whenOff: 'answers explain the error from the catalog only',
  },
  {
    id: 'announcements',
    title: 'Announcements',
    required: [need('expand the audience group', PERMISSIONS.groupRead)],
    optional: [
      need('show Authenticator settings', PERMISSIONS.authMethodPolicyRead),
      need('find the app in the catalog', PERMISSIONS.appCatalogRead),
      need('install the app for people who never did', PERMISSIONS.installedAppsWrite),
    ],
    whenOff: 'the announce command answers that announcements are switched off',
  },
  {
    id: 'posture',
    title: 'Posture checks',
    required: [need('read Conditional Access policies', PERMISSIONS.conditionalAccessRead)],
    optional: [
      need('read security defaults', PERMISSIONS.securityDefaultsRead),
      need('read the secure score', PERMISSIONS.secureScoreRead),
      need('read service principals', PERMISSIONS.servicePrincipalRead),
      need('read service principal sign-ins', PERMISSIONS.servicePrincipalSignInRead),
    ],
    whenOff: 'posture reports cannot read the policies they check',
  },
  fix(
    'issue-tap',
    'Fix: issue a Temporary Access Pass',
    need('create a pass', PERMISSIONS.tapWrite),
  ),
  fix('dismiss-risk', 'Fix: dismiss user risk', need('dismiss risk', PERMISSIONS.riskyUserWrite)),
  fix(
    'confirm-compromised',
    'Fix: confirm compromised',
    need('confirm compromise', PERMISSIONS.riskyUserWrite),
  ),
  fix('revoke-sessions', 'Fix: revoke sessions', need('revoke sessions', PERMISSIONS.userWrite)),
  fix(
    'require-password-change',
    'Fix: require a password change',
    need('set the password profile', PERMISSIONS.userWrite),
  ),
  fix(
    'sync-device',
    'Fix: sync a device',
    need('sync an Intune device', PERMISSIONS.managedDeviceSync),
  ),
  fix(
    'ca-exclusion',
    'Fix: time-boxed Conditional Access exclusion',
    need('add and remove exclusion group members', PERMISSIONS.groupMemberWrite),
  ),
  fix(
    'add-sms-method',
    'Fix: add an SMS phone method',
    need('add a phone', PERMISSIONS.phoneWrite),
  ),
  fix(
    'copy-group-members',
    'Fix: copy group members',
    need('add group members', PERMISSIONS.groupMemberWrite),
  ),
  fix(
    'tap-policy',
    'Admin change: Temporary Access Pass policy',
    need('change the authentication methods policy', PERMISSIONS.authMethodPolicyWrite),
  ),
  fix(
    'authenticator-context',
    'Admin change: Authenticator app name and location',
    need('change the authentication methods policy', PERMISSIONS.authMethodPolicyWrite),
  ),
  fix(
    'sms-sign-in',
    'Admin change: SMS sign-in for a group',
    need('change the authentication methods policy', PERMISSIONS.authMethodPolicyWrite),
    need('add phones', PERMISSIONS.phoneWrite),
    need('turn on SMS sign-in for a phone', PERMISSIONS.smsSignInWrite),
  ),
  fix(
    'guest-access-review',
    'Admin change: inactive-guest access review',
    need('create access reviews', PERMISSIONS.accessReviewWrite),
  ),
  fix(
    'policy-exclusion',
    "Admin change: a policy's exclusion group",
    need('add and remove exclusion group members', PERMISSIONS.groupMemberWrite),
    need('read Conditional Access policies', PERMISSIONS.conditionalAccessRead),
  ),
];
