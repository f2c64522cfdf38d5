import assert from 'node:assert/strict';
import {
  ADMIN_COMMANDS,
  parseAdminCommand,
  resolveAsk,
  type DirectoryLookup,
} from '../../src/remediation/admin-changes/ask';
import { buildAdminParams } from '../../src/remediation/admin-changes/params';
import { parsePhoneRows } from '../../src/remediation/admin-changes/phone-rows';
import { authorizeCreate } from '../../src/remediation/authorize';
import { createRemediationPolicy, groupsToCheck } from '../../src/remediation/policy';

const HELPDESK = 'aaaaaaaa-0000-4000-8000-000000000001';
const ADMINS = 'aaaaaaaa-0000-4000-8000-000000000002';
const GROUP = 'bbbbbbbb-0000-4000-8000-000000000003';
const POLICY = 'cccccccc-0000-4000-8000-000000000004';
const PERSON = 'dddddddd-0000-4000-8000-000000000005';

describe('guided admin changes: rules', () => {
  const policy = createRemediationPolicy({ helpdeskGroupId: HELPDESK, adminGroupId: ADMINS });

  it('are approved by the admin group only, and never self-service', () => {
    assert.deepEqual(policy.approverGroupIds['tap-policy'], [ADMINS]);
    assert.deepEqual(policy.approverGroupIds['policy-exclusion'], [ADMINS]);
    assert.deepEqual(
      policy.approverGroupIds['issue-tap'],
      [HELPDESK],
      'fixes stay with the helpdesk',
    );
    assert.ok(!policy.selfServiceKinds.includes('policy-exclusion'));
    assert.ok(groupsToCheck(policy).includes(ADMINS));
    const none = createRemediationPolicy({ helpdeskGroupId: HELPDESK });
    assert.deepEqual(none.approverGroupIds['tap-policy'], [], 'no admin group: nobody approves');
  });

  it('may be asked for by helpdesk or admin members, by nobody else', () => {
    const ask = (groupIds: string[], kind: 'tap-policy' | 'policy-exclusion', subjectId: string) =>
      authorizeCreate({
        actor: { id: PERSON, groupIds },
        kind,
        subjectId,
        mode: 'request',
        policy,
      });
    assert.equal(ask([HELPDESK], 'tap-policy', 'tenant').allowed, true);
    assert.equal(ask([ADMINS], 'tap-policy', 'tenant').allowed, true);
    const member = ask([], 'policy-exclusion', PERSON);
    assert.equal(member.allowed, false, 'not even for oneself');
    assert.equal(!member.allowed && member.reason, 'not-self-service');
  });
});

describe('guided admin changes: inputs', () => {
  it('validates pass lifetimes and the subject of each change', () => {
    assert.equal(
      buildAdminParams('tap-policy', 'tenant', undefined, { defaultLifetimeMinutes: 5 }).ok,
      false,
    );
    const inverted = buildAdminParams('tap-policy', 'tenant', undefined, {
      defaultLifetimeMinutes: 600,
      maximumLifetimeMinutes: 120,
    });
    assert.equal(
      !inverted.ok && inverted.problem,
      'The default lifetime cannot be longer than the maximum.',
    );
    assert.equal(
      buildAdminParams('tap-policy', PERSON, undefined, {}).ok,
      false,
      'a tenant change',
    );
    assert.equal(
      buildAdminParams('sms-sign-in', 'tenant', undefined, {}).ok,
      false,
      'needs a group',
    );
    assert.equal(
      buildAdminParams('guest-access-review', 'tenant', undefined, { inactiveDays: 7 }).ok,
      false,
    );
    const review = buildAdminParams('guest-access-review', 'tenant', undefined, {});
    assert.deepEqual(review.ok && review.params, { kind: 'guest-access-review', inactiveDays: 90 });
    assert.equal(
      buildAdminParams('policy-exclusion', PERSON, POLICY, {}).ok,
      false,
      'add or remove?',
    );
    const exclusion = buildAdminParams('policy-exclusion', PERSON, POLICY, { operation: 'remove' });
    assert.deepEqual(exclusion.ok && exclusion.params, {
      kind: 'policy-exclusion',
      policyId: POLICY,
      operation: 'remove',
    });
  });

  it('reads a bulk phone list line by line, keeping the good lines', () => {
    const result = parsePhoneRows(
      [
        'UserPrincipalName;Mobile phone',
        'ann@contoso.example; +44 (0)7700 900123',
        'bob@contoso.example,0044 7700',
        'not a name,+1 206 555 0100',
        '',
        'ANN@contoso.example,+33 612345678',
        `${PERSON},+1-206-555-0100`,
        'carl@contoso.example,+1 206 555 0101,extra',
        'dora@contoso.example',
      ].join('\n'),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.rows, [
      { line: 2, user: 'ann@contoso.example', phoneNumber: '+44 7700900123' },
      { line: 7, user: PERSON, phoneNumber: '+1 2065550100' },
    ]);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.problem.slice(0, 30)]),
      [
        [3, 'The number must start with + a'],
        [4, 'the first column must be a sig'],
        [6, 'the same person is on line 2'],
        [8, 'expected two columns: the pers'],
        [9, 'no phone number'],
      ],
    );
  });

  it('refuses a list too long or unreadable, and accepts none at all', () => {
    const long = Array.from(
      { length: 201 },
      (_, i) => `p${i}@contoso.example,+44 7700 9${String(i).padStart(5, '0')}`,
    );
    assert.equal(parsePhoneRows(long.join('\n')).ok, false);
    assert.equal(parsePhoneRows('a@contoso.example,"+44 7700').ok, false, 'an open quote');
    assert.deepEqual(parsePhoneRows('  \n'), { ok: true, rows: [], problems: [] });
  });
});

describe('guided admin changes: commands', () => {
  it('reads each command, and says how to write one it cannot read', () => {
    const tap = parseAdminCommand('tap policy multi-use default 120 max 480');
    assert.deepEqual(tap.ok && tap.ask.inputs, {
      defaultLifetimeMinutes: 120,
      maximumLifetimeMinutes: 480,
    });
    const app = parseAdminCommand('Show app and location for  Front Line  Staff');
    assert.equal(app.ok && app.ask.group, 'Front Line Staff');
    const sms = parseAdminCommand(
      'sms sign-in for Front Line:\r\nann@contoso.example,+44 7700 900123',
    );
    assert.equal(sms.ok && sms.ask.group, 'Front Line');
    assert.equal(sms.ok && sms.ask.inputs.csv, 'ann@contoso.example,+44 7700 900123');
    const review = parseAdminCommand('guest review 120 days');
    assert.equal(review.ok && review.ask.inputs.inactiveDays, 120);
    const exclusion = parseAdminCommand('exclusion remove ann@contoso.example from CA006');
    assert.deepEqual(
      exclusion.ok && [exclusion.ask.person, exclusion.ask.policy, exclusion.ask.inputs.operation],
      ['ann@contoso.example', 'CA006', 'remove'],
    );
    const bad = parseAdminCommand('tap policy please');
    assert.match(!bad.ok ? bad.problem : '', /^Write it as: tap policy multi-use/);
    // Two words do not file a tenant-wide change: the command is explained instead.
    const bare = parseAdminCommand('tap policy');
    assert.match(
      !bare.ok ? bare.problem : '',
      /^Write it as: tap policy multi-use \[default MINUTES\]/,
    );
    for (const usage of ADMIN_COMMANDS) assert.doesNotMatch(usage, /[<>]/);
  });

  it('looks up the names a command gives, and passes on what it could not find', async () => {
    const lookup: DirectoryLookup = {
      findGroup: async (name) =>
        name === 'Front Line'
          ? { ok: true, id: GROUP, name }
          : { ok: false, problem: `no group ${name}` },
      findUser: async (upn) => ({ ok: true, id: PERSON, name: upn }),
      findPolicy: async () => ({ ok: false, problem: 'no such policy' }),
    };
    const sms = await resolveAsk({ kind: 'sms-sign-in', group: 'Front Line', inputs: {} }, lookup);
    assert.deepEqual(sms.ok && [sms.subjectId, sms.kind], [GROUP, 'sms-sign-in']);
    const everyone = await resolveAsk({ kind: 'authenticator-context', inputs: {} }, lookup);
    assert.deepEqual(everyone.ok && [everyone.subjectId, everyone.inputs], ['tenant', {}]);
    const unknown = await resolveAsk(
      { kind: 'policy-exclusion', person: 'a@b.example', policy: 'X', inputs: {} },
      lookup,
    );
    assert.equal(!unknown.ok && unknown.problem, 'no such policy');
  });
});
