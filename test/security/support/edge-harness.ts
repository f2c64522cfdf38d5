import { randomUUID } from 'node:crypto';
import { createEdge } from '../../../bot/edge';
import type { BotServer } from '../../../bot/server';
import { parseConfig, type AppConfig } from '../../../src/config';
import { DEMO_GROUPS } from '../../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../../src/storage';
import { composeLocalBot, postActivity, serveBot } from '../../support/local-bot';
import { LocalConnector } from '../../support/local-connector';
import { startTokenAuthority, type TokenAuthority } from './token-authority';
import { LOCAL_TENANT } from '../../../src/sandbox/local-tenant';

export const BOT_ID = '0b3e2f6c-1d4a-4e8b-9c7f-2a5d6e8f1b30';
/** The sandbox's tenant, which the deployment below allows. */
export const HOME_TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';
export const OTHER_TENANT = '7c1f4b2e-3a5d-4c6e-8f9a-0b1c2d3e4f50';

/**
 * The bot as a deployment runs it (BOT_ID set, so the SDK authenticates every request), with
 * Bot Framework's token service replaced by a loopback authority through the SDK's documented
 * override settings, Graph by the sandbox tenant and Azure Storage by Azurite. `handlerRuns`
 * counts turns that reached the bot's handlers.
 */
export interface EdgeHarness {
  config: AppConfig;
  authority: TokenAuthority;
  azurite: AzuriteHandle;
  sandbox: SandboxTenant;
  connector: LocalConnector;
  server: BotServer;
  edge: ReturnType<typeof createEdge>;
  handlerRuns: number;
  /** Claims of a token the channel would send for an activity to `serviceUrl`. */
  claims(overrides?: Record<string, unknown>): Record<string, unknown>;
  post(
    activity: Record<string, unknown>,
    authorization?: string,
  ): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startEdgeHarness(
  extraEnv: Record<string, string> = {},
  options: { local?: boolean } = {},
): Promise<EdgeHarness> {
  const authority = await startTokenAuthority();
  const azurite = await startAzurite({ inMemory: true });
  const sandbox = await startSandboxTenant({ port: 0 });
  const connector = new LocalConnector();
  await connector.start();
  // Local mode: no inbound authentication, as the Playground runs it; edge limits still apply.
  const local = options.local ? { ...parseConfig(extraEnv, LOCAL_TENANT), port: 0 } : undefined;
  const config =
    local ??
    parseConfig(
      {
        BOT_ID,
        BOT_PASSWORD: `test-${randomUUID()}`,
        BOT_TENANT_ID: HOME_TENANT,
        AZURE_TENANT_ID: HOME_TENANT,
        AZURE_CLIENT_ID: BOT_ID,
        AZURE_CLIENT_SECRET: `test-${randomUUID()}`,
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        GRAPH_BASE_URL: sandbox.url,
        HELPDESK_GROUP_ID: DEMO_GROUPS.helpdeskApprovers.id,
        BOT_OPENID_METADATA_URL: authority.metadataUrl,
        PORT: '3978',
        ...extraEnv,
      },
      LOCAL_TENANT,
    );
  const bot = composeLocalBot(config, {
    connectionString: azurite.connectionString,
    sandboxUrl: sandbox.url,
    // The edge under abuse as production runs it: Graph paced to its documented limits.
    pacing: 'documented',
  });
  const edge = createEdge(config);
  const harness = {} as EdgeHarness;
  const server = await serveBot(bot, { edge, onTurn: () => (harness.handlerRuns += 1) });
  Object.assign(harness, {
    config,
    authority,
    azurite,
    sandbox,
    connector,
    server,
    edge,
    handlerRuns: 0,
    claims(overrides: Record<string, unknown> = {}) {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: authority.issuer,
        aud: BOT_ID,
        serviceurl: connector.url,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
        ...overrides,
      };
    },
    post: (activity: Record<string, unknown>, authorization?: string) =>
      postActivity(server.url, activity, authorization),
    async stop() {
      await server.drain(2000);
      await connector.stop();
      await sandbox.close();
      await azurite.stop();
      await authority.close();
    },
  });
  return harness;
}

/** An activity that reaches the handlers and needs no reply (a member, not the bot, joined). */
export function quietActivity(serviceUrl: string, tenantId = HOME_TENANT): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:member', aadObjectId: randomUUID() },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    membersAdded: [{ id: '29:someone-else' }],
  };
}
