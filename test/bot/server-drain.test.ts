import assert from 'node:assert/strict';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Request, Response as BotResponse } from 'botbuilder';
import { startBotServer } from '../../bot/server';

/**
 * Draining is the server's own behaviour, so the adapter here is a slow stand-in that answers
 * after a delay; the real adapter is exercised by the end-to-end tests.
 */
function slowAdapter(ms: number, turns: string[]): TeamsAdapter {
  return {
    async process(req: Request, res: BotResponse) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      turns.push(String((req.body as { text?: string }).text));
      res.status(200);
      res.end();
    },
  } as unknown as TeamsAdapter;
}

describe('bot server draining', () => {
  it('finishes in-flight turns, refuses new ones, then closes', async () => {
    const turns: string[] = [];
    const server = await startBotServer({
      port: 0,
      adapter: slowAdapter(300, turns),
      handleTurn: async () => undefined,
      probes: {},
    });
    const post = (text: string): Promise<Response> =>
      fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text }),
      });
    const inFlight = post('first');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = server.drain(5000);
    const refused = await post('second').catch(() => undefined);
    if (refused) assert.equal(refused.status, 503);
    assert.equal((await inFlight).status, 200);
    assert.deepEqual(await drained, { abandoned: 0 });
    assert.deepEqual(turns, ['first'], 'the in-flight turn ran; the late one did not');
  });

  it('readiness fails when a probe hangs, naming the part', async () => {
    const server = await startBotServer({
      port: 0,
      adapter: slowAdapter(0, []),
      handleTurn: async () => undefined,
      probes: {
        storage: async () => ({ state: 'up', detail: 'ok' }),
        graph: () => new Promise(() => undefined),
      },
      probeTimeoutMs: 200,
    });
    try {
      const response = await fetch(`${server.url}/readyz`);
      const body = (await response.json()) as {
        parts: Record<string, { state: string; detail: string }>;
      };
      assert.equal(response.status, 503);
      assert.equal(body.parts.storage.state, 'up');
      assert.equal(body.parts.graph.state, 'down');
      assert.match(body.parts.graph.detail, /200 ms/);
    } finally {
      await server.drain(100);
    }
  });
});
