import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { RecentMap } from '../../src/recent-map';

/** Clients kept at most (each a service URL and audience, or an app id); the oldest goes first. */
export const MAX_REUSED_CLIENTS = 64;

/**
 * Who a turn's clients act for: every claim the SDK reads to pick the bot's app id (the audience
 * claim, else the appid claim), so two identities that could get different credentials never
 * share a client.
 */
function identityKey(claimsIdentity: ClaimsIdentity | undefined): string {
  return JSON.stringify([
    claimsIdentity?.getClaimValue(AuthenticationConstants.AudienceClaim) ?? null,
    claimsIdentity?.getClaimValue(AuthenticationConstants.AppIdClaim) ?? null,
  ]);
}

/**
 * The SDK's connector factory for one identity, keeping what it creates: the same service URL
 * and audience get the same ConnectorClient. The client holds the credentials object, which asks
 * the SDK's token cache for a token on every request and renews it when it is due, so keeping
 * the client keeps no token longer than the SDK would.
 */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly identity: string,
    private readonly clients: RecentMap<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.identity, serviceUrl, audience ?? null]);
    const known = this.clients.get(key);
    if (known !== undefined) return known;
    const made = this.inner.create(serviceUrl, audience);
    this.clients.set(key, made);
    // A failed creation is not kept: the next turn tries again.
    made.catch(() => this.clients.delete(key, made));
    return made;
  }
}

/**
 * The adapter's Bot Framework authentication with its clients kept: every request is still
 * authenticated by the SDK as before (tokens, issuers, callers); only the ConnectorClient a reply
 * goes through and the user token client, which the SDK builds anew for every turn, are reused
 * per identity, service URL and audience, at most MAX_REUSED_CLIENTS of each.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new RecentMap<string, Promise<ConnectorClient>>(MAX_REUSED_CLIENTS);
  private readonly tokenClients = new RecentMap<string, Promise<UserTokenClient>>(
    MAX_REUSED_CLIENTS,
  );

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  /** How many connector clients are kept (tests). */
  get connectorCount(): number {
    return this.connectors.size;
  }

  async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    if (result.connectorFactory === undefined) return result;
    return {
      ...result,
      connectorFactory: new ReusingConnectorFactory(
        result.connectorFactory,
        identityKey(result.claimsIdentity),
        this.connectors,
      ),
    };
  }

  authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      identityKey(claimsIdentity),
      this.connectors,
    );
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = identityKey(claimsIdentity);
    const known = this.tokenClients.get(key);
    if (known !== undefined) return known;
    const made = this.inner.createUserTokenClient(claimsIdentity);
    this.tokenClients.set(key, made);
    made.catch(() => this.tokenClients.delete(key, made));
    return made;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

/**
 * The Teams adapter, built as TeamsAdapter builds it, with its authentication wrapped in
 * ReusedClientsAuthentication (CloudAdapter's own extension point: the authentication it is
 * given decides how connector and token clients are made; TeamsAdapter builds its own and so
 * is wrapped after construction).
 */
export class ReusedClientsTeamsAdapter extends TeamsAdapter {
  readonly reusedClients: ReusedClientsAuthentication;

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    this.reusedClients = new ReusedClientsAuthentication(this.botFrameworkAuthentication);
    (
      this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }
    ).botFrameworkAuthentication = this.reusedClients;
  }
}
