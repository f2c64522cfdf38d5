import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { TurnContext, type ConversationReference } from 'botbuilder';
import { AppCredentials, MsalAppCredentials } from 'botframework-connector';
import { MAX_REUSED_CLIENTS, ReusedClientsTeamsAdapter } from '../../bot/edge/reused-clients';
import { startBotServer, type BotServer } from '../../bot/server';
import { LocalConnector, teamsMessage } from '../support/local-connector';

/** The SDK's process-wide token cache (a private static of AppCredentials). */
const tokenCache = (AppCredentials as unknown as { cache: Map<string, { expiresOn: Date }> }).cache;

const MEMBER = { id: '29:member', aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'M' };

/** What each turn was given by the adapter: its connector client and its user token client. */
interface Seen {
  connector: unknown;
  tokens: unknown;
}

async function serve(adapter: TeamsAdapter, seen: Seen[]): Promise<BotServer> {
  return startBotServer({
    port: 0,
    adapter,
    handleTurn: async (context) => {
      seen.push({
        connector: context.turnState.get(adapter.ConnectorClientKey),
        tokens: context.turnState.get(adapter.UserTokenClientKey),
      });
      await context.sendActivity(`echo: ${context.activity.text}`);
    },
    probes: {},
  });
}

async function post(server: BotServer, connectorUrl: string, text: string): Promise<void> {
  const answer = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(teamsMessage(connectorUrl, text, MEMBER, 'a:chat-1')),
  });
  assert.equal(answer.status, 200);
}

describe('the Teams adapter keeps its connector and token clients between turns', () => {
  const connectors: LocalConnector[] = [];
  let servers: BotServer[] = [];

  async function connector(): Promise<LocalConnector> {
    const started = new LocalConnector();
    await started.start();
    connectors.push(started);
    return started;
  }

  afterEach(async () => {
    sinon.restore();
    tokenCache.clear();
    await Promise.all(servers.map((s) => s.drain(1000)));
    servers = [];
    await Promise.all(connectors.splice(0).map((c) => c.stop()));
  });

  it('reuses one connector client per service URL, and every reply still arrives', async () => {
    const [first, second] = [await connector(), await connector()];
    const adapter = new ReusedClientsTeamsAdapter({});
    const seen: Seen[] = [];
    const server = await serve(adapter, seen);
    servers.push(server);
    await post(server, first.url, 'one');
    await post(server, first.url, 'two');
    await post(server, second.url, 'three');
    await post(server, first.url, 'four');

    assert.deepEqual(
      first.received.map((r) => r.activity.text),
      ['echo: one', 'echo: two', 'echo: four'],
    );
    assert.deepEqual(
      second.received.map((r) => r.activity.text),
      ['echo: three'],
    );
    assert.equal(seen.length, 4);
    assert.equal(seen[1].connector, seen[0].connector);
    assert.equal(seen[3].connector, seen[0].connector);
    assert.notEqual(seen[2].connector, seen[0].connector);
    assert.ok(seen.every((s) => s.tokens !== undefined && s.tokens === seen[0].tokens));
    assert.equal(adapter.reusedClients.connectorCount, 2);
  });

  it('is what the SDK alone does not do: a plain TeamsAdapter builds both clients every turn', async () => {
    const first = await connector();
    const adapter = new TeamsAdapter({});
    const seen: Seen[] = [];
    const server = await serve(adapter, seen);
    servers.push(server);
    await post(server, first.url, 'one');
    await post(server, first.url, 'two');
    assert.notEqual(seen[1].connector, seen[0].connector);
    assert.notEqual(seen[1].tokens, seen[0].tokens);
  });

  it('keeps at most MAX_REUSED_CLIENTS connector clients, the least recently used dropped', async () => {
    const target = await connector();
    const adapter = new ReusedClientsTeamsAdapter({});
    const seen: Seen[] = [];
    const server = await serve(adapter, seen);
    servers.push(server);
    // The same connector under many service URLs (a query string makes each URL its own).
    for (let i = 0; i <= MAX_REUSED_CLIENTS; i += 1)
      await post(server, `${target.url}?n=${i}`, 'x');
    assert.equal(adapter.reusedClients.connectorCount, MAX_REUSED_CLIENTS);
    await post(server, `${target.url}?n=${MAX_REUSED_CLIENTS}`, 'again');
    assert.equal(seen.at(-1)!.connector, seen.at(-2)!.connector);
    await post(server, `${target.url}?n=0`, 'first again');
    assert.notEqual(seen.at(-1)!.connector, seen[0].connector);
  });

  it('with credentials, a kept client signs each request with the token the SDK holds now, renewed when due', async () => {
    const target = await connector();
    const adapter = new ReusedClientsTeamsAdapter({
      MicrosoftAppId: 'bot-app-id',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
    let issued = 0;
    // The SDK asks Entra for a token (MSAL, under MicrosoftAppCredentials) through refreshToken;
    // here it issues numbered tokens instead.
    const refresh = sinon
      .stub(
        MsalAppCredentials.prototype as unknown as { refreshToken(): Promise<unknown> },
        'refreshToken',
      )
      .callsFake(async () => {
        issued += 1;
        return { accessToken: `token-${issued}`, expiresOn: new Date(Date.now() + 3_600_000) };
      });
    const reference = TurnContext.getConversationReference(
      teamsMessage(target.url, 'x', MEMBER, 'a:chat-1') as never,
    ) as ConversationReference;
    const clients: unknown[] = [];
    const send = (text: string) =>
      adapter.continueConversationAsync('bot-app-id', reference, async (context) => {
        clients.push(context.turnState.get(adapter.ConnectorClientKey));
        await context.sendActivity(text);
      });

    await send('first');
    await send('second');
    // The SDK's cached token runs out: the same kept client must ask for a new one.
    for (const token of tokenCache.values()) token.expiresOn = new Date(Date.now() - 1);
    await send('third');

    assert.equal(clients[1], clients[0]);
    assert.equal(clients[2], clients[0]);
    assert.deepEqual(
      target.received.map((r) => [r.activity.text, r.authorization]),
      [
        ['first', 'Bearer token-1'],
        ['second', 'Bearer token-1'],
        ['third', 'Bearer token-2'],
      ],
    );
    assert.equal(refresh.callCount, 2);
  });
});
