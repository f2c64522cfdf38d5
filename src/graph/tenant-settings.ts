import type {
  AuthenticatorFeature,
  AuthenticatorSettings,
  GuestReviewPlan,
  SmsSettings,
  TapPolicyChange,
  TenantSettings,
} from '../remediation/admin-changes/ports';
import { ALL_USERS, NO_GROUP } from '../remediation/admin-changes/ports';
import type { WriteReceipt } from '../remediation/ports';
import { PERMISSION } from './remediation-permissions';
import { isRecord, path, text, type GraphTransport } from './transport';

/**
 * The tenant settings the guided admin changes change, on Microsoft Graph: the authentication
 * methods policy's per-method configurations (PATCH needs the configuration's @odata.type) and
 * access review definitions. One documented call per method.
 */

const METHODS = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations';
const MOBILE_PHONE_METHOD = '3179e48a-750b-4051-897c-87b9720928f7';

function feature(value: unknown): AuthenticatorFeature {
  const f = isRecord(value) ? value : {};
  const include = isRecord(f.includeTarget) ? f.includeTarget : {};
  const exclude = isRecord(f.excludeTarget) ? f.excludeTarget : {};
  return {
    state: text(f.state, 'default'),
    includeTargetId: text(include.id, ALL_USERS),
    excludeTargetId: text(exclude.id, NO_GROUP),
  };
}

function featureBody(f: AuthenticatorFeature): Record<string, unknown> {
  return {
    state: f.state,
    includeTarget: { targetType: 'group', id: f.includeTargetId },
    excludeTarget: { targetType: 'group', id: f.excludeTargetId },
  };
}

/** ISO 8601 duration of whole days, as access reviews want it. */
function days(n: number): string {
  return `P${n}D`;
}

export class GraphTenantSettings implements TenantSettings {
  constructor(private readonly graph: GraphTransport) {}

  private async method(id: string): Promise<Record<string, unknown>> {
    const { body } = await this.graph.ok('GET', `${METHODS}/${id}`, undefined, {
      operation: 'reading the authentication methods policy',
      permission: PERMISSION.policyRead,
    });
    return isRecord(body) ? body : {};
  }

  async getAuthenticatorSettings(): Promise<AuthenticatorSettings> {
    const config = await this.method('MicrosoftAuthenticator');
    const features = isRecord(config.featureSettings) ? config.featureSettings : {};
    return {
      state: text(config.state, 'disabled'),
      appName: feature(features.displayAppInformationRequiredState),
      location: feature(features.displayLocationInformationRequiredState),
    };
  }

  async getSmsSettings(): Promise<SmsSettings> {
    const config = await this.method('Sms');
    const targets = Array.isArray(config.includeTargets) ? config.includeTargets : [];
    return {
      state: text(config.state, 'disabled'),
      includeTargets: targets.filter(isRecord).map((t) => ({
        id: text(t.id),
        isUsableForSignIn: t.isUsableForSignIn === true,
      })),
    };
  }

  async findAccessReview(displayName: string): Promise<string | undefined> {
    const items = await this.graph.all('/identityGovernance/accessReviews/definitions?$top=100', {
      operation: 'listing access reviews',
      permission: PERMISSION.accessReviewRead,
    });
    const found = items.find((item) => text(item.displayName) === displayName);
    return found ? text(found.id) : undefined;
  }

  updateTapPolicy(change: TapPolicyChange): Promise<WriteReceipt> {
    return this.graph.write(
      'PATCH',
      `${METHODS}/TemporaryAccessPass`,
      {
        '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
        ...change,
      },
      {
        operation: 'changing the Temporary Access Pass policy',
        permission: PERMISSION.methodPolicyWrite,
      },
    );
  }

  updateAuthenticatorFeatures(
    appName: AuthenticatorFeature,
    location: AuthenticatorFeature,
  ): Promise<WriteReceipt> {
    return this.graph.write(
      'PATCH',
      `${METHODS}/MicrosoftAuthenticator`,
      {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
        featureSettings: {
          displayAppInformationRequiredState: featureBody(appName),
          displayLocationInformationRequiredState: featureBody(location),
        },
      },
      {
        operation: 'changing the Microsoft Authenticator settings',
        permission: PERMISSION.methodPolicyWrite,
      },
    );
  }

  updateSmsTargets(targets: SmsSettings['includeTargets']): Promise<WriteReceipt> {
    return this.graph.write(
      'PATCH',
      `${METHODS}/Sms`,
      {
        '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
        state: 'enabled',
        includeTargets: targets.map((t) => ({
          targetType: 'group',
          id: t.id,
          isRegistrationRequired: false,
          isUsableForSignIn: t.isUsableForSignIn,
        })),
      },
      { operation: 'changing the SMS sign-in policy', permission: PERMISSION.methodPolicyWrite },
    );
  }

  async createGuestReview(plan: GuestReviewPlan): Promise<WriteReceipt & { id: string }> {
    const { body, requestId } = await this.graph.ok(
      'POST',
      '/identityGovernance/accessReviews/definitions',
      {
        displayName: plan.displayName,
        descriptionForAdmins: plan.description,
        descriptionForReviewers: plan.description,
        // Every Microsoft 365 group's guests, one review instance per group.
        scope: {
          '@odata.type': '#microsoft.graph.principalResourceMembershipsScope',
          principalScopes: [
            {
              '@odata.type': '#microsoft.graph.accessReviewInactiveUsersQueryScope',
              query: "/users?$filter=(userType eq 'Guest')",
              queryType: 'MicrosoftGraph',
              inactiveDuration: days(plan.inactiveDays),
            },
          ],
          resourceScopes: [
            {
              '@odata.type': '#microsoft.graph.accessReviewQueryScope',
              query: "/groups?$filter=(groupTypes/any(c:c eq 'Unified'))",
              queryType: 'MicrosoftGraph',
            },
          ],
        },
        reviewers: [
          {
            query: `${path('groups', plan.reviewerGroupId)}/transitiveMembers`,
            queryType: 'MicrosoftGraph',
          },
        ],
        settings: {
          mailNotificationsEnabled: true,
          reminderNotificationsEnabled: true,
          justificationRequiredOnApproval: true,
          defaultDecisionEnabled: true,
          defaultDecision: 'Deny',
          autoApplyDecisionsEnabled: true,
          recommendationsEnabled: true,
          instanceDurationInDays: plan.durationDays,
          recurrence: {
            pattern: { type: 'absoluteMonthly', interval: plan.everyMonths },
            range: { type: 'noEnd', startDate: plan.startDate },
          },
          // Block the denied guest's sign-in, then delete the account 30 days later.
          applyActions: [{ '@odata.type': '#microsoft.graph.disableAndDeleteUserApplyAction' }],
        },
      },
      { operation: 'creating the access review', permission: PERMISSION.accessReviewWrite },
    );
    return { requestId, id: isRecord(body) ? text(body.id) : '' };
  }

  enableSmsSignIn(userId: string): Promise<WriteReceipt> {
    return this.graph.write(
      'POST',
      `${path('users', userId, 'authentication', 'phoneMethods', MOBILE_PHONE_METHOD)}/enableSmsSignIn`,
      undefined,
      { operation: 'turning on SMS sign-in for the person', permission: PERMISSION.smsSignInWrite },
    );
  }
}
