import assert from 'node:assert/strict';
import { AUDIT_TABLE } from '../../src/audit/audit-log';
import { WATCHES_TABLE } from '../../src/remediation/sign-in-watch';
import { shortReference } from '../../src/request-reference';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_POLICIES } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../src/storage';
import { cardText } from '../support/card-text';
import { startClosedLoop, seededSignIn, type ClosedLoop } from './support/closed-loop';
import { ManualClock } from './support/domain-harness';
import { HELPDESK_CHANNEL, USERS } from './support/remediation-bot';

const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const ALLOWED_COUNTRIES = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a01';
const NO_EXCLUSION_POLICY = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c99';
const MEMBER_CHAT = `a:personal-${USERS.member.id}`;

/** A policy the exclusion group does not escape: blocks Teams outside the allowed countries. */
function seedPolicyWithoutExclusion(sandbox: SandboxTenant): void {
  const model = sandbox.state.conditionalAccessPolicies.find(
    (p) => p.id === SCENARIO_POLICIES.blockCountries,
  );
  const policy = structuredClone(model!);
  policy.id = NO_EXCLUSION_POLICY;
  policy.displayName = 'CA099: Teams only from allowed countries (no exclusions)';
  policy.conditions.users.excludeGroups = [];
  policy.conditions.applications = { includeApplications: [TEAMS], excludeApplications: [] };
  policy.conditions.locations = {
    includeLocations: ['All'],
    excludeLocations: [ALLOWED_COUNTRIES],
  };
  sandbox.state.conditionalAccessPolicies.push(policy);
}

function text(activity: Record<string, unknown>): string {
  return cardText(activity);
}

describe('exclusion preview and the closed-loop check, over HTTP on the sandbox and Azurite @slow', function () {
  this.timeout(90_000);
  let sandbox: SandboxTenant;
  let azurite: AzuriteHandle;
  let clock: ManualClock;
  let loop: ClosedLoop;

  before(async () => {
    clock = new ManualClock(new Date());
    [sandbox, azurite] = await Promise.all([
      startSandboxTenant({ port: 0, clock: () => clock.now() }),
      startAzurite({ inMemory: true }),
    ]);
  });
  after(async () => Promise.all([sandbox?.close(), azurite?.stop()]));
  beforeEach(async () => {
    sandbox.reset();
    seedPolicyWithoutExclusion(sandbox);
    loop = await startClosedLoop(sandbox, azurite, clock);
  });
  afterEach(async () => loop?.stop());

  /** The member asks for an exclusion from CA001 from their diagnosis; returns the channel card. */
  async function askForExclusion() {
    const diagnosis = await loop.diagnose(DEMO_USERS.member.id, 53003);
    const offer = diagnosis.offers.find(
      (o) => o.kind === 'ca-exclusion' && o.targetId === SCENARIO_POLICIES.blockCountries,
    );
    assert.ok(offer, 'diagnosis offers the exclusion');
    assert.equal(offer.signIn?.appName, 'Microsoft Teams', 'the offer carries the failed sign-in');
    const asked = await loop.bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'ca-exclusion',
      subjectId: DEMO_USERS.member.id,
      targetId: SCENARIO_POLICIES.blockCountries,
    });
    assert.equal(asked.line, 'Sent to the helpdesk for approval.');
    return loop.bot.connector.waitFor(
      (a) => a.conversationId === HELPDESK_CHANNEL && a.method === 'POST',
    );
  }

  async function approve(posted: { activity: Record<string, unknown>; assignedId: string }) {
    const card = (posted.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]
      .content;
    const data = (card.refresh as { action: { data: { requestId: string } } }).action.data;
    const where = {
      conversationId: HELPDESK_CHANNEL,
      conversationType: 'channel',
      replyToId: posted.assignedId,
    };
    const approved = await loop.bot.click(
      USERS.helpdesk,
      'request.approve',
      { v: 1, requestId: data.requestId, version: 1 },
      where,
    );
    return { requestId: data.requestId, card: approved.card };
  }

  it('shows on the approval card which policies would stop blocking and which would still block (Graph What If)', async () => {
    const posted = await askForExclusion();
    const shown = text(posted.activity);
    assert.match(shown, /What this exclusion changes/);
    assert.match(shown, /What If for the failed sign-in/);
    const [stops, still] = shown.split('Would still block');
    assert.match(
      stops,
      /Would stop blocking.*CA001: Block sign-ins from outside allowed countries: blocks access/s,
    );
    assert.match(stops, /CA006: Require a compliant device on Windows: needs a compliant device/);
    assert.match(still, /CA099: Teams only from allowed countries/);
    const evaluated = sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1.0/identity/conditionalAccess/evaluate',
    );
    assert.equal(evaluated.length, 1);
    const body = evaluated[0].body as { signInConditions: Record<string, unknown> };
    assert.equal(body.signInConditions.country, 'BR');
    assert.equal(body.signInConditions.devicePlatform, 'windows');
  });

  it('evaluates the policies itself when the tenant does not allow What If, on the same facts', async () => {
    sandbox.faults.add({
      method: 'POST',
      pathPattern: '/v1.0/identity/conditionalAccess/evaluate',
      status: 403,
    });
    const shown = text((await askForExclusion()).activity);
    assert.match(shown, /Evaluated by the bot against every enabled policy/);
    const [stops, still] = shown.split('Would still block');
    assert.match(stops, /CA001/);
    assert.match(stops, /CA006/);
    // The bot cannot read named locations; the failed sign-in's log did not see CA099.
    assert.match(still, /CA099.*not sure: the bot could not check the location/);
  });

  it('after the fix, tells the requester and the channel "signed in at" the next sign-in, across a restart', async () => {
    const posted = await askForExclusion();
    const { requestId, card } = await approve(posted);
    assert.match(
      cardText({
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
      /Checking the next sign-in to Microsoft Teams/,
    );
    const watches = await loop.records.list(WATCHES_TABLE, 'watch');
    assert.equal(watches.length, 1, 'the watch is stored');

    await loop.restart();
    clock.advance(60_000);
    seededSignIn(sandbox, { userId: DEMO_USERS.member.id, errorCode: 0 }, clock.now(), (row) => {
      row.appId = TEAMS;
      row.appDisplayName = 'Microsoft Teams';
    });
    clock.advance(2 * 60_000);
    const report = await loop.ticking(() => loop.bot.remediation.service.checkSignIns());
    assert.deepEqual(report, { lookups: 1, settled: 1, errors: 0 });

    const stored = await loop.bot.remediation.service.requests.get(requestId);
    assert.equal(stored?.request.verification?.state, 'signed-in');
    const update = await loop.bot.connector.waitFor(
      (a) =>
        a.method === 'PUT' &&
        a.activityId === posted.assignedId &&
        /Signed in to/.test(text(a.activity)),
    );
    assert.match(
      text(update.activity),
      /Signed in to Microsoft Teams at \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/,
    );
    // The requester reads it on their waiting card, brought up to date, in their own form (en-US
    // in the test's activities); a plain line alerts them that the check has finished.
    const told = await loop.bot.connector.waitFor(
      (a) =>
        a.conversationId === MEMBER_CHAT &&
        a.method === 'PUT' &&
        /Signed in to/.test(text(a.activity)),
    );
    assert.match(
      text(told.activity),
      /Signed in to Microsoft Teams at \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) UTC/,
    );
    const line = await loop.bot.connector.waitFor(
      (a) =>
        a.conversationId === MEMBER_CHAT &&
        a.method === 'POST' &&
        /sign-in check/.test(String(a.activity.text)),
    );
    assert.equal(
      line.activity.text,
      `The sign-in check after your request ${shortReference(requestId)} to exclude from Conditional Access ` +
        'for a while has finished: the card above has the result.',
    );
    const audit = await loop.records.list<{ event: string; requestId?: string; summary: string }>(
      AUDIT_TABLE,
      `d${clock.now().toISOString().slice(0, 10)}`,
    );
    const verified = audit.find(
      (e) => e.value.event === 'verified' && e.value.requestId === requestId,
    );
    assert.match(verified?.value.summary ?? '', /signed in to Microsoft Teams/);
    assert.equal((await loop.records.list(WATCHES_TABLE, 'watch')).length, 0, 'the watch ended');
  });

  it('re-diagnoses when the next sign-in fails again and says what is still blocking', async () => {
    const { requestId } = await approve(await askForExclusion());
    clock.advance(60_000);
    seededSignIn(
      sandbox,
      { userId: DEMO_USERS.member.id, errorCode: 53003 },
      clock.now(),
      (row) => {
        row.appliedConditionalAccessPolicies = [
          {
            id: NO_EXCLUSION_POLICY,
            displayName: 'CA099: Teams only from allowed countries (no exclusions)',
            enforcedGrantControls: ['Block'],
            enforcedSessionControls: [],
            result: 'failure',
          },
        ];
      },
    );
    clock.advance(2 * 60_000);
    const report = await loop.ticking(() => loop.bot.remediation.service.checkSignIns());
    assert.equal(report.settled, 1);
    const stored = await loop.bot.remediation.service.requests.get(requestId);
    assert.equal(stored?.request.verification?.state, 'still-blocked');
    assert.match(stored?.request.verification?.blocking ?? '', /CA099/);
    const told = await loop.bot.connector.waitFor(
      (a) => a.conversationId === MEMBER_CHAT && /failed again/.test(text(a.activity)),
    );
    assert.match(text(told.activity), /Still blocking: .*CA099/);
  });

  it('says so when no sign-in comes within the window', async () => {
    const { requestId } = await approve(await askForExclusion());
    clock.advance(31 * 60_000);
    const report = await loop.ticking(() => loop.bot.remediation.service.checkSignIns());
    assert.equal(report.settled, 1);
    const stored = await loop.bot.remediation.service.requests.get(requestId);
    assert.equal(stored?.request.verification?.state, 'no-sign-in');
    const update = await loop.bot.connector.waitFor((a) =>
      /No sign-in to Microsoft Teams by/.test(text(a.activity)),
    );
    assert.match(text(update.activity), /fix is not confirmed yet/);
  });

  it('says the check could not run when the bot may not read the sign-in log, and stops watching', async () => {
    const { requestId } = await approve(await askForExclusion());
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== 'AuditLog.Read.All' && p !== 'Directory.Read.All',
    );
    clock.advance(3 * 60_000);
    const report = await loop.ticking(() => loop.bot.remediation.service.checkSignIns());
    assert.deepEqual(report, { lookups: 1, settled: 1, errors: 1 });
    const stored = await loop.bot.remediation.service.requests.get(requestId);
    assert.equal(stored?.request.verification?.state, 'unchecked');
    assert.match(stored?.request.verification?.note ?? '', /AuditLog\.Read\.All/);
    assert.equal((await loop.records.list(WATCHES_TABLE, 'watch')).length, 0);
  });
});
