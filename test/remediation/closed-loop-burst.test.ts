import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DOCUMENTED_LIMITS } from '../../src/graph/rate-limiter';
import { WATCH_RUN_EVERY_MS } from '../../src/remediation/sign-in-watch';
import type { RemediationRequest } from '../../src/remediation/types';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../src/storage';
import { startClosedLoop, type ClosedLoop } from './support/closed-loop';
import { ManualClock } from './support/domain-harness';

const WATCHES = 15;
const RUNS = 24;

function fixedRequest(userId: string, finishedAt: Date): RemediationRequest {
  const at = finishedAt.toISOString();
  return {
    id: `rq-burst-${randomUUID()}`,
    kind: 'revoke-sessions',
    params: { kind: 'revoke-sessions' },
    state: 'succeeded',
    version: 4,
    mode: 'approval',
    subject: { type: 'user', id: userId },
    requester: { id: userId },
    reason: 'burst',
    createdAt: at,
    expiresAt: at,
    updatedAt: at,
    failedSignIn: {
      id: randomUUID(),
      at,
      appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      appName: 'Microsoft Teams',
      errorCode: 53003,
      policyResults: [],
    },
  };
}

/**
 * Graph allows 5 sign-in log requests per 10 seconds per app per tenant (graph-docs
 * concepts/throttling-limits.md, "Identity and access reports"; ../shared/research/graph-api.md
 * section 11). The sandbox enforces that limit on the same clock and records every request, so
 * a burst of watches, checked while people paste errors, must never put more than 5 sign-in
 * requests into any 10-second window, nor draw a single 429.
 */
describe('the closed-loop check under a burst stays inside the sign-in log limit @slow', function () {
  this.timeout(120_000);
  let sandbox: SandboxTenant;
  let azurite: AzuriteHandle;
  let loop: ClosedLoop;
  const clock = new ManualClock(new Date());

  before(async () => {
    [sandbox, azurite] = await Promise.all([
      startSandboxTenant({ port: 0, clock: () => clock.now(), enforceLimits: true }),
      startAzurite({ inMemory: true }),
    ]);
    loop = await startClosedLoop(sandbox, azurite, clock);
  });
  after(async () => {
    await loop?.stop();
    await Promise.all([sandbox?.close(), azurite?.stop()]);
  });

  it(`checks ${WATCHES} watches and a burst of pastes with at most ${DOCUMENTED_LIMITS['sign-in-reports'].limit} sign-in requests per 10 s`, async () => {
    const users = Array.from({ length: WATCHES }, () => randomUUID());
    for (const userId of users)
      await loop.watches.start(fixedRequest(userId, clock.now()), clock.now());
    sandbox.requests.length = 0;
    clock.advance(2 * 60_000);

    // Six people paste an error at once while the watches are checked.
    const pasters = [
      SCENARIO_USERS.caBlocked.id,
      SCENARIO_USERS.riskyUser.id,
      SCENARIO_USERS.deviceNoncompliant.id,
      SCENARIO_USERS.deviceNotHybridJoined.id,
      SCENARIO_USERS.accountLocked.id,
      DEMO_USERS.helpdesk.id,
    ];
    const pastes = loop.ticking(
      () => Promise.all(pasters.map((id) => loop.diagnose(id, 53003))),
      100,
    );
    let lookups = 0;
    for (let run = 0; run < RUNS; run += 1) {
      clock.advance(WATCH_RUN_EVERY_MS);
      const report = await loop.ticking(() => loop.bot.remediation.service.checkSignIns(), 100);
      assert.equal(report.errors, 0);
      assert.ok(report.lookups <= 1, 'one look-up a run');
      lookups += report.lookups;
    }
    const diagnoses = await pastes;
    assert.equal(diagnoses.length, pasters.length);

    const signInCalls = sandbox.requests.filter((r) => r.path.includes('/auditLogs/signIns'));
    assert.equal(
      signInCalls.filter((r) => r.status === 429).length,
      0,
      'the sandbox, enforcing the limit, never had to refuse',
    );
    const { limit, windowMs } = DOCUMENTED_LIMITS['sign-in-reports'];
    const times = signInCalls.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
    let busiest = 0;
    for (const t of times) {
      busiest = Math.max(busiest, times.filter((u) => u > t - windowMs && u <= t).length);
    }
    assert.ok(
      busiest <= limit,
      `at most ${limit} per ${windowMs / 1000} s; the busiest held ${busiest}`,
    );
    // The watches' own share: one look-up per run, a run every 5 s, so at most 2 per 10 s.
    const watchTimes = signInCalls
      .filter((r) => users.some((u) => (r.query.$filter ?? '').includes(u)))
      .map((r) => Date.parse(r.at));
    assert.equal(watchTimes.length, lookups);
    for (const t of watchTimes) {
      const inWindow = watchTimes.filter((u) => u > t - windowMs && u <= t).length;
      assert.ok(inWindow <= 2, `watches made ${inWindow} look-ups in 10 s`);
    }
    assert.ok(lookups >= WATCHES, `every watch was looked at (${lookups} look-ups)`);
    const left = await loop.watches.list();
    assert.ok(
      left.every((w) => w.checks >= 1),
      'no watch was starved',
    );
  });
});
