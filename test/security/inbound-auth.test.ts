import assert from 'node:assert/strict';
import {
  startEdgeHarness,
  quietActivity,
  OTHER_TENANT,
  type EdgeHarness,
} from './support/edge-harness';
import { REFUSED_JWT_CASES } from './support/jwt-cases';
import { READINESS_KEY_HEADER } from '../../bot/edge/readiness';
import { captureLogs, type LogCapture } from '../support/log-capture';

const READYZ_KEY = 'readiness-key-for-tests-0123456789';

describe('inbound authentication in a deployment (SDK validation, loopback token service) @slow', function () {
  this.timeout(60_000);
  let h: EdgeHarness;

  // Everything written to stderr while the bot runs: the SDK's own refusal lines must not be.
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  let logs: LogCapture;
  before(async () => {
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stderr.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    h = await startEdgeHarness({ READYZ_KEY });
    logs = captureLogs('info');
  });
  after(async () => {
    process.stderr.write = write;
    logs?.stop();
    await h?.stop();
  });

  it('accepts a token the channel signed, and runs the turn', async () => {
    const before = h.handlerRuns;
    const { status } = await h.post(
      quietActivity(h.connector.url),
      `Bearer ${h.authority.token(h.claims())}`,
    );
    assert.equal(status, 200);
    assert.equal(h.handlerRuns, before + 1);
  });

  for (const c of REFUSED_JWT_CASES) {
    it(`refuses a token that is ${c.name} with a bare 401 and runs nothing`, async () => {
      const before = h.handlerRuns;
      const activity = quietActivity(c.serviceUrl ?? h.connector.url);
      const { status, body } = await h.post(activity, c.header(h));
      assert.equal(status, 401, body);
      assert.equal(body, '', 'no SDK internals in the answer');
      assert.equal(h.handlerRuns, before, 'no handler ran');
    });
  }

  it('records each refused token as one structured line, with no stack or token on stderr', async () => {
    const token = h.authority.token(h.claims({ exp: Math.floor(Date.now() / 1000) - 7200 }));
    const before = logs.records().length;
    stderr.length = 0;
    const { status } = await h.post(quietActivity(h.connector.url), `Bearer ${token}`);
    assert.equal(status, 401);
    const refused = logs
      .records()
      .slice(before)
      .filter((r) => r.msg === 'edge.request-refused');
    assert.equal(refused.length, 1, 'one line for the refusal');
    assert.match(String(refused[0].reason), /expired/i, 'says why');
    assert.ok(Number(refused[0].sdkLinesHeld) >= 1, 'the SDK did try to print');
    const printed = stderr.join('') + logs.lines.slice(before).join('\n');
    assert.ok(!printed.includes(token.split('.')[1]), 'no token material anywhere');
    assert.doesNotMatch(stderr.join(''), /\n\s+at |eyJ|TokenExpiredError/, 'no stack on stderr');
  });

  it('refuses an activity from a tenant outside the allow-list before any handler', async () => {
    const before = h.handlerRuns;
    const { status, body } = await h.post(
      quietActivity(h.connector.url, OTHER_TENANT),
      `Bearer ${h.authority.token(h.claims())}`,
    );
    assert.equal(status, 403);
    assert.equal(body, '');
    assert.equal(h.handlerRuns, before);
    assert.ok(h.edge.admission.stats.tenantRefused >= 1);
  });

  it('refuses an activity that names no tenant', async () => {
    const activity = quietActivity(h.connector.url);
    delete activity.channelData;
    (activity.conversation as Record<string, unknown>).tenantId = undefined;
    const before = h.handlerRuns;
    const { status } = await h.post(activity, `Bearer ${h.authority.token(h.claims())}`);
    assert.equal(status, 403);
    assert.equal(h.handlerRuns, before);
  });

  it('tells an unauthenticated prober ready or not, and nothing about the tenant', async () => {
    const response = await fetch(`${h.server.url}/readyz`);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['status']);
    assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|Sandbox|tenant/i);
  });

  it('shows readiness details only to a caller with the readiness key', async () => {
    const wrong = await fetch(`${h.server.url}/readyz`, {
      headers: { [READINESS_KEY_HEADER]: 'not-the-key-at-all-0000' },
    });
    assert.deepEqual(Object.keys((await wrong.json()) as object), ['status']);
    const right = await fetch(`${h.server.url}/readyz`, {
      headers: { [READINESS_KEY_HEADER]: READYZ_KEY },
    });
    const body = (await right.json()) as { parts: Record<string, { state: string }> };
    assert.equal(body.parts.storage.state, 'up');
    assert.equal(body.parts.graph.state, 'up');
  });
});
