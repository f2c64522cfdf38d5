/**
 * Microsoft Graph adapter for announcements: group members (transitive, paged), author group
 * checks, the Authenticator settings, and installing the app for users who never did.
 *
 * Permissions (application): GroupMember.Read.All (members, checkMemberGroups with
 * User.Read.All), Policy.Read.All (Authenticator settings),
 * TeamsAppInstallation.ReadWriteSelfForUser.All (install; the app can only install itself),
 * TeamsAppInstallation.ReadForUser.All (find the chat), AppCatalog.Read.All (catalog id lookup).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { relativeNextLink } from '../graph/client';
import { toGraphAppError } from '../graph/errors';
import type {
  AppInstaller,
  AudienceDirectory,
  AuthenticatorSettings,
  DirectoryUser,
  FeatureState,
  InstallOutcome,
} from './ports';

export interface GraphAudienceOptions {
  /**
   * The app's id in the Teams app catalog (for an org-published app this differs from the
   * manifest id; see resolveCatalogAppId). Without it, users who never installed the app are
   * reported as not reachable instead of having it installed.
   */
  catalogAppId?: string;
  /** Root used in `@odata.bind` links. Default https://graph.microsoft.com. */
  graphRoot?: string;
  /** Page size for member listings (Graph allows up to 999). */
  pageSize?: number;
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

type FeatureSetting = { state?: string };
type AuthenticatorConfiguration = {
  state?: string;
  featureSettings?: {
    displayAppInformationRequiredState?: FeatureSetting;
    displayLocationInformationRequiredState?: FeatureSetting;
    numberMatchingRequiredState?: FeatureSetting;
  };
};

const USER_FIELDS = ['id', 'displayName', 'userPrincipalName', 'userType'];
/** checkMemberGroups takes at most 20 group ids per call. */
const MEMBER_GROUPS_PER_CALL = 20;

export class GraphAudienceDirectory implements AudienceDirectory, AppInstaller {
  private readonly graphRoot: string;
  private readonly pageSize: number;

  constructor(
    private readonly graph: Client,
    private readonly options: GraphAudienceOptions = {},
  ) {
    this.graphRoot = (options.graphRoot ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
    this.pageSize = options.pageSize ?? 999;
  }

  async *groupMembers(groupId: string): AsyncIterable<DirectoryUser[]> {
    const operation = {
      operation: 'listing the group members',
      permission: 'GroupMember.Read.All',
    };
    let page: Page<DirectoryUser>;
    try {
      page = (await this.graph
        .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`)
        .select(USER_FIELDS)
        .top(this.pageSize)
        .get()) as Page<DirectoryUser>;
    } catch (error) {
      throw toGraphAppError(error, operation);
    }
    for (;;) {
      yield (page.value ?? []).filter((u) => typeof u.id === 'string' && u.id !== '');
      const next = page['@odata.nextLink'];
      if (!next) return;
      const { version, path } = relativeNextLink(next);
      try {
        page = (await this.graph.api(path).version(version).get()) as Page<DirectoryUser>;
      } catch (error) {
        throw toGraphAppError(error, operation);
      }
    }
  }

  async groupName(groupId: string): Promise<string | undefined> {
    try {
      const group = (await this.graph
        .api(`/groups/${encodeURIComponent(groupId)}`)
        .select(['id', 'displayName'])
        .get()) as { displayName?: string };
      return group.displayName;
    } catch (error) {
      throw toGraphAppError(error, {
        operation: 'reading the group',
        permission: 'GroupMember.Read.All',
      });
    }
  }

  async memberGroups(userObjectId: string, groupIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += MEMBER_GROUPS_PER_CALL) {
      try {
        const result = (await this.graph
          .api(`/users/${encodeURIComponent(userObjectId)}/checkMemberGroups`)
          .post({ groupIds: groupIds.slice(i, i + MEMBER_GROUPS_PER_CALL) })) as Page<string>;
        found.push(...(result.value ?? []));
      } catch (error) {
        throw toGraphAppError(error, {
          operation: 'checking your group membership',
          permission: 'GroupMember.Read.All',
        });
      }
    }
    const wanted = new Set(groupIds.map((g) => g.toLowerCase()));
    return found.filter((g) => wanted.has(g.toLowerCase()));
  }

  async authenticatorSettings(): Promise<AuthenticatorSettings> {
    let config: AuthenticatorConfiguration;
    try {
      config = (await this.graph
        .api(
          '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
        )
        .get()) as AuthenticatorConfiguration;
    } catch (error) {
      throw toGraphAppError(error, {
        operation: 'reading the Microsoft Authenticator settings',
        permission: 'Policy.Read.All',
      });
    }
    const features = config.featureSettings ?? {};
    return {
      state: config.state === 'enabled' || config.state === 'disabled' ? config.state : 'unknown',
      // v1.0 does not report number matching: Microsoft enforces it for every push since May 2023.
      numberMatching: features.numberMatchingRequiredState
        ? featureState(features.numberMatchingRequiredState)
        : 'enabled',
      appName: featureState(features.displayAppInformationRequiredState),
      location: featureState(features.displayLocationInformationRequiredState),
    };
  }

  async installForUser(userObjectId: string): Promise<InstallOutcome> {
    const catalogAppId = this.options.catalogAppId;
    if (!catalogAppId) return { kind: 'unavailable', reason: 'app-not-installed' };
    const user = encodeURIComponent(userObjectId);
    let alreadyInstalled = false;
    try {
      await this.graph.api(`/users/${user}/teamwork/installedApps`).post({
        'teamsApp@odata.bind': `${this.graphRoot}/v1.0/appCatalogs/teamsApps/${catalogAppId}`,
      });
    } catch (error) {
      const mapped = toGraphAppError(error, {
        operation: 'installing the app for a user',
        permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
      });
      if (mapped.status === 409) alreadyInstalled = true;
      else if (mapped.code === 'graph-throttled') {
        return {
          kind: 'retry',
          detail: mapped.message,
          retryAfterMs: (mapped.retryAfterSeconds ?? 30) * 1000,
        };
      } else if (mapped.code === 'graph-unavailable') {
        return { kind: 'retry', detail: mapped.message };
      } else if (mapped.code === 'graph-not-found') {
        return { kind: 'unavailable', reason: 'user-not-found-or-no-teams' };
      } else if (mapped.code === 'graph-forbidden') {
        return { kind: 'unavailable', reason: 'install-not-allowed' };
      } else {
        return { kind: 'unavailable', reason: `install-refused (${mapped.status ?? '?'})` };
      }
    }
    return { kind: 'installed', alreadyInstalled, chatId: await this.chatId(user, catalogAppId) };
  }

  /** The 1:1 chat between the user and the app, when Graph can tell (best effort). */
  private async chatId(user: string, catalogAppId: string): Promise<string | undefined> {
    try {
      const installations = (await this.graph
        .api(`/users/${user}/teamwork/installedApps`)
        .expand('teamsApp')
        .filter(`teamsApp/id eq '${catalogAppId.replace(/'/g, "''")}'`)
        .get()) as Page<{ id: string }>;
      const installation = installations.value?.[0]?.id;
      if (!installation) return undefined;
      const chat = (await this.graph
        .api(`/users/${user}/teamwork/installedApps/${encodeURIComponent(installation)}/chat`)
        .get()) as { id?: string };
      return chat.id;
    } catch {
      // Without the chat id the sender opens the chat by object id instead.
      return undefined;
    }
  }
}

/** The catalog id of an org-published app, from its manifest id (null when not published). */
export async function resolveCatalogAppId(
  graph: Client,
  manifestId: string,
): Promise<string | undefined> {
  try {
    const apps = (await graph
      .api('/appCatalogs/teamsApps')
      .filter(`externalId eq '${manifestId.replace(/'/g, "''")}'`)
      .get()) as Page<{ id: string }>;
    return apps.value?.[0]?.id;
  } catch (error) {
    throw toGraphAppError(error, {
      operation: 'looking the app up in the Teams catalog',
      permission: 'AppCatalog.Read.All',
    });
  }
}

function featureState(setting: FeatureSetting | undefined): FeatureState {
  const state = setting?.state;
  return state === 'enabled' || state === 'disabled' || state === 'default' ? state : 'unknown';
}
