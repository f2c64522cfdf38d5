import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  startEdgeHarness,
  quietActivity,
  OTHER_TENANT,
  type EdgeHarness,
} from './support/edge-harness';
import { REFUSED_JWT_CASES } from './support/jwt-cases';
import { READINESS_KEY_HEADER } from '../../bot/edge/readiness';

const READYZ_KEY = 'readiness-key-for-tests-0123456789';

describe('inbound authentication in a deployment (SDK validation, loopback token service) @slow', function () {
  this.timeout(60_000);
  let h: EdgeHarness;

  // The SDK prints each refusal with its stack; the assertions below are what matters here.
  let quiet: sinon.SinonStub;
  before(async () => {
    quiet = sinon.stub(console, 'error');
    h = await startEdgeHarness({ READYZ_KEY });
  });
  after(async () => {
    quiet?.restore();
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
