import assert from 'node:assert/strict';
import type { ActionKind } from '../../src/remediation/action-kinds';
import type { RemediationRequest } from '../../src/remediation/types';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_GROUPS, SCENARIO_POLICIES } from '../../src/sandbox/scenario-ids';
import { cardText } from '../support/card-text';
import {
  USERS,
  startRemediationBot,
  type RemediationBot,
  type TeamsUser,
} from './support/remediation-bot';

/**
 * Each of the nine fixes asked for over real HTTP with the inputs its form sends (as Teams merges
 * them into the button's data, strings included), approved, and checked in what the sandbox
 * tenant received; then values out of range or forged, refused with a card, nothing written and
 * the refusal audited; and the typeahead that chooses groups and people.
 */

const MARKETING = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08';
const FINANCE = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a07';
const MEMBER_LAPTOP = '6e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a601';

function textOf(card: unknown): string {
  return cardText({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  });
}

describe('every fix with its inputs, over real HTTP on the sandbox tenant @slow', function () {
  this.timeout(90_000);
  let bot: RemediationBot;

  before(async () => {
    bot = await startRemediationBot();
  });
  after(async () => {
    await bot?.stop();
  });

  /** Changes to the tenant: every call but reads (GETs and the POSTs that only ask). */
  const writes = () =>
    bot.sandbox.requests.filter(
      (r) => r.method !== 'GET' && !/\$batch$|\/(check|get)Member(Groups|Objects)$/.test(r.path),
    );

  async function latest(kind: ActionKind): Promise<RemediationRequest> {
    const all = await bot.remediation.service.requests.createdSince(new Date(0));
    const found = all.map((s) => s.request).filter((r) => r.kind === kind);
    assert.ok(found.length > 0, `a ${kind} request`);
    return found
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1) as RemediationRequest;
  }

  /** Asks as `asker` with the form's data, approves as `approver`; returns the stored request. */
  async function askAndApprove(
    asker: TeamsUser,
    data: Record<string, unknown>,
    approver: TeamsUser,
  ): Promise<{ request: RemediationRequest; approvedCard: Record<string, unknown> }> {
    const before = writes().length;
    const asked = await bot.click(asker, 'request.create', { v: 1, ...data });
    assert.equal(asked.line, 'Sent to the helpdesk for approval.', JSON.stringify(asked));
    assert.equal(writes().length, before, 'nothing changes before approval');
    const pending = await latest(data.action as ActionKind);
    const approved = await bot.click(approver, 'request.approve', {
      v: 1,
      requestId: pending.id,
      version: pending.version,
    });
    const stored = await bot.remediation.service.requests.get(pending.id);
    assert.equal(stored?.request.state, 'succeeded', textOf(approved.card));
    return { request: stored.request, approvedCard: approved.card };
  }

  /** A fix an approver runs at once (the "Run now" button of a command's form). */
  async function run(asker: TeamsUser, data: Record<string, unknown>): Promise<void> {
    const result = await bot.click(asker, 'request.create', { v: 1, mode: 'run', ...data });
    assert.match(textOf(result.card), /Done/, textOf(result.card));
  }

  it('issues a pass with the lifetime and one-time use chosen on the card', async () => {
    const { request, approvedCard } = await askAndApprove(
      USERS.member,
      {
        action: 'issue-tap',
        subjectId: DEMO_USERS.member.id,
        lifetimeMinutes: '120',
        oneTimeUse: 'true',
        note: 'New phone, setting up Authenticator',
      },
      USERS.helpdesk,
    );
    const post = writes().find((r) => r.path.endsWith('/temporaryAccessPassMethods'));
    assert.deepEqual(post?.body, { lifetimeInMinutes: 120, isUsableOnce: true });
    assert.equal(request.note, 'New phone, setting up Authenticator');
    assert.match(textOf(approvedCard), /one-time use, 120 minutes/);
  });

  it('dismisses risk, and confirms a compromise with the admin group', async () => {
    // The helpdesk approves dismissing risk, so a helpdesk agent may run it at once.
    await run(USERS.helpdesk, { action: 'dismiss-risk', subjectId: MARKETING, note: 'Confirmed' });
    assert.ok(writes().some((r) => r.path.endsWith('/riskyUsers/dismiss')));
    const asked = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'confirm-compromised',
      subjectId: DEMO_USERS.member.id,
    });
    assert.equal(asked.line, 'Sent to the helpdesk for approval.');
    const pending = await latest('confirm-compromised');
    const byAdmin = await bot.click(USERS.admin, 'request.approve', {
      v: 1,
      requestId: pending.id,
      version: 1,
    });
    assert.match(textOf(byAdmin.card), /confirmed compromised/);
    assert.ok(writes().some((r) => r.path.endsWith('/riskyUsers/confirmCompromised')));
  });

  it('signs out, requires a password change and syncs a device', async () => {
    await askAndApprove(
      USERS.member,
      { action: 'revoke-sessions', subjectId: DEMO_USERS.member.id },
      USERS.helpdesk,
    );
    await askAndApprove(
      USERS.member,
      { action: 'require-password-change', subjectId: DEMO_USERS.member.id },
      USERS.helpdesk,
    );
    await askAndApprove(
      USERS.member,
      { action: 'sync-device', subjectId: DEMO_USERS.member.id, targetId: MEMBER_LAPTOP },
      USERS.helpdesk,
    );
    const paths = writes().map((r) => r.path);
    assert.ok(paths.some((p) => p.endsWith(`/users/${DEMO_USERS.member.id}/revokeSignInSessions`)));
    assert.ok(paths.some((p) => p.endsWith(`/managedDevices/${MEMBER_LAPTOP}/syncDevice`)));
    assert.ok(
      writes().some(
        (r) =>
          r.method === 'PATCH' &&
          JSON.stringify(r.body).includes('"forceChangePasswordNextSignIn":true'),
      ),
    );
  });

  it('excludes for the hours chosen, and adds the SMS number in Graph form', async () => {
    const { request } = await askAndApprove(
      USERS.member,
      {
        action: 'ca-exclusion',
        subjectId: DEMO_USERS.member.id,
        targetId: SCENARIO_POLICIES.blockCountries,
        hours: '2',
      },
      USERS.helpdesk,
    );
    assert.deepEqual(request.params, {
      kind: 'ca-exclusion',
      hours: 2,
      policyId: SCENARIO_POLICIES.blockCountries,
    });
    const validFor =
      Date.parse(request.outcome?.validUntil ?? '') - Date.parse(request.finishedAt ?? '');
    assert.ok(Math.abs(validFor - 2 * 3_600_000) < 60_000, `ends two hours later (${validFor} ms)`);
    assert.ok(
      writes().some((r) => r.path.endsWith(`/groups/${DEMO_GROUPS.caExclusions.id}/members/$ref`)),
    );
    await run(USERS.helpdesk, {
      action: 'add-sms-method',
      subjectId: FINANCE,
      phoneNumber: '+44 (0)7700 900123',
    });
    const phone = writes().find((r) =>
      r.path.endsWith(`/users/${FINANCE}/authentication/phoneMethods`),
    );
    assert.deepEqual(phone?.body, { phoneNumber: '+44 7700900123', phoneType: 'mobile' });
  });

  it('copies the members of a group chosen in the typeahead into another', async () => {
    const sources = await bot.search(USERS.helpdesk, 'groups', 'fin');
    assert.deepEqual(sources, [
      { title: 'Finance Apps Users', value: SCENARIO_GROUPS.financeAppsUsers.id },
    ]);
    const targets = await bot.search(USERS.helpdesk, 'groups', 'all s');
    assert.deepEqual(
      targets.map((t) => t.title),
      ['All Staff'],
    );
    const helpdesk = await bot.search(USERS.helpdesk, 'groups', "Helpdesk's");
    assert.deepEqual(helpdesk, [], 'a quote in the typed text is only text');
    assert.deepEqual(await bot.search(USERS.member, 'groups', 'fin'), [], 'the helpdesk only');
    const people = await bot.search(USERS.helpdesk, 'users', 'financ');
    assert.deepEqual(
      people.map((p) => p.value),
      [FINANCE],
    );

    // The helpdesk agent is the one member of the approvers group, not yet in Finance Apps Users.
    const before = writes().length;
    const result = await bot.click(USERS.helpdesk, 'request.create', {
      v: 1,
      action: 'copy-group-members',
      mode: 'run',
      sourceGroupId: DEMO_GROUPS.helpdeskApprovers.id,
      targetGroupId: sources[0].value,
      note: 'The helpdesk tests the finance apps too',
    });
    assert.match(
      textOf(result.card),
      /1 member was added to Finance Apps Users|1 members? (was|were) added/,
    );
    const added = writes().slice(before);
    assert.equal(added.length, 1, `one member added: ${textOf(result.card)}`);
    assert.ok(
      added[0].path.includes(`/groups/${SCENARIO_GROUPS.financeAppsUsers.id}`),
      added[0].path,
    );
    const copy = await latest('copy-group-members');
    assert.equal(copy.subject.name, 'Finance Apps Users');
    assert.deepEqual(copy.params, {
      kind: 'copy-group-members',
      sourceGroupId: DEMO_GROUPS.helpdeskApprovers.id,
    });
  });

  it('refuses out-of-range and forged values with a card, writes nothing and audits each', async () => {
    const before = writes().length;
    const attempts: Array<[Record<string, unknown>, RegExp]> = [
      [
        {
          action: 'ca-exclusion',
          subjectId: DEMO_USERS.member.id,
          targetId: SCENARIO_POLICIES.blockCountries,
          hours: '500',
        },
        /whole number of hours, from 1 to 72/,
      ],
      [
        { action: 'issue-tap', subjectId: DEMO_USERS.member.id, lifetimeMinutes: '20' },
        /allows a Temporary Access Pass of 60 to 480 minutes; 20 minutes/,
      ],
      [
        { action: 'add-sms-method', subjectId: DEMO_USERS.member.id, phoneNumber: '0770 912345' },
        /must start with \+ and the country code/,
      ],
      [
        {
          action: 'ca-exclusion',
          subjectId: DEMO_USERS.member.id,
          targetId: SCENARIO_POLICIES.mfaAdmins,
          hours: '1',
        },
        /Nobody is excluded from this policy/,
      ],
      [
        {
          action: 'copy-group-members',
          sourceGroupId: DEMO_GROUPS.allStaff.id,
          targetGroupId: DEMO_GROUPS.helpdeskApprovers.id,
        },
        /cannot be copied into that group/,
      ],
    ];
    for (const [data, message] of attempts) {
      const asker = data.action === 'copy-group-members' ? USERS.helpdesk : USERS.member;
      const result = await bot.click(asker, 'request.create', { v: 1, ...data });
      assert.match(result.line ?? '', message, JSON.stringify(data));
      const refusal = await bot.connector.waitFor(
        (a) => a.method === 'POST' && message.test(cardText(a.activity)),
      );
      assert.match(cardText(refusal.activity), /cannot|Something is missing/);
    }
    // A value of the wrong form never reaches the domain: the card is refused as changed.
    const forged = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'ca-exclusion',
      subjectId: DEMO_USERS.member.id,
      hours: '2; DROP',
    });
    assert.match(textOf(forged.card), /out of date or was changed/);
    assert.equal(writes().length, before, 'nothing was written to the tenant');
    const audit = await bot.remediation.audit.recent(50);
    const refused = audit.filter((e) => e.event === 'refused' && e.requestId === undefined);
    assert.ok(refused.length >= attempts.length, `${refused.length} refusals audited`);
    assert.ok(refused.some((e) => /500|hours/.test(e.summary)));
    assert.ok(
      refused.every((e) => !e.summary.includes('912345')),
      refused.map((e) => e.summary).join(' | '),
    );
  });
});
