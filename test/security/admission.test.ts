import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { TurnAdmission } from '../../bot/edge/admission';
import { parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';

const TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';

function context(activity: Record<string, unknown>) {
  const sent: Record<string, unknown>[] = [];
  const ctx = {
    activity: {
      channelData: { tenant: { id: TENANT } },
      from: { id: '29:a', aadObjectId: 'person-a' },
      ...activity,
    },
    sendActivity: async (a: Record<string, unknown>) => {
      sent.push(a);
      return { id: 'x' };
    },
  };
  return { ctx: ctx as unknown as TurnContext, sent };
}

const message = (text = 'AADSTS50053') => context({ type: 'message', text });
const approve = () =>
  context({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { verb: 'request.approve', data: {} } },
  });

describe('turn admission (limits before any handler)', () => {
  let now = 1_000_000;
  const clock = () => now;
  const quiet = () => undefined;

  it('runs pastes up to the person’s budget, then refuses them and says so once per wait', async () => {
    const security = parseConfig({ RATE_PASTES: '3,100' }, LOCAL_TENANT).security;
    const admission = new TurnAdmission(security, clock, quiet);
    let runs = 0;
    const outcomes: string[] = [];
    const notices: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { ctx, sent } = message();
      outcomes.push(await admission.run(ctx, async () => void (runs += 1)));
      notices.push(sent.length);
    }
    assert.deepEqual(outcomes, ['ran', 'ran', 'ran', 'limited', 'limited', 'limited']);
    assert.equal(runs, 3);
    assert.deepEqual(notices, [0, 0, 0, 1, 0, 0], 'told once, not once per message');
    now += 20_000;
    assert.equal(await admission.run(message().ctx, async () => undefined), 'ran');
  });

  it('shares a tenant budget between people', async () => {
    const security = parseConfig({ RATE_PASTES: '5,6' }, LOCAL_TENANT).security;
    const admission = new TurnAdmission(security, clock, quiet);
    const outcomes: string[] = [];
    for (const person of ['a', 'a', 'a', 'b', 'b', 'b', 'c']) {
      const { ctx } = message();
      (ctx.activity.from as { aadObjectId: string }).aadObjectId = person;
      outcomes.push(await admission.run(ctx, async () => undefined));
    }
    assert.deepEqual(outcomes.slice(0, 6), Array(6).fill('ran'));
    assert.equal(outcomes[6], 'limited');
  });

  it('answers a limited approval in the invoke response, running nothing', async () => {
    const security = parseConfig({ RATE_APPROVALS: '1,10' }, LOCAL_TENANT).security;
    const admission = new TurnAdmission(security, clock, quiet);
    let runs = 0;
    assert.equal(await admission.run(approve().ctx, async () => void (runs += 1)), 'ran');
    const { ctx, sent } = approve();
    assert.equal(await admission.run(ctx, async () => void (runs += 1)), 'limited');
    assert.equal(runs, 1);
    assert.equal(sent[0].type, 'invokeResponse');
    assert.match(JSON.stringify(sent[0]), /Slow down a little/);
  });

  it('bounds the turns one person has running', async () => {
    const security = parseConfig({ MAX_TURNS_PER_PERSON: '1' }, LOCAL_TENANT).security;
    const admission = new TurnAdmission(security, clock, quiet);
    let release!: () => void;
    const first = admission.run(
      message().ctx,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    assert.equal(await admission.run(message().ctx, async () => undefined), 'busy');
    release();
    assert.equal(await first, 'ran');
    assert.equal(admission.stats.inFlight, 0);
  });

  it('refuses another tenant in a deployment, before anything runs', async () => {
    const security = {
      ...parseConfig({}, LOCAL_TENANT).security,
      allowedTenantIds: ['7c1f4b2e-3a5d-4c6e-8f9a-0b1c2d3e4f50'],
    };
    const lines: string[] = [];
    const admission = new TurnAdmission(security, clock, (l) => lines.push(l));
    const { ctx, sent } = message();
    assert.equal(await admission.run(ctx, async () => assert.fail('ran')), 'tenant-refused');
    assert.equal(sent.length, 0);
    assert.equal(lines.length, 1);
  });
});
