/**
 * Microsoft Graph adapter for announcements: group members (transitive, paged), author group
 * checks, the Authenticator settings, and installing the app for users who never did.
 *
 * Permissions (application): GroupMember.Read.All (members, checkMemberGroups with
 * User.Read.All), Policy.Read.All (Authenticator settings),
 * TeamsAppInstallation.ReadWriteSelfForUser.All (install; the app can only install itself),
 * TeamsAppInstallation.ReadForUser.All (find the chat), AppCatalog.Read.All (catalog id lookup).
 */
import { isAppError } from '../errors';
import { path, type GraphTransport } from '../graph/transport';
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
  /** Page size for member listings (Graph allows up to 999). */
  pageSize?: number;
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

const USER_FIELDS = 'id,displayName,userPrincipalName,userType';
/** checkMemberGroups takes at most 20 group ids per call. */
const MEMBER_GROUPS_PER_CALL = 20;

/** Calls go through the one Graph transport: its pacing, retries and error classification. */
export class GraphAudienceDirectory implements AudienceDirectory, AppInstaller {
  private readonly pageSize: number;

  constructor(
    private readonly graph: GraphTransport,
    private readonly options: GraphAudienceOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 999;
  }

  async *groupMembers(groupId: string): AsyncIterable<DirectoryUser[]> {
    const url = `${path('groups', groupId, 'transitiveMembers', 'microsoft.graph.user')}?$select=${USER_FIELDS}&$top=${this.pageSize}`;
    const context = { operation: 'listing the group members', permission: 'GroupMember.Read.All' };
    for await (const page of this.graph.pages(url, context, { maxPages: Infinity })) {
      yield (page as unknown as DirectoryUser[]).filter(
        (u) => typeof u.id === 'string' && u.id !== '',
      );
    }
  }

  async groupName(groupId: string): Promise<string | undefined> {
    const { body } = await this.graph.ok(
      'GET',
      `${path('groups', groupId)}?$select=id,displayName`,
      undefined,
      { operation: 'reading the group', permission: 'GroupMember.Read.All' },
    );
    return (body as { displayName?: string } | undefined)?.displayName;
  }

  async memberGroups(userObjectId: string, groupIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += MEMBER_GROUPS_PER_CALL) {
      const { body } = await this.graph.ok(
        'POST',
        path('users', userObjectId, 'checkMemberGroups'),
        { groupIds: groupIds.slice(i, i + MEMBER_GROUPS_PER_CALL) },
        { operation: 'checking your group membership', permission: 'GroupMember.Read.All' },
      );
      const value = (body as { value?: unknown } | undefined)?.value;
      if (Array.isArray(value)) found.push(...value.filter((g) => typeof g === 'string'));
    }
    const wanted = new Set(groupIds.map((g) => g.toLowerCase()));
    return found.filter((g) => wanted.has(g.toLowerCase()));
  }

  async authenticatorSettings(): Promise<AuthenticatorSettings> {
    const { body } = await this.graph.ok(
      'GET',
      '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
      undefined,
      { operation: 'reading the Microsoft Authenticator settings', permission: 'Policy.Read.All' },
    );
    const config = (body ?? {}) as AuthenticatorConfiguration;
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
    const installed = path('users', userObjectId, 'teamwork', 'installedApps');
    let alreadyInstalled = false;
    try {
      const result = await this.graph.send('POST', installed, {
        'teamsApp@odata.bind': this.graph.absolute(path('appCatalogs', 'teamsApps', catalogAppId)),
      });
      if (result.status === 409) alreadyInstalled = true;
      else
        this.graph.check(result, {
          operation: 'installing the app for a user',
          permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
        });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'graph-throttled') {
        return {
          kind: 'retry',
          detail: error.message,
          retryAfterMs: (error.retryAfterSeconds ?? 30) * 1000,
        };
      }
      if (error.code === 'graph-unavailable') return { kind: 'retry', detail: error.message };
      if (error.code === 'graph-not-found') {
        return { kind: 'unavailable', reason: 'user-not-found-or-no-teams' };
      }
      if (error.code === 'graph-forbidden') {
        return { kind: 'unavailable', reason: 'install-not-allowed' };
      }
      return { kind: 'unavailable', reason: `install-refused (${error.status ?? '?'})` };
    }
    return {
      kind: 'installed',
      alreadyInstalled,
      chatId: await this.chatId(installed, catalogAppId),
    };
  }

  /** The 1:1 chat between the user and the app, when Graph can tell (best effort). */
  private async chatId(installed: string, catalogAppId: string): Promise<string | undefined> {
    const context = { operation: 'finding the chat with the app' };
    try {
      const { body } = await this.graph.ok(
        'GET',
        `${installed}?$expand=teamsApp&$filter=teamsApp/id eq '${catalogAppId.replace(/'/g, "''")}'`,
        undefined,
        context,
      );
      const installation = (body as { value?: { id?: string }[] } | undefined)?.value?.[0]?.id;
      if (!installation) return undefined;
      const chat = await this.graph.ok(
        'GET',
        `${installed}/${encodeURIComponent(installation)}/chat`,
        undefined,
        context,
      );
      return (chat.body as { id?: string } | undefined)?.id;
    } catch {
      // Without the chat id the sender opens the chat by object id instead.
      return undefined;
    }
  }
}

/** The catalog id of an org-published app, from its manifest id (null when not published). */
export async function resolveCatalogAppId(
  graph: GraphTransport,
  manifestId: string,
): Promise<string | undefined> {
  const { body } = await graph.ok(
    'GET',
    `/appCatalogs/teamsApps?$filter=externalId eq '${manifestId.replace(/'/g, "''")}'`,
    undefined,
    { operation: 'looking the app up in the Teams catalog', permission: 'AppCatalog.Read.All' },
  );
  return (body as { value?: { id?: string }[] } | undefined)?.value?.[0]?.id;
}

function featureState(setting: FeatureSetting | undefined): FeatureState {
  const state = setting?.state;
  return state === 'enabled' || state === 'disabled' || state === 'default' ? state : 'unknown';
}
