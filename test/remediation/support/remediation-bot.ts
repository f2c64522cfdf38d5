import { randomUUID } from 'node:crypto';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { MemoryStorage } from 'botbuilder';
import { composeRemediation, type RemediationComposition } from '../../../bot/compose';
import {
  registerRemediationRoutes,
  startRemediationSweeper,
  type Remediation,
  type RunningSweeper,
} from '../../../bot/remediation';
import { reportFailure } from '../../../bot/failures';
import { guardCardActions } from '../../../bot/routes/guard';
import { GraphDirectoryWriter } from '../../../src/graph/directory-writer';
import { GraphRemediationReader } from '../../../src/graph/remediation-reader';
import { GraphDirectoryLookup } from '../../../src/graph/directory-lookup';
import { GraphTenantSettings } from '../../../src/graph/tenant-settings';
import { GraphTransport } from '../../../src/graph/transport';
import { GraphDirectorySearch } from '../../../src/graph/directory-search';
import { LOCAL_TENANT } from '../../../src/sandbox/local-tenant';
import { startBotServer, type BotServer } from '../../../bot/server';
import { createGraphClient } from '../../../src/graph/client';
import { SandboxCredential } from '../../../src/graph/credential';
import { GraphGroupMembership } from '../../../src/graph/group-membership';
import type { RecordStore } from '../../../src/ports';
import { createRemediationPolicy, type RemediationPolicy } from '../../../src/remediation/policy';
import type { LogEntry } from '../../../src/remediation/ports';
import { DEMO_GROUPS, DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/server';
import { MemoryRecordStore } from '../../fakes/memory-record-store';
import { LocalConnector } from '../../support/local-connector';

/**
 * The remediation routes on a real teams-ai Application behind restify, talking to the sandbox
 * tenant over Graph and to a local connector for everything the bot sends. Only remediation's
 * routes are registered, so the test sees exactly what they do.
 */

export const HELPDESK_CHANNEL = '19:helpdesk-approvals@thread.tacv2';

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const USERS: Record<'member' | 'helpdesk' | 'admin', TeamsUser> = {
  member: { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' },
  helpdesk: { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' },
  admin: { id: '29:admin', aadObjectId: DEMO_USERS.admin.id, name: 'Tenant Admin' },
};

export interface RemediationBot {
  sandbox: SandboxTenant;
  connector: LocalConnector;
  server: BotServer;
  records: RecordStore;
  remediation: Remediation;
  logs: LogEntry[];
  /**
   * Posts an Action.Execute invoke and returns the invoke response: a card that replaces the
   * clicked one, or a line of text that leaves it as it was.
   */
  /** Posts an `application/search` invoke (a typeahead) and returns the results. */
  search(
    user: TeamsUser,
    dataset: string,
    text: string,
  ): Promise<Array<{ title: string; value: string }>>;
  click(
    user: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    where?: { conversationId?: string; conversationType?: string; replyToId?: string },
  ): Promise<{ status: number; card: Record<string, unknown>; line?: string }>;
  /** Posts a message and returns the HTTP status. */
  say(user: TeamsUser, text: string, conversationId?: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startRemediationBot(
  options: {
    records?: RecordStore;
    sandbox?: SandboxTenant;
    /** Parts beyond the harness's own: clock, offers, the What If reader, the watches. */
    parts?: Partial<RemediationComposition>;
    /** Teams as it stays across a restart of the bot: kept running by the caller. */
    connector?: LocalConnector;
  } = {},
): Promise<RemediationBot> {
  const sandbox = options.sandbox ?? (await startSandboxTenant({ port: 0 }));
  const connector = options.connector ?? new LocalConnector();
  if (!options.connector) await connector.start();
  const adapter = new TeamsAdapter({ MicrosoftAppId: '' });
  const app = new Application<TurnState>({
    adapter,
    botAppId: '',
    storage: new MemoryStorage(),
    startTypingTimer: false,
  });
  const graph = createGraphClient({
    baseUrl: sandbox.url,
    credential: new SandboxCredential(),
    maxRetries: 0,
  });
  const records = options.records ?? new MemoryRecordStore();
  const logs: LogEntry[] = [];
  const log = (entry: LogEntry): void => void logs.push(entry);
  const { remediation } = composeRemediation({
    adapter,
    botAppId: '',
    records,
    reader: new GraphRemediationReader(new GraphTransport(graph, sandbox.url)),
    writer: new GraphDirectoryWriter(new GraphTransport(graph, sandbox.url)),
    tenant: new GraphTenantSettings(new GraphTransport(graph, sandbox.url)),
    lookup: new GraphDirectoryLookup(new GraphTransport(graph, sandbox.url)),
    membership: new GraphGroupMembership(graph, { ttlMs: 1_000 }),
    policy: withShortApproverView(
      createRemediationPolicy({
        helpdeskGroupId: DEMO_GROUPS.helpdeskApprovers.id,
        adminGroupId: DEMO_GROUPS.tenantAdmins.id,
        exclusionGroupIds: [DEMO_GROUPS.caExclusions.id],
        protectedUserIds: [DEMO_USERS.breakGlass.id],
        neverExcludePolicyIds: [...(LOCAL_TENANT.neverExcludePolicyIds ?? [])],
      }),
    ),
    search: new GraphDirectorySearch(new GraphTransport(graph, sandbox.url)),
    helpdeskChannel: { conversationId: HELPDESK_CHANNEL, serviceUrl: connector.url },
    log,
    ...options.parts,
  });
  guardCardActions(app);
  // As in production (bot/routes): a failed turn becomes an error card and a log line.
  app.error(async (context, error) => reportFailure(context, error));
  registerRemediationRoutes(app, remediation);
  // The sweeper makes held channel-card edits; production sweeps every minute.
  const sweeper: RunningSweeper = startRemediationSweeper(remediation.service, {
    intervalMs: 250,
    log,
  });
  const server = await startBotServer({
    port: 0,
    host: '127.0.0.1',
    adapter,
    handleTurn: (context) => app.run(context),
    probes: {},
  });

  async function post(
    activity: Record<string, unknown>,
  ): Promise<{ status: number; body: string }> {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: response.status, body: await response.text() };
  }

  function base(user: TeamsUser, conversationId: string, conversationType: string) {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: '28:bot', name: 'Sign-in Helpdesk' },
      conversation: { id: conversationId, conversationType, tenantId: DEMO_TENANT.id },
      channelData: { tenant: { id: DEMO_TENANT.id } },
      locale: 'en-US',
    };
  }

  return {
    sandbox,
    connector,
    server,
    records,
    remediation,
    logs,
    async search(user, dataset, text) {
      const activity = {
        ...base(user, `a:personal-${user.id}`, 'personal'),
        type: 'invoke',
        name: 'application/search',
        value: { queryText: text, dataset, queryOptions: { top: 15, skip: 0 } },
      };
      const { status, body } = await post(activity);
      if (status !== 200) throw new Error(`search answered ${status}`);
      const parsed = JSON.parse(body) as { type: string; value: { results: [] } };
      if (parsed.type !== 'application/vnd.microsoft.search.searchResponse') {
        throw new Error(`not a search response: ${body}`);
      }
      return parsed.value.results;
    },
    async click(user, verb, data, where = {}) {
      const activity = {
        ...base(
          user,
          where.conversationId ?? `a:personal-${user.id}`,
          where.conversationType ?? 'personal',
        ),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: where.replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
      const { status, body } = await post(activity);
      const parsed = (body ? JSON.parse(body) : {}) as {
        type?: string;
        value?: Record<string, unknown> | string;
      };
      if (typeof parsed.value === 'string') return { status, card: {}, line: parsed.value };
      return { status, card: parsed.value ?? {} };
    },
    async say(user, text, conversationId) {
      const activity = {
        ...base(
          user,
          conversationId ?? `a:personal-${user.id}`,
          conversationId ? 'channel' : 'personal',
        ),
        type: 'message',
        text,
      };
      return (await post(activity)).status;
    },
    async stop() {
      await sweeper.stop();
      await server.drain(2000);
      if (!options.connector) await connector.stop();
      if (!options.sandbox) await sandbox.close();
    },
  };
}

/** The channel card may be edited one second after a pass is shown (two minutes in production). */
function withShortApproverView(policy: RemediationPolicy): RemediationPolicy {
  return { ...policy, tap: { ...policy.tap, approverViewSeconds: 1 } };
}
